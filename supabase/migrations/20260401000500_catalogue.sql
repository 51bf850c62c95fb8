-- The training catalogue: survey templates, trainings (with the knowledge areas they cover and the
-- roles they target) and their sessions. Every signed-in user reads all of it (the catalogue screens
-- work offline from the replica); nobody writes it through the API: the DX division's admin RPCs
-- will (a later issue). Every table here is replicated to every user (tombstone owner = everyone).

-- A template's questions are typed JSON, checked here so that a template the survey validator
-- cannot read never gets stored:
--   [{"key": "satisfaction", "type": "likert_5", "label": "…", "required": true},
--    {"key": "recommend", "type": "scale_0_10", …},
--    {"key": "format", "type": "single_choice", "options": [{"value": "a", "label": "…"}], …},
--    {"key": "good_points", "type": "free_text", "max_length": 1000, …},
--    {"key": "self_assessment", "type": "area_self_assessment", …}]   (before/after 1–5 per covered area)
create function private.survey_questions_valid(questions jsonb) returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  q jsonb;
  keys text[] := '{}';
  option_values text[];
  o jsonb;
begin
  if jsonb_typeof(questions) is distinct from 'array' or jsonb_array_length(questions) = 0
     or jsonb_array_length(questions) > 50 then
    return false;
  end if;
  for q in select value from jsonb_array_elements(questions) loop
    if jsonb_typeof(q) <> 'object'
       or jsonb_typeof(q -> 'key') is distinct from 'string'
       or (q ->> 'key') !~ '^[a-z][a-z0-9_]{0,39}$'
       or (q ->> 'key') = any (keys)
       or jsonb_typeof(q -> 'label') is distinct from 'string'
       or char_length(q ->> 'label') not between 1 and 500
       or jsonb_typeof(q -> 'required') is distinct from 'boolean'
       or (q ->> 'type') is null
       or (q ->> 'type') not in ('likert_5', 'scale_0_10', 'single_choice', 'free_text', 'area_self_assessment') then
      return false;
    end if;
    keys := keys || (q ->> 'key');
    if q ->> 'type' = 'single_choice' then
      if jsonb_typeof(q -> 'options') is distinct from 'array' or jsonb_array_length(q -> 'options') < 2 then
        return false;
      end if;
      option_values := '{}';
      for o in select value from jsonb_array_elements(q -> 'options') loop
        if jsonb_typeof(o) <> 'object' or jsonb_typeof(o -> 'value') is distinct from 'string'
           or jsonb_typeof(o -> 'label') is distinct from 'string' or (o ->> 'value') = any (option_values) then
          return false;
        end if;
        option_values := option_values || (o ->> 'value');
      end loop;
    elsif q ->> 'type' = 'free_text' then
      if jsonb_typeof(q -> 'max_length') is distinct from 'number'
         or (q ->> 'max_length')::numeric not between 1 and 4000
         or (q ->> 'max_length')::numeric <> trunc((q ->> 'max_length')::numeric) then
        return false;
      end if;
    end if;
  end loop;
  return true;
end
$$;
comment on function private.survey_questions_valid(jsonb) is
  'アンケート設問（型付き JSON）の形式検査 / Whether a survey template''s typed questions are well formed';
revoke execute on function private.survey_questions_valid(jsonb) from public, anon, authenticated;
-- A check constraint runs with the writer's privileges: the service role (admin tooling) writes templates.
grant execute on function private.survey_questions_valid(jsonb) to service_role;

-- Owners never change (sync_pull relies on it: a row leaves a replica only by deletion).
create function private.forbid_owner_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (pg_catalog.to_jsonb(old) ->> tg_argv[0]) is distinct from (pg_catalog.to_jsonb(new) ->> tg_argv[0]) then
    raise exception using errcode = '23514', message = pg_catalog.format('%s.%s cannot change', tg_table_name, tg_argv[0]);
  end if;
  return new;
end
$$;
comment on function private.forbid_owner_change() is
  '所有者の列（引数）の変更を禁止するトリガー関数 / Trigger function that refuses a change of the owner column named by its argument';
revoke execute on function private.forbid_owner_change() from public, anon, authenticated;

create table public.survey_templates (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  title text not null check (char_length(btrim(title)) between 1 and 200),
  questions jsonb not null check (private.survey_questions_valid(questions)),
  anonymous boolean not null default false,
  follow_up_weeks integer check (follow_up_weeks between 1 and 52),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id(),
  follow_up_questions jsonb not null default $json$[
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
  ]$json$::jsonb,
  constraint survey_templates_follow_up_questions_valid check (private.survey_questions_valid(follow_up_questions))
);
comment on table public.survey_templates is
  '効果測定アンケートのひな形（型付きの設問、匿名かどうか） / Effect-measurement survey templates: typed questions and the anonymous flag';
comment on column public.survey_templates.questions is
  '設問の配列（likert_5 / scale_0_10 / single_choice / free_text / area_self_assessment） / Array of typed questions';
comment on column public.survey_templates.anonymous is
  '匿名アンケート: 回答に回答者を記録しない / Anonymous: a response stores no link to its respondent';
