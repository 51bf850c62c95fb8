-- sync_push kinds of the leader route: volunteer_candidacy (an employee) and the DX division's five
-- certification decisions (supabase/README.md, "Certification decisions").

create function private.push_volunteer_candidacy(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  fy integer;
  current_fy integer := private.fiscal_year_of(private.tokyo_today());
  p public.profiles;
begin
  perform private.arg_check_keys(args, array['fiscal_year']);
  fy := private.arg_int(args, 'fiscal_year');
  if fy not in (current_fy, current_fy + 1) then
    perform private.reject('DXP060', pg_catalog.format(
      'リーダー候補に申し出られるのは今年度（%s年度）または来年度（%s年度）です。年度を選び直してください。', current_fy, current_fy + 1));
  end if;
  select * into strict p from public.profiles where id = auth.uid() for update;
  if exists (select 1 from public.certifications as c where c.employee_id = p.id and c.revoked_at is null) then
    perform private.reject('DXP062', 'すでに DX推進リーダーに認定されています。');
  end if;
  if p.leader_candidacy_fy is not null and p.leader_candidacy_fy >= current_fy then
    perform private.reject('DXP061', pg_catalog.format(
      'すでに %s年度の DX推進リーダー候補です。', p.leader_candidacy_fy));
  end if;
  update public.profiles
    set leader_candidacy_fy = fy, leader_candidacy_method = 'volunteered'
    where id = p.id
    returning * into p;
  return private.row_json(p);
end
$$;

revoke execute on function private.push_volunteer_candidacy(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('volunteer_candidacy', 'private.push_volunteer_candidacy(jsonb)');

create function private.require_dx_admin_decision() returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.is_dx_admin() then
    perform private.reject('DXP080', '認定に関する判断は DX推進課の職員だけが行えます。');
  end if;
end
$$;

-- The employee a decision is about, locked: decisions about one employee apply one at a time.
create function private.decision_subject(args jsonb) returns public.profiles
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.profiles;
begin
  select * into p from public.profiles where id = private.arg_uuid(args, 'employee_id') for update;
  if not found then
    perform private.reject('DXP081', '職員が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  return p;
end
$$;

create function private.decision_reason(args jsonb) returns text
language plpgsql
set search_path = ''
as $$
declare
  reason text := private.arg_text(args, 'reason', 1000);
begin
  if pg_catalog.btrim(reason) = '' then
    perform private.reject('DXP088', '理由を入力してください。理由は本人に表示されます。');
  end if;
  return pg_catalog.btrim(reason);
end
$$;

create function private.record_decision(
  employee uuid, decision text, fiscal_year integer, certification uuid, reason text
) returns public.certification_decisions
language plpgsql
security definer
set search_path = ''
as $$
declare
  d public.certification_decisions;
begin
  insert into public.certification_decisions (employee_id, decision, fiscal_year, certification_id, reason, decided_by)
  values (employee, decision, fiscal_year, certification, reason, auth.uid())
  returning * into d;
  return d;
end
$$;

-- approve_certification {employee_id, fiscal_year?}: every rule but the approval itself must be met
-- now; the approval date (Asia/Tokyo) sets the fiscal year the leader counts toward. fiscal_year,
-- when given, is the year the DX division meant: an approval queued offline on 31 March that arrives
-- on 1 April is refused (DXP087) rather than counted toward a year nobody chose.
create function private.push_approve_certification(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.profiles;
  meant integer;
  fy integer := private.fiscal_year_of(private.tokyo_today());
  missing text;
  c public.certifications;
  d public.certification_decisions;
begin
  perform private.require_dx_admin_decision();
  perform private.arg_check_keys(args, array['employee_id', 'fiscal_year']);
  meant := private.arg_int(args, 'fiscal_year', false);
  p := private.decision_subject(args);
  if exists (select 1 from public.certifications as x where x.employee_id = p.id and x.revoked_at is null) then
    perform private.reject('DXP083', 'この職員はすでに DX推進リーダーに認定されています。');
  end if;
  if meant is not null and meant <> fy then
    perform private.reject('DXP087', pg_catalog.format(
      '認定日の年度（%s年度）が指定の年度（%s年度）と異なります。年度を確認してから、もう一度認定してください。', fy, meant));
  end if;
  select string_agg(cr.name, '、' order by r.sort_order) into missing
    from private.candidate_rules(p.id) as r join public.certification_rules as cr on cr.code = r.rule_code
    where r.kind <> 'division_approval' and not r.met;
  if missing is not null then
    perform private.reject('DXP082', pg_catalog.format(
      '認定の要件を満たしていません（%s）。要件を満たしてから認定してください。', missing));
  end if;
  insert into public.certifications (employee_id, fiscal_year, approved_by)
  values (p.id, fy, auth.uid())
  returning * into c;
  d := private.record_decision(p.id, 'approved', fy, c.id, null);
  perform private.write_audit('approve_certification', 'certifications', c.id::text,
    pg_catalog.jsonb_build_object('employee_id', p.id, 'fiscal_year', fy, 'decision_id', d.id));
  return private.row_json(c);
end
$$;

-- return_candidate {employee_id, reason}: sends a candidate back (差戻し) with the reason; the
-- candidacy stays, so they can meet what is missing and be approved later.
create function private.push_return_candidate(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.profiles;
  why text;
  d public.certification_decisions;
begin
  perform private.require_dx_admin_decision();
  perform private.arg_check_keys(args, array['employee_id', 'reason']);
  why := private.decision_reason(args);
  p := private.decision_subject(args);
  if p.leader_candidacy_fy is null
     or exists (select 1 from public.certifications as x where x.employee_id = p.id and x.revoked_at is null) then
    perform private.reject('DXP085', 'この職員は DX推進リーダー候補ではありません。一覧を更新してください。');
  end if;
  d := private.record_decision(p.id, 'returned', p.leader_candidacy_fy, null, why);
  perform private.write_audit('return_candidate', 'profiles', p.id::text,
    pg_catalog.jsonb_build_object('reason', why, 'fiscal_year', p.leader_candidacy_fy, 'decision_id', d.id));
  return private.row_json(d);
end
$$;

-- revoke_certification {certification_id, reason}
create function private.push_revoke_certification(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  cid uuid;
  why text;
  c public.certifications;
  d public.certification_decisions;
begin
  perform private.require_dx_admin_decision();
  perform private.arg_check_keys(args, array['certification_id', 'reason']);
  cid := private.arg_uuid(args, 'certification_id');
  why := private.decision_reason(args);
  select * into c from public.certifications where id = cid for update;
  if not found or c.revoked_at is not null then
    perform private.reject('DXP084', '取り消せる認定が見つかりません（すでに取り消されている可能性があります）。一覧を更新してください。');
  end if;
  update public.certifications set revoked_at = pg_catalog.now(), revoked_reason = why where id = c.id
    returning * into c;
  d := private.record_decision(c.employee_id, 'revoked', c.fiscal_year, c.id, why);
  perform private.write_audit('revoke_certification', 'certifications', c.id::text,
    pg_catalog.jsonb_build_object('employee_id', c.employee_id, 'reason', why, 'decision_id', d.id));
  return private.row_json(c);
end
$$;

-- nominate_candidate {employee_id, fiscal_year} (指名): for the current or the next fiscal year.
create function private.push_nominate_candidate(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.profiles;
  fy integer;
  current_fy integer := private.fiscal_year_of(private.tokyo_today());
  d public.certification_decisions;
begin
  perform private.require_dx_admin_decision();
  perform private.arg_check_keys(args, array['employee_id', 'fiscal_year']);
  fy := private.arg_int(args, 'fiscal_year');
  if fy not in (current_fy, current_fy + 1) then
    perform private.reject('DXP086', pg_catalog.format(
      '指名できるのは今年度（%s年度）または来年度（%s年度）です。年度を選び直してください。', current_fy, current_fy + 1));
  end if;
  p := private.decision_subject(args);
  if exists (select 1 from public.certifications as x where x.employee_id = p.id and x.revoked_at is null) then
    perform private.reject('DXP083', 'この職員はすでに DX推進リーダーに認定されています。');
  end if;
  if p.leader_candidacy_fy is not null and p.leader_candidacy_fy >= current_fy then
    perform private.reject('DXP089', pg_catalog.format(
      'この職員はすでに %s年度の DX推進リーダー候補です。', p.leader_candidacy_fy));
  end if;
  update public.profiles set leader_candidacy_fy = fy, leader_candidacy_method = 'nominated' where id = p.id;
  d := private.record_decision(p.id, 'nominated', fy, null, null);
  perform private.write_audit('nominate_candidate', 'profiles', p.id::text,
    pg_catalog.jsonb_build_object('fiscal_year', fy, 'decision_id', d.id));
  return private.row_json(d);
end
$$;

-- acknowledge_volunteer {employee_id}: the DX division has received a volunteer's candidacy (受理).
create function private.push_acknowledge_volunteer(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.profiles;
  d public.certification_decisions;
begin
  perform private.require_dx_admin_decision();
  perform private.arg_check_keys(args, array['employee_id']);
  p := private.decision_subject(args);
  if p.leader_candidacy_method is distinct from 'volunteered'
     or exists (select 1 from public.certifications as x where x.employee_id = p.id and x.revoked_at is null) then
    perform private.reject('DXP085', 'この職員は DX推進リーダー候補に申し出ていません。一覧を更新してください。');
  end if;
  if exists (select 1 from public.certification_decisions as x
             where x.employee_id = p.id and x.decision = 'acknowledged' and x.fiscal_year = p.leader_candidacy_fy) then
    perform private.reject('DXP075', 'この申出はすでに受理しています。');
  end if;
  d := private.record_decision(p.id, 'acknowledged', p.leader_candidacy_fy, null, null);
  perform private.write_audit('acknowledge_volunteer', 'profiles', p.id::text,
    pg_catalog.jsonb_build_object('fiscal_year', p.leader_candidacy_fy, 'decision_id', d.id));
  return private.row_json(d);
end
$$;

insert into private.mutation_kinds (kind, handler) values
  ('approve_certification', 'private.push_approve_certification(jsonb)'),
  ('return_candidate', 'private.push_return_candidate(jsonb)'),
  ('revoke_certification', 'private.push_revoke_certification(jsonb)'),
  ('nominate_candidate', 'private.push_nominate_candidate(jsonb)'),
  ('acknowledge_volunteer', 'private.push_acknowledge_volunteer(jsonb)');

do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_catalog.pg_proc as p
    where p.pronamespace = 'private'::regnamespace and p.proname in (
      'require_dx_admin_decision', 'decision_subject', 'decision_reason', 'record_decision',
      'push_approve_certification', 'push_return_candidate', 'push_revoke_certification',
      'push_nominate_candidate', 'push_acknowledge_volunteer')
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;
