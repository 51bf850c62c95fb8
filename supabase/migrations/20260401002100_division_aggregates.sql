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

create or replace function private.min_group_size() returns integer
language sql
immutable
set search_path = ''
as $$
  select 5
$$;
comment on function private.min_group_size() is
  '集計で表示する集団の最小人数（これ未満は秘匿） / Smallest group an aggregate shows; smaller ones are suppressed';

create or replace function private.require_dx_admin() returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
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
create or replace function private.suppression(groups jsonb) returns jsonb
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
create or replace function private.shown_count(n integer, reason text) returns jsonb
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

-- Certification rules evaluated for candidates, set-based: one row per (employee, rule). With
-- only_employee, that employee alone (candidate or not); else every candidate without an active
-- certification. A rule whose kind or params this version does not understand is not met, like
-- the client's 'unknown' step: the server never certifies on a rule it cannot read.
create or replace function private.candidate_rules(only_employee uuid default null)
returns table (employee_id uuid, fiscal_year integer, rule_code text, sort_order integer, kind text, met boolean)
language sql
stable
security definer
set search_path = ''
as $$
  -- Attendance is joined once for all candidates; areas are index probes per candidate.
  with c as materialized (
    select p.id, p.leader_candidacy_fy as fy from public.profiles as p
    where (only_employee is null and p.leader_candidacy_fy is not null
           and not exists (select 1 from public.certifications as x where x.employee_id = p.id and x.revoked_at is null))
       or p.id = only_employee
  ), rules as (
    select cr.*,
      case cr.kind
        when 'candidacy' then cr.params = '{}'::jsonb
        when 'division_approval' then cr.params = '{}'::jsonb
        when 'areas_completed' then
          (select array_agg(k order by k) from jsonb_object_keys(cr.params) as k) = array['role']
          and exists (select 1 from public.dx_roles as d where d.code = cr.params ->> 'role')
        when 'training_completed' then
          not exists (select 1 from jsonb_object_keys(cr.params) as k where k not in ('training_kind', 'fiscal_year'))
          and jsonb_typeof(cr.params -> 'training_kind') = 'string'
          and (not cr.params ? 'fiscal_year' or cr.params ->> 'fiscal_year' = 'candidacy'
               or (jsonb_typeof(cr.params -> 'fiscal_year') = 'number' and (cr.params ->> 'fiscal_year') ~ '^[0-9]{4}$'))
        when 'training_attended_with_survey' then
          not exists (select 1 from jsonb_object_keys(cr.params) as k where k not in ('training_kind', 'min_count'))
          and jsonb_typeof(cr.params -> 'training_kind') = 'string'
          and (not cr.params ? 'min_count'
               or (jsonb_typeof(cr.params -> 'min_count') = 'number' and (cr.params ->> 'min_count') ~ '^[1-9][0-9]{0,3}$'))
        else false
      end as readable
    from public.certification_rules as cr
  ), att as materialized (
    -- Every attendance of the candidates, with its training's kind and year and whether surveyed.
    select x.employee_id, x.session_id, t.kind, t.fiscal_year,
      exists (select 1 from public.survey_submissions as ss
              where ss.session_id = x.session_id and ss.employee_id = x.employee_id) as surveyed
    from c
    join public.registrations as x on x.employee_id = c.id and x.status = 'attended'
    join public.sessions as s on s.id = x.session_id
    join public.trainings as t on t.id = s.training_id
  ), met_training as (
    select c.id, r.code from c
    join rules as r on r.kind = 'training_completed' and r.readable
    join att as a on a.employee_id = c.id and a.kind = r.params ->> 'training_kind'
      and case
        when not r.params ? 'fiscal_year' then true
        when r.params ->> 'fiscal_year' = 'candidacy' then a.fiscal_year = c.fy
        else a.fiscal_year::text = r.params ->> 'fiscal_year'
      end
    group by c.id, r.code
  ), met_survey as (
    select c.id, r.code from c
    join rules as r on r.kind = 'training_attended_with_survey' and r.readable
    join att as a on a.employee_id = c.id and a.kind = r.params ->> 'training_kind' and a.surveyed
    group by c.id, r.code, r.params
    having count(distinct a.session_id)
      >= coalesce(case when r.params ? 'min_count' then (r.params ->> 'min_count')::integer end, 1)
  )
  select c.id, c.fy, r.code, r.sort_order, r.kind,
    coalesce(r.readable and case r.kind
      when 'candidacy' then c.fy is not null
      when 'areas_completed' then not exists (
        select 1 from public.role_requirements as rr
        where rr.role_code = r.params ->> 'role'
          and not exists (select 1 from public.learning_records as l
                          where l.employee_id = c.id and l.area_code = rr.area_code
                            and l.completed_on <= private.tokyo_today()))
      when 'training_completed' then mt.id is not null
      when 'training_attended_with_survey' then ms.id is not null
      when 'division_approval' then exists (
        select 1 from public.certifications as x where x.employee_id = c.id and x.revoked_at is null)
    end, false)
  from c cross join rules as r
  left join met_training as mt on mt.id = c.id and mt.code = r.code
  left join met_survey as ms on ms.id = c.id and ms.code = r.code
$$;
comment on function private.candidate_rules(uuid) is
  '候補者ごとの認定要件の充足（集合演算で評価） / Whether each candidate meets each certification rule, evaluated set-based';

