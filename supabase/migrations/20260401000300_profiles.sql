-- One profile per signed-in user: who they are in the city's directory (employee number, section,
-- grade) and what the app lets them do (app_role). The DX division maintains it; staff read only
-- their own row. Facilitators' view of rosters comes through RPCs, not through this table.
-- Replicated to its owner (sync_pull); `email` and `left_on` come from the HR directory
-- (20260401001700_directory_import.sql).

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  -- ASCII upper-case letters, digits and hyphens: keeps full-width digits typed by hand out of the key.
  employee_number text not null unique check (employee_number ~ '^[0-9A-Z][0-9A-Z-]{2,19}$'),
  full_name text not null check (char_length(btrim(full_name)) between 1 and 100),
  full_name_kana text not null check (
    char_length(full_name_kana) between 1 and 100 and full_name_kana ~ '^[ァ-ヶー・ 　]+$'
  ),
  -- Null for accounts outside the directory, e.g. an external workshop facilitator.
  department_code text references public.departments (code),
  position_grade_code text references public.position_grades (code),
  app_role text not null default 'employee' check (app_role in ('employee', 'facilitator', 'dx_admin')),
  leader_candidacy_fy integer check (leader_candidacy_fy between 2000 and 2100),
  leader_candidacy_method text check (leader_candidacy_method in ('volunteered', 'nominated')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  _xid xid8 not null default pg_catalog.pg_current_xact_id(),
  email text
    check (email is null or (char_length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$')),
  left_on date check (left_on >= date '2000-01-01'),
  constraint profiles_leader_candidacy_complete check (
    (leader_candidacy_fy is null) = (leader_candidacy_method is null)
  )
);
comment on table public.profiles is
  '職員プロフィール（職員番号・所属・職位・アプリ権限・リーダー候補） / Staff profiles: employee number, section, grade, app role, leader candidacy';
comment on column public.profiles.app_role is
  'employee（全職員）/ facilitator（研修運営）/ dx_admin（DX推進課） / What the app lets the user do';
comment on column public.profiles.leader_candidacy_fy is
  'DX推進リーダー候補となった年度（希望または指名） / Fiscal year of leader candidacy (volunteered or nominated)';
comment on column public.profiles.email is
  '人事名簿のメールアドレス（サインイン用アカウントの宛先） / The HR directory''s email (where the sign-in account is sent)';
comment on column public.profiles.left_on is
  '名簿から外れた日（退職・転出）。null は在籍 / The date the person left the directory; null while active';

create index profiles_department_code_idx on public.profiles (department_code);
create index profiles_position_grade_code_idx on public.profiles (position_grade_code);

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function private.set_updated_at();
create trigger profiles_stamp_xid before insert or update on public.profiles
  for each row execute function private.stamp_xid();
create trigger profiles_record_tombstone after delete on public.profiles
  for each row execute function private.record_tombstone('id');
create trigger profiles_sync_truncated after truncate on public.profiles
  for each statement execute function private.sync_truncated();
comment on column public.profiles._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
insert into private.replicated_tables (table_name, owner_column) values ('profiles', 'id');

create trigger profiles_bump_sync_epoch
  after update of app_role on public.profiles
  for each row when (old.app_role is distinct from new.app_role)
  execute function private.profiles_bump_sync_epoch();
-- The import's checks look emails up case-insensitively, 3,000 at a time.
create index profiles_email_lower_idx on public.profiles (lower(email));

-- A profile made without an email (fixtures, the demo city) takes its auth user's, so the directory's
-- email and the account's agree from the start.
create function private.profiles_default_email() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.email is null then
    select pg_catalog.lower(u.email) into new.email from auth.users as u where u.id = new.id;
  end if;
  return new;
end
$$;
revoke execute on function private.profiles_default_email() from public, anon, authenticated;
create trigger profiles_default_email
  before insert on public.profiles
  for each row execute function private.profiles_default_email();

alter table public.profiles enable row level security;

create policy profiles_select_own on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy profiles_select_dx_admin on public.profiles
  for select to authenticated using ((select private.is_dx_admin()));
-- No write policy for staff: nobody may change their own app role, grade or candidacy.
create policy profiles_insert_dx_admin on public.profiles
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy profiles_update_dx_admin on public.profiles
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy profiles_delete_dx_admin on public.profiles
  for delete to authenticated using ((select private.is_dx_admin()));
