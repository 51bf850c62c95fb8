-- sync_push kinds of registrations (supabase/README.md, "Kinds"): register_session, cancel_registration
-- check_in and undo_check_in. The server decides every status under a lock on the session row.

-- Promotes the head of the waitlist while seats remain, then renumbers the waitlist from 1.
-- Called with the session row locked. A closed session (no new registrations) still promotes: the
-- waitlisted registered before it closed; a cancelled one promotes nobody.
create function private.fill_seats(target_session_id uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  taken integer;
  head uuid;
begin
  select * into strict s from public.sessions where id = target_session_id;
  if s.status <> 'cancelled' then
    select count(*) into taken from public.registrations as r
      where r.session_id = s.id and r.status in ('confirmed', 'attended');
    while taken < s.capacity loop
      select r.id into head from public.registrations as r
        where r.session_id = s.id and r.status = 'waitlisted'
        order by r.waitlist_position limit 1;
      exit when head is null;
      update public.registrations set status = 'confirmed', waitlist_position = null where id = head;
      taken := taken + 1;
      head := null;
    end loop;
  end if;
  update public.registrations as r set waitlist_position = n.position
  from (
    select w.id, row_number() over (order by w.waitlist_position, w.registered_at, w.id)::integer as position
    from public.registrations as w
    where w.session_id = s.id and w.status = 'waitlisted'
  ) as n
  where r.id = n.id and r.waitlist_position <> n.position;
end
$$;

create function private.push_register_session(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  s public.sessions;
  taken integer;
  last_position integer;
  r public.registrations;
begin
  perform private.arg_check_keys(args, array['session_id']);
  sid := private.arg_uuid(args, 'session_id');
  -- The lock that makes capacity and waitlist order hold under concurrent registrations.
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  if s.status = 'closed' or pg_catalog.now() > s.registration_deadline then
    perform private.reject('DXP022', 'この日程の申込みは締め切られました。ほかの日程をお選びください。');
  end if;
  if exists (
    select 1 from public.registrations as x
    where x.session_id = sid and x.employee_id = auth.uid() and x.status <> 'cancelled'
  ) then
    perform private.reject('DXP023', 'この日程にはすでに申し込んでいます。申込み状況をご確認ください。');
  end if;
  select count(*) filter (where x.status in ('confirmed', 'attended')), coalesce(max(x.waitlist_position), 0)
    into taken, last_position
    from public.registrations as x where x.session_id = sid;
  insert into public.registrations (session_id, employee_id, status, waitlist_position)
  values (
    sid, auth.uid(),
    case when taken < s.capacity and last_position = 0 then 'confirmed' else 'waitlisted' end,
    case when taken < s.capacity and last_position = 0 then null else last_position + 1 end
  )
  returning * into r;
  return private.row_json(r);
end
$$;

create function private.push_cancel_registration(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  s public.sessions;
  r public.registrations;
begin
  perform private.arg_check_keys(args, array['session_id']);
  sid := private.arg_uuid(args, 'session_id');
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  select * into r from public.registrations as x
    where x.session_id = sid and x.employee_id = auth.uid() and x.status <> 'cancelled';
  if not found then
    perform private.reject('DXP024', 'この日程への申込みはありません。申込み状況をご確認ください。');
  end if;
  if r.status in ('attended', 'no_show') or pg_catalog.now() >= s.starts_at then
    perform private.reject('DXP025', '開始した日程の申込みはキャンセルできません。運営者にご連絡ください。');
  end if;
  update public.registrations
    set status = 'cancelled', waitlist_position = null, cancelled_at = pg_catalog.now()
    where id = r.id;
  perform private.fill_seats(sid);
  select * into r from public.registrations where id = r.id;
  return private.row_json(r);
end
$$;

-- The session a check-in (or its undo) is for, locked: only its facilitator or the DX division, only
-- while the session is on, from 2 hours before the start until 7 days after the end (a venue tablet
-- may sync late).
create function private.check_in_session(args jsonb) returns public.sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
begin
  perform private.arg_check_keys(args, array['session_id', 'employee_id']);
  select * into s from public.sessions where id = private.arg_uuid(args, 'session_id') for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if not (private.is_dx_admin() or s.facilitator_id = auth.uid()) then
    perform private.reject('DXP030', 'この日程の受付を行う権限がありません。運営者または DX推進課にご依頼ください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  if pg_catalog.now() < s.starts_at - interval '2 hours' or pg_catalog.now() > s.ends_at + interval '7 days' then
    perform private.reject('DXP031', '受付できるのは開始 2 時間前から終了 7 日後までです。日程をご確認ください。');
  end if;
  return s;
end
$$;

create function private.push_check_in(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  eid uuid;
  s public.sessions;
  r public.registrations;
  was_waitlisted boolean;
  by_dx_admin boolean := private.is_dx_admin();
begin
  s := private.check_in_session(args);
  sid := s.id;
  eid := private.arg_uuid(args, 'employee_id');
  if not exists (select 1 from public.profiles as p where p.id = eid) then
    perform private.reject('DXP032', '職員が見つかりません。職員番号を確認してから、もう一度お試しください。');
  end if;
  select * into r from public.registrations as x
    where x.session_id = sid and x.employee_id = eid and x.status <> 'cancelled';
  if found and r.status = 'attended' then
    -- Checked in twice (two devices at the door): the first check-in stands.
    return private.row_json(r);
  end if;
  if found then
    was_waitlisted := r.status = 'waitlisted';
    update public.registrations
      set status = 'attended', waitlist_position = null, checked_in_at = pg_catalog.now(), checked_in_by = auth.uid()
      where id = r.id
      returning * into r;
    if was_waitlisted then
      perform private.fill_seats(sid);
    end if;
  else
    -- A walk-in: attended without having registered.
    insert into public.registrations (session_id, employee_id, status, checked_in_at, checked_in_by)
    values (sid, eid, 'attended', pg_catalog.now(), auth.uid())
    returning * into r;
  end if;
  if by_dx_admin then
    perform private.write_audit('check_in', 'registrations', r.id::text,
      pg_catalog.jsonb_build_object('session_id', sid, 'employee_id', eid));
  end if;
  return private.row_json(r);
end
$$;

-- Undoes a check-in made by mistake (the wrong name tapped): a registered person is back to
-- confirmed (no-show once the session is closed), a walk-in's registration is cancelled and its seat
-- goes to the waitlist. The learning the attendance credited goes with it (attendance_learning.sql).
create function private.push_undo_check_in(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  eid uuid;
  s public.sessions;
  r public.registrations;
  walk_in boolean;
  by_dx_admin boolean := private.is_dx_admin();
begin
  s := private.check_in_session(args);
  sid := s.id;
  eid := private.arg_uuid(args, 'employee_id');
  select * into r from public.registrations as x
    where x.session_id = sid and x.employee_id = eid and x.status <> 'cancelled';
  if not found or r.status <> 'attended' then
    -- Undone already (two devices at the door), or never checked in: nothing to undo.
    perform private.reject('DXP033', 'この職員の出席は記録されていません。名簿を更新してご確認ください。');
  end if;
  walk_in := r.registered_at = r.checked_in_at;
  update public.registrations
    set status = case when walk_in then 'cancelled' when s.status = 'closed' then 'no_show' else 'confirmed' end,
        cancelled_at = case when walk_in then pg_catalog.now() end,
        checked_in_at = null, checked_in_by = null
    where id = r.id
    returning * into r;
  if walk_in then
    perform private.fill_seats(sid);
  end if;
  if by_dx_admin then
    perform private.write_audit('undo_check_in', 'registrations', r.id::text,
      pg_catalog.jsonb_build_object('session_id', sid, 'employee_id', eid));
  end if;
  return private.row_json(r);
end
$$;

revoke execute on function private.fill_seats(uuid) from public, anon, authenticated;
revoke execute on function private.push_register_session(jsonb) from public, anon, authenticated;
revoke execute on function private.push_cancel_registration(jsonb) from public, anon, authenticated;
revoke execute on function private.check_in_session(jsonb) from public, anon, authenticated;
revoke execute on function private.push_check_in(jsonb) from public, anon, authenticated;
revoke execute on function private.push_undo_check_in(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('register_session', 'private.push_register_session(jsonb)'),
  ('cancel_registration', 'private.push_cancel_registration(jsonb)'),
  ('check_in', 'private.push_check_in(jsonb)'),
  ('undo_check_in', 'private.push_undo_check_in(jsonb)');