-- Steps met per candidate, and whether every rule but the division's approval is met (ready).
create or replace function private.candidate_progress(only_employee uuid default null)
returns table (employee_id uuid, fiscal_year integer, steps_met integer, steps_total integer, ready boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select c.employee_id, min(c.fiscal_year), (count(*) filter (where c.met))::integer, count(*)::integer,
    coalesce(bool_and(c.met) filter (where c.kind <> 'division_approval'), true)
  from private.candidate_rules(only_employee) as c
  group by c.employee_id
$$;

create or replace function private.fiscal_year_start(fy integer) returns date
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.make_date(fy, 4, 1)
$$;

-- Leader targets: certified per FY against fiscal_year_targets, cumulative against their sum, the
-- pipeline of candidates per FY by steps met, and a linear projection for the FY's end.
create or replace function private.division_leader_targets() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  today date := private.tokyo_today();
  current_fy integer := private.fiscal_year_of(private.tokyo_today());
  years jsonb;
begin
  perform private.require_dx_admin();
  with progress as (
    select * from private.candidate_progress()
  ), y as (
    select t.fiscal_year, t.leader_target,
      (select count(*) from public.certifications as c where c.fiscal_year = t.fiscal_year and c.revoked_at is null)::integer
        as certified,
      private.fiscal_year_start(t.fiscal_year + 1) - private.fiscal_year_start(t.fiscal_year) as days_total,
      least(greatest(today - private.fiscal_year_start(t.fiscal_year) + 1, 0),
            private.fiscal_year_start(t.fiscal_year + 1) - private.fiscal_year_start(t.fiscal_year)) as days_elapsed
    from public.fiscal_year_targets as t
  ), w as (
    select y.*,
      sum(y.leader_target) over (order by y.fiscal_year)::integer as cumulative_target,
      sum(y.certified) over (order by y.fiscal_year)::integer as cumulative_certified
    from y
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'fiscal_year', w.fiscal_year,
      'target', w.leader_target,
      'certified', w.certified,
      'cumulative_target', w.cumulative_target,
      'cumulative_certified', w.cumulative_certified,
      'days_total', w.days_total,
      'days_elapsed', w.days_elapsed,
      'status', case when w.fiscal_year < current_fy then 'past' when w.fiscal_year = current_fy then 'current' else 'future' end,
      -- Linear by days elapsed: the pace so far, carried to the FY's last day.
      'projected_certified', case
        when w.fiscal_year < current_fy then w.certified
        when w.fiscal_year = current_fy then round(w.certified::numeric * w.days_total / w.days_elapsed, 1)
      end,
      'candidates', (select count(*) from progress as p where p.fiscal_year = w.fiscal_year)::integer,
      'candidates_ready', (select count(*) from progress as p where p.fiscal_year = w.fiscal_year and p.ready)::integer,
      'candidates_by_steps_met', (
        select coalesce(jsonb_object_agg(s.steps_met::text, s.n), '{}'::jsonb)
        from (select p.steps_met, count(*)::integer as n from progress as p where p.fiscal_year = w.fiscal_year
              group by p.steps_met) as s),
      'steps_total', (select count(*) from public.certification_rules)::integer
    ) order by w.fiscal_year), '[]'::jsonb)
  into years
  from w;
  return jsonb_build_object(
    'as_of', today,
    'current_fiscal_year', current_fy,
    'goal', (select coalesce(sum(t.leader_target), 0) from public.fiscal_year_targets as t)::integer,
    'certified_total', (select count(*) from public.certifications as c where c.revoked_at is null)::integer,
    'fiscal_years', years);
end
$$;

-- Department coverage: every department that uses information systems, its certified leaders and
-- candidates (current members), the closest candidates where no leader is certified, and the FY's
-- learning and attendance counted toward the department of the time (profile_department_history).
create or replace function private.division_department_coverage(fiscal_year integer default null) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  fy integer := coalesce(fiscal_year, private.fiscal_year_of(private.tokyo_today()));
  fy_from date;
  fy_to date;
  departments jsonb;
