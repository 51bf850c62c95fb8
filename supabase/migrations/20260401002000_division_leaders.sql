-- The DX division's reads about leaders and staff (supabase/README.md, "DX division aggregates" and
-- "Certification decisions"): certification rules evaluated in SQL, leader targets, department coverage,
-- knowledge areas, the certification queue, and the lookups of the division's screens. All dx_admin
-- only (DXP070); the shared helpers are in 20260401001900_division_support.sql.

-- Certification rules evaluated for candidates, set-based: one row per (employee, rule). With
-- only_employee, that employee alone (candidate or not); else every candidate without an active
-- certification. A rule whose kind or params this version does not understand is not met, like
-- the client's 'unknown' step: the server never certifies on a rule it cannot read.
create function private.candidate_rules(only_employee uuid default null)
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
create function private.candidate_progress(only_employee uuid default null)
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

-- Leader targets: certified per FY against fiscal_year_targets, cumulative against their sum, the
-- pipeline of candidates per FY by steps met, and a linear projection for the FY's end.
create function private.division_leader_targets() returns jsonb
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
create function private.division_department_coverage(fiscal_year integer default null) returns jsonb
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
create function private.division_knowledge_areas(fiscal_year integer default null) returns jsonb
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

-- Closed by default (20260401000000); the wrappers below run as the caller, so the signed-in role
-- may execute the entry points, which check the caller's role themselves.
do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_catalog.pg_proc as p
    where p.pronamespace = 'private'::regnamespace and p.proname in (
      'candidate_rules', 'candidate_progress')
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;
grant execute on function private.division_leader_targets() to authenticated, service_role;
grant execute on function private.division_department_coverage(integer) to authenticated, service_role;
grant execute on function private.division_knowledge_areas(integer) to authenticated, service_role;
revoke execute on function private.division_leader_targets() from public, anon;
revoke execute on function private.division_department_coverage(integer) from public, anon;
revoke execute on function private.division_knowledge_areas(integer) from public, anon;

create function public.division_leader_targets() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_leader_targets() $$;
comment on function public.division_leader_targets() is
  'DX推進リーダーの育成目標と実績・候補者の進み具合・年度末の見込み（DX推進課のみ） / Leader targets, pipeline and projection (DX division only)';

