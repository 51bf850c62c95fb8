-- Seats known on the device: a replica holds every session but only the user's own registrations,
-- so it cannot count the seats taken. The server keeps the counts on the session row itself, exact
-- in the same transaction as every change of a registration, whoever makes it (sync_push's
-- register_session, cancel_registration and check_in with their promotions, the demo generator's
-- bulk inserts, a profile's cascade delete). The session row then changes with its seats, and
-- sync_pull hands every replica the new counts.
--
-- Statement-level triggers with transition tables: one recount per affected session and statement
-- (a bulk insert of thousands of rows recounts each session once). The write functions already hold
-- the session row lock when they touch its registrations, so the recount sees every committed seat.

alter table public.sessions
  add column confirmed_count integer not null default 0 check (confirmed_count >= 0),
  add column waitlist_count integer not null default 0 check (waitlist_count >= 0);
comment on column public.sessions.confirmed_count is
  '埋まっている席の数（確定 + 出席。register_session が数えるとおり。サーバーが登録のたびに更新） / Seats taken: confirmed + attended registrations, as register_session counts them; kept by the server';
comment on column public.sessions.waitlist_count is
  'キャンセル待ちの人数（サーバーが登録のたびに更新） / Waitlisted registrations; kept by the server';

-- The recount reads a session's registrations by status.
create index registrations_session_id_status_idx on public.registrations (session_id, status);

create or replace function private.recount_session_seats(session_ids uuid[]) returns void
language sql
security definer
set search_path = ''
as $$
  update public.sessions as s
  set confirmed_count = n.seated, waitlist_count = n.waiting
  from (
    select x.id,
      (select count(*) from public.registrations as r
        where r.session_id = x.id and r.status in ('confirmed', 'attended'))::integer as seated,
      (select count(*) from public.registrations as r
        where r.session_id = x.id and r.status = 'waitlisted')::integer as waiting
    from (select distinct u.id from unnest(session_ids) as u (id)) as x
  ) as n
  -- Unchanged counts leave the row (and every replica) alone, e.g. a confirmed seat checked in.
  where s.id = n.id and (s.confirmed_count, s.waitlist_count) is distinct from (n.seated, n.waiting)
$$;
comment on function private.recount_session_seats(uuid[]) is
  '日程の席数とキャンセル待ち人数を申込みから数え直す / Recounts the seats taken and the waitlist of the given sessions from their registrations';
revoke execute on function private.recount_session_seats(uuid[]) from public, anon, authenticated;

create or replace function private.registrations_recount_seats() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Each branch names only the transition tables its event has.
  if tg_op = 'INSERT' then
    perform private.recount_session_seats(array(select n.session_id from new_rows as n));
  elsif tg_op = 'UPDATE' then
    perform private.recount_session_seats(array(
      select o.session_id from old_rows as o union select n.session_id from new_rows as n));
  elsif tg_op = 'DELETE' then
    perform private.recount_session_seats(array(select o.session_id from old_rows as o));
  else
    -- TRUNCATE: no registration is left anywhere.
    update public.sessions set confirmed_count = 0, waitlist_count = 0
      where confirmed_count <> 0 or waitlist_count <> 0;
  end if;
  return null;
end
$$;
comment on function private.registrations_recount_seats() is
  '申込みの変更後に、関係する日程の席数を数え直すトリガー関数 / Trigger function: recounts the seats of the sessions whose registrations a statement changed';
revoke execute on function private.registrations_recount_seats() from public, anon, authenticated;

create trigger registrations_recount_seats_insert after insert on public.registrations
  referencing new table as new_rows
  for each statement execute function private.registrations_recount_seats();
create trigger registrations_recount_seats_update after update on public.registrations
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.registrations_recount_seats();
create trigger registrations_recount_seats_delete after delete on public.registrations
  referencing old table as old_rows
  for each statement execute function private.registrations_recount_seats();
create trigger registrations_recount_seats_truncate after truncate on public.registrations
  for each statement execute function private.registrations_recount_seats();

-- Existing sessions: counted once, every row rewritten (a fresh database has none; the demo city comes
-- after the seed). Rewriting even the sessions without registrations restamps their _xid, so replicas
-- that pulled them before this migration receive them again, with the new columns.
update public.sessions as s
set confirmed_count = (select count(*) from public.registrations as r
      where r.session_id = s.id and r.status in ('confirmed', 'attended'))::integer,
    waitlist_count = (select count(*) from public.registrations as r
      where r.session_id = s.id and r.status = 'waitlisted')::integer;