begin
  perform private.require_dx_admin();
  if fy not between 2000 and 2100 then
    raise exception using errcode = 'P0001', message = 'DXP074', detail = '年度の指定に誤りがあります。';
  end if;
  fy_from := private.fiscal_year_start(fy);
  fy_to := private.fiscal_year_start(fy + 1);
  with progress as (
    select * from private.candidate_progress()
  ), learning as (
    select h.department_code, count(*)::integer as records, sum(l.minutes)::integer as minutes,
      count(distinct l.employee_id)::integer as learners
    from public.learning_records as l
    join public.profile_department_history as h on h.employee_id = l.employee_id
      and h.valid_from <= l.completed_on and (h.valid_to is null or l.completed_on < h.valid_to)
    where l.completed_on >= fy_from and l.completed_on < fy_to
    group by h.department_code
  ), attendance as (
    select h.department_code, count(*)::integer as attendances, count(distinct r.employee_id)::integer as attendees
    from public.registrations as r
    cross join lateral (select (r.checked_in_at at time zone 'Asia/Tokyo')::date as on_date) as d
    join public.profile_department_history as h on h.employee_id = r.employee_id
      and h.valid_from <= d.on_date and (h.valid_to is null or d.on_date < h.valid_to)
    where r.status = 'attended' and r.checked_in_at >= fy_from::timestamp at time zone 'Asia/Tokyo'
      and r.checked_in_at < fy_to::timestamp at time zone 'Asia/Tokyo'
    group by h.department_code
  ), members as (
    select p.department_code, count(*)::integer as members,
      count(*) filter (where exists (select 1 from public.certifications as c
                                     where c.employee_id = p.id and c.revoked_at is null))::integer as leaders,
      count(*) filter (where pr.employee_id is not null)::integer as candidates
    from public.profiles as p left join progress as pr on pr.employee_id = p.id
    where p.department_code is not null
    group by p.department_code
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'department_code', d.code,
      'name', d.name,
      'division_name', d.division_name,
      'members', coalesce(m.members, 0),
      'certified_leaders', coalesce(m.leaders, 0),
      'candidates', coalesce(m.candidates, 0),
      'covered', coalesce(m.leaders, 0) > 0,
      'closest_candidates', case when coalesce(m.leaders, 0) > 0 then '[]'::jsonb else (
        select coalesce(jsonb_agg(jsonb_build_object(
            'employee_id', x.id, 'employee_number', x.employee_number, 'full_name', x.full_name,
            'fiscal_year', x.fiscal_year, 'steps_met', x.steps_met, 'steps_total', x.steps_total, 'ready', x.ready)
          order by x.ready desc, x.steps_met desc, x.employee_number), '[]'::jsonb)
        from (select p.id, p.employee_number, p.full_name, pr.fiscal_year, pr.steps_met, pr.steps_total, pr.ready
              from public.profiles as p join progress as pr on pr.employee_id = p.id
              where p.department_code = d.code
              order by pr.ready desc, pr.steps_met desc, p.employee_number limit 3) as x) end,
      'learning_records', coalesce(l.records, 0),
      'learning_minutes', coalesce(l.minutes, 0),
      'learners', coalesce(l.learners, 0),
      'attendances', coalesce(a.attendances, 0),
      'attendees', coalesce(a.attendees, 0)
    ) order by d.sort_order), '[]'::jsonb)
  into departments
  from public.departments as d
  left join members as m on m.department_code = d.code
  left join learning as l on l.department_code = d.code
  left join attendance as a on a.department_code = d.code
  where d.uses_information_systems;
  return jsonb_build_object(
    'fiscal_year', fy,
    'departments_total', jsonb_array_length(departments),
    'departments_covered', (select count(*) from jsonb_array_elements(departments) as e where (e.value ->> 'covered')::boolean)::integer,
    'coverage_rate', case when jsonb_array_length(departments) = 0 then null else round(
      (select count(*) from jsonb_array_elements(departments) as e where (e.value ->> 'covered')::boolean)::numeric
      / jsonb_array_length(departments), 4) end,
    'departments', departments);
end
$$;

-- Knowledge areas: completion of the required areas by DX role and by department as of the FY's
-- last day (or today, for the current FY), and the trend by month. The population is today's
-- directory (staff with a position grade; no leaving dates are kept), in the departments of that
-- day (profile_department_history), with the leader role held on that day.
create or replace function private.division_knowledge_areas(fiscal_year integer default null) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  fy integer := coalesce(fiscal_year, private.fiscal_year_of(private.tokyo_today()));
  as_of date;
  result jsonb;
