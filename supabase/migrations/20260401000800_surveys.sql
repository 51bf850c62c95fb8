-- Survey responses (効果測定アンケート) and the record THAT an employee answered. The two are
-- separate so that one response per employee and session holds even for an anonymous template.
--
-- Anonymity by construction: an anonymous template's answer is never a row of its own. Any row the
-- submitter's transaction inserts carries that transaction's xmin (and its own _xid stamp), the same as
-- the named survey_submissions row written with it, and rows inserted one by one keep their order in
-- the heap. So anonymous answers go into a ballot box per (session, template, phase): one jsonb array
-- of bare answers, no id, no person, no time, each new answer put at a random place. The box row's
-- xmin names only its last submitter, whose submission row already says they answered; it does not
-- say which answer is theirs. survey_responses holds identified responses.

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
  '記名アンケートの回答（無記名の回答は private.survey_ballot_boxes） / Identified survey responses; anonymous answers are in private.survey_ballot_boxes';
comment on column public.survey_responses.id is
  '端末が生成する UUID / Client-generated UUID';
comment on column public.survey_responses.respondent_id is
  '回答者（プロフィールが削除されると null。無記名の回答はこの表に入らない） / The respondent, null once the profile is deleted (anonymous answers never enter this table)';
comment on column public.survey_responses.collected_by is
  '回答を送信した利用者（本人または会場の運営者） / Who sent the response in (the respondent, or the facilitator at the venue)';
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
-- Rows without a respondent (a deleted profile's) are read only through the aggregates.
create policy survey_responses_select_dx_admin on public.survey_responses
  for select to authenticated using (respondent_id is not null and (select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.survey_responses from anon, authenticated;

create table private.survey_ballot_boxes (
  session_id uuid not null references public.sessions (id),
  template_id uuid not null references public.survey_templates (id),
  phase text not null constraint survey_ballot_boxes_phase_check check (phase in ('post', 'follow_up')),
  answers jsonb not null default '[]'::jsonb check (jsonb_typeof(answers) = 'array'),
  primary key (session_id, template_id, phase)
);
comment on table private.survey_ballot_boxes is
  '無記名アンケートの投票箱（日程・ひな形・回答時期ごとに1行。回答者・回答ID・日時を持たず、回答の並びは無作為） / Ballot boxes of anonymous survey answers: one row per session, template and phase, holding bare answers in random order, with no respondent, id or time';
comment on column private.survey_ballot_boxes.answers is
  '回答の配列（1件ずつ無作為な位置に入れる。並び順は回答の順序を表さない） / The answers, each put at a random place: their order says nothing about who answered when';
-- Not exposed (private), closed to the API roles all the same; only the aggregate functions read it.
alter table private.survey_ballot_boxes enable row level security;
revoke all on table private.survey_ballot_boxes from public, anon, authenticated;

-- Every answer the aggregates may count, identified and anonymous alike, without who or when.
create view private.survey_answers as
  select r.session_id, r.template_id, r.phase, r.answers from public.survey_responses as r
  union all
  select b.session_id, b.template_id, b.phase, a.value
  from private.survey_ballot_boxes as b cross join lateral jsonb_array_elements(b.answers) as a (value);
comment on view private.survey_answers is
  '集計用のすべての回答（記名と無記名。回答者・日時なし） / Every answer for the aggregates, identified and anonymous, without respondent or time';
revoke all on table private.survey_answers from public, anon, authenticated;

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
