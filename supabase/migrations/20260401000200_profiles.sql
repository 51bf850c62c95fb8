-- One profile per signed-in user: who they are in the city's directory (employee number, section,
-- grade) and what the app lets them do (app_role). The DX division maintains it; staff read only
-- their own row. Facilitators' view of rosters comes through RPCs, not through this table.

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

create index profiles_department_code_idx on public.profiles (department_code);
create index profiles_position_grade_code_idx on public.profiles (position_grade_code);

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function private.set_updated_at();

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
