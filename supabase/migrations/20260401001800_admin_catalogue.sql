-- The DX division edits the catalogue and the organisation through sync_push (supabase/README.md,
-- "Kinds"): trainings with their areas and target roles, sessions (a capacity increase promotes the
-- waitlist in order; a reduction below the seats taken is refused), cancellations, departments and
-- position grades. Every kind is dx_admin only (private.require_dx_admin_action) and audited.

create function private.arg_text_array(args jsonb, name text) returns text[]
language plpgsql
set search_path = ''
as $$
begin
  if jsonb_typeof(args -> name) is distinct from 'array'
     or exists (select 1 from jsonb_array_elements(args -> name) as e where jsonb_typeof(e) <> 'string') then
    perform private.arg_bad(name);
  end if;
  return array(select distinct e from jsonb_array_elements_text(args -> name) as e order by e);
end
$$;

create function private.arg_bool(args jsonb, name text) returns boolean
language plpgsql
set search_path = ''
as $$
begin
  if jsonb_typeof(args -> name) is distinct from 'boolean' then
    perform private.arg_bad(name);
  end if;
  return (args -> name)::boolean;
end
$$;

create function private.push_save_training(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  tid uuid;
  t public.trainings;
  v_kind text;
  v_title text;
  v_description text;
  v_fy integer;
  v_delivery text;
  v_template uuid;
  areas text[];
  roles text[];
  existed boolean;
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['id', 'kind', 'title', 'description', 'fiscal_year', 'delivery',
    'area_codes', 'target_roles', 'survey_template_id']);
  tid := private.arg_uuid(args, 'id');
  v_kind := private.arg_text(args, 'kind', 40);
  v_title := pg_catalog.btrim(private.arg_text(args, 'title', 200));
  v_description := private.arg_text(args, 'description', 4000);
  v_fy := private.arg_int(args, 'fiscal_year');
  v_delivery := private.arg_text(args, 'delivery', 20);
  v_template := private.arg_uuid(args, 'survey_template_id', false);
  areas := private.arg_text_array(args, 'area_codes');
  roles := private.arg_text_array(args, 'target_roles');
  if v_title = '' then
    perform private.reject('DXP015', '研修名を入力してください。');
  end if;
  if v_fy not between 2000 and 2100 then
    perform private.reject('DXP015', '年度は 2000〜2100 の範囲で入力してください。');
  end if;
  if v_delivery not in ('in_person', 'video', 'online') then
    perform private.reject('DXP015', '実施方法は「集合」「動画」「オンライン」から選んでください。');
  end if;
  if coalesce(pg_catalog.array_length(areas, 1), 0) = 0 then
    perform private.reject('DXP015', '知識分野を 1 つ以上選んでください。');
  end if;
  if not exists (select 1 from public.training_kinds as k where k.code = v_kind)
     or exists (select 1 from pg_catalog.unnest(areas) as a (code)
                where not exists (select 1 from public.knowledge_areas as ka where ka.code = a.code))
     or exists (select 1 from pg_catalog.unnest(roles) as r (code)
                where not exists (select 1 from public.dx_roles as dr where dr.code = r.code))
     or (v_template is not null and not exists (select 1 from public.survey_templates as st where st.id = v_template)) then
    perform private.reject('DXP112', '指定した研修区分・知識分野・対象・アンケートが見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;

  select * into t from public.trainings where id = tid for update;
  existed := found;
  if existed then
    -- Only a real change is written, so saving an unchanged form leaves the row (and its _xid) alone.
    update public.trainings as tr
      set kind = v_kind, title = v_title, description = v_description, fiscal_year = v_fy,
          delivery = v_delivery, survey_template_id = v_template
      where tr.id = tid
        and (tr.kind, tr.title, tr.description, tr.fiscal_year, tr.delivery, tr.survey_template_id)
            is distinct from (v_kind, v_title, v_description, v_fy, v_delivery, v_template);
  else
    insert into public.trainings (id, kind, title, description, fiscal_year, delivery, survey_template_id)
      values (tid, v_kind, v_title, v_description, v_fy, v_delivery, v_template);
  end if;
  delete from public.training_areas as ta where ta.training_id = tid and not (ta.area_code = any (areas));
  insert into public.training_areas (training_id, area_code)
    select tid, a.code from pg_catalog.unnest(areas) as a (code) on conflict do nothing;
  delete from public.training_target_roles as tr where tr.training_id = tid and not (tr.role_code = any (roles));
  insert into public.training_target_roles (training_id, role_code)
    select tid, r.code from pg_catalog.unnest(roles) as r (code) on conflict do nothing;

  perform private.write_audit(case when existed then 'update_training' else 'create_training' end,
    'trainings', tid::text, pg_catalog.jsonb_build_object('title', v_title, 'areas', areas, 'target_roles', roles));
  select * into t from public.trainings where id = tid;
  return private.row_json(t);
end
$$;

create function private.push_save_session(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  tid uuid;
  s public.sessions;
  v_starts timestamptz;
  v_ends timestamptz;
  v_venue text;
  v_url text;
  v_capacity integer;
  v_facilitator uuid;
  v_deadline timestamptz;
  taken integer;
  existed boolean;
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['id', 'training_id', 'starts_at', 'ends_at', 'venue', 'online_url',
    'capacity', 'facilitator_id', 'registration_deadline']);
  sid := private.arg_uuid(args, 'id');
  tid := private.arg_uuid(args, 'training_id');
  v_starts := private.arg_timestamptz(args, 'starts_at');
  v_ends := private.arg_timestamptz(args, 'ends_at');
  v_venue := nullif(pg_catalog.btrim(private.arg_text(args, 'venue', 200, false)), '');
  v_url := nullif(pg_catalog.btrim(private.arg_text(args, 'online_url', 2000, false)), '');
  v_capacity := private.arg_int(args, 'capacity');
  v_facilitator := private.arg_uuid(args, 'facilitator_id', false);
  v_deadline := private.arg_timestamptz(args, 'registration_deadline');
  if v_ends <= v_starts then
    perform private.reject('DXP015', '終了日時は開始日時より後にしてください。');
  end if;
  if v_deadline > v_starts then
    perform private.reject('DXP015', '申込みの締切は開始日時までにしてください。');
  end if;
  if v_capacity not between 1 and 10000 then
    perform private.reject('DXP015', '定員は 1〜10000 人で入力してください。');
  end if;
  if v_url is not null and v_url !~ '^https://[^[:space:]]+$' then
    perform private.reject('DXP015', 'オンラインの URL は https:// で始まるものを入力してください。');
  end if;
  if not exists (select 1 from public.trainings as t where t.id = tid) then
    perform private.reject('DXP111', '研修が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if v_facilitator is not null and not exists (
    select 1 from public.profiles as p where p.id = v_facilitator and p.left_on is null) then
    perform private.reject('DXP112', '指定した運営者が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;

  select * into s from public.sessions where id = sid for update;
  existed := found;
  if existed then
    if s.training_id <> tid then
      perform private.reject('DXP115', 'この日程の研修は変更できません。新しい日程として追加してください。');
    end if;
    if s.status = 'cancelled' then
      perform private.reject('DXP113', 'この日程はすでに中止されているため、変更できません。');
    end if;
    select count(*) into taken from public.registrations as r
      where r.session_id = sid and r.status in ('confirmed', 'attended');
    if v_capacity < taken then
      perform private.reject('DXP110', pg_catalog.format(
        '定員を %s 人にはできません。すでに %s 人の参加が確定しています（出席済みを含む）。%s 人以上で入力してください。',
        v_capacity, taken, taken));
    end if;
    update public.sessions as x
      set starts_at = v_starts, ends_at = v_ends, venue = v_venue, online_url = v_url, capacity = v_capacity,
          facilitator_id = v_facilitator, registration_deadline = v_deadline
      where x.id = sid
        and (x.starts_at, x.ends_at, x.venue, x.online_url, x.capacity, x.facilitator_id, x.registration_deadline)
            is distinct from (v_starts, v_ends, v_venue, v_url, v_capacity, v_facilitator, v_deadline);
    if v_capacity > s.capacity then
      -- New seats go to the waitlist in its order, as a cancellation's seat does.
      perform private.fill_seats(sid);
    end if;
  else
    insert into public.sessions (id, training_id, starts_at, ends_at, venue, online_url, capacity, facilitator_id,
                                 registration_deadline)
      values (sid, tid, v_starts, v_ends, v_venue, v_url, v_capacity, v_facilitator, v_deadline);
  end if;
  perform private.write_audit(case when existed then 'update_session' else 'create_session' end,
    'sessions', sid::text, pg_catalog.jsonb_build_object('training_id', tid, 'capacity', v_capacity,
      'previous_capacity', s.capacity));
  select * into s from public.sessions where id = sid;
  return private.row_json(s);
end
$$;

create function private.push_cancel_session(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  v_reason text;
  s public.sessions;
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['session_id', 'reason']);
  sid := private.arg_uuid(args, 'session_id');
  v_reason := pg_catalog.btrim(private.arg_text(args, 'reason', 500));
  if v_reason = '' then
    perform private.reject('DXP015', '中止の理由を入力してください。');
  end if;
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP113', 'この日程はすでに中止されています。');
  end if;
  -- Registrations stay as they are: the employees' screens show them as 中止 from the session's status.
  update public.sessions set status = 'cancelled' where id = sid;
  perform private.write_audit('cancel_session', 'sessions', sid::text,
    pg_catalog.jsonb_build_object('reason', v_reason));
  select * into s from public.sessions where id = sid;
  return private.row_json(s);
end
$$;

create function private.push_save_department(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_code text;
  v_name text;
  v_division text;
  v_uses boolean;
  v_order integer;
  d public.departments;
  existed boolean;
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['code', 'name', 'division_name', 'uses_information_systems', 'sort_order']);
  v_code := private.arg_text(args, 'code', 40);
  v_name := pg_catalog.btrim(private.arg_text(args, 'name', 100));
  v_division := pg_catalog.btrim(private.arg_text(args, 'division_name', 100));
  v_uses := private.arg_bool(args, 'uses_information_systems');
  v_order := private.arg_int(args, 'sort_order');
  if v_code !~ '^[a-z][a-z0-9_]{1,39}$' then
    perform private.reject('DXP015', 'コードは半角英小文字で始まる英数字と _ で入力してください（2〜40 字）。');
  end if;
  if v_name = '' or v_division = '' then
    perform private.reject('DXP015', '課等の名前と部の名前を入力してください。');
  end if;
  if v_order < 1 then
    perform private.reject('DXP015', '並び順は 1 以上で入力してください。');
  end if;
  if exists (select 1 from public.departments as x where x.sort_order = v_order and x.code <> v_code) then
    perform private.reject('DXP015', 'この並び順はほかの課等が使っています。別の番号を入力してください。');
  end if;
  if exists (select 1 from public.departments as x
             where x.division_name = v_division and x.name = v_name and x.code <> v_code) then
    perform private.reject('DXP015', '同じ部に同じ名前の課等があります。');
  end if;
  -- The code is the key: an existing one is edited in place, never renamed (profiles refer to it).
  select * into d from public.departments where code = v_code for update;
  existed := found;
  if existed then
    update public.departments as x
      set name = v_name, division_name = v_division, uses_information_systems = v_uses, sort_order = v_order
      where x.code = v_code
        and (x.name, x.division_name, x.uses_information_systems, x.sort_order)
            is distinct from (v_name, v_division, v_uses, v_order);
  else
    insert into public.departments (code, name, division_name, uses_information_systems, sort_order)
      values (v_code, v_name, v_division, v_uses, v_order);
  end if;
  perform private.write_audit(case when existed then 'update_department' else 'create_department' end,
    'departments', v_code, pg_catalog.jsonb_build_object('name', v_name, 'division_name', v_division));
  select * into d from public.departments where code = v_code;
  return pg_catalog.to_jsonb(d) - '_xid';
end
$$;

create function private.push_save_position_grade(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_code text;
  v_name text;
  v_rank integer;
  v_supervisory boolean;
  g public.position_grades;
  existed boolean;
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['code', 'name', 'rank', 'supervisory']);
  v_code := private.arg_text(args, 'code', 40);
  v_name := pg_catalog.btrim(private.arg_text(args, 'name', 50));
  v_rank := private.arg_int(args, 'rank');
  v_supervisory := private.arg_bool(args, 'supervisory');
  if v_code !~ '^[a-z][a-z0-9_]{1,39}$' then
    perform private.reject('DXP015', 'コードは半角英小文字で始まる英数字と _ で入力してください（2〜40 字）。');
  end if;
  if v_name = '' then
    perform private.reject('DXP015', '職位の名前を入力してください。');
  end if;
  if v_rank < 1 then
    perform private.reject('DXP015', '順位は 1 以上で入力してください。');
  end if;
  if exists (select 1 from public.position_grades as x where (x.rank = v_rank or x.name = v_name) and x.code <> v_code) then
    perform private.reject('DXP015', 'この名前または順位はほかの職位が使っています。');
  end if;
  select * into g from public.position_grades where code = v_code for update;
  existed := found;
  if existed then
    update public.position_grades as x
      set name = v_name, rank = v_rank, supervisory = v_supervisory
      where x.code = v_code and (x.name, x.rank, x.supervisory) is distinct from (v_name, v_rank, v_supervisory);
  else
    insert into public.position_grades (code, name, rank, supervisory) values (v_code, v_name, v_rank, v_supervisory);
  end if;
  perform private.write_audit(case when existed then 'update_position_grade' else 'create_position_grade' end,
    'position_grades', v_code, pg_catalog.jsonb_build_object('name', v_name, 'rank', v_rank, 'supervisory', v_supervisory));
  select * into g from public.position_grades where code = v_code;
  return pg_catalog.to_jsonb(g) - '_xid';
end
$$;

revoke execute on function private.arg_text_array(jsonb, text), private.arg_bool(jsonb, text),
  private.push_save_training(jsonb), private.push_save_session(jsonb), private.push_cancel_session(jsonb),
  private.push_save_department(jsonb), private.push_save_position_grade(jsonb)
  from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('save_training', 'private.push_save_training(jsonb)'),
  ('save_session', 'private.push_save_session(jsonb)'),
  ('cancel_session', 'private.push_cancel_session(jsonb)'),
  ('save_department', 'private.push_save_department(jsonb)'),
  ('save_position_grade', 'private.push_save_position_grade(jsonb)');