begin
  perform private.require_dx_admin();
  if fy not between 2000 and 2100 then
    raise exception using errcode = 'P0001', message = 'DXP074', detail = '年度の指定に誤りがあります。';
  end if;
  as_of := least(private.tokyo_today(), private.fiscal_year_start(fy + 1) - 1);
  with staff as materialized (
    -- Staff on that day: base role from the grade, plus leader while certified; '' = no department.
    select p.id as employee_id, coalesce(h.department_code, '') as dept,
      array[case when g.supervisory then 'manager' else 'promoter' end]
        || case when exists (select 1 from public.certifications as c where c.employee_id = p.id
                             and (c.approved_at at time zone 'Asia/Tokyo')::date <= as_of
                             and (c.revoked_at is null or (c.revoked_at at time zone 'Asia/Tokyo')::date > as_of))
           then array['leader'] else '{}'::text[] end as roles
    from public.profiles as p
    join public.position_grades as g on g.code = p.position_grade_code
    left join public.profile_department_history as h on h.employee_id = p.id
      and h.valid_from <= as_of and (h.valid_to is null or as_of < h.valid_to)
  ), first_done as materialized (
    select l.employee_id, l.area_code, min(l.completed_on) as first_on
    from public.learning_records as l join staff as s on s.employee_id = l.employee_id
    where l.completed_on <= as_of
    group by l.employee_id, l.area_code
  ), role_need as materialized (
    -- Per role, its own requirement set (a leader-manager counts 1–8 under manager, 1–9 under leader),
    -- with the day each area was first completed.
    select r.role_code, s.employee_id, s.dept, rr.area_code, f.first_on
    from staff as s cross join lateral unnest(s.roles) as r (role_code)
    join public.role_requirements as rr on rr.role_code = r.role_code
    left join first_done as f on f.employee_id = s.employee_id and f.area_code = rr.area_code
  ), need as materialized (
    -- Each employee's required areas: the union over their roles.
    select n.employee_id, n.dept, n.area_code, min(n.first_on) as first_on from role_need as n
    group by n.employee_id, n.dept, n.area_code
  ), full_on as materialized (
    select n.employee_id, n.dept, case when bool_and(n.first_on is not null) then max(n.first_on) end as on_date
    from need as n group by n.employee_id, n.dept
  ), role_members as materialized (
    select d.code as role_code, d.sort_order,
      (select count(*) from staff as s where d.code = any (s.roles))::integer as members
    from public.dx_roles as d
  ), role_hidden as materialized (
    select private.suppression(jsonb_object_agg(m.role_code, m.members)) as reasons from role_members as m
  ), role_area as materialized (
    select n.role_code, n.area_code, count(n.first_on)::integer as completed from role_need as n group by n.role_code, n.area_code
  ), role_missing as materialized (
    -- Members missing at least one area of the role's set; fully completed = members − missing.
    select x.role_code, count(*)::integer as n
    from (select n.role_code, n.employee_id from role_need as n where n.first_on is null
          group by n.role_code, n.employee_id) as x
    group by x.role_code
  ), dept_members as materialized (
    select s.dept, count(*)::integer as members from staff as s group by s.dept
  ), dept_hidden as materialized (
    select private.suppression(coalesce(jsonb_object_agg(m.dept, m.members), '{}'::jsonb)) as reasons from dept_members as m
  ), dept_area as materialized (
    select n.dept, n.area_code, count(*)::integer as required, count(n.first_on)::integer as completed
    from need as n group by n.dept, n.area_code
  ), dept_full as materialized (
    select f.dept, count(f.on_date)::integer as n from full_on as f group by f.dept
  ), months as materialized (
    select m::date as month_start, least((m + interval '1 month')::date - 1, as_of) as month_end
    from generate_series(private.fiscal_year_start(fy)::timestamp, as_of::timestamp, interval '1 month') as m
  ), month_activity as materialized (
    -- Per (month, employee) first, so learners are counted by hashing, not by sorting every record.
    select x.month_start, sum(x.n)::integer as records, count(*)::integer as learners
    from (select pg_catalog.date_trunc('month', l.completed_on)::date as month_start, l.employee_id, count(*) as n
          from public.learning_records as l join staff as s on s.employee_id = l.employee_id
          where l.completed_on between private.fiscal_year_start(fy) and as_of
          group by 1, 2) as x
    group by x.month_start
  ), area_firsts as materialized (
    select n.area_code, n.first_on, count(*)::integer as n from need as n where n.first_on is not null
    group by n.area_code, n.first_on
  )
  select jsonb_build_object(
    'fiscal_year', fy,
    'as_of', as_of,
    'staff', (select count(*) from staff)::integer,
    'by_role', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'role_code', m.role_code,
          'members', private.shown_count(m.members, h.reasons ->> m.role_code),
          'suppressed', h.reasons ->> m.role_code,
          'fully_completed', case when h.reasons ->> m.role_code is null then
            m.members - coalesce((select f.n from role_missing as f where f.role_code = m.role_code), 0) end,
          'areas', case when h.reasons ->> m.role_code is null then (
            select coalesce(jsonb_agg(jsonb_build_object('area_code', rr.area_code,
                'completed', coalesce((select a.completed from role_area as a
                                       where a.role_code = m.role_code and a.area_code = rr.area_code), 0))
              order by ka.sort_order), '[]'::jsonb)
            from public.role_requirements as rr join public.knowledge_areas as ka on ka.code = rr.area_code
            where rr.role_code = m.role_code) end
        ) order by m.sort_order), '[]'::jsonb)
      from role_members as m cross join role_hidden as h),
    'by_department', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'department_code', nullif(m.dept, ''),
          'members', private.shown_count(m.members, h.reasons ->> m.dept),
          'suppressed', h.reasons ->> m.dept,
          'required', case when h.reasons ->> m.dept is null then
            (select coalesce(sum(a.required), 0) from dept_area as a where a.dept = m.dept)::integer end,
          'completed', case when h.reasons ->> m.dept is null then
            (select coalesce(sum(a.completed), 0) from dept_area as a where a.dept = m.dept)::integer end,
          'fully_completed', case when h.reasons ->> m.dept is null then
            coalesce((select f.n from dept_full as f where f.dept = m.dept), 0) end,
          'areas', case when h.reasons ->> m.dept is null then (
            select coalesce(jsonb_agg(jsonb_build_object('area_code', a.area_code, 'required', a.required,
                'completed', a.completed) order by ka.sort_order), '[]'::jsonb)
            from dept_area as a join public.knowledge_areas as ka on ka.code = a.area_code
            where a.dept = m.dept) end
        ) order by d.sort_order nulls last), '[]'::jsonb)
      from dept_members as m cross join dept_hidden as h left join public.departments as d on d.code = m.dept),
    'trend', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'month', pg_catalog.to_char(m.month_start, 'YYYY-MM'),
          'records', coalesce(a.records, 0),
          'learners', coalesce(a.learners, 0),
          'fully_completed', (select count(*) from full_on as f where f.on_date <= m.month_end)::integer,
          'areas', (
            select coalesce(jsonb_agg(jsonb_build_object('area_code', ka.code,
                'completed', (select coalesce(sum(x.n), 0) from area_firsts as x
                              where x.area_code = ka.code and x.first_on <= m.month_end)::integer)
              order by ka.sort_order), '[]'::jsonb)
            from public.knowledge_areas as ka)
        ) order by m.month_start), '[]'::jsonb)
      from months as m left join month_activity as a on a.month_start = m.month_start),
    'required_by_area', (
      select coalesce(jsonb_agg(jsonb_build_object('area_code', ka.code,
          'required', (select count(*) from need as n where n.area_code = ka.code)::integer) order by ka.sort_order), '[]'::jsonb)
      from public.knowledge_areas as ka)
  ) into result;
  return result;
end
$$;

