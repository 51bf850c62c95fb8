-- Leader certifications (認定) and the audit log of every decision the DX division makes.
-- Certifications are written by admin RPCs (a later issue); staff read their own.

create table public.certifications (
  id uuid primary key default gen_random_uuid(),
  employee_id uuid not null references public.profiles (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  approved_by uuid not null references public.profiles (id),
  approved_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text check (char_length(btrim(revoked_reason)) between 1 and 1000),
  _xid xid8 not null default pg_current_xact_id(),
  constraint certifications_revoked_with_reason check ((revoked_at is null) = (revoked_reason is null))
);
comment on table public.certifications is
  'DX推進リーダーの認定（年度・承認者・承認日・取消し） / DX leader certifications: fiscal year, approver, approval, revocation';
comment on column public.certifications.fiscal_year is
  '認定した年度（目標の集計はこの年度に数える） / The fiscal year of approval, which the leader counts toward';
create unique index certifications_one_active_idx on public.certifications (employee_id) where revoked_at is null;
create index certifications_approved_by_idx on public.certifications (approved_by);

create trigger certifications_stamp_xid before insert or update on public.certifications
  for each row execute function private.stamp_xid();
create trigger certifications_record_tombstone after delete on public.certifications
  for each row execute function private.record_tombstone('employee_id');
create trigger certifications_sync_truncated after truncate on public.certifications
  for each statement execute function private.sync_truncated();
create trigger certifications_forbid_owner_change before update of employee_id on public.certifications
  for each row execute function private.forbid_owner_change('employee_id');
comment on column public.certifications._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
insert into private.replicated_tables (table_name, owner_column) values ('certifications', 'employee_id');

alter table public.certifications enable row level security;
create policy certifications_select_own on public.certifications
  for select to authenticated using (employee_id = (select auth.uid()));
create policy certifications_select_dx_admin on public.certifications
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.certifications from anon, authenticated;

-- Not replicated: read by the DX division only, written only by private.write_audit.
create table public.audit_log (
  id bigint generated always as identity primary key,
  actor_id uuid references public.profiles (id) on delete set null,
  action text not null check (action ~ '^[a-z][a-z0-9_]{1,59}$'),
  target_table text not null check (target_table ~ '^[a-z_][a-z0-9_]*$'),
  target_key text not null check (char_length(target_key) between 1 and 200),
  details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
  at timestamptz not null default now()
);
comment on table public.audit_log is
  'DX推進課の判断の記録（認定・受付・名簿の変更など）。追記のみ / Audit log of every DX division decision; append-only';
create index audit_log_actor_id_idx on public.audit_log (actor_id);
create index audit_log_target_idx on public.audit_log (target_table, target_key);

alter table public.audit_log enable row level security;
create policy audit_log_select_dx_admin on public.audit_log
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.audit_log from anon, authenticated;

create function private.write_audit(action text, target_table text, target_key text, details jsonb default '{}'::jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.audit_log (actor_id, action, target_table, target_key, details)
  values (auth.uid(), action, target_table, target_key, coalesce(details, '{}'::jsonb));
$$;
comment on function private.write_audit(text, text, text, jsonb) is
  '監査ログに1件追記する（呼び出し元 = 実行者） / Appends one audit entry with the caller as actor';
revoke execute on function private.write_audit(text, text, text, jsonb) from public, anon, authenticated;
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
insert into private.replicated_tables (table_name, owner_column) values ('certification_decisions', 'employee_id');
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
