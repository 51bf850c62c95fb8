-- The training effect (効果測定, Kirkpatrick levels 1–4) per session, per training and across the
-- trainings of one kind (supabase/README.md, "session_effect_summary"). Each phase of a survey is read
-- on its own: levels 1 and 2 read phase 'post' only; level 3 ('behaviour.follow_up') reads phase
-- 'follow_up' with the template's follow_up_questions: responses, response rate against attendance,
-- the 5-point items, 0–10 items, single choices (with their options' wording) and free text; under 5
-- follow-up responses, or withheld after the session, it is suppressed like any group, and the
-- sessions of a training are suppressed per phase (complementary included). attendance_rate =
-- attended / seats of the sessions that have started: a future session's confirmed people are not
-- absences. The shared helpers are in 20260401001900_division_support.sql.

-- Suppression of the sessions of one training, from their response counts in one phase.
create function private.phase_suppression(training uuid, survey_phase text) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select private.suppression(coalesce(jsonb_object_agg(s.id::text, (
      select count(*) from private.survey_answers as x
      where x.session_id = s.id and x.template_id = t.survey_template_id and x.phase = survey_phase)),
    '{}'::jsonb))
  from public.sessions as s join public.trainings as t on t.id = s.training_id
  where s.training_id = training
$$;
revoke execute on function private.phase_suppression(uuid, text) from public, anon, authenticated;

-- Effect figures of groups of sessions, all groups and both phases in one set-based pass. `groups` is
-- {"<key>": {"training_id": …, "session_ids": […], "reason": null | "complementary",
-- "follow_up_reason": null | …}}; the answer is {"<key>": group}. Per group: attendance and response
-- counts, and the four Kirkpatrick levels kept apart — reaction (per likert_5 item the mean and
-- distribution, scale_0_10 as NPS, single-choice counts, free text without names, sorted by text so
-- its order says nothing about who answered when), learning (self-assessed level per area before
-- and after), behaviour (the follow-up survey, the same figures from its own questions), results
-- (what attendees did next). A phase of a group under 5 responses, or given a reason, reads no
-- answer at all: its survey figures are null.
create function private.effect_groups(groups jsonb, detail boolean) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with g as materialized (
    select e.key as gkey, (e.value ->> 'training_id')::uuid as training_id, e.value ->> 'reason' as reason,
      e.value ->> 'follow_up_reason' as follow_up_reason,
      array(select pg_catalog.jsonb_array_elements_text(e.value -> 'session_ids')::uuid) as session_ids
    from jsonb_each(groups) as e
  ), gs as materialized (
    select g.gkey, g.training_id, u.sid from g cross join lateral unnest(g.session_ids) as u (sid)
  ), tr as materialized (
    select g.gkey, t.survey_template_id as template, st.follow_up_weeks, st.questions, st.follow_up_questions
    from g join public.trainings as t on t.id = g.training_id
    left join public.survey_templates as st on st.id = t.survey_template_id
  ), gp as materialized (
    -- Each group is read once per phase of its template: right after the session ('post'), and the
    -- follow-up weeks later where the template asks for one. A group withheld after the session is
    -- withheld in its follow-up too.
    select g.gkey, p.phase,
      case p.phase when 'post' then g.reason else coalesce(g.reason, g.follow_up_reason) end as reason,
      case p.phase when 'post' then tr.questions else tr.follow_up_questions end as questions
    from g join tr on tr.gkey = g.gkey
    cross join (values ('post'), ('follow_up')) as p (phase)
    where p.phase = 'post' or tr.follow_up_weeks is not null
  ), reg as materialized (
    select gs.gkey,
      (count(*) filter (where r.status in ('confirmed', 'attended', 'no_show')))::integer as seats,
      -- Attendance is a rate of sessions held: a session not started yet has no one absent.
      (count(*) filter (where r.status in ('confirmed', 'attended', 'no_show') and s.starts_at <= pg_catalog.now()))::integer as held_seats,
      (count(*) filter (where r.status = 'attended'))::integer as attended,
      (count(*) filter (where r.status = 'no_show'))::integer as no_show
    from gs join public.registrations as r on r.session_id = gs.sid
    join public.sessions as s on s.id = gs.sid
    group by gs.gkey
  ), resp as materialized (
    select gs.gkey, x.phase, x.answers from gs join tr on tr.gkey = gs.gkey
    -- Identified responses and the anonymous ballot boxes alike (20260401000800_surveys.sql).
    join private.survey_answers as x on x.session_id = gs.sid and x.template_id = tr.template
  ), shown as materialized (
    select gp.gkey, gp.phase, coalesce(n.n, 0) as responses,
      coalesce(gp.reason, case when coalesce(n.n, 0) < private.min_group_size() then 'below_threshold' end) as reason
    from gp left join (select resp.gkey, resp.phase, count(*)::integer as n from resp group by 1, 2) as n
      on n.gkey = gp.gkey and n.phase = gp.phase
  ), q as materialized (
    -- The questions of shown groups only: a suppressed group's answers are never read.
    select gp.gkey, gp.phase, e.value ->> 'key' as key, e.value ->> 'type' as type, e.value ->> 'label' as label,
      e.value -> 'options' as options, e.n
    from gp join shown on shown.gkey = gp.gkey and shown.phase = gp.phase and shown.reason is null
    cross join lateral jsonb_array_elements(gp.questions) with ordinality as e (value, n)
  ), numbers as materialized (
    -- submit_survey stored a number or nothing (or null) under these keys, so one lookup suffices.
    select v.gkey, v.phase, v.key, v.x
    from (select q.gkey, q.phase, q.key, (r.answers ->> q.key)::integer as x
          from q join resp as r on r.gkey = q.gkey and r.phase = q.phase
          where q.type in ('likert_5', 'scale_0_10')) as v
    where v.x is not null
  ), number_stats as materialized (
    select v.gkey, v.phase, v.key, count(*)::integer as answered, round(avg(v.x), 2) as mean,
      (count(*) filter (where v.x >= 9))::integer as promoters, (count(*) filter (where v.x <= 6))::integer as detractors
    from numbers as v group by v.gkey, v.phase, v.key
  ), number_dist as materialized (
    select q.gkey, q.phase, q.key, jsonb_object_agg(s.v::text, coalesce(c.n, 0)) as distribution
    from q
    cross join lateral generate_series(case q.type when 'scale_0_10' then 0 else 1 end,
                                       case q.type when 'scale_0_10' then 10 else 5 end) as s (v)
    left join (select v.gkey, v.phase, v.key, v.x, count(*)::integer as n from numbers as v group by 1, 2, 3, 4) as c
      on c.gkey = q.gkey and c.phase = q.phase and c.key = q.key and c.x = s.v
    where detail and q.type in ('likert_5', 'scale_0_10')
    group by q.gkey, q.phase, q.key
  ), items as materialized (
    select q.gkey, q.phase,
      jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label, 'answered', coalesce(z.answered, 0), 'mean', z.mean,
          'distribution', d.distribution) order by q.n) filter (where q.type = 'likert_5') as likert,
      jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label, 'answered', coalesce(z.answered, 0), 'mean', z.mean,
          'promoters', coalesce(z.promoters, 0), 'passives', coalesce(z.answered - z.promoters - z.detractors, 0),
          'detractors', coalesce(z.detractors, 0),
          -- NPS: % answering 9–10 minus % answering 0–6.
          'nps', case when z.answered > 0 then round(100.0 * (z.promoters - z.detractors) / z.answered, 1) end,
          'distribution', d.distribution) order by q.n) filter (where q.type = 'scale_0_10') as recommendation
    from q
    left join number_dist as d on d.gkey = q.gkey and d.phase = q.phase and d.key = q.key
    left join number_stats as z on z.gkey = q.gkey and z.phase = q.phase and z.key = q.key
    where q.type in ('likert_5', 'scale_0_10')
    group by q.gkey, q.phase
  ), choice_counts as materialized (
    select q.gkey, q.phase, q.key, r.answers ->> q.key as value, count(*)::integer as n
    from q join resp as r on r.gkey = q.gkey and r.phase = q.phase
    where q.type = 'single_choice' and jsonb_typeof(r.answers -> q.key) = 'string'
    group by 1, 2, 3, 4
  ), choices as materialized (
    select q.gkey, q.phase, jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label,
        'answered', (select coalesce(sum(c.n), 0) from choice_counts as c
                     where c.gkey = q.gkey and c.phase = q.phase and c.key = q.key)::integer,
        -- The options' wording, in the template's order, so a table can name them.
        'options', (select coalesce(jsonb_agg(jsonb_build_object('value', o.value ->> 'value', 'label', o.value ->> 'label')
                                              order by o.n), '[]'::jsonb)
                    from jsonb_array_elements(q.options) with ordinality as o (value, n)),
        'distribution', (select jsonb_object_agg(o.value ->> 'value', coalesce((select c.n from choice_counts as c
                           where c.gkey = q.gkey and c.phase = q.phase and c.key = q.key and c.value = o.value ->> 'value'), 0))
                         from jsonb_array_elements(q.options) as o)
      ) order by q.n) as list
    from q where q.type = 'single_choice'
    group by q.gkey, q.phase
  ), text_answers as materialized (
    select q.gkey, q.phase, q.key, jsonb_agg(t.a order by t.a collate "C") as answers
    from q join resp as r on r.gkey = q.gkey and r.phase = q.phase
    cross join lateral (select pg_catalog.btrim(r.answers ->> q.key) as a) as t
    where detail and q.type = 'free_text' and jsonb_typeof(r.answers -> q.key) = 'string' and t.a <> ''
    group by q.gkey, q.phase, q.key
  ), texts as materialized (
    select q.gkey, q.phase, jsonb_agg(jsonb_build_object('key', q.key, 'label', q.label,
        'answers', coalesce(ta.answers, '[]'::jsonb)) order by q.n) as list
    from q left join text_answers as ta on ta.gkey = q.gkey and ta.phase = q.phase and ta.key = q.key
    where detail and q.type = 'free_text'
    group by q.gkey, q.phase
  ), ratings as materialized (
    select q.gkey, a.key as area_code, (a.value ->> 'before')::integer as before, (a.value ->> 'after')::integer as after
    from q join resp as r on r.gkey = q.gkey and r.phase = q.phase
    cross join lateral jsonb_each(r.answers -> q.key) as a
    where q.phase = 'post' and q.type = 'area_self_assessment' and jsonb_typeof(r.answers -> q.key) = 'object'
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
      'attendance_rate', case when reg.held_seats > 0 then round(reg.attended::numeric / reg.held_seats, 4) end,
      'suppressed', sh.reason,
      'responses', private.shown_count(sh.responses, sh.reason),
      'response_rate', case when sh.reason is null and reg.attended > 0 then round(sh.responses::numeric / reg.attended, 4) end,
      'reaction', case when sh.reason is null then jsonb_build_object(
          'items', coalesce(i.likert, '[]'::jsonb),
          'recommendation', coalesce(i.recommendation, '[]'::jsonb),
          'choices', coalesce(ch.list, '[]'::jsonb),
          'free_text', case when detail then coalesce(tx.list, '[]'::jsonb) end) end,
      'learning', case when sh.reason is null then jsonb_build_object('self_assessment', coalesce(sa.list, '[]'::jsonb)) end,
      'behaviour', jsonb_build_object('follow_up_weeks', tr.follow_up_weeks, 'follow_up', case when fsh.gkey is not null then jsonb_build_object(
          'suppressed', fsh.reason,
          'responses', private.shown_count(fsh.responses, fsh.reason),
          'response_rate', case when fsh.reason is null and reg.attended > 0 then round(fsh.responses::numeric / reg.attended, 4) end,
          'items', case when fsh.reason is null then coalesce(fi.likert, '[]'::jsonb) end,
          'recommendation', case when fsh.reason is null then coalesce(fi.recommendation, '[]'::jsonb) end,
          'choices', case when fsh.reason is null then coalesce(fch.list, '[]'::jsonb) end,
          'free_text', case when fsh.reason is null and detail then coalesce(ftx.list, '[]'::jsonb) end) end),
      -- Identified records, so shown for 5 or more attendances.
      'results', case when coalesce(reg.attended, 0) >= private.min_group_size() then jsonb_build_object(
          'attendees', coalesce(an.n, 0), 'later_learning', coalesce(ll.n, 0), 'later_certified', coalesce(lc.n, 0)) end
    )), '{}'::jsonb)
  from g
  join tr on tr.gkey = g.gkey
  join shown as sh on sh.gkey = g.gkey and sh.phase = 'post'
  left join shown as fsh on fsh.gkey = g.gkey and fsh.phase = 'follow_up'
  left join reg on reg.gkey = g.gkey
  left join items as i on i.gkey = g.gkey and i.phase = 'post'
  left join choices as ch on ch.gkey = g.gkey and ch.phase = 'post'
  left join texts as tx on tx.gkey = g.gkey and tx.phase = 'post'
  left join items as fi on fi.gkey = g.gkey and fi.phase = 'follow_up'
  left join choices as fch on fch.gkey = g.gkey and fch.phase = 'follow_up'
  left join texts as ftx on ftx.gkey = g.gkey and ftx.phase = 'follow_up'
  left join self_assessment as sa on sa.gkey = g.gkey
  left join attendees as an on an.gkey = g.gkey
  left join later_learning as ll on ll.gkey = g.gkey
  left join later_certified as lc on lc.gkey = g.gkey