create function public.division_department_coverage(fiscal_year integer default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_department_coverage(fiscal_year) $$;
comment on function public.division_department_coverage(integer) is
  '課等ごとのリーダー配置と候補者・当時の所属に計上した学習と出席（DX推進課のみ） / Leader coverage per department, with learning and attendance by the department of the time (DX division only)';

create function public.division_knowledge_areas(fiscal_year integer default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_knowledge_areas(fiscal_year) $$;
comment on function public.division_knowledge_areas(integer) is
  '役割別・課等別の必要分野の修了状況と月ごとの推移（DX推進課のみ） / Required-area completion by role and department, and the monthly trend (DX division only)';

revoke execute on function public.division_leader_targets() from public, anon;
revoke execute on function public.division_department_coverage(integer) from public, anon;
revoke execute on function public.division_knowledge_areas(integer) from public, anon;
grant execute on function public.division_leader_targets() to authenticated, service_role;
grant execute on function public.division_department_coverage(integer) to authenticated, service_role;
grant execute on function public.division_knowledge_areas(integer) to authenticated, service_role;

-- The work queue: every candidate without an active certification, each rule met or not, and the
-- evidence behind it (records per area, e-learning, workshops with or without their survey).
create function private.division_certification_queue() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  perform private.require_dx_admin();
  -- Set-based: the evidence of every candidate is grouped once, then joined, never looked up per candidate.
  with progress as materialized (
    select r.employee_id, (count(*) filter (where r.met))::integer as steps_met, count(*)::integer as steps_total,
      coalesce(bool_and(r.met) filter (where r.kind <> 'division_approval'), true) as ready,
      jsonb_agg(jsonb_build_object('code', r.rule_code, 'kind', r.kind, 'met', r.met) order by r.sort_order) as rules
    from private.candidate_rules() as r group by r.employee_id
  ), area_counts as (
    select l.employee_id, l.area_code, count(*)::integer as records, max(l.completed_on) as last_on
    from public.learning_records as l
    where l.employee_id in (select g.employee_id from progress as g)
    group by l.employee_id, l.area_code
  ), areas as (
    select g.employee_id, jsonb_agg(jsonb_build_object('area_code', ka.code, 'records', coalesce(a.records, 0),
        'last_completed_on', a.last_on) order by ka.sort_order) as list
    from progress as g cross join public.knowledge_areas as ka
    left join area_counts as a on a.employee_id = g.employee_id and a.area_code = ka.code
    group by g.employee_id
  ), trainings as (
    select r.employee_id, jsonb_agg(jsonb_build_object(
        'session_id', s.id, 'training_id', t.id, 'title', t.title, 'kind', t.kind, 'fiscal_year', t.fiscal_year,
        'checked_in_at', r.checked_in_at, 'survey_submitted', ss.session_id is not null)
      order by r.checked_in_at, s.id) as list
    from public.registrations as r
    join public.sessions as s on s.id = r.session_id
    join public.trainings as t on t.id = s.training_id
    left join public.survey_submissions as ss on ss.session_id = r.session_id and ss.employee_id = r.employee_id
    where r.status = 'attended' and r.employee_id in (select g.employee_id from progress as g)
    group by r.employee_id
  ), last_decision as (
    select distinct on (d.employee_id) d.employee_id,
      jsonb_build_object('decision', d.decision, 'reason', d.reason, 'decided_at', d.decided_at) as decision
    from public.certification_decisions as d
    where d.employee_id in (select g.employee_id from progress as g)
    order by d.employee_id, d.decided_at desc, d.id
  )
  select jsonb_build_object(
    'as_of', private.tokyo_today(),
    'candidates', coalesce(jsonb_agg(jsonb_build_object(
        'employee_id', p.id, 'employee_number', p.employee_number, 'full_name', p.full_name,
        'department_code', p.department_code, 'position_grade_code', p.position_grade_code,
        'fiscal_year', p.leader_candidacy_fy, 'method', p.leader_candidacy_method,
        'ready', g.ready, 'steps_met', g.steps_met, 'steps_total', g.steps_total,
        'rules', g.rules,
        'evidence', jsonb_build_object('areas', a.list, 'trainings', coalesce(t.list, '[]'::jsonb)),
        'last_decision', ld.decision
      ) order by g.ready desc, g.steps_met desc, p.employee_number), '[]'::jsonb))
  into result
  from progress as g
  join public.profiles as p on p.id = g.employee_id
  join areas as a on a.employee_id = g.employee_id
  left join trainings as t on t.employee_id = g.employee_id
  left join last_decision as ld on ld.employee_id = g.employee_id;
  return result;
end
$$;
comment on function private.division_certification_queue() is
  '認定の作業一覧（候補者ごとの要件と根拠） / The certification work queue: each candidate''s rules and evidence';

create function public.division_certification_queue() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_certification_queue() $$;
comment on function public.division_certification_queue() is
  '認定の作業一覧（DX推進課のみ） / The certification work queue (DX division only)';
revoke execute on function private.division_certification_queue() from public, anon;
grant execute on function private.division_certification_queue() to authenticated, service_role;
revoke execute on function public.division_certification_queue() from public, anon;
grant execute on function public.division_certification_queue() to authenticated, service_role;
-- Two lookups the DX division's certification page needs (supabase/README.md, "DX division
-- aggregates"): an employee by number, to nominate a leader candidate, and the active
-- certifications, to revoke one. dx_admin only (DXP070, private.require_dx_admin); anon may not
-- execute the wrappers at all (42501).
--
--   public.division_find_employee(employee_number)  security invoker → private.division_find_employee
--   public.division_certified_leaders()             security invoker → private.division_certified_leaders

-- The number is normalised as the staff card is read elsewhere (find_employee): trimmed, upper case.
create function private.division_find_employee(target_employee_number text) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found_person jsonb;
begin
  perform private.require_dx_admin();
  select pg_catalog.jsonb_build_object(
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'department_code', p.department_code,
      'position_grade_code', p.position_grade_code,
      'leader_candidacy_fy', p.leader_candidacy_fy,
      'certified', exists (
        select 1 from public.certifications as c where c.employee_id = p.id and c.revoked_at is null))
    into found_person
    from public.profiles as p
    where p.employee_number = pg_catalog.upper(pg_catalog.btrim(pg_catalog.left(target_employee_number, 40)));
  return found_person;
end
$$;
comment on function private.division_find_employee(text) is
  '職員番号で職員を探す（リーダー候補の指名用、DX推進課のみ） / Finds an employee by number, for nominating a leader candidate (DX division only)';

-- Newest approval first, so the leader certified last is at the top of the revoking list.
create function private.division_certified_leaders() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  leaders jsonb;
begin
  perform private.require_dx_admin();
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'certification_id', c.id,
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'department_code', p.department_code,
      'fiscal_year', c.fiscal_year,
      'approved_at', c.approved_at)
    order by c.approved_at desc, p.employee_number collate "C"), '[]'::jsonb)
    into leaders
    from public.certifications as c
    join public.profiles as p on p.id = c.employee_id
    where c.revoked_at is null;
  return pg_catalog.jsonb_build_object('leaders', leaders);
