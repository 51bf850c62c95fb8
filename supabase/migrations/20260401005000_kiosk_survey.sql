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
--   believes a name was stored; the response stores no respondent and, as the table requires, no
--   collected_by either (the device name and time are kept). A retried sync is doubled neither by the
--   applied_ops ledger (same mutation id → duplicate) nor by the response id (DXP054).

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
  select * into s from public.sessions where id = sid;
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
  'submit_kiosk_survey: 会場の共用端末で、運営者が出席者の研修後アンケートを代わりに送信する / The facilitator''s device submits an attendee''s post-training survey';
revoke execute on function private.push_submit_kiosk_survey(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('submit_kiosk_survey', 'private.push_submit_kiosk_survey(jsonb)');
