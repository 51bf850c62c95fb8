-- The facilitator's screens: the roster of a session (read RPC, not replicated), an employee looked up
-- by number for a walk-in, and closing a session (sync_push kind `close_session`).
--
--   public.session_roster(session_id)                 security invoker → private.session_roster
--   public.find_employee(session_id, employee_number)  security invoker → private.find_employee
--   sync_push kind close_session {session_id}          private.push_close_session (private.mutation_kinds)
--
-- Each is for the session's facilitator or the DX division only; anyone else gets DXP091. A roster
-- names who registered and whether they submitted the survey (survey_submissions: that, never what).

-- Raises the read RPCs' errors the way sync_push's whole-call failures are raised (PostgREST: code
-- P0001, message = the DXP code, details = the Japanese message).
create function private.facilitator_guard(target_session_id uuid) returns public.sessions
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.sessions;
begin
  perform private.require_active_profile();
  select * into s from public.sessions where id = target_session_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'DXP020',
      detail = '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。';
  end if;
  if not (private.is_dx_admin() or s.facilitator_id = auth.uid()) then
    raise exception using errcode = 'P0001', message = 'DXP091',
      detail = 'この日程の名簿を見る権限がありません。運営者または DX推進課にご依頼ください。';
  end if;
  return s;
end
$$;
comment on function private.facilitator_guard(uuid) is
  '日程の運営者または DX推進課だけを通す（それ以外は DXP091） / Lets only the session''s facilitator or dx_admin through (else DXP091)';

-- One person of a roster, as the facilitator's screen shows them.
create function private.roster_person(r public.registrations) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'registration_id', r.id,
    'employee_id', p.id,
    'employee_number', p.employee_number,
    'full_name', p.full_name,
    'full_name_kana', p.full_name_kana,
    'department_name', d.name,
    'status', r.status,
    'waitlist_position', r.waitlist_position,
    'checked_in_at', r.checked_in_at,
    -- A walk-in's registration is created by the check-in itself, in one transaction.
    'walk_in', r.status = 'attended' and r.registered_at = r.checked_in_at,
    'survey_submitted', exists (
      select 1 from public.survey_submissions as ss where ss.session_id = r.session_id and ss.employee_id = r.employee_id
    )
  )
  from public.profiles as p
  left join public.departments as d on d.code = p.department_code
  where p.id = r.employee_id
$$;

create function private.session_roster(target_session_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.sessions := private.facilitator_guard(target_session_id);
  people jsonb;
  counts jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(private.roster_person(r) order by p.full_name_kana, p.employee_number), '[]'::jsonb)
    into people
    from public.registrations as r
    join public.profiles as p on p.id = r.employee_id
    where r.session_id = s.id and r.status in ('confirmed', 'waitlisted', 'attended', 'no_show');
  select pg_catalog.jsonb_build_object(
      'capacity', s.capacity,
      'confirmed', count(*) filter (where r.status = 'confirmed'),
      'attended', count(*) filter (where r.status = 'attended'),
      'waitlisted', count(*) filter (where r.status = 'waitlisted'),
      'no_show', count(*) filter (where r.status = 'no_show'),
      'responses', (select count(*) from public.survey_submissions as ss where ss.session_id = s.id))
    into counts
    from public.registrations as r
    where r.session_id = s.id;
  return pg_catalog.jsonb_build_object(
    'session_id', s.id,
    'status', s.status,
    'starts_at', s.starts_at,
    'ends_at', s.ends_at,
    'as_of', pg_catalog.now(),
    'counts', counts,
    'people', people);
end
$$;
comment on function private.session_roster(uuid) is
  '日程の名簿（申込み・キャンセル待ち・出席・欠席、アンケート提出の有無）と人数 / A session''s roster with counts, for its facilitator or dx_admin';

create function public.session_roster(session_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.session_roster(session_id)
$$;
comment on function public.session_roster(uuid) is
  '日程の名簿（運営者と DX推進課のみ） / A session''s roster, for its facilitator or the DX division only';

-- A walk-in is found by the number on their staff card; only who runs the session may ask.
create function private.find_employee(target_session_id uuid, target_employee_number text) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found_person jsonb;
begin
  perform private.facilitator_guard(target_session_id);
  select pg_catalog.jsonb_build_object(
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'full_name_kana', p.full_name_kana,
      'department_name', d.name)
    into found_person
    from public.profiles as p
    left join public.departments as d on d.code = p.department_code
    where p.employee_number = pg_catalog.upper(pg_catalog.btrim(pg_catalog.left(target_employee_number, 40)));
  return found_person;
end
$$;
comment on function private.find_employee(uuid, text) is
  '職員番号で職員を探す（当日参加の受付用、運営者と DX推進課のみ） / Finds an employee by number for a walk-in check-in';

create function public.find_employee(session_id uuid, employee_number text) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.find_employee(session_id, employee_number)
$$;
comment on function public.find_employee(uuid, text) is
  '職員番号で職員を探す（その日程の運営者と DX推進課のみ、見つからなければ null） / Finds an employee by number, or null';

-- close_session: after the start, the session is closed and the confirmed who never checked in
-- become no-shows. Idempotent: closing again changes only what is still confirmed. A late check-in
-- (a tablet syncing after the close) still turns a no-show into attended.
create function private.push_close_session(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  s public.sessions;
  marked integer;
  by_dx_admin boolean := private.is_dx_admin();
begin
  perform private.arg_check_keys(args, array['session_id']);
  sid := private.arg_uuid(args, 'session_id');
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if not (by_dx_admin or s.facilitator_id = auth.uid()) then
    perform private.reject('DXP091', 'この日程を終了する権限がありません。運営者または DX推進課にご依頼ください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  if pg_catalog.now() < s.starts_at then
    perform private.reject('DXP092', '開始前の日程は終了できません。開始時刻の後に、もう一度お試しください。');
  end if;
  update public.registrations set status = 'no_show'
    where session_id = sid and status = 'confirmed';
  get diagnostics marked = row_count;
  if s.status <> 'closed' then
    update public.sessions set status = 'closed' where id = sid returning * into s;
  end if;
  if by_dx_admin then
    perform private.write_audit('close_session', 'sessions', sid::text,
      pg_catalog.jsonb_build_object('no_shows', marked));
  end if;
  return private.row_json(s);
end
$$;
comment on function private.push_close_session(jsonb) is
  '日程を終了する（受付のない確定者は欠席） / Closes a session: confirmed people not checked in become no-shows';

insert into private.mutation_kinds (kind, handler) values
  ('close_session', 'private.push_close_session(jsonb)');

revoke execute on function private.facilitator_guard(uuid) from public, anon, authenticated;
revoke execute on function private.roster_person(public.registrations) from public, anon, authenticated;
revoke execute on function private.push_close_session(jsonb) from public, anon, authenticated;
revoke execute on function private.session_roster(uuid) from public, anon;
revoke execute on function private.find_employee(uuid, text) from public, anon;
grant execute on function private.session_roster(uuid) to authenticated, service_role;
grant execute on function private.find_employee(uuid, text) to authenticated, service_role;
revoke execute on function public.session_roster(uuid) from public, anon;
revoke execute on function public.find_employee(uuid, text) from public, anon;
grant execute on function public.session_roster(uuid) to authenticated, service_role;
grant execute on function public.find_employee(uuid, text) to authenticated, service_role;
