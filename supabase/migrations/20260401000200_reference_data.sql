-- The plan as data: knowledge areas, DX roles and what each needs, position grades, departments,
-- leader targets, training kinds and the certification rules. Values come from supabase/seed.sql;
-- another municipality runs the app by changing that data, not this schema.
--
-- Access, the same for every table here: signed-in staff read everything (the passport, role and
-- route screens need it), anon reads nothing, and only the DX division (dx_admin) writes.

create table public.knowledge_areas (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  sort_order integer not null unique check (sort_order > 0),
  name text not null check (char_length(name) between 1 and 100),
  name_en text not null check (char_length(name_en) between 1 and 100),
  description text not null default '' check (char_length(description) <= 1000)
);
comment on table public.knowledge_areas is
  'DX人材に必要となる知識等（9分野） / Knowledge areas DX talent must cover (nine in the plan)';
alter table public.knowledge_areas enable row level security;

create policy knowledge_areas_select_authenticated on public.knowledge_areas
  for select to authenticated using (true);
create policy knowledge_areas_insert_dx_admin on public.knowledge_areas
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy knowledge_areas_update_dx_admin on public.knowledge_areas
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy knowledge_areas_delete_dx_admin on public.knowledge_areas
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.dx_roles (
  code text primary key check (code in ('leader', 'manager', 'promoter')),
  sort_order integer not null unique check (sort_order > 0),
  name text not null check (char_length(name) between 1 and 100),
  name_en text not null check (char_length(name_en) between 1 and 100),
  definition text not null check (char_length(definition) between 1 and 1000),
  audience text not null default '' check (char_length(audience) <= 500),
  duties jsonb not null default '[]'::jsonb check (jsonb_typeof(duties) = 'array')
);
comment on table public.dx_roles is
  'DX人材の役割（DX推進リーダー・DX推進管理者・DX推進員）と定義・主な役割 / DX roles with their definition and main duties';
comment on column public.dx_roles.code is
  '役割は構造上3つで固定（基本役割は職位から導出、リーダーは指定） / Fixed set: the base role is derived from the grade, leader is designated';
comment on column public.dx_roles.duties is
  '主な役割（日本語の文字列の配列） / Main duties, a JSON array of Japanese strings';
alter table public.dx_roles enable row level security;

create policy dx_roles_select_authenticated on public.dx_roles
  for select to authenticated using (true);
create policy dx_roles_insert_dx_admin on public.dx_roles
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy dx_roles_update_dx_admin on public.dx_roles
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy dx_roles_delete_dx_admin on public.dx_roles
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.role_requirements (
  role_code text not null references public.dx_roles (code),
  area_code text not null references public.knowledge_areas (code),
  primary key (role_code, area_code)
);
comment on table public.role_requirements is
  '役割別に必要となる知識分野（計画の○の表） / Which knowledge areas each DX role requires (the plan''s matrix)';
create index role_requirements_area_code_idx on public.role_requirements (area_code);
alter table public.role_requirements enable row level security;

create policy role_requirements_select_authenticated on public.role_requirements
  for select to authenticated using (true);
create policy role_requirements_insert_dx_admin on public.role_requirements
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy role_requirements_update_dx_admin on public.role_requirements
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy role_requirements_delete_dx_admin on public.role_requirements
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.position_grades (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text not null unique check (char_length(name) between 1 and 50),
  rank integer not null unique check (rank > 0),
  supervisory boolean not null
);
comment on table public.position_grades is
  '職位（主事補〜部長）と係長権限の有無 / Position grades and whether each carries 係長 (supervisory) authority';
comment on column public.position_grades.supervisory is
  '係長権限あり = DX推進管理者、なし = DX推進員。名称ではなくこの値で判定（副主幹は権限なし） / True makes a DX manager, false a DX promoter; decided by this flag, not the name (副主幹 is false)';
alter table public.position_grades enable row level security;

create policy position_grades_select_authenticated on public.position_grades
  for select to authenticated using (true);
create policy position_grades_insert_dx_admin on public.position_grades
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy position_grades_update_dx_admin on public.position_grades
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy position_grades_delete_dx_admin on public.position_grades
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.departments (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text not null check (char_length(name) between 1 and 100),
  division_name text not null check (char_length(division_name) between 1 and 100),
  uses_information_systems boolean not null default true,
  sort_order integer not null unique check (sort_order > 0),
  unique (division_name, name)
);
comment on table public.departments is
  '課等（所属）と所管する部等 / Sections (課等) of the city and the department (部) each belongs to';
comment on column public.departments.uses_information_systems is
  '情報システムを利用する課等か（リーダー配置率の分母） / Whether the section uses information systems (the denominator of leader coverage)';
alter table public.departments enable row level security;

create policy departments_select_authenticated on public.departments
  for select to authenticated using (true);
