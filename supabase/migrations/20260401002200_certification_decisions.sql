-- Certification decisions of the DX division (認定の判断), as sync_push kinds registered in
-- private.mutation_kinds: approve_certification, return_candidate, revoke_certification,
-- nominate_candidate, acknowledge_volunteer. Each is dx_admin-only (DXP080), re-checks what it
-- decides on in SQL (approval re-evaluates every certification rule: DXP082 names the one missing),
-- is audited through private.write_audit (who, when, why), and leaves a row the employee sees in
-- their replica: certifications (approve, revoke) and certification_decisions (every decision).
-- Also the work queue, public.division_certification_queue(): candidates with every rule and its
-- evidence. Codes and arguments: supabase/README.md ("Certification decisions").

create table public.certification_decisions (
  id uuid primary key default gen_random_uuid(),
  employee_id uuid not null references public.profiles (id) on delete cascade,
  decision text not null check (decision in ('approved', 'returned', 'revoked', 'nominated', 'acknowledged')),
  fiscal_year integer check (fiscal_year between 2000 and 2100),
  certification_id uuid references public.certifications (id) on delete cascade,
  reason text check (char_length(btrim(reason)) between 1 and 1000),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id(),
  constraint certification_decisions_reason_when_needed check (decision not in ('returned', 'revoked') or reason is not null),
  constraint certification_decisions_certification_when_needed check (
    (certification_id is not null) = (decision in ('approved', 'revoked')))
);
comment on table public.certification_decisions is
  'DX推進課による認定に関する判断（認定・差戻し・取消し・指名・申出の受理）。本人に同期する / The DX division''s certification decisions (approve, return, revoke, nominate, acknowledge), replicated to the employee';
comment on column public.certification_decisions.decision is
  'approved（認定）/ returned（差戻し）/ revoked（取消し）/ nominated（指名）/ acknowledged（申出の受理） / What was decided';
comment on column public.certification_decisions.fiscal_year is
  '判断が関わる年度（認定: 計上年度、指名・受理: 候補年度） / The fiscal year concerned: counted-toward year for an approval, candidacy year otherwise';
comment on column public.certification_decisions.reason is
  '理由（差戻し・取消しでは必須。本人に表示する） / Why; required to return or revoke, shown to the employee';
comment on column public.certification_decisions._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
create index certification_decisions_employee_id_idx on public.certification_decisions (employee_id, decided_at);
create index certification_decisions_certification_id_idx on public.certification_decisions (certification_id);
create index certification_decisions_decided_by_idx on public.certification_decisions (decided_by);

create trigger certification_decisions_stamp_xid before insert or update on public.certification_decisions
  for each row execute function private.stamp_xid();
create trigger certification_decisions_record_tombstone after delete on public.certification_decisions
  for each row execute function private.record_tombstone('employee_id');
create trigger certification_decisions_sync_truncated after truncate on public.certification_decisions
  for each statement execute function private.sync_truncated();
create trigger certification_decisions_forbid_owner_change before update of employee_id on public.certification_decisions
  for each row execute function private.forbid_owner_change('employee_id');

alter table public.certification_decisions enable row level security;
create policy certification_decisions_select_own on public.certification_decisions
  for select to authenticated using (employee_id = (select auth.uid()));
create policy certification_decisions_select_dx_admin on public.certification_decisions
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.certification_decisions from anon, authenticated;

