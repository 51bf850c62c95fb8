-- Attending a training is learning (the plan: 対象別の研修講座により必要となる知識等の習得を図る).
-- Whenever a registration becomes `attended` (a tap or QR check-in, a walk-in, a late sync that turns
-- a no-show into attended), the same transaction writes the attendee one learning record per
-- knowledge area the training covers; when the attendance is undone, they go. Records with
-- source = 'session' are written only here, so the person cannot type, edit or delete them
-- (learning_writes.sql refuses it with DXP044 / DXP045), and the partial unique index makes a retry
-- or a second check-in write nothing twice. E-learning trainings are credited by their completion
-- (their own path), not by this rule: their "session" is a months-long window with no length.

create unique index learning_records_one_per_session_area_idx
  on public.learning_records (employee_id, session_id, area_code) where source = 'session';

-- Writes the learning records that an attendance earns; writes nothing that is there already. Minutes
-- are the session's length (at most one day), the date the session's, the time of creation the
-- check-in's. The id is derived from (employee, session, area), so the same attendance always makes
-- the same rows: a re-install of the demo city, a backfill or a check-in after an undo.
create function private.credit_attendance(attendance public.registrations) returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.learning_records
    (id, employee_id, area_code, source, session_id, title, minutes, completed_on, created_at, updated_at)
  select pg_catalog.md5('attendance:' || attendance.employee_id || ':' || s.id || ':' || ta.area_code)::uuid,
         attendance.employee_id, ta.area_code, 'session', s.id, t.title,
         least(greatest(round(extract(epoch from s.ends_at - s.starts_at) / 60)::integer, 1), 1440),
         (s.starts_at at time zone 'Asia/Tokyo')::date,
         coalesce(attendance.checked_in_at, pg_catalog.now()), coalesce(attendance.checked_in_at, pg_catalog.now())
    from public.sessions as s
    join public.trainings as t on t.id = s.training_id
    join public.training_areas as ta on ta.training_id = t.id
   where s.id = attendance.session_id and t.kind <> 'elearning'
  on conflict (employee_id, session_id, area_code) where source = 'session' do nothing;
$$;
comment on function private.credit_attendance(public.registrations) is
  '出席した研修の知識分野ごとに学習記録を作る（既にあれば何もしない） / Writes one learning record per area of the attended training; idempotent';

create function private.credit_attendance_on_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'attended' and (tg_op = 'INSERT' or old.status <> 'attended') then
    perform private.credit_attendance(new);
  elsif tg_op = 'UPDATE' and old.status = 'attended' and new.status <> 'attended' then
    delete from public.learning_records as l
     where l.employee_id = old.employee_id and l.session_id = old.session_id and l.source = 'session';
  end if;
  return null;
end
$$;
comment on function private.credit_attendance_on_change() is
  '出席になったら学習記録を作り、出席でなくなったら消すトリガー関数 / Trigger function: credits learning on attendance, removes it when attendance is undone';

create trigger registrations_credit_attendance after insert or update of status on public.registrations
  for each row execute function private.credit_attendance_on_change();

-- Attendances recorded before this rule existed. Safe to run again: it writes only what is missing.
create function private.backfill_attendance_credits() returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  before_count bigint;
  r public.registrations;
begin
  select count(*) into before_count from public.learning_records as l where l.source = 'session';
  for r in select * from public.registrations as x where x.status = 'attended' loop
    perform private.credit_attendance(r);
  end loop;
  return (select count(*) from public.learning_records as l where l.source = 'session') - before_count;
end
$$;
comment on function private.backfill_attendance_credits() is
  '既存の出席に学習記録を補う（何度実行しても同じ）。作成した件数を返す / Credits attendances recorded earlier; idempotent; returns how many records it wrote';

revoke execute on function private.credit_attendance(public.registrations) from public, anon, authenticated;
revoke execute on function private.credit_attendance_on_change() from public, anon, authenticated;
revoke execute on function private.backfill_attendance_credits() from public, anon, authenticated;

select private.backfill_attendance_credits();
