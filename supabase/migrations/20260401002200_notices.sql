-- Notices (お知らせ): what happened to me, one replicated per-person list, so an employee learns of a
-- promotion from the waitlist, a change or cancellation of a session they registered for, a survey
-- to answer and every certification decision about them without opening the right screen by luck.
--
-- A notice is written by a trigger on the row that records the event, in the same transaction as
-- the event, by whichever function (or operator) wrote it:
--   registrations  waitlisted → confirmed                 waitlist_promoted   (fill_seats)
--                  → attended, in the check-in window,     survey_due          (check_in, a walk-in)
--                    of a training with a survey
--   sessions       starts_at / ends_at / venue / online_url session_changed     (save_session)
--                  status → cancelled                      session_cancelled   (cancel_session)
--   certification_decisions (insert)                       decision_<decision> (the five decisions)
-- A row holds the kind and its parameters, never rendered text: the session or the decision it is
-- about, the fiscal year and the reason (free text, from the decision) where the event has them; the
-- client words it in Japanese or English. One notice per (recipient, kind, subject): an event that
-- recurs on the same subject (a session changed again, promoted again after registering anew) brings
-- its notice back as new and unread instead of adding a second one, and a replayed change writes
-- nothing twice (sync_push's ledger answers `duplicate` before any trigger runs).
--
-- Read state syncs across devices through the sync_push kind mark_notices_read {ids}.

create table public.notices (
  id uuid primary key default gen_random_uuid(),
  employee_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null check (kind in (
    'waitlist_promoted', 'session_changed', 'session_cancelled', 'survey_due',
    'decision_acknowledged', 'decision_nominated', 'decision_returned', 'decision_approved', 'decision_revoked')),
  session_id uuid references public.sessions (id) on delete cascade,
  decision_id uuid references public.certification_decisions (id) on delete cascade,
  fiscal_year integer check (fiscal_year between 2000 and 2100),
  reason text check (char_length(btrim(reason)) between 1 and 1000),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  _xid xid8 not null default pg_current_xact_id(),
  constraint notices_subject check (
    case when kind like 'decision\_%' then decision_id is not null and session_id is null
      else session_id is not null and decision_id is null end),
  constraint notices_reason_when_needed check ((kind in ('decision_returned', 'decision_revoked')) = (reason is not null))
);
comment on table public.notices is
  '本人へのお知らせ（キャンセル待ちからの繰上げ、日程の変更・中止、アンケートのお願い、認定に関する判断）。文面は持たず種類と値だけを持ち、端末が言語に合わせて表示する。本人に同期する / What happened to the employee (promotion from the waitlist, a session changed or cancelled, a survey to answer, certification decisions): kind and parameters, never rendered text; replicated to the employee';
comment on column public.notices.kind is
  'お知らせの種類（waitlist_promoted / session_changed / session_cancelled / survey_due / decision_acknowledged / decision_nominated / decision_returned / decision_approved / decision_revoked） / What happened';
comment on column public.notices.session_id is
  '対象の研修日程（日程に関するお知らせ） / The session a session notice is about';
comment on column public.notices.decision_id is
  '対象の認定に関する判断（判断のお知らせ） / The certification decision a decision notice is about';
comment on column public.notices.fiscal_year is
  '判断が関わる年度（判断のお知らせ） / The fiscal year of the decision, for decision notices';
comment on column public.notices.reason is
  'DX推進課が入力した理由（差戻し・取消し）。本人に文字列のまま表示する / The reason the DX division gave (returned, revoked), shown to the employee as text';
comment on column public.notices.created_at is
  '出来事の日時（同じ対象で再び起きたら更新し、未読に戻す） / When it happened; moved forward, and unread again, when it happens again to the same subject';
comment on column public.notices.read_at is
  '本人が既読にした日時（null = 未読） / When the employee marked it read (null = unread)';
comment on column public.notices._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
create unique index notices_one_per_subject_idx on public.notices (employee_id, kind, (coalesce(decision_id, session_id)));
create index notices_employee_created_idx on public.notices (employee_id, created_at);
create index notices_session_id_idx on public.notices (session_id);
create index notices_decision_id_idx on public.notices (decision_id);

create trigger notices_stamp_xid before insert or update on public.notices
  for each row execute function private.stamp_xid();
create trigger notices_record_tombstone after delete on public.notices
  for each row execute function private.record_tombstone('employee_id');
create trigger notices_sync_truncated after truncate on public.notices
  for each statement execute function private.sync_truncated();
create trigger notices_forbid_owner_change before update of employee_id on public.notices
  for each row execute function private.forbid_owner_change('employee_id');
insert into private.replicated_tables (table_name, owner_column) values ('notices', 'employee_id');

-- The recipient alone reads them. Not the DX division either: it decided (certification_decisions,
-- audit_log) and has no need of a person's inbox or of when they read it; facilitators see rosters.
alter table public.notices enable row level security;
create policy notices_select_own on public.notices
  for select to authenticated using (employee_id = (select auth.uid()));
revoke insert, update, delete, truncate, references, trigger on table public.notices from anon, authenticated;

-- Writes a notice, or brings back the one about the same subject as new and unread.
create function private.notify(
  recipient uuid, notice_kind text, about_session uuid, about_decision uuid, fy integer, why text
) returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.notices as n (employee_id, kind, session_id, decision_id, fiscal_year, reason)
  values (recipient, notice_kind, about_session, about_decision, fy, why)
  on conflict (employee_id, kind, (coalesce(decision_id, session_id))) do update
    set created_at = pg_catalog.now(), read_at = null, fiscal_year = excluded.fiscal_year, reason = excluded.reason;
$$;
comment on function private.notify(uuid, text, uuid, uuid, integer, text) is
  'お知らせを1件書く（同じ対象のものがあれば新しい未読に戻す） / Writes a notice, or makes the one about the same subject new and unread again';

create function private.notify_registration_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and old.status = 'waitlisted' and new.status = 'confirmed' then
    perform private.notify(new.employee_id, 'waitlist_promoted', new.session_id, null, null, null);
  end if;
  -- Attendance recorded in the check-in window (2 h before the start to 7 days after the end) is news;
  -- older attendances (the demo city, a late data fix) are history, and the survey card lists them.
  if new.status = 'attended' and (tg_op = 'INSERT' or old.status <> 'attended')
     and exists (
       select 1 from public.sessions as s join public.trainings as t on t.id = s.training_id
        where s.id = new.session_id and t.survey_template_id is not null
          and pg_catalog.now() <= s.ends_at + interval '7 days')
     and not exists (
       select 1 from public.survey_submissions as x where x.session_id = new.session_id and x.employee_id = new.employee_id) then
    perform private.notify(new.employee_id, 'survey_due', new.session_id, null, null, null);
  elsif tg_op = 'UPDATE' and old.status = 'attended' and new.status <> 'attended' then
    delete from public.notices as n
     where n.employee_id = old.employee_id and n.kind = 'survey_due' and n.session_id = old.session_id;
  end if;
  return null;
end
$$;
comment on function private.notify_registration_change() is
  '繰上げ・出席（アンケートのお願い）をお知らせにするトリガー関数 / Trigger function: notices of a promotion from the waitlist and of a survey to answer';
create trigger registrations_notify after insert or update of status on public.registrations
  for each row execute function private.notify_registration_change();

-- The survey answered: its notice has done its work.
create function private.read_survey_notice() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.notices as n set read_at = pg_catalog.now()
   where n.employee_id = new.employee_id and n.kind = 'survey_due' and n.session_id = new.session_id
     and n.read_at is null;
  return null;
end
$$;
comment on function private.read_survey_notice() is
  'アンケートを提出したら、そのお願いのお知らせを既読にするトリガー関数 / Trigger function: marks the survey notice read once the survey is submitted';
create trigger survey_submissions_read_notice after insert on public.survey_submissions
  for each row execute function private.read_survey_notice();

-- Everyone still holding a place (confirmed or waitlisted) hears of a change of time or place, or of
-- the cancellation. The capacity, the deadline and the facilitator are not their concern.
create function private.notify_session_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  notice_kind text;
begin
  if new.status = 'cancelled' and old.status <> 'cancelled' then
    notice_kind := 'session_cancelled';
  elsif new.status <> 'cancelled'
     and (new.starts_at, new.ends_at, new.venue, new.online_url)
         is distinct from (old.starts_at, old.ends_at, old.venue, old.online_url) then
    notice_kind := 'session_changed';
  else
    return null;
  end if;
  perform private.notify(r.employee_id, notice_kind, new.id, null, null, null)
     from public.registrations as r
    where r.session_id = new.id and r.status in ('confirmed', 'waitlisted');
  return null;
end
$$;
comment on function private.notify_session_change() is
  '日程の日時・場所の変更と中止を、申込み中の職員へのお知らせにするトリガー関数 / Trigger function: notices to the registered of a session''s new time or place, or its cancellation';
create trigger sessions_notify after update of status, starts_at, ends_at, venue, online_url on public.sessions
  for each row execute function private.notify_session_change();

create function private.notify_decision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.notify(new.employee_id, 'decision_' || new.decision, null, new.id, new.fiscal_year,
    case when new.decision in ('returned', 'revoked') then new.reason end);
  return null;
end
$$;
comment on function private.notify_decision() is
  '認定に関する判断を本人へのお知らせにするトリガー関数 / Trigger function: a notice to the employee of each certification decision';
create trigger certification_decisions_notify after insert on public.certification_decisions
  for each row execute function private.notify_decision();

-- mark_notices_read {ids: uuid[] (1–500)}: the caller's own notices, every one of them, or nothing
-- (DXP150: an id that is not the caller's notice, so ids reveal nothing). A notice read already keeps
-- its first read_at. Answers row null: the notices come back read with the next pull.
create function private.push_mark_notices_read(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  ids uuid[];
begin
  perform private.arg_check_keys(args, array['ids']);
  if jsonb_typeof(args -> 'ids') is distinct from 'array'
     or exists (
       select 1 from jsonb_array_elements(args -> 'ids') as e
        where jsonb_typeof(e) <> 'string'
           or (e #>> '{}') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') then
    perform private.arg_bad('ids');
  end if;
  if jsonb_array_length(args -> 'ids') not between 1 and 500 then
    perform private.reject('DXP015', 'お知らせは 1〜500 件ずつ既読にしてください。');
  end if;
  ids := array(select distinct (e #>> '{}')::uuid from jsonb_array_elements(args -> 'ids') as e);
  if (select count(*) from public.notices as n where n.id = any (ids) and n.employee_id = auth.uid())
     <> pg_catalog.cardinality(ids) then
    perform private.reject('DXP150', 'お知らせが見つかりません。同期してから、もう一度お試しください。');
  end if;
  update public.notices as n set read_at = pg_catalog.now()
   where n.id = any (ids) and n.employee_id = auth.uid() and n.read_at is null;
  return null;
end
$$;
comment on function private.push_mark_notices_read(jsonb) is
  'mark_notices_read: 自分のお知らせを既読にする / Marks the caller''s own notices read';

insert into private.mutation_kinds (kind, handler) values
  ('mark_notices_read', 'private.push_mark_notices_read(jsonb)');

revoke execute on function private.notify(uuid, text, uuid, uuid, integer, text) from public, anon, authenticated;
revoke execute on function private.notify_registration_change() from public, anon, authenticated;
revoke execute on function private.read_survey_notice() from public, anon, authenticated;
revoke execute on function private.notify_session_change() from public, anon, authenticated;
revoke execute on function private.notify_decision() from public, anon, authenticated;
revoke execute on function private.push_mark_notices_read(jsonb) from public, anon, authenticated;
