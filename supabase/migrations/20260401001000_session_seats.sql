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
-- no new lock order. The migration recounts from scratch once, and a test recounts after every kind
-- of write.

alter table public.sessions
  add column confirmed_count integer not null default 0 check (confirmed_count >= 0),
  add column waitlist_count integer not null default 0 check (waitlist_count >= 0);
comment on column public.sessions.confirmed_count is
  '埋まっている席の数（確定 + 出席。register_session が数えるとおり。サーバーが登録のたびに更新） / Seats taken: confirmed + attended registrations, as register_session counts them; kept by the server';
comment on column public.sessions.waitlist_count is
  'キャンセル待ちの人数（サーバーが登録のたびに更新） / Waitlisted registrations; kept by the server';

create or replace function private.registrations_count_seats() returns trigger
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

create or replace function private.registrations_zero_seats() returns trigger
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

-- Existing sessions: counted once, every row rewritten (a fresh database has none; the demo city comes
-- after the seed). Rewriting even the sessions without registrations restamps their _xid, so replicas
-- that pulled them before this migration receive them again, with the new columns.
update public.sessions as s
set confirmed_count = (select count(*) from public.registrations as r
      where r.session_id = s.id and r.status in ('confirmed', 'attended'))::integer,
    waitlist_count = (select count(*) from public.registrations as r
      where r.session_id = s.id and r.status = 'waitlisted')::integer;