$$;
comment on function private.effect_groups(jsonb, boolean) is
  '研修日程の集団ごとの効果測定（5件未満は秘匿） / Effect figures of groups of sessions; groups under 5 responses suppressed';

create function private.session_effect(target_session_id uuid) returns jsonb
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
    || (private.effect_groups(jsonb_build_object('g', jsonb_build_object(
         'training_id', t.id, 'session_ids', jsonb_build_array(s.id),
         'reason', private.phase_suppression(t.id, 'post') ->> s.id::text,
         'follow_up_reason', private.phase_suppression(t.id, 'follow_up') ->> s.id::text)), true) -> 'g');
end
$$;
comment on function private.session_effect(uuid) is
  '1日程の効果測定のまとめ（5件未満は秘匿） / Effect summary of one session; groups under 5 responses suppressed';

create function private.division_training_effect(target_training_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  t public.trainings;
  ids uuid[];
  hidden jsonb;
  hidden_follow_up jsonb;
  figures jsonb;
begin
  perform private.require_dx_admin();
  select * into t from public.trainings where id = target_training_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'DXP073', detail = '研修が見つかりません。';
  end if;
  select coalesce(array_agg(s.id order by s.starts_at, s.id), '{}') into ids from public.sessions as s where s.training_id = t.id;
  hidden := private.phase_suppression(t.id, 'post');
  hidden_follow_up := private.phase_suppression(t.id, 'follow_up');
  -- The total and every session in one pass ('total' is no uuid, so it cannot clash with a session).
  select private.effect_groups(
      jsonb_build_object('total', jsonb_build_object('training_id', t.id, 'session_ids', pg_catalog.to_jsonb(ids), 'reason', null))
      || coalesce(jsonb_object_agg(u.sid::text, jsonb_build_object(
           'training_id', t.id, 'session_ids', jsonb_build_array(u.sid), 'reason', hidden ->> u.sid::text,
           'follow_up_reason', hidden_follow_up ->> u.sid::text)), '{}'::jsonb),
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
create function private.division_training_comparison(training_kind text, fiscal_year integer default null)
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
      'effect_groups')
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;
grant execute on function private.session_effect(uuid) to authenticated, service_role;
grant execute on function private.division_training_effect(uuid) to authenticated, service_role;
grant execute on function private.division_training_comparison(text, integer) to authenticated, service_role;
revoke execute on function private.session_effect(uuid) from public, anon;
revoke execute on function private.division_training_effect(uuid) from public, anon;
revoke execute on function private.division_training_comparison(text, integer) from public, anon;

create function public.session_effect_summary(session_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.session_effect(session_id) $$;
comment on function public.session_effect_summary(uuid) is
  '1日程の効果測定のまとめ（DX推進課とその日程の運営者） / Effect summary of one session (DX division and the session''s facilitator)';

create function public.division_training_effect(training_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_training_effect(training_id) $$;
comment on function public.division_training_effect(uuid) is
  '1研修の効果測定（全日程の合計と日程ごと）（DX推進課のみ） / Effect of one training, in total and per session (DX division only)';

create function public.division_training_comparison(training_kind text, fiscal_year integer default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_training_comparison(training_kind, fiscal_year) $$;
comment on function public.division_training_comparison(text, integer) is
  '同じ種類の研修の効果の比較（DX推進課のみ） / Effect of the trainings of one kind side by side (DX division only)';
revoke execute on function public.session_effect_summary(uuid) from public, anon;
revoke execute on function public.division_training_effect(uuid) from public, anon;
revoke execute on function public.division_training_comparison(text, integer) from public, anon;
grant execute on function public.session_effect_summary(uuid) to authenticated, service_role;
grant execute on function public.division_training_effect(uuid) to authenticated, service_role;
grant execute on function public.division_training_comparison(text, integer) to authenticated, service_role;