-- Effect figures of groups of sessions, all groups in one set-based pass. `groups` is
-- {"<key>": {"training_id": …, "session_ids": […], "reason": null | "complementary"}}; the answer is
-- {"<key>": group}. Per group: attendance and response counts, and the four Kirkpatrick levels kept
-- apart — reaction (per likert_5 item the mean and distribution, scale_0_10 as NPS, single-choice
-- counts, free text without names, sorted by text so its order says nothing about who answered
-- when), learning (self-assessed level per area before and after), behaviour (a follow-up survey,
-- not collected yet), results (what attendees did next). A group under 5 responses, or given a
-- reason, reads no answer at all: its survey figures are null.
create or replace function private.effect_groups(groups jsonb, detail boolean) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with g as materialized (
    select e.key as gkey, (e.value ->> 'training_id')::uuid as training_id, e.value ->> 'reason' as reason,
      array(select pg_catalog.jsonb_array_elements_text(e.value -> 'session_ids')::uuid) as session_ids
    from jsonb_each(groups) as e
  ), gs as materialized (
    select g.gkey, g.training_id, u.sid from g cross join lateral unnest(g.session_ids) as u (sid)
  ), tr as materialized (
    select g.gkey, t.survey_template_id as template, st.follow_up_weeks, st.questions
    from g join public.trainings as t on t.id = g.training_id
    left join public.survey_templates as st on st.id = t.survey_template_id
  ), reg as materialized (
    select gs.gkey,
      (count(*) filter (where r.status in ('confirmed', 'attended', 'no_show')))::integer as seats,
      (count(*) filter (where r.status = 'attended'))::integer as attended,
      (count(*) filter (where r.status = 'no_show'))::integer as no_show
    from gs join public.registrations as r on r.session_id = gs.sid
    group by gs.gkey
  ), resp as materialized (
    select gs.gkey, x.answers from gs join tr on tr.gkey = gs.gkey
    join public.survey_responses as x on x.session_id = gs.sid and x.template_id = tr.template
  ), shown as materialized (
    select g.gkey, coalesce(n.n, 0) as responses,
      coalesce(g.reason, case when coalesce(n.n, 0) < private.min_group_size() then 'below_threshold' end) as reason
    from g left join (select resp.gkey, count(*)::integer as n from resp group by resp.gkey) as n on n.gkey = g.gkey
  ), q as materialized (
    -- The questions of shown groups only: a suppressed group's answers are never read.
    select tr.gkey, e.value ->> 'key' as key, e.value ->> 'type' as type, e.value ->> 'label' as label,
      e.value -> 'options' as options, e.n
    from tr join shown on shown.gkey = tr.gkey and shown.reason is null
    cross join lateral jsonb_array_elements(tr.questions) with ordinality as e (value, n)
  ), numbers as materialized (
    -- submit_survey stored a number or nothing (or null) under these keys, so one lookup suffices.
    select v.gkey, v.key, v.x
    from (select q.gkey, q.key, (r.answers ->> q.key)::integer as x
          from q join resp as r on r.gkey = q.gkey
          where q.type in ('likert_5', 'scale_0_10')) as v
    where v.x is not null
  ), number_stats as materialized (
    select v.gkey, v.key, count(*)::integer as answered, round(avg(v.x), 2) as mean,
      (count(*) filter (where v.x >= 9))::integer as promoters, (count(*) filter (where v.x <= 6))::integer as detractors
    from numbers as v group by v.gkey, v.key
  ), number_dist as materialized (
    select q.gkey, q.key, jsonb_object_agg(s.v::text, coalesce(c.n, 0)) as distribution
    from q
    cross join lateral generate_series(case q.type when 'scale_0_10' then 0 else 1 end,
                                       case q.type when 'scale_0_10' then 10 else 5 end) as s (v)
    left join (select v.gkey, v.key, v.x, count(*)::integer as n from numbers as v group by 1, 2, 3) as c
      on c.gkey = q.gkey and c.key = q.key and c.x = s.v
    where detail and q.type in ('likert_5', 'scale_0_10')
    group by q.gkey, q.key
  ), items as materialized (
    select q.gkey,
      jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label, 'answered', coalesce(z.answered, 0), 'mean', z.mean,
          'distribution', d.distribution) order by q.n) filter (where q.type = 'likert_5') as likert,
      jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label, 'answered', coalesce(z.answered, 0), 'mean', z.mean,
          'promoters', coalesce(z.promoters, 0), 'passives', coalesce(z.answered - z.promoters - z.detractors, 0),
          'detractors', coalesce(z.detractors, 0),
          -- NPS: % answering 9–10 minus % answering 0–6.
          'nps', case when z.answered > 0 then round(100.0 * (z.promoters - z.detractors) / z.answered, 1) end,
          'distribution', d.distribution) order by q.n) filter (where q.type = 'scale_0_10') as recommendation
    from q
    left join number_dist as d on d.gkey = q.gkey and d.key = q.key
    left join number_stats as z on z.gkey = q.gkey and z.key = q.key
    where q.type in ('likert_5', 'scale_0_10')
    group by q.gkey
  ), choice_counts as materialized (
    select q.gkey, q.key, r.answers ->> q.key as value, count(*)::integer as n
    from q join resp as r on r.gkey = q.gkey
    where q.type = 'single_choice' and jsonb_typeof(r.answers -> q.key) = 'string'
    group by 1, 2, 3
  ), choices as materialized (
    select q.gkey, jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label,
        'answered', (select coalesce(sum(c.n), 0) from choice_counts as c where c.gkey = q.gkey and c.key = q.key)::integer,
        'distribution', (select jsonb_object_agg(o.value ->> 'value', coalesce((select c.n from choice_counts as c
                           where c.gkey = q.gkey and c.key = q.key and c.value = o.value ->> 'value'), 0))
                         from jsonb_array_elements(q.options) as o)
      ) order by q.n) as list
    from q where q.type = 'single_choice'
    group by q.gkey
  ), text_answers as materialized (
    select q.gkey, q.key, jsonb_agg(t.a order by t.a collate "C") as answers
    from q join resp as r on r.gkey = q.gkey
    cross join lateral (select pg_catalog.btrim(r.answers ->> q.key) as a) as t
    where detail and q.type = 'free_text' and jsonb_typeof(r.answers -> q.key) = 'string' and t.a <> ''
    group by q.gkey, q.key
  ), texts as materialized (
    select q.gkey, jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label,
        'answers', coalesce(ta.answers, '[]'::jsonb)) order by q.n) as list
    from q left join text_answers as ta on ta.gkey = q.gkey and ta.key = q.key
    where detail and q.type = 'free_text'
    group by q.gkey
  ), ratings as materialized (
    select q.gkey, a.key as area_code, (a.value ->> 'before')::integer as before, (a.value ->> 'after')::integer as after
    from q join resp as r on r.gkey = q.gkey
    cross join lateral jsonb_each(r.answers -> q.key) as a
    where q.type = 'area_self_assessment' and jsonb_typeof(r.answers -> q.key) = 'object'
  ), rating_dist as materialized (
    select x.gkey, x.area_code, x.side, jsonb_object_agg(s.v::text, coalesce(c.n, 0)) as distribution
    from (select distinct r.gkey, r.area_code, sd.side from ratings as r
          cross join (values ('before'), ('after')) as sd (side) where detail) as x
    cross join generate_series(1, 5) as s (v)
    left join (select r.gkey, r.area_code, 'before' as side, r.before as v, count(*)::integer as n
               from ratings as r group by 1, 2, 3, 4
               union all
               select r.gkey, r.area_code, 'after', r.after, count(*)::integer
               from ratings as r group by 1, 2, 3, 4) as c
      on c.gkey = x.gkey and c.area_code = x.area_code and c.side = x.side and c.v = s.v
    group by x.gkey, x.area_code, x.side
  ), self_assessment as materialized (
    select r.gkey, jsonb_agg(jsonb_build_object('area_code', r.area_code, 'answered', r.answered,
        'before_mean', r.before_mean, 'after_mean', r.after_mean, 'gain_mean', r.after_mean - r.before_mean,
        'before_distribution', b.distribution, 'after_distribution', a.distribution)
      order by ka.sort_order nulls last, r.area_code) as list
    from (select x.gkey, x.area_code, count(*)::integer as answered, round(avg(x.before), 2) as before_mean,
            round(avg(x.after), 2) as after_mean
          from ratings as x group by x.gkey, x.area_code) as r
    left join rating_dist as b on b.gkey = r.gkey and b.area_code = r.area_code and b.side = 'before'
    left join rating_dist as a on a.gkey = r.gkey and a.area_code = r.area_code and a.side = 'after'
    left join public.knowledge_areas as ka on ka.code = r.area_code
    group by r.gkey
  ), att as materialized (
    select distinct gs.gkey, gs.training_id, r.employee_id, r.session_id, s.starts_at, s.ends_at
    from gs
    join public.registrations as r on r.session_id = gs.sid and r.status = 'attended'
    join public.sessions as s on s.id = gs.sid
  ), attendees as materialized (
    select a.gkey, count(distinct a.employee_id)::integer as n from att as a group by a.gkey
  ), last_done as materialized (
    -- Results follow identified records: the attendees' latest learning per area, compared below with
    -- the session's last day (a session's own record is dated on that day, so it never counts).
    select l.employee_id, l.area_code, max(l.completed_on) as last_on
    from public.learning_records as l
    where (l.employee_id, l.area_code) in (
      select a.employee_id, ta.area_code from att as a join public.training_areas as ta on ta.training_id = a.training_id)
    group by l.employee_id, l.area_code
  ), later_learning as materialized (
    select a.gkey, count(distinct a.employee_id)::integer as n
    from att as a
    join public.training_areas as ta on ta.training_id = a.training_id
    join last_done as d on d.employee_id = a.employee_id and d.area_code = ta.area_code
      and d.last_on > (a.ends_at at time zone 'Asia/Tokyo')::date
    group by a.gkey
  ), later_certified as materialized (
    select a.gkey, count(distinct a.employee_id)::integer as n
    from att as a join public.certifications as c
      on c.employee_id = a.employee_id and c.revoked_at is null and c.approved_at > a.starts_at
    group by a.gkey
  )
  select coalesce(jsonb_object_agg(g.gkey, jsonb_build_object(
      'training_id', g.training_id,
      'sessions', pg_catalog.cardinality(g.session_ids),
      'seats_taken', coalesce(reg.seats, 0),
      'attended', coalesce(reg.attended, 0),
      'no_show', coalesce(reg.no_show, 0),
      'attendance_rate', case when reg.seats > 0 then round(reg.attended::numeric / reg.seats, 4) end,
      'suppressed', sh.reason,
      'responses', private.shown_count(sh.responses, sh.reason),
      'response_rate', case when sh.reason is null and reg.attended > 0 then round(sh.responses::numeric / reg.attended, 4) end,
      'reaction', case when sh.reason is null then jsonb_build_object(
          'items', coalesce(i.likert, '[]'::jsonb),
          'recommendation', coalesce(i.recommendation, '[]'::jsonb),
          'choices', coalesce(ch.list, '[]'::jsonb),
          'free_text', case when detail then coalesce(tx.list, '[]'::jsonb) end) end,
      'learning', case when sh.reason is null then jsonb_build_object('self_assessment', coalesce(sa.list, '[]'::jsonb)) end,
      -- The standard template has no follow-up; a follow-up survey (follow_up_weeks) is not collected yet.
      'behaviour', jsonb_build_object('follow_up_weeks', tr.follow_up_weeks, 'follow_up', null),
      -- Identified records, so shown for 5 or more attendances.
      'results', case when coalesce(reg.attended, 0) >= private.min_group_size() then jsonb_build_object(
          'attendees', coalesce(an.n, 0), 'later_learning', coalesce(ll.n, 0), 'later_certified', coalesce(lc.n, 0)) end
    )), '{}'::jsonb)
  from g
  join tr on tr.gkey = g.gkey
  join shown as sh on sh.gkey = g.gkey
  left join reg on reg.gkey = g.gkey
  left join items as i on i.gkey = g.gkey
  left join choices as ch on ch.gkey = g.gkey
  left join texts as tx on tx.gkey = g.gkey
  left join self_assessment as sa on sa.gkey = g.gkey
  left join attendees as an on an.gkey = g.gkey
  left join later_learning as ll on ll.gkey = g.gkey
  left join later_certified as lc on lc.gkey = g.gkey
