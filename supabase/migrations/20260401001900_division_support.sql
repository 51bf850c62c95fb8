-- The DX division's dashboard: role-guarded aggregate RPCs computed in SQL (never by downloading
-- everyone's rows): leader targets, department coverage, knowledge areas, and training effect
-- (効果測定) per session, per training and across trainings of one kind. Contract and definitions:
-- supabase/README.md ("DX division aggregates").
--
--   public.division_*(…)                security invoker wrappers, dx_admin only (DXP070)
--   public.session_effect_summary(id)   dx_admin, or the facilitator of that session (DXP071)
--     └ private.*                       security definer, search_path = ''
--
-- Small groups: survey figures of a group with fewer than 5 responses are suppressed in SQL — the
-- group says only "<5", never a mean, a distribution or a free-text answer; so is a sibling chosen
-- to keep the suppressed ones from being recovered by subtracting the shown siblings from the total
-- (complementary suppression). Member-based figures (knowledge areas by role and department) follow
-- the same rule on member counts.

create function private.min_group_size() returns integer
language sql
immutable
set search_path = ''
as $$
  select 5
$$;
comment on function private.min_group_size() is
  '集計で表示する集団の最小人数（これ未満は秘匿） / Smallest group an aggregate shows; smaller ones are suppressed';

create function private.require_dx_admin() returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_active_profile();
  if not private.is_dx_admin() then
    raise exception using errcode = 'P0001', message = 'DXP070',
      detail = 'この集計は DX推進課の職員だけが見られます。';
  end if;
end
$$;
comment on function private.require_dx_admin() is
  '呼び出し元が DX推進課でなければ DXP070 で拒否する / Refuses a caller who is not the DX division with DXP070';

-- Which groups to suppress: fewer than min_group_size (below_threshold), and, when the suppressed
-- ones hold 1–4 in all, the smallest shown group as well (complementary), so that the total minus
-- the shown groups never isolates fewer than min_group_size people.
create function private.suppression(groups jsonb) returns jsonb
language sql
immutable
set search_path = ''
as $$
  with g as (
    select e.key, (e.value)::integer as n from jsonb_each(groups) as e
  ), w as (
    select g.key, g.n,
      sum(g.n) filter (where g.n < private.min_group_size()) over () as small_sum,
      row_number() over (partition by g.n >= private.min_group_size() order by g.n, g.key collate "C") as rank_in_side
    from g
  )
  select coalesce(jsonb_object_agg(w.key,
    case
      when w.n < private.min_group_size() then 'below_threshold'
      when w.small_sum between 1 and private.min_group_size() - 1 and w.rank_in_side = 1 then 'complementary'
    end), '{}'::jsonb)
  from w
$$;
comment on function private.suppression(jsonb) is
  '集団ごとの秘匿の理由（below_threshold / complementary / null）。引数は {集団キー: 人数} / Suppression reason per group, from {group key: size}';

-- A count as a suppressed group shows it: the number, '<5', or null (complementary).
create function private.shown_count(n integer, reason text) returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case
    when reason is null then pg_catalog.to_jsonb(n)
    when reason = 'below_threshold' then pg_catalog.to_jsonb('<' || private.min_group_size())
    else 'null'::jsonb
  end
$$;

create function private.fiscal_year_start(fy integer) returns date
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.make_date(fy, 4, 1)
$$;

-- Closed by default (20260401000000); the wrappers below run as the caller, so the signed-in role
-- may execute the entry points, which check the caller's role themselves.
do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_catalog.pg_proc as p
    where p.pronamespace = 'private'::regnamespace and p.proname in (
      'min_group_size', 'require_dx_admin', 'suppression', 'shown_count', 'fiscal_year_start')
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;

-- Indexes the aggregates lean on at city scale (3,000 staff, 100,000 learning records).
create index learning_records_employee_area_completed_idx
  on public.learning_records (employee_id, area_code, completed_on);
create index learning_records_completed_on_idx on public.learning_records (completed_on);
create index registrations_session_status_idx on public.registrations (session_id, status);
create index survey_responses_session_template_idx on public.survey_responses (session_id, template_id);
create index certifications_fiscal_year_idx on public.certifications (fiscal_year) where revoked_at is null;
create index profiles_leader_candidacy_fy_idx on public.profiles (leader_candidacy_fy)
  where leader_candidacy_fy is not null;
