-- Follow-up surveys (事後アンケート, Kirkpatrick level 3): where a template has follow_up_weeks, a short
-- follow-up ("what have you applied at work since the training") becomes due that many weeks after the
-- session starts, for an employee who attended it and answered its post-training survey.
--
-- The follow-up is a second phase of the same template rather than a template of its own, so a
-- training keeps one survey_template_id and the DX division compares both phases of one template:
--   survey_templates.follow_up_questions    the follow-up's typed questions (a standard set by default)
--   survey_responses.phase                  'post' (every existing row) or 'follow_up'
--   survey_submissions.follow_up_submitted_at  THAT the employee answered the follow-up (not what),
--                                           on the post-training row, whose key and meaning stay as they are
-- submit_survey takes an optional `phase` ('post' by default), so clients that never send it are
-- unaffected. An anonymous template's follow-up, like its post-training response, stores no respondent.

alter table public.survey_templates
  add column follow_up_questions jsonb not null default $json$[
    {"key": "applied", "type": "single_choice", "required": true,
     "label": "研修で学んだことを、職場で活用しましたか。",
     "options": [
       {"value": "often", "label": "何度も活用した"},
       {"value": "once", "label": "一度は活用した"},
       {"value": "planned", "label": "まだだが、活用する予定がある"},
       {"value": "not_yet", "label": "活用していない"}
     ]},
    {"key": "impact", "type": "likert_5", "required": false,
     "label": "活用したことで、業務はどの程度よくなりましたか。", "min_label": "変わらない", "max_label": "大きくよくなった"},
    {"key": "applied_what", "type": "free_text", "required": false, "max_length": 1000,
     "label": "研修の後、職場で活用したこと・試したことを教えてください。"},
    {"key": "obstacles", "type": "free_text", "required": false, "max_length": 1000,
     "label": "活用するうえで困ったことや、必要な支援があれば教えてください。"}
  ]$json$::jsonb
  constraint survey_templates_follow_up_questions_valid check (private.survey_questions_valid(follow_up_questions));
comment on column public.survey_templates.follow_up_questions is
  '事後アンケート（follow_up_weeks 週後）の設問。型は questions と同じ / Questions of the follow-up survey due follow_up_weeks after the session';

-- Replicas already hold the templates: a rewrite restamps them, so the next pull brings the new column.
update public.survey_templates set follow_up_questions = follow_up_questions;

alter table public.survey_responses
  add column phase text not null default 'post' constraint survey_responses_phase_check check (phase in ('post', 'follow_up'));
comment on column public.survey_responses.phase is
  'post（研修後）/ follow_up（事後アンケート） / Post-training response or follow-up response';
create index survey_responses_session_id_phase_idx on public.survey_responses (session_id, phase);

alter table public.survey_submissions add column follow_up_submitted_at timestamptz;
comment on column public.survey_submissions.follow_up_submitted_at is
  '事後アンケートに回答した日時（未回答は null。内容とは結び付けない） / When the employee answered the follow-up, null until then (not what they answered)';