end
$$;
comment on function private.division_certified_leaders() is
  '取り消されていない認定の一覧（取消し用、DX推進課のみ） / Active certifications, for revoking (DX division only)';

grant execute on function private.division_find_employee(text) to authenticated, service_role;
grant execute on function private.division_certified_leaders() to authenticated, service_role;
revoke execute on function private.division_find_employee(text) from public, anon;
revoke execute on function private.division_certified_leaders() from public, anon;

create function public.division_find_employee(employee_number text) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_find_employee(employee_number) $$;
comment on function public.division_find_employee(text) is
  '職員番号で職員を探す（リーダー候補の指名用、DX推進課のみ） / Finds an employee by number, for nominating a leader candidate (DX division only)';

create function public.division_certified_leaders() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_certified_leaders() $$;
comment on function public.division_certified_leaders() is
  '取り消されていない認定の一覧（取消し用、DX推進課のみ） / Active certifications, for revoking (DX division only)';

revoke execute on function public.division_find_employee(text) from public, anon;
revoke execute on function public.division_certified_leaders() from public, anon;
grant execute on function public.division_find_employee(text) to authenticated, service_role;
grant execute on function public.division_certified_leaders() to authenticated, service_role;
-- Who the DX division can name as a session's facilitator (運営者), for the session editor's
-- picker: staff with the facilitator or dx_admin role who have not left, by kana. dx_admin only
-- (DXP070, private.require_dx_admin); anon may not execute the wrapper at all (42501).
-- save_session itself accepts any employee who has not left (DXP112), so a list that is stale on
-- the device can never name someone the server would refuse.
--
--   public.division_facilitators()  security invoker → private.division_facilitators

create function private.division_facilitators() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  people jsonb;
begin
  perform private.require_dx_admin();
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'department_code', p.department_code,
      'app_role', p.app_role)
    order by p.full_name_kana collate "C", p.employee_number collate "C"), '[]'::jsonb)
    into people
    from public.profiles as p
    where p.app_role in ('facilitator', 'dx_admin') and p.left_on is null;
  return pg_catalog.jsonb_build_object('facilitators', people);
end
$$;
comment on function private.division_facilitators() is
  '日程の運営者に指定できる職員（ファシリテーターとDX推進課、DX推進課のみ） / Staff who can run a session, for the session editor (DX division only)';

grant execute on function private.division_facilitators() to authenticated, service_role;
revoke execute on function private.division_facilitators() from public, anon;

create function public.division_facilitators() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_facilitators() $$;
comment on function public.division_facilitators() is
  '日程の運営者に指定できる職員（DX推進課のみ） / Staff who can run a session (DX division only)';

revoke execute on function public.division_facilitators() from public, anon;
grant execute on function public.division_facilitators() to authenticated, service_role;
