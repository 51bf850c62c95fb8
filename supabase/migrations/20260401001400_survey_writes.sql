-- sync_push kinds of surveys: submit_survey (an employee's own post-training or follow-up answers) and
-- submit_kiosk_survey (the facilitator's shared device at the venue).

-- Checks answers against a template's typed questions; `areas` are the training's covered areas,
-- which an area_self_assessment answer must rate exactly (before and after, 1–5 each).
create function private.check_survey_answers(questions jsonb, areas text[], answers jsonb) returns void
language plpgsql
set search_path = ''
as $$
declare
  q jsonb;
  a jsonb;
  k text;
  label text;
  rating jsonb;
  bad boolean;
begin
  for k in select jsonb_object_keys(answers) loop
    if not exists (select 1 from jsonb_array_elements(questions) as x where x.value ->> 'key' = k) then
      perform private.reject('DXP053', pg_catalog.format(
        '回答内容に誤りがあります（設問: %s）。アプリを最新の状態にしてから、もう一度送信してください。', pg_catalog.left(k, 40)));
    end if;
  end loop;
  for q in select value from jsonb_array_elements(questions) loop
    a := answers -> (q ->> 'key');
    label := q ->> 'label';
    if a is null or jsonb_typeof(a) = 'null' or (jsonb_typeof(a) = 'string' and pg_catalog.btrim(a #>> '{}') = '') then
      if (q -> 'required')::boolean then
        perform private.reject('DXP053', pg_catalog.format('未回答の設問があります（%s）。回答してから、もう一度送信してください。', label));
      end if;
      continue;
    end if;
    bad := case q ->> 'type'
      when 'likert_5' then jsonb_typeof(a) <> 'number' or (a #>> '{}')::numeric not in (1, 2, 3, 4, 5)
      when 'scale_0_10' then jsonb_typeof(a) <> 'number' or (a #>> '{}')::numeric not in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
      when 'single_choice' then jsonb_typeof(a) <> 'string'
        or not exists (select 1 from jsonb_array_elements(q -> 'options') as o where o.value ->> 'value' = a #>> '{}')
      when 'free_text' then jsonb_typeof(a) <> 'string'
      when 'area_self_assessment' then jsonb_typeof(a) <> 'object'
        or (select coalesce(array_agg(x order by x), '{}') from jsonb_object_keys(a) as x)
           is distinct from (select coalesce(array_agg(x order by x), '{}') from unnest(areas) as x)
      else true
    end;
    if not bad and q ->> 'type' = 'free_text' and not private.is_storable_text(a #>> '{}') then
      perform private.reject('DXP017', pg_catalog.format(
        '回答に使えない文字（制御文字など）が含まれています（%s）。その文字を消してから、もう一度送信してください。', label));
    end if;
    if not bad and q ->> 'type' = 'free_text' and pg_catalog.char_length(a #>> '{}') > (q ->> 'max_length')::integer then
      perform private.reject('DXP014', pg_catalog.format(
        '回答が長すぎます（%s、%s 文字まで）。短くしてから、もう一度送信してください。', label, q ->> 'max_length'));
    end if;
    if not bad and q ->> 'type' = 'area_self_assessment' then
      for rating in select value from jsonb_each(a) loop
        if jsonb_typeof(rating) <> 'object'
           or (select array_agg(x order by x) from jsonb_object_keys(rating) as x) is distinct from array['after', 'before']
           or jsonb_typeof(rating -> 'before') <> 'number' or (rating ->> 'before')::numeric not in (1, 2, 3, 4, 5)
           or jsonb_typeof(rating -> 'after') <> 'number' or (rating ->> 'after')::numeric not in (1, 2, 3, 4, 5) then
          bad := true;
        end if;
      end loop;
    end if;
    if bad then
      perform private.reject('DXP053', pg_catalog.format('回答内容に誤りがあります（%s）。回答を確認してから、もう一度送信してください。', label));
    end if;
  end loop;
end
$$;

-- Puts an anonymous answer into its ballot box (20260401000800_surveys.sql) at a random place, so that
-- neither a row, an id, a time nor the order of the array ties it to the submitter. The box row is
-- locked first, so two answers sent at once are put in one after the other and neither is lost.
create function private.cast_ballot(session uuid, template uuid, survey_phase text, ballot jsonb) returns void
language plpgsql
set search_path = ''
as $$
declare
  box jsonb;
begin
  insert into private.survey_ballot_boxes (session_id, template_id, phase) values (session, template, survey_phase)
    on conflict do nothing;
  select b.answers into strict box from private.survey_ballot_boxes as b
    where b.session_id = session and b.template_id = template and b.phase = survey_phase
    for update;
  -- jsonb_insert puts the answer before the drawn index; an index past the end appends it.
  update private.survey_ballot_boxes as b
    set answers = pg_catalog.jsonb_insert(box,
      array[pg_catalog.floor(pg_catalog.random() * (pg_catalog.jsonb_array_length(box) + 1))::integer::text], ballot)
    where b.session_id = session and b.template_id = template and b.phase = survey_phase;
end
$$;
comment on function private.cast_ballot(uuid, uuid, text, jsonb) is
  '無記名の回答を投票箱の無作為な位置に入れる / Puts an anonymous answer into its ballot box at a random place';
revoke execute on function private.cast_ballot(uuid, uuid, text, jsonb) from public, anon, authenticated;

create function private.push_submit_survey(args jsonb) returns jsonb
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
  -- That the employee answered first: a second answer sent at the same moment fails here (DXP052).
  if survey_phase = 'post' then
    insert into public.survey_submissions (session_id, employee_id) values (sid, auth.uid());
  else
    update public.survey_submissions set follow_up_submitted_at = pg_catalog.now()
      where session_id = sid and employee_id = auth.uid();
  end if;
  if t.anonymous then
    -- The bare answers, into the box: no id, device or time. The reply (and so the ledger) has no row;
    -- the client never keeps one (it is not the caller's), so nothing is lost.
    perform private.cast_ballot(sid, t.id, survey_phase, answers);
    return null;
  end if;
  insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_device, collected_at, phase)
  values (rid, t.id, sid, auth.uid(), answers, auth.uid(), device, collected, survey_phase)
  returning * into r;
  return private.row_json(r);
end
$$;
comment on function private.push_submit_survey(jsonb) is
  'submit_survey: 研修後または事後（phase）のアンケートを検査して記録する / Checks and records a post-training or follow-up survey response';

revoke execute on function private.check_survey_answers(jsonb, text[], jsonb) from public, anon, authenticated;
revoke execute on function private.push_submit_survey(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('submit_survey', 'private.push_submit_survey(jsonb)');

-- Kiosk survey collection (会場の共用タブレットでのアンケート回収): the session's facilitator hands one
-- device round the room and each attendee answers on it. The device is signed in as the facilitator,
-- so submit_survey (which records the CALLER as respondent) cannot be used:
--
--   sync_push kind submit_kiosk_survey {id, session_id, answers, employee_number?, collected_device, collected_at}
--                                       private.push_submit_kiosk_survey (private.mutation_kinds)
--
-- Only the session's facilitator or dx_admin (DXP130), after the start (DXP055).
-- Identified template: employee_number is required (DXP131) and must be an attendee checked in to the
--   session (DXP132); the response's respondent is that employee, collected_by the facilitator, and a
--   survey_submissions row for the employee keeps one response per employee and session (DXP052).
-- Anonymous template: employee_number is refused (DXP133) rather than ignored, so a client never
--   believes a name was stored; the bare answers go into the session's ballot box (no respondent,
--   collector, device, time or response id) and the reply's row is null. A retried sync is answered
--   from the applied_ops ledger (same mutation_id → duplicate); with no id kept, the same answer under
--   a new mutation_id would count again, within the cap below.
--
-- A cap on kiosk answers: an anonymous kiosk answer names no one, so the server refuses a kiosk answer
-- (DXP134, changing nothing) once the session's post-training answers, from the kiosk and from
-- employees' own devices, already number as many as the people who could be in the room: the session's
-- registrations that are confirmed or attended (a walk-in is an attended registration). Waitlisted,
-- cancelled and no_show registrations do not count: once a session is closed its confirmed become
-- no_show, so the cap is then the attendance the facilitator recorded. Own answers (submit_survey) are
-- never capped: each is an attendee's, once. The check comes after every other one, so a bad answer
-- still gets its own code, and after DXP054: a retried answer is answered as a duplicate by the ledger
-- (or, identified, refused by its response id), never counted twice. The count reads the identified
-- responses and the ballot boxes alike. The session row is locked so that two kiosks of one session
-- cannot both take the last place.

create function private.push_submit_kiosk_survey(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  sid uuid;
  s public.sessions;
  t public.survey_templates;
  areas text[];
  answers jsonb;
  device text;
  collected timestamptz;
  number_given text;
  respondent uuid;
  r public.survey_responses;
  room integer;
  answered integer;
begin
  perform private.arg_check_keys(args, array['id', 'session_id', 'answers', 'employee_number', 'collected_device', 'collected_at']);
  rid := private.arg_uuid(args, 'id');
  sid := private.arg_uuid(args, 'session_id');
  if jsonb_typeof(args -> 'answers') is distinct from 'object' then
    perform private.arg_bad('answers');
  end if;
  answers := args -> 'answers';
  device := private.arg_text(args, 'collected_device', 100, true);
  collected := private.arg_timestamptz(args, 'collected_at', true);
  number_given := pg_catalog.upper(pg_catalog.btrim(private.arg_text(args, 'employee_number', 40, false)));
  if number_given = '' then
    number_given := null;
  end if;
  -- Locked: two kiosks of one session sending at the same moment are counted one after the other.
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if not (private.is_dx_admin() or s.facilitator_id = auth.uid()) then
    perform private.reject('DXP130', 'この日程のアンケートを会場で回収する権限がありません。日程の運営者または DX推進課が操作してください。');
  end if;
  if exists (select 1 from public.survey_responses as x where x.id = rid) then
    perform private.reject('DXP054', 'この回答はすでに送信されています。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  select st.* into t from public.trainings as tr join public.survey_templates as st on st.id = tr.survey_template_id
    where tr.id = s.training_id;
  if not found then
    perform private.reject('DXP050', 'この研修には効果測定アンケートがありません。');
  end if;
  if pg_catalog.now() < s.starts_at then
    perform private.reject('DXP055', '研修の開始前にはアンケートに回答できません。研修の後に回答してください。');
  end if;
  if t.anonymous then
    if number_given is not null then
      perform private.reject('DXP133', 'このアンケートは無記名です。職員番号は送信できません。');
    end if;
  else
    if number_given is null then
      perform private.reject('DXP131', '職員番号を入力してください。記名式のアンケートです。');
    end if;
    select x.employee_id into respondent
      from public.registrations as x
      join public.profiles as p on p.id = x.employee_id
      where x.session_id = sid and x.status = 'attended' and p.employee_number = number_given;
    if respondent is null then
      perform private.reject('DXP132', pg_catalog.format('職員番号 %s の方は、この日程の受付が済んでいません。受付を済ませてから回答してください。', pg_catalog.left(number_given, 40)));
    end if;
    if exists (select 1 from public.survey_submissions as x where x.session_id = sid and x.employee_id = respondent) then
      perform private.reject('DXP052', 'この日程のアンケートには回答済みです。ご協力ありがとうございました。');
    end if;
  end if;
  if collected > pg_catalog.now() + interval '5 minutes' then
    perform private.reject('DXP016', '回答日時が未来になっています。端末の日時を確認してください。');
  end if;
  if collected < s.starts_at then
    perform private.reject('DXP015', '回答日時が研修の開始より前になっています。端末の日時を確認してください。');
  end if;
  select coalesce(array_agg(ta.area_code order by ta.area_code), '{}') into areas
    from public.training_areas as ta where ta.training_id = s.training_id;
  perform private.check_survey_answers(t.questions, areas, answers);
  -- The cap: never more post-training answers (kiosk and own) than people who could be in the room.
  select count(*) into room from public.registrations as x
    where x.session_id = sid and x.status in ('confirmed', 'attended');
  select count(*) into answered from private.survey_answers as x
    where x.session_id = sid and x.phase = 'post';
  if answered >= room then
    perform private.reject('DXP134', pg_catalog.format('この日程のアンケート回答は、参加できる方の人数（%s名）に達しています。これ以上は受け付けられません。', room));
  end if;
  if t.anonymous then
    -- Into the box like an employee's own anonymous answer: the device and time are not kept either.
    perform private.cast_ballot(sid, t.id, 'post', answers);
    return null;
  end if;
  -- The primary key also refuses a second row sent at the same moment from another device.
  insert into public.survey_submissions (session_id, employee_id) values (sid, respondent);
  insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_device, collected_at, phase)
  values (rid, t.id, sid, respondent, answers, auth.uid(), device, collected, 'post')
  returning * into r;
  return private.row_json(r);
end
$$;
comment on function private.push_submit_kiosk_survey(jsonb) is
  'submit_kiosk_survey: 会場の共用端末で、運営者が出席者の研修後アンケートを代わりに送信する（回答数は参加できる人数まで） / The facilitator''s device submits an attendee''s post-training survey, up to as many answers as people who could attend';
revoke execute on function private.push_submit_kiosk_survey(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('submit_kiosk_survey', 'private.push_submit_kiosk_survey(jsonb)');