-- The replica scope gains certification_decisions (own rows): sync_pull's key and row functions of
-- 20260401000950, with that one table added.
create or replace function private.sync_change_keys(uid uuid, from_xid xid8, horizon xid8)
returns table (table_name text, row_key text, op text, xid xid8)
language sql
stable
set search_path = ''
as $$
  select 'knowledge_areas', t.code, 'upsert', t._xid
    from public.knowledge_areas as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'dx_roles', t.code, 'upsert', t._xid
    from public.dx_roles as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'role_requirements', t.role_code || ':' || t.area_code, 'upsert', t._xid
    from public.role_requirements as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'position_grades', t.code, 'upsert', t._xid
    from public.position_grades as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'departments', t.code, 'upsert', t._xid
    from public.departments as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'fiscal_year_targets', t.fiscal_year::text, 'upsert', t._xid
    from public.fiscal_year_targets as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'training_kinds', t.code, 'upsert', t._xid
    from public.training_kinds as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'certification_rules', t.code, 'upsert', t._xid
    from public.certification_rules as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'survey_templates', t.id::text, 'upsert', t._xid
    from public.survey_templates as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'trainings', t.id::text, 'upsert', t._xid
    from public.trainings as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'training_areas', t.training_id::text || ':' || t.area_code, 'upsert', t._xid
    from public.training_areas as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'training_target_roles', t.training_id::text || ':' || t.role_code, 'upsert', t._xid
    from public.training_target_roles as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'sessions', t.id::text, 'upsert', t._xid
    from public.sessions as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'profiles', t.id::text, 'upsert', t._xid
    from public.profiles as t where t.id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'registrations', t.id::text, 'upsert', t._xid
    from public.registrations as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'learning_records', t.id::text, 'upsert', t._xid
    from public.learning_records as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  -- Anonymous responses have no respondent, so they match no one.
  select 'survey_responses', t.id::text, 'upsert', t._xid
    from public.survey_responses as t where t.respondent_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'survey_submissions', t.session_id::text || ':' || t.employee_id::text, 'upsert', t._xid
    from public.survey_submissions as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'certifications', t.id::text, 'upsert', t._xid
    from public.certifications as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'certification_decisions', t.id::text, 'upsert', t._xid
    from public.certification_decisions as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  -- A tombstone of a key that exists again is not handed out: the row is the truth. Transaction ids
  -- order transactions by when they started writing, not by when they committed, so a key deleted by
  -- T2 and re-created by T1 (which began first, then waited for T2's delete) carries a tombstone
  -- newer than the row; delivering both would delete a row that exists.
  select t.table_name, t.row_key, 'delete', t._xid
    from public.sync_tombstones as t
    where (t.owner_id is null or t.owner_id = uid) and t._xid >= from_xid and t._xid < horizon
      and not coalesce(case t.table_name
        when 'knowledge_areas' then exists (select from public.knowledge_areas as x where x.code = t.row_key)
        when 'dx_roles' then exists (select from public.dx_roles as x where x.code = t.row_key)
        when 'role_requirements' then exists (select from public.role_requirements as x
          where x.role_code = pg_catalog.split_part(t.row_key, ':', 1)
            and x.area_code = pg_catalog.split_part(t.row_key, ':', 2))
        when 'position_grades' then exists (select from public.position_grades as x where x.code = t.row_key)
        when 'departments' then exists (select from public.departments as x where x.code = t.row_key)
        when 'fiscal_year_targets' then exists (select from public.fiscal_year_targets as x
          where x.fiscal_year = t.row_key::integer)
        when 'training_kinds' then exists (select from public.training_kinds as x where x.code = t.row_key)
        when 'certification_rules' then exists (select from public.certification_rules as x where x.code = t.row_key)
        when 'survey_templates' then exists (select from public.survey_templates as x where x.id = t.row_key::uuid)
        when 'trainings' then exists (select from public.trainings as x where x.id = t.row_key::uuid)
        when 'training_areas' then exists (select from public.training_areas as x
          where x.training_id = pg_catalog.split_part(t.row_key, ':', 1)::uuid
            and x.area_code = pg_catalog.split_part(t.row_key, ':', 2))
        when 'training_target_roles' then exists (select from public.training_target_roles as x
          where x.training_id = pg_catalog.split_part(t.row_key, ':', 1)::uuid
            and x.role_code = pg_catalog.split_part(t.row_key, ':', 2))
        when 'sessions' then exists (select from public.sessions as x where x.id = t.row_key::uuid)
        when 'profiles' then exists (select from public.profiles as x where x.id = t.row_key::uuid)
        when 'registrations' then exists (select from public.registrations as x where x.id = t.row_key::uuid)
        when 'learning_records' then exists (select from public.learning_records as x where x.id = t.row_key::uuid)
        when 'survey_responses' then exists (select from public.survey_responses as x where x.id = t.row_key::uuid)
        when 'survey_submissions' then exists (select from public.survey_submissions as x
          where x.session_id = pg_catalog.split_part(t.row_key, ':', 1)::uuid
            and x.employee_id = pg_catalog.split_part(t.row_key, ':', 2)::uuid)
        when 'certifications' then exists (select from public.certifications as x where x.id = t.row_key::uuid)
        when 'certification_decisions' then exists (select from public.certification_decisions as x
          where x.id = t.row_key::uuid)
      end, false)
$$;


create or replace function private.sync_row(table_name text, k text) returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  found jsonb;
begin
  case table_name
    when 'knowledge_areas' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.knowledge_areas as r
        where r.code = k;
    when 'dx_roles' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.dx_roles as r
        where r.code = k;
    when 'role_requirements' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.role_requirements as r
        where r.role_code = pg_catalog.split_part(k, ':', 1) and r.area_code = pg_catalog.split_part(k, ':', 2);
    when 'position_grades' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.position_grades as r
        where r.code = k;
    when 'departments' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.departments as r
        where r.code = k;
    when 'fiscal_year_targets' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.fiscal_year_targets as r
        where r.fiscal_year = k::integer;
    when 'training_kinds' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.training_kinds as r
        where r.code = k;
    when 'certification_rules' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.certification_rules as r
        where r.code = k;
    when 'survey_templates' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.survey_templates as r
        where r.id = k::uuid;
    when 'trainings' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.trainings as r
        where r.id = k::uuid;
    when 'training_areas' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.training_areas as r
        where r.training_id = pg_catalog.split_part(k, ':', 1)::uuid and r.area_code = pg_catalog.split_part(k, ':', 2);
    when 'training_target_roles' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.training_target_roles as r
        where r.training_id = pg_catalog.split_part(k, ':', 1)::uuid and r.role_code = pg_catalog.split_part(k, ':', 2);
    when 'sessions' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.sessions as r
        where r.id = k::uuid;
    when 'profiles' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.profiles as r
        where r.id = k::uuid;
    when 'registrations' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.registrations as r
        where r.id = k::uuid;
    when 'learning_records' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.learning_records as r
        where r.id = k::uuid;
    when 'survey_responses' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.survey_responses as r
        where r.id = k::uuid;
    when 'survey_submissions' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.survey_submissions as r
        where r.session_id = pg_catalog.split_part(k, ':', 1)::uuid and r.employee_id = pg_catalog.split_part(k, ':', 2)::uuid;
    when 'certifications' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.certifications as r
        where r.id = k::uuid;
    when 'certification_decisions' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.certification_decisions as r
        where r.id = k::uuid;
    else
      found := null;
  end case;
  return found;
end
$$;

revoke execute on function private.sync_change_keys(uuid, xid8, xid8) from public, anon, authenticated;
revoke execute on function private.sync_row(text, text) from public, anon, authenticated;

create or replace function private.require_dx_admin_decision() returns void
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
create or replace function private.decision_subject(args jsonb) returns public.profiles
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

create or replace function private.decision_reason(args jsonb) returns text
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

create or replace function private.record_decision(
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
create or replace function private.push_approve_certification(args jsonb) returns jsonb
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
create or replace function private.push_return_candidate(args jsonb) returns jsonb
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
create or replace function private.push_revoke_certification(args jsonb) returns jsonb
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
create or replace function private.push_nominate_candidate(args jsonb) returns jsonb
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
create or replace function private.push_acknowledge_volunteer(args jsonb) returns jsonb
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

-- The work queue: every candidate without an active certification, each rule met or not, and the
-- evidence behind it (records per area, e-learning, workshops with or without their survey).
create or replace function private.division_certification_queue() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  perform private.require_dx_admin();
  -- Set-based: the evidence of every candidate is grouped once, then joined, never looked up per candidate.
  with progress as materialized (
    select r.employee_id, (count(*) filter (where r.met))::integer as steps_met, count(*)::integer as steps_total,
      coalesce(bool_and(r.met) filter (where r.kind <> 'division_approval'), true) as ready,
      jsonb_agg(jsonb_build_object('code', r.rule_code, 'kind', r.kind, 'met', r.met) order by r.sort_order) as rules
    from private.candidate_rules() as r group by r.employee_id
  ), area_counts as (
    select l.employee_id, l.area_code, count(*)::integer as records, max(l.completed_on) as last_on
    from public.learning_records as l
    where l.employee_id in (select g.employee_id from progress as g)
    group by l.employee_id, l.area_code
  ), areas as (
    select g.employee_id, jsonb_agg(jsonb_build_object('area_code', ka.code, 'records', coalesce(a.records, 0),
        'last_completed_on', a.last_on) order by ka.sort_order) as list
    from progress as g cross join public.knowledge_areas as ka
    left join area_counts as a on a.employee_id = g.employee_id and a.area_code = ka.code
    group by g.employee_id
  ), trainings as (
    select r.employee_id, jsonb_agg(jsonb_build_object(
        'session_id', s.id, 'training_id', t.id, 'title', t.title, 'kind', t.kind, 'fiscal_year', t.fiscal_year,
        'checked_in_at', r.checked_in_at, 'survey_submitted', ss.session_id is not null)
      order by r.checked_in_at, s.id) as list
    from public.registrations as r
    join public.sessions as s on s.id = r.session_id
    join public.trainings as t on t.id = s.training_id
    left join public.survey_submissions as ss on ss.session_id = r.session_id and ss.employee_id = r.employee_id
    where r.status = 'attended' and r.employee_id in (select g.employee_id from progress as g)
    group by r.employee_id
  ), last_decision as (
    select distinct on (d.employee_id) d.employee_id,
      jsonb_build_object('decision', d.decision, 'reason', d.reason, 'decided_at', d.decided_at) as decision
    from public.certification_decisions as d
    where d.employee_id in (select g.employee_id from progress as g)
    order by d.employee_id, d.decided_at desc, d.id
  )
  select jsonb_build_object(
    'as_of', private.tokyo_today(),
    'candidates', coalesce(jsonb_agg(jsonb_build_object(
        'employee_id', p.id, 'employee_number', p.employee_number, 'full_name', p.full_name,
        'department_code', p.department_code, 'position_grade_code', p.position_grade_code,
        'fiscal_year', p.leader_candidacy_fy, 'method', p.leader_candidacy_method,
        'ready', g.ready, 'steps_met', g.steps_met, 'steps_total', g.steps_total,
        'rules', g.rules,
        'evidence', jsonb_build_object('areas', a.list, 'trainings', coalesce(t.list, '[]'::jsonb)),
        'last_decision', ld.decision
      ) order by g.ready desc, g.steps_met desc, p.employee_number), '[]'::jsonb))
  into result
  from progress as g
  join public.profiles as p on p.id = g.employee_id
  join areas as a on a.employee_id = g.employee_id
  left join trainings as t on t.employee_id = g.employee_id
  left join last_decision as ld on ld.employee_id = g.employee_id;
  return result;
end
$$;
comment on function private.division_certification_queue() is
  '認定の作業一覧（候補者ごとの要件と根拠） / The certification work queue: each candidate''s rules and evidence';

create or replace function public.division_certification_queue() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_certification_queue() $$;
comment on function public.division_certification_queue() is
  '認定の作業一覧（DX推進課のみ） / The certification work queue (DX division only)';

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
revoke execute on function private.division_certification_queue() from public, anon;
grant execute on function private.division_certification_queue() to authenticated, service_role;
revoke execute on function public.division_certification_queue() from public, anon;
grant execute on function public.division_certification_queue() to authenticated, service_role;
