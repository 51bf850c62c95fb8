-- Registrations for sessions. The server decides every status (sync_push's register_session,
-- cancel_registration and check_in, under a lock on the session row): confirmed while seats remain,
-- else waitlisted at the next position; a cancelled seat goes to the first of the waitlist.
-- Staff read their own rows, facilitators the rows of the sessions they run, the DX division all.

create table public.registrations (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id),
  employee_id uuid not null references public.profiles (id) on delete cascade,
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show')),
  waitlist_position integer check (waitlist_position > 0),
  registered_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  checked_in_by uuid references public.profiles (id),
  _xid xid8 not null default pg_current_xact_id(),
  constraint registrations_waitlist_position_iff_waitlisted check ((waitlist_position is not null) = (status = 'waitlisted')),
  constraint registrations_cancelled_at_iff_cancelled check ((cancelled_at is not null) = (status = 'cancelled')),
  constraint registrations_checked_in_when_attended check (status <> 'attended' or checked_in_at is not null),
  -- Nulls are distinct, so this binds waitlisted rows only. Deferred: a promotion renumbers the
  -- waitlist in one statement, which passes through transient duplicates.
  constraint registrations_waitlist_position_unique unique (session_id, waitlist_position) deferrable initially deferred
);
comment on table public.registrations is
  '研修日程への申込み（確定・キャンセル待ち・キャンセル・出席・欠席）。状態はサーバーが決める / Registrations for sessions; the server decides every status';
comment on column public.registrations.status is
  'confirmed（確定）/ waitlisted（キャンセル待ち）/ cancelled（キャンセル）/ attended（出席）/ no_show（欠席） / Registration status';
comment on column public.registrations.waitlist_position is
  'キャンセル待ちの順番（1 から連続、キャンセル待ちのときだけ値あり） / Waitlist position, contiguous from 1, set only while waitlisted';
comment on column public.registrations.checked_in_by is
  '受付をした運営者または DX推進課職員 / The facilitator or DX division member who checked the employee in';

-- One active registration per employee and session; a cancelled one may be followed by a new one.
create unique index registrations_one_active_idx on public.registrations (session_id, employee_id)
  where status <> 'cancelled';
create index registrations_employee_id_idx on public.registrations (employee_id);
create index registrations_checked_in_by_idx on public.registrations (checked_in_by);

create trigger registrations_stamp_xid before insert or update on public.registrations
  for each row execute function private.stamp_xid();
create trigger registrations_record_tombstone after delete on public.registrations
  for each row execute function private.record_tombstone('employee_id');
create trigger registrations_sync_truncated after truncate on public.registrations
  for each statement execute function private.sync_truncated();
create trigger registrations_set_updated_at before update on public.registrations
  for each row execute function private.set_updated_at();
create trigger registrations_forbid_owner_change before update of employee_id, session_id on public.registrations
  for each row execute function private.forbid_owner_change('employee_id');
comment on column public.registrations._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
insert into private.replicated_tables (table_name, owner_column) values ('registrations', 'employee_id');

-- Whether the caller facilitates the session: security definer, so a policy stays cheap and
-- does not depend on the caller's view of sessions.
create function private.facilitates_session(target_session_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.sessions as s
    where s.id = target_session_id and s.facilitator_id = private.active_user_id()
  )
$$;
comment on function private.facilitates_session(uuid) is
  '呼び出し元がその日程の運営者か / Whether the caller facilitates the given session';
revoke execute on function private.facilitates_session(uuid) from public, anon;
grant execute on function private.facilitates_session(uuid) to authenticated, service_role;

alter table public.registrations enable row level security;
create policy registrations_select_own on public.registrations
  for select to authenticated using (employee_id = (select auth.uid()));
create policy registrations_select_facilitator on public.registrations
  for select to authenticated using ((select private.facilitates_session(session_id)));
create policy registrations_select_dx_admin on public.registrations
  for select to authenticated using ((select private.is_dx_admin()));
-- No write policy and no write grant: registrations change only through sync_push.
revoke insert, update, delete, truncate, references, trigger on table public.registrations from anon, authenticated;

-- Seats known on the device: a replica holds every session but only the user's own registrations,
-- so it cannot count the seats taken. The server keeps the counts on the session row itself, exact
-- in the same transaction as every change of a registration, whoever makes it (sync_push's
-- register_session, cancel_registration and check_in with their promotions, the demo generator's
-- bulk inserts, a profile's cascade delete). The session row then changes with its seats, and
-- sync_pull hands every replica the new counts.
--
-- Row-level triggers that add each registration's change of status to its session's counts: cheaper
-- per registration than a recount (the hot path is one registration at a time, under the session
-- lock), and fired only when the status changes (a waitlist renumbering changes none). The write
-- functions already hold the session row lock when they touch its registrations, so the update adds
-- no new lock order. A test recounts after every kind of write.
-- The counts are columns of sessions (20260401000500_catalogue.sql).
create function private.registrations_count_seats() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  seat_old integer := 0;
  wait_old integer := 0;
  seat_new integer := 0;
  wait_new integer := 0;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    seat_old := (old.status in ('confirmed', 'attended'))::integer;
    wait_old := (old.status = 'waitlisted')::integer;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    seat_new := (new.status in ('confirmed', 'attended'))::integer;
    wait_new := (new.status = 'waitlisted')::integer;
  end if;
  if tg_op = 'UPDATE' and old.session_id is distinct from new.session_id then
    -- Moved to another session (no write function does this; an operator might).
    update public.sessions set confirmed_count = confirmed_count - seat_old, waitlist_count = waitlist_count - wait_old
      where id = old.session_id and (seat_old <> 0 or wait_old <> 0);
    update public.sessions set confirmed_count = confirmed_count + seat_new, waitlist_count = waitlist_count + wait_new
      where id = new.session_id and (seat_new <> 0 or wait_new <> 0);
  elsif seat_new <> seat_old or wait_new <> wait_old then
    update public.sessions
      set confirmed_count = confirmed_count + seat_new - seat_old, waitlist_count = waitlist_count + wait_new - wait_old
      where id = case when tg_op = 'DELETE' then old.session_id else new.session_id end;
  end if;
  return null;
end
$$;
comment on function private.registrations_count_seats() is
  '申込みの状態の変化を日程の席数とキャンセル待ち人数に反映するトリガー関数 / Trigger function: adds a registration''s change of status to its session''s seat and waitlist counts';
revoke execute on function private.registrations_count_seats() from public, anon, authenticated;

create function private.registrations_zero_seats() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- TRUNCATE fires no row trigger: no registration is left anywhere.
  update public.sessions set confirmed_count = 0, waitlist_count = 0
    where confirmed_count <> 0 or waitlist_count <> 0;
  return null;
end
$$;
comment on function private.registrations_zero_seats() is
  '申込みが全件消去されたとき、すべての日程の席数を 0 にするトリガー関数 / Trigger function: zeroes every session''s counts when registrations are truncated';
revoke execute on function private.registrations_zero_seats() from public, anon, authenticated;

create trigger registrations_count_seats_insert after insert on public.registrations
  for each row execute function private.registrations_count_seats();
create trigger registrations_count_seats_update after update of status, session_id on public.registrations
  for each row when (old.status is distinct from new.status or old.session_id is distinct from new.session_id)
  execute function private.registrations_count_seats();
create trigger registrations_count_seats_delete after delete on public.registrations
  for each row execute function private.registrations_count_seats();
create trigger registrations_zero_seats after truncate on public.registrations
  for each statement execute function private.registrations_zero_seats();