create or replace function private.push_submit_survey(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  sid uuid;
  survey_phase text;
  s public.sessions;
  t public.survey_templates;
  sub public.survey_submissions;
  areas text[];
  answers jsonb;
  device text;
  collected timestamptz;
  due timestamptz;
  r public.survey_responses;
begin
  perform private.arg_check_keys(args, array['id', 'session_id', 'answers', 'collected_device', 'collected_at', 'phase']);
  rid := private.arg_uuid(args, 'id');
  sid := private.arg_uuid(args, 'session_id');
  if jsonb_typeof(args -> 'answers') is distinct from 'object' then
    perform private.arg_bad('answers');
  end if;
  answers := args -> 'answers';
  device := private.arg_text(args, 'collected_device', 100, false);
  collected := coalesce(private.arg_timestamptz(args, 'collected_at', false), pg_catalog.now());
  survey_phase := coalesce(private.arg_text(args, 'phase', 20, false), 'post');
  if survey_phase not in ('post', 'follow_up') then
    perform private.arg_bad('phase');
  end if;
  if exists (select 1 from public.survey_responses as x where x.id = rid) then
    perform private.reject('DXP054', 'この回答はすでに送信されています。');
  end if;
  select * into s from public.sessions where id = sid;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  select st.* into t from public.trainings as tr join public.survey_templates as st on st.id = tr.survey_template_id
    where tr.id = s.training_id;
  if not found then
    perform private.reject('DXP050', 'この研修には効果測定アンケートがありません。');
  end if;
  if survey_phase = 'follow_up' and t.follow_up_weeks is null then
    perform private.reject('DXP050', 'この研修には事後アンケートがありません。');
  end if;
  if pg_catalog.now() < s.starts_at then
    perform private.reject('DXP055', '研修の開始前にはアンケートに回答できません。研修の後に回答してください。');
  end if;
  if not exists (
    select 1 from public.registrations as x
    where x.session_id = sid and x.employee_id = auth.uid() and x.status = 'attended'
  ) then
    perform private.reject('DXP051', 'アンケートは出席した研修についてのみ回答できます。受付を済ませてから回答してください。');
  end if;
  if survey_phase = 'post' then
    if exists (select 1 from public.survey_submissions as x where x.session_id = sid and x.employee_id = auth.uid()) then
      perform private.reject('DXP052', 'この日程のアンケートには回答済みです。ご協力ありがとうございました。');
    end if;
  else
    -- The row lock serialises two follow-ups of one employee sent at once (two tabs, two devices).
    select * into sub from public.survey_submissions as x
      where x.session_id = sid and x.employee_id = auth.uid() for update;
    if not found then
      perform private.reject('DXP058', '事後アンケートの前に、研修後のアンケートに回答してください。');
    end if;
    if sub.follow_up_submitted_at is not null then
      perform private.reject('DXP057', 'この日程の事後アンケートには回答済みです。ご協力ありがとうございました。');
    end if;
    due := s.starts_at + pg_catalog.make_interval(weeks => t.follow_up_weeks);
    if pg_catalog.now() < due then
      perform private.reject('DXP056', pg_catalog.format('事後アンケートは%sから回答できます。その日以降に回答してください。',
        pg_catalog.to_char(due at time zone 'Asia/Tokyo', 'YYYY"年"FMMM"月"FMDD"日"')));
    end if;
  end if;
  if collected > pg_catalog.now() + interval '5 minutes' then
    perform private.reject('DXP016', '回答日時が未来になっています。端末の日時を確認してください。');
  end if;
  if collected < s.starts_at then
    perform private.reject('DXP015', '回答日時が研修の開始より前になっています。端末の日時を確認してください。');
  end if;
  if collected < due then
    perform private.reject('DXP015', '回答日時が事後アンケートの回答期間より前になっています。端末の日時を確認してください。');
  end if;
  select coalesce(array_agg(ta.area_code order by ta.area_code), '{}') into areas
    from public.training_areas as ta where ta.training_id = s.training_id;
  perform private.check_survey_answers(case when survey_phase = 'post' then t.questions else t.follow_up_questions end, areas, answers);
  insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_device, collected_at, phase)
  values (
    rid, t.id, sid,
    case when t.anonymous then null else auth.uid() end,
    answers,
    case when t.anonymous then null else auth.uid() end,
    device, collected, survey_phase
  )
  returning * into r;
  if survey_phase = 'post' then
    insert into public.survey_submissions (session_id, employee_id) values (sid, auth.uid());
  else
    update public.survey_submissions set follow_up_submitted_at = pg_catalog.now()
      where session_id = sid and employee_id = auth.uid();
  end if;
  return private.row_json(r);
end
$$;
comment on function private.push_submit_survey(jsonb) is
  'submit_survey: 研修後または事後（phase）のアンケートを検査して記録する / Checks and records a post-training or follow-up survey response';
revoke execute on function private.push_submit_survey(jsonb) from public, anon, authenticated;