create policy departments_insert_dx_admin on public.departments
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy departments_update_dx_admin on public.departments
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy departments_delete_dx_admin on public.departments
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.fiscal_year_targets (
  fiscal_year integer primary key check (fiscal_year between 2000 and 2100),
  leader_target integer not null check (leader_target > 0)
);
comment on table public.fiscal_year_targets is
  '年度別のDX推進リーダー育成目標（認定人数） / Certified DX leader targets per fiscal year';
comment on column public.fiscal_year_targets.fiscal_year is
  '年度の開始年（2026 = 令和8年度） / The calendar year the fiscal year starts in (2026 = 令和8年度)';
alter table public.fiscal_year_targets enable row level security;

create policy fiscal_year_targets_select_authenticated on public.fiscal_year_targets
  for select to authenticated using (true);
create policy fiscal_year_targets_insert_dx_admin on public.fiscal_year_targets
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy fiscal_year_targets_update_dx_admin on public.fiscal_year_targets
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy fiscal_year_targets_delete_dx_admin on public.fiscal_year_targets
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.training_kinds (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  sort_order integer not null unique check (sort_order > 0),
  name text not null check (char_length(name) between 1 and 100),
  name_en text not null check (char_length(name_en) between 1 and 100),
  description text not null default '' check (char_length(description) <= 1000),
  schedule_note text not null default '' check (char_length(schedule_note) <= 500),
  audience_note text not null default '' check (char_length(audience_note) <= 500)
);
comment on table public.training_kinds is
  '研修の種類（デジタル人材育成研修・DX研修・DXワークショップ） / Kinds of training the plan offers';
alter table public.training_kinds enable row level security;

create policy training_kinds_select_authenticated on public.training_kinds
  for select to authenticated using (true);
create policy training_kinds_insert_dx_admin on public.training_kinds
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy training_kinds_update_dx_admin on public.training_kinds
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy training_kinds_delete_dx_admin on public.training_kinds
  for delete to authenticated using ((select private.is_dx_admin()));

create table public.certification_rules (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  sort_order integer not null unique check (sort_order > 0),
  -- Only kinds the server and the domain module know how to evaluate.
  kind text not null check (
    kind in ('candidacy', 'areas_completed', 'training_completed', 'training_attended_with_survey', 'division_approval')
  ),
  params jsonb not null default '{}'::jsonb check (jsonb_typeof(params) = 'object'),
  name text not null check (char_length(name) between 1 and 200),
  name_en text not null check (char_length(name_en) between 1 and 200),
  description text not null default '' check (char_length(description) <= 1000)
);
comment on table public.certification_rules is
  'DX推進リーダー認定の要件（DX推進課が定めるルール） / Requirements for DX leader certification, as rules the DX division can edit';
comment on column public.certification_rules.params is
  '種類ごとの引数（例: {"training_kind":"workshop","min_count":1}） / Per-kind parameters, validated by the evaluator of that kind';
alter table public.certification_rules enable row level security;

create policy certification_rules_select_authenticated on public.certification_rules
  for select to authenticated using (true);
create policy certification_rules_insert_dx_admin on public.certification_rules
  for insert to authenticated with check ((select private.is_dx_admin()));
create policy certification_rules_update_dx_admin on public.certification_rules
  for update to authenticated using ((select private.is_dx_admin())) with check ((select private.is_dx_admin()));
create policy certification_rules_delete_dx_admin on public.certification_rules
  for delete to authenticated using ((select private.is_dx_admin()));

-- Replicated to every signed-in user (tombstone owner = everyone).
do $$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('knowledge_areas', ''), ('dx_roles', ''), ('role_requirements', ''), ('position_grades', ''),
      ('departments', ''), ('fiscal_year_targets', ''), ('training_kinds', ''), ('certification_rules', '')
    ) as s (table_name, owner_column)
  loop
    execute pg_catalog.format(
      'alter table public.%1$I add column _xid xid8 not null default pg_catalog.pg_current_xact_id();
       create trigger %2$I before insert or update on public.%1$I
         for each row execute function private.stamp_xid();
       create trigger %3$I after delete on public.%1$I
         for each row execute function private.record_tombstone(%4$L);
       create trigger %5$I after truncate on public.%1$I
         for each statement execute function private.sync_truncated();
       comment on column public.%1$I._xid is %6$L;',
      spec.table_name, spec.table_name || '_stamp_xid', spec.table_name || '_record_tombstone',
      spec.owner_column, spec.table_name || '_sync_truncated',
      '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)');
  end loop;
end
$$;

insert into private.replicated_tables (table_name, owner_column) values
  ('knowledge_areas', null), ('dx_roles', null), ('role_requirements', null), ('position_grades', null),
  ('departments', null), ('fiscal_year_targets', null), ('training_kinds', null), ('certification_rules', null);
