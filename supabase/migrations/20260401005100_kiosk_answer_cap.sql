-- A cap on kiosk answers (submit_kiosk_survey, 20260401005000_kiosk_survey.sql). An anonymous kiosk
-- answer names no one, so nothing stopped a device from sending more answers than people attended.
-- Now the server refuses a kiosk answer (DXP134, changing nothing) once the session's post-training
-- answers, from the kiosk and from employees' own devices, already number as many as the people who
-- could be in the room: the session's registrations that are confirmed or attended (a walk-in is an
-- attended registration). Waitlisted, cancelled and no_show registrations do not count: once a session
-- is closed its confirmed become no_show, so the cap is then the attendance the facilitator recorded.
-- Own answers (submit_survey) are never capped: each is an attendee's, once. The check comes after
-- every other one, so a bad answer still gets its own code, and after DXP054: a retried answer (same
-- response id) is refused as already sent, or answered as a duplicate by the ledger, never counted twice.
-- The session row is locked so that two kiosks of one session cannot both take the last place.

create or replace function private.push_submit_kiosk_survey(args jsonb) returns jsonb
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
  select count(*) into answered from public.survey_responses as x
    where x.session_id = sid and x.phase = 'post';
  if answered >= room then
    perform private.reject('DXP134', pg_catalog.format('この日程のアンケート回答は、参加できる方の人数（%s名）に達しています。これ以上は受け付けられません。', room));
  end if;
  insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_device, collected_at, phase)
  values (
    rid, t.id, sid, respondent, answers,
    case when t.anonymous then null else auth.uid() end,
    device, collected, 'post'
  )
  returning * into r;
  if not t.anonymous then
    -- The primary key also refuses a second row sent at the same moment from another device.
    insert into public.survey_submissions (session_id, employee_id) values (sid, respondent);
  end if;
  return private.row_json(r);
end
$$;
comment on function private.push_submit_kiosk_survey(jsonb) is
  'submit_kiosk_survey: 会場の共用端末で、運営者が出席者の研修後アンケートを代わりに送信する（回答数は参加できる人数まで） / The facilitator''s device submits an attendee''s post-training survey, up to as many answers as people who could attend';
revoke execute on function private.push_submit_kiosk_survey(jsonb) from public, anon, authenticated;