comment on column public.survey_templates.follow_up_weeks is
  '事後の追跡調査までの週数（なければ null） / Weeks until a follow-up survey, or null';

comment on column public.survey_templates.follow_up_questions is
  '事後アンケート（follow_up_weeks 週後）の設問。型は questions と同じ / Questions of the follow-up survey due follow_up_weeks after the session';

create table public.trainings (
  id uuid primary key default gen_random_uuid(),
  kind text not null references public.training_kinds (code),
  title text not null check (char_length(btrim(title)) between 1 and 200),
  description text not null default '' check (char_length(description) <= 4000),
  fiscal_year integer not null check (fiscal_year between 2000 and 2100),
  delivery text not null check (delivery in ('in_person', 'video', 'online')),
  survey_template_id uuid references public.survey_templates (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id()
);
comment on table public.trainings is
  '研修（種類・年度・実施形態・効果測定アンケート） / Trainings: kind, fiscal year, delivery, effect-measurement survey';
comment on column public.trainings.delivery is
  'in_person（集合）/ video（動画）/ online（オンライン） / How the training is delivered';
create index trainings_kind_idx on public.trainings (kind);
create index trainings_survey_template_id_idx on public.trainings (survey_template_id);

create table public.training_areas (
  training_id uuid not null references public.trainings (id) on delete cascade,
  area_code text not null references public.knowledge_areas (code),
  _xid xid8 not null default pg_current_xact_id(),
  primary key (training_id, area_code)
);
comment on table public.training_areas is
  '研修が扱う知識分野 / Knowledge areas a training covers';
create index training_areas_area_code_idx on public.training_areas (area_code);

create table public.training_target_roles (
  training_id uuid not null references public.trainings (id) on delete cascade,
  role_code text not null references public.dx_roles (code),
  _xid xid8 not null default pg_current_xact_id(),
  primary key (training_id, role_code)
);
comment on table public.training_target_roles is
  '研修の対象となる DX人材の役割 / DX roles a training is meant for';
create index training_target_roles_role_code_idx on public.training_target_roles (role_code);

create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  training_id uuid not null references public.trainings (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  venue text check (char_length(venue) between 1 and 200),
  online_url text check (online_url ~ '^https://' and char_length(online_url) <= 2000),
  capacity integer not null check (capacity > 0 and capacity <= 10000),
  facilitator_id uuid references public.profiles (id),
  registration_deadline timestamptz not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id(),
  confirmed_count integer not null default 0 check (confirmed_count >= 0),
  waitlist_count integer not null default 0 check (waitlist_count >= 0),
  constraint sessions_ends_after_start check (ends_at > starts_at),
  constraint sessions_deadline_before_start check (registration_deadline <= starts_at)
);
comment on table public.sessions is
  '研修の開催日程（日時・会場または URL・定員・運営者・申込締切・状態） / Sessions of a training: time, venue or URL, capacity, facilitator, deadline, status';
comment on column public.sessions.status is
  'scheduled（予定）/ cancelled（中止）/ closed（申込終了） / Scheduled, cancelled, or closed to registration';
comment on column public.sessions.capacity is
  '定員（確定できる席の数。超えた申込みはキャンセル待ち） / Seats that can be confirmed; further registrations are waitlisted';

comment on column public.sessions.confirmed_count is
  '埋まっている席の数（確定 + 出席。register_session が数えるとおり。サーバーが登録のたびに更新） / Seats taken: confirmed + attended registrations, as register_session counts them; kept by the server';
comment on column public.sessions.waitlist_count is
  'キャンセル待ちの人数（サーバーが登録のたびに更新） / Waitlisted registrations; kept by the server';
create index sessions_training_id_idx on public.sessions (training_id);
create index sessions_facilitator_id_idx on public.sessions (facilitator_id);

do $$
declare
  t text;
begin
  foreach t in array array['survey_templates', 'trainings', 'training_areas', 'training_target_roles', 'sessions'] loop
    execute pg_catalog.format(
      'create trigger %1$I before insert or update on public.%2$I for each row execute function private.stamp_xid();
       create trigger %3$I after delete on public.%2$I for each row execute function private.record_tombstone(%4$L);
       create trigger %5$I after truncate on public.%2$I for each statement execute function private.sync_truncated();
       comment on column public.%2$I._xid is %6$L;
       alter table public.%2$I enable row level security;
       create policy %7$I on public.%2$I for select to authenticated using (true);
       revoke insert, update, delete, truncate, references, trigger on table public.%2$I from anon, authenticated;',
      t || '_stamp_xid', t, t || '_record_tombstone', '', t || '_sync_truncated',
      '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)',
      t || '_select_authenticated');
  end loop;
end
$$;
insert into private.replicated_tables (table_name, owner_column) values
  ('survey_templates', null), ('trainings', null), ('training_areas', null), ('training_target_roles', null),
  ('sessions', null);

create trigger survey_templates_set_updated_at before update on public.survey_templates
  for each row execute function private.set_updated_at();
create trigger trainings_set_updated_at before update on public.trainings
  for each row execute function private.set_updated_at();
create trigger sessions_set_updated_at before update on public.sessions
  for each row execute function private.set_updated_at();
