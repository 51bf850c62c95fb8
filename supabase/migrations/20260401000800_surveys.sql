-- Survey responses (効果測定アンケート) and the record THAT an employee answered. The two are
-- separate so that one response per employee and session holds even for an anonymous template,
-- whose response stores no link to the respondent.

create table public.survey_responses (
  id uuid primary key,
  template_id uuid not null references public.survey_templates (id),
  session_id uuid not null references public.sessions (id),
  respondent_id uuid references public.profiles (id) on delete set null,
  answers jsonb not null check (jsonb_typeof(answers) = 'object'),
  collected_by uuid references public.profiles (id) on delete set null,
  collected_device text check (char_length(collected_device) between 1 and 100),
  collected_at timestamptz not null,
  submitted_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id(),
  phase text not null default 'post' constraint survey_responses_phase_check check (phase in ('post', 'follow_up')),
  constraint survey_responses_anonymous_collected_by check (respondent_id is not null or collected_by is null)
);
comment on table public.survey_responses is
  'アンケートの回答（匿名のひな形では回答者を記録しない） / Survey responses; an anonymous template''s response stores no respondent';
comment on column public.survey_responses.id is
  '端末が生成する UUID / Client-generated UUID';
comment on column public.survey_responses.respondent_id is
  '回答者（匿名アンケートでは null） / The respondent, null for an anonymous template';
comment on column public.survey_responses.collected_by is
  '回答を送信した利用者（匿名アンケートでは null） / Who sent the response in, null for an anonymous template';
comment on column public.survey_responses.collected_device is
  '回答を集めた端末の名前（会場の共用タブレットなど） / Name of the device the response was collected on (e.g. the venue''s shared tablet)';
comment on column public.survey_responses.collected_at is
  '端末で回答した日時 / When the response was given on the device';

comment on column public.survey_responses.phase is
  'post（研修後）/ follow_up（事後アンケート） / Post-training response or follow-up response';
create index survey_responses_template_id_idx on public.survey_responses (template_id);
create index survey_responses_session_id_idx on public.survey_responses (session_id);
create index survey_responses_respondent_id_idx on public.survey_responses (respondent_id);
create index survey_responses_collected_by_idx on public.survey_responses (collected_by);
create index survey_responses_session_id_phase_idx on public.survey_responses (session_id, phase);

create trigger survey_responses_stamp_xid before insert or update on public.survey_responses
  for each row execute function private.stamp_xid();
create trigger survey_responses_record_tombstone after delete on public.survey_responses
  for each row execute function private.record_tombstone('respondent_id');
create trigger survey_responses_sync_truncated after truncate on public.survey_responses
  for each statement execute function private.sync_truncated();
create trigger survey_responses_forbid_owner_change before update of respondent_id on public.survey_responses
  for each row execute function private.forbid_owner_change('respondent_id');
comment on column public.survey_responses._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
-- Replicated to its respondent: an anonymous response has none, so it goes to no one.
insert into private.replicated_tables (table_name, owner_column) values ('survey_responses', 'respondent_id');

alter table public.survey_responses enable row level security;
create policy survey_responses_select_own on public.survey_responses
  for select to authenticated using (respondent_id = (select auth.uid()));
-- Anonymous responses are read only through aggregate RPCs that suppress small groups: row by row,
-- the transaction id shared with the survey_submissions row would name the respondent.
create policy survey_responses_select_dx_admin on public.survey_responses
  for select to authenticated using (respondent_id is not null and (select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.survey_responses from anon, authenticated;

create table public.survey_submissions (
  session_id uuid not null references public.sessions (id),
  employee_id uuid not null references public.profiles (id) on delete cascade,
  _xid xid8 not null default pg_current_xact_id(),
  follow_up_submitted_at timestamptz,
  primary key (session_id, employee_id)
);
comment on table public.survey_submissions is
  'アンケートに回答したという事実（回答内容とは結び付けない。1日程につき1人1回） / That an employee answered a session''s survey, not what: one response per employee and session';
comment on column public.survey_submissions.follow_up_submitted_at is
  '事後アンケートに回答した日時（未回答は null。内容とは結び付けない） / When the employee answered the follow-up, null until then (not what they answered)';
create index survey_submissions_employee_id_idx on public.survey_submissions (employee_id);

create trigger survey_submissions_stamp_xid before insert or update on public.survey_submissions
  for each row execute function private.stamp_xid();
create trigger survey_submissions_record_tombstone after delete on public.survey_submissions
  for each row execute function private.record_tombstone('employee_id');
create trigger survey_submissions_sync_truncated after truncate on public.survey_submissions
  for each statement execute function private.sync_truncated();
comment on column public.survey_submissions._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
insert into private.replicated_tables (table_name, owner_column) values ('survey_submissions', 'employee_id');

alter table public.survey_submissions enable row level security;
create policy survey_submissions_select_own on public.survey_submissions
  for select to authenticated using (employee_id = (select auth.uid()));
create policy survey_submissions_select_dx_admin on public.survey_submissions
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.survey_submissions from anon, authenticated;

-- The standard post-training survey (reference data; the DX division may edit it later). A fixed id
-- lets seeds and demo data point trainings at it.
insert into public.survey_templates (id, code, title, anonymous, follow_up_weeks, questions) values (
  '00000000-0000-4000-8000-000000000001',
  'standard_post_training',
  '研修後の効果測定アンケート（標準）',
  false,
  null,
  $json$[
    {"key": "satisfaction", "type": "likert_5", "required": true,
     "label": "この研修の満足度を教えてください。", "min_label": "不満", "max_label": "満足"},
    {"key": "understanding", "type": "likert_5", "required": true,
     "label": "研修の内容をどの程度理解できましたか。", "min_label": "理解できなかった", "max_label": "よく理解できた"},
    {"key": "usefulness", "type": "likert_5", "required": true,
     "label": "研修の内容は、ご自身の業務に役立ちそうですか。", "min_label": "役立たない", "max_label": "とても役立つ"},
    {"key": "facilitation", "type": "likert_5", "required": true,
     "label": "講師・進行はわかりやすかったですか。", "min_label": "わかりにくかった", "max_label": "わかりやすかった"},
    {"key": "recommendation", "type": "scale_0_10", "required": true,
     "label": "この研修を同僚に勧める可能性はどのくらいありますか。", "min_label": "まったくない", "max_label": "非常に高い"},
    {"key": "self_assessment", "type": "area_self_assessment", "required": true,
     "label": "研修で扱った分野について、受講前と受講後のご自身の理解度を 1〜5 で評価してください。",
     "min_label": "知らない", "max_label": "人に教えられる"},
    {"key": "good_points", "type": "free_text", "required": false, "max_length": 1000,
     "label": "良かった点を教えてください。"},
    {"key": "improvements", "type": "free_text", "required": false, "max_length": 1000,
     "label": "改善してほしい点を教えてください。"},
    {"key": "try_at_work", "type": "free_text", "required": false, "max_length": 1000,
     "label": "職場で試してみたいことを教えてください。"}
  ]$json$::jsonb
);