$$;
comment on function private.effect_groups(jsonb, boolean) is
  '研修日程の集団ごとの効果測定（5件未満は秘匿） / Effect figures of groups of sessions; groups under 5 responses suppressed';

-- One group, keyed by the caller.
create or replace function private.effect_group(training uuid, session_ids uuid[], reason text, detail boolean)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select private.effect_groups(jsonb_build_object('g', jsonb_build_object(
    'training_id', training, 'session_ids', pg_catalog.to_jsonb(session_ids), 'reason', reason)), detail) -> 'g'
$$;

-- Suppression of the sessions of one training, from their response counts.
create or replace function private.session_suppression(training uuid) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select private.suppression(coalesce(jsonb_object_agg(s.id::text, (
      select count(*) from public.survey_responses as x where x.session_id = s.id and x.template_id = t.survey_template_id)),
    '{}'::jsonb))
  from public.sessions as s join public.trainings as t on t.id = s.training_id
  where s.training_id = training
$$;

create or replace function private.session_effect(target_session_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  t public.trainings;
begin
  if not (private.is_dx_admin() or private.facilitates_session(target_session_id)) then
    raise exception using errcode = 'P0001', message = 'DXP071',
      detail = 'この日程の効果測定の結果を見る権限がありません。';
  end if;
  select * into s from public.sessions where id = target_session_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'DXP072', detail = '研修日程が見つかりません。';
  end if;
  select * into strict t from public.trainings where id = s.training_id;
  return jsonb_build_object(
    'session_id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at, 'status', s.status,
    'training_title', t.title, 'training_kind', t.kind, 'fiscal_year', t.fiscal_year)
    || private.effect_group(t.id, array[s.id], private.session_suppression(t.id) ->> s.id::text, true);
end
$$;
comment on function private.session_effect(uuid) is
  '1日程の効果測定のまとめ（5件未満は秘匿） / Effect summary of one session; groups under 5 responses suppressed';

-- One training: all its sessions together, and each session (the comparison across sessions).
create or replace function private.division_training_effect(target_training_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  t public.trainings;
  ids uuid[];
  hidden jsonb;
  figures jsonb;
begin
  perform private.require_dx_admin();
  select * into t from public.trainings where id = target_training_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'DXP073', detail = '研修が見つかりません。';
  end if;
  select coalesce(array_agg(s.id order by s.starts_at, s.id), '{}') into ids from public.sessions as s where s.training_id = t.id;
  hidden := private.session_suppression(t.id);
  -- The total and every session in one pass ('total' is no uuid, so it cannot clash with a session).
  select private.effect_groups(
      jsonb_build_object('total', jsonb_build_object('training_id', t.id, 'session_ids', pg_catalog.to_jsonb(ids), 'reason', null))
      || coalesce(jsonb_object_agg(u.sid::text, jsonb_build_object(
           'training_id', t.id, 'session_ids', jsonb_build_array(u.sid), 'reason', hidden ->> u.sid::text)), '{}'::jsonb),
      true)
    into figures
    from unnest(ids) as u (sid);
  return jsonb_build_object(
    'training_id', t.id, 'title', t.title, 'kind', t.kind, 'fiscal_year', t.fiscal_year,
    'total', figures -> 'total',
    'sessions', (
      select coalesce(jsonb_agg(jsonb_build_object('session_id', s.id, 'starts_at', s.starts_at, 'status', s.status)
          || (figures -> s.id::text) order by s.starts_at, s.id), '[]'::jsonb)
      from public.sessions as s where s.training_id = t.id));
end
$$;

-- The trainings of one kind side by side (no kind-wide total, so no difference isolates a training).
create or replace function private.division_training_comparison(training_kind text, fiscal_year integer default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  figures jsonb;
begin
  perform private.require_dx_admin();
  if not exists (select 1 from public.training_kinds as k where k.code = training_kind) then
    raise exception using errcode = 'P0001', message = 'DXP074', detail = '研修の種類の指定に誤りがあります。';
  end if;
  select private.effect_groups(coalesce(jsonb_object_agg(t.id::text, jsonb_build_object(
      'training_id', t.id, 'reason', null,
      'session_ids', coalesce((select jsonb_agg(s.id) from public.sessions as s where s.training_id = t.id), '[]'::jsonb))),
      '{}'::jsonb), false)
    into figures
    from public.trainings as t
    where t.kind = training_kind
      and (division_training_comparison.fiscal_year is null or t.fiscal_year = division_training_comparison.fiscal_year);
  return jsonb_build_object(
    'kind', training_kind,
    'fiscal_year', fiscal_year,
    'trainings', (
      select coalesce(jsonb_agg(jsonb_build_object('title', t.title, 'fiscal_year', t.fiscal_year) || (figures -> t.id::text)
          order by t.fiscal_year, t.title, t.id), '[]'::jsonb)
      from public.trainings as t
      where t.kind = training_kind
        and (division_training_comparison.fiscal_year is null or t.fiscal_year = division_training_comparison.fiscal_year)));
end
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
      'min_group_size', 'require_dx_admin', 'suppression', 'shown_count', 'candidate_rules', 'candidate_progress',
      'fiscal_year_start', 'effect_groups', 'effect_group', 'session_suppression')
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;
grant execute on function private.division_leader_targets() to authenticated, service_role;
grant execute on function private.division_department_coverage(integer) to authenticated, service_role;
grant execute on function private.division_knowledge_areas(integer) to authenticated, service_role;
grant execute on function private.session_effect(uuid) to authenticated, service_role;
grant execute on function private.division_training_effect(uuid) to authenticated, service_role;
grant execute on function private.division_training_comparison(text, integer) to authenticated, service_role;
revoke execute on function private.division_leader_targets() from public, anon;
revoke execute on function private.division_department_coverage(integer) from public, anon;
revoke execute on function private.division_knowledge_areas(integer) from public, anon;
revoke execute on function private.session_effect(uuid) from public, anon;
revoke execute on function private.division_training_effect(uuid) from public, anon;
revoke execute on function private.division_training_comparison(text, integer) from public, anon;

create or replace function public.division_leader_targets() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_leader_targets() $$;
comment on function public.division_leader_targets() is
  'DX推進リーダーの育成目標と実績・候補者の進み具合・年度末の見込み（DX推進課のみ） / Leader targets, pipeline and projection (DX division only)';

create or replace function public.division_department_coverage(fiscal_year integer default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_department_coverage(fiscal_year) $$;
comment on function public.division_department_coverage(integer) is
  '課等ごとのリーダー配置と候補者・当時の所属に計上した学習と出席（DX推進課のみ） / Leader coverage per department, with learning and attendance by the department of the time (DX division only)';

create or replace function public.division_knowledge_areas(fiscal_year integer default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_knowledge_areas(fiscal_year) $$;
comment on function public.division_knowledge_areas(integer) is
  '役割別・課等別の必要分野の修了状況と月ごとの推移（DX推進課のみ） / Required-area completion by role and department, and the monthly trend (DX division only)';

create or replace function public.session_effect_summary(session_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.session_effect(session_id) $$;
comment on function public.session_effect_summary(uuid) is
  '1日程の効果測定のまとめ（DX推進課とその日程の運営者） / Effect summary of one session (DX division and the session''s facilitator)';

create or replace function public.division_training_effect(training_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_training_effect(training_id) $$;
comment on function public.division_training_effect(uuid) is
  '1研修の効果測定（全日程の合計と日程ごと）（DX推進課のみ） / Effect of one training, in total and per session (DX division only)';

create or replace function public.division_training_comparison(training_kind text, fiscal_year integer default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_training_comparison(training_kind, fiscal_year) $$;
comment on function public.division_training_comparison(text, integer) is
  '同じ種類の研修の効果の比較（DX推進課のみ） / Effect of the trainings of one kind side by side (DX division only)';

revoke execute on function public.division_leader_targets() from public, anon;
revoke execute on function public.division_department_coverage(integer) from public, anon;
revoke execute on function public.division_knowledge_areas(integer) from public, anon;
revoke execute on function public.session_effect_summary(uuid) from public, anon;
revoke execute on function public.division_training_effect(uuid) from public, anon;
revoke execute on function public.division_training_comparison(text, integer) from public, anon;
grant execute on function public.division_leader_targets() to authenticated, service_role;
grant execute on function public.division_department_coverage(integer) to authenticated, service_role;
grant execute on function public.division_knowledge_areas(integer) to authenticated, service_role;
grant execute on function public.session_effect_summary(uuid) to authenticated, service_role;
grant execute on function public.division_training_effect(uuid) to authenticated, service_role;
grant execute on function public.division_training_comparison(text, integer) to authenticated, service_role;

-- Indexes the aggregates lean on at city scale (3,000 staff, 100,000 learning records).
create index if not exists learning_records_employee_area_completed_idx
  on public.learning_records (employee_id, area_code, completed_on);
create index if not exists learning_records_completed_on_idx on public.learning_records (completed_on);
create index if not exists registrations_session_status_idx on public.registrations (session_id, status);
create index if not exists survey_responses_session_template_idx on public.survey_responses (session_id, template_id);
create index if not exists certifications_fiscal_year_idx on public.certifications (fiscal_year) where revoked_at is null;
create index if not exists profiles_leader_candidacy_fy_idx on public.profiles (leader_candidacy_fy)
  where leader_candidacy_fy is not null;
