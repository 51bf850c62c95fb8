-- E-learning completion (デジタル人材育成研修: e-Learningツールを活用した自席等による学習). The platform
-- the prefecture procures for its municipalities exports its own completion or activity CSV; the DX
-- division imports it (the main path), and an employee may report a completion with the
-- certificate's date, which the division confirms (the fallback). Either way a confirmed completion
-- (1) makes the employee's registration of the year's e-learning session `attended`, which is what
-- certification rule 3 (training_completed, kind elearning) reads on both sides, exactly as the demo
-- city records an e-learning completion, and (2) writes one learning record per knowledge area the
-- course is mapped to (source 'e_learning', ids derived from employee, session, course and area).
-- A report awaiting confirmation counts for nothing. supabase/README.md, "E-learning completions".
--
--   public.import_elearning_completions(import_id, session_id, person_key, courses, rows, apply)
--     └ private.import_elearning_completions(...)   dx_admin: every row checked; preview, or all or nothing
--   public.admin_elearning_reports()                 dx_admin: the reports awaiting confirmation
--   sync_push kinds: report_elearning_completion (employee), confirm_elearning_completion and
--     return_elearning_completion (dx_admin, audited)

-- Courses of the platform mapped to the plan's knowledge areas, remembered for next year's file.
-- An empty list: a course of the platform the plan does not count (its rows are skipped).
create table public.elearning_courses (
  course text primary key check (char_length(course) between 1 and 200 and course = btrim(course)),
  area_codes text[] not null default '{}',
  updated_by uuid references public.profiles (id) on delete set null,
  updated_at timestamptz not null default now()
);
comment on table public.elearning_courses is
  'eラーニングの講座と知識分野の対応（DX推進課が設定し、翌年度も使う） / E-learning platform courses mapped to knowledge areas, kept by the DX division for the next import';
comment on column public.elearning_courses.course is
  '講座名（プラットフォームの出力のとおり、前後の空白を除く） / Course title as the platform exports it, trimmed';
comment on column public.elearning_courses.area_codes is
  '対応する知識分野のコード。空なら計画の対象外の講座 / Knowledge area codes; empty for a course the plan does not count';
create index elearning_courses_updated_by_idx on public.elearning_courses (updated_by);
alter table public.elearning_courses enable row level security;
create policy elearning_courses_select_dx_admin on public.elearning_courses
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.elearning_courses from anon, authenticated;

create table public.elearning_completions (
  id uuid primary key,
  employee_id uuid not null references public.profiles (id) on delete cascade,
  session_id uuid not null references public.sessions (id),
  course text not null check (char_length(course) between 1 and 200 and course = btrim(course)),
  completed_on date not null check (completed_on >= date '2000-01-01'),
  origin text not null check (origin in ('import', 'self_report')),
  status text not null check (status in ('reported', 'confirmed', 'returned')),
  reason text check (char_length(btrim(reason)) between 1 and 1000),
  import_id uuid,
  reported_at timestamptz not null default now(),
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  _xid xid8 not null default pg_current_xact_id(),
  constraint elearning_completions_reason_iff_returned check ((reason is not null) = (status = 'returned')),
  constraint elearning_completions_decided_unless_reported check ((decided_at is not null) = (status <> 'reported'))
);
comment on table public.elearning_completions is
  'eラーニングの修了（取込み、または本人の報告と DX推進課の確認）。本人に同期する / E-learning completions, imported or reported by the employee and confirmed by the DX division; replicated to the employee';
comment on column public.elearning_completions.session_id is
  'その年度のデジタル人材育成研修の日程（受講期間） / The session (the learning window) of the year''s e-learning training';
comment on column public.elearning_completions.origin is
  'import（プラットフォームの出力の取込み）/ self_report（本人の報告） / How the completion came';
comment on column public.elearning_completions.status is
  'reported（確認待ち）/ confirmed（確認済み。研修の修了に数える）/ returned（差戻し） / Only a confirmed completion counts';
comment on column public.elearning_completions.reason is
  '差戻しの理由（本人に表示する） / Why the report was returned, shown to the employee';
comment on column public.elearning_completions.import_id is
  '最後に確認した取込み / The import that last confirmed it';
comment on column public.elearning_completions._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
-- One live completion per person, window and course; a returned report may be followed by a new one.
create unique index elearning_completions_one_live_idx
  on public.elearning_completions (employee_id, session_id, course) where status <> 'returned';
create index elearning_completions_session_id_idx on public.elearning_completions (session_id);
create index elearning_completions_decided_by_idx on public.elearning_completions (decided_by);
create index elearning_completions_reported_idx on public.elearning_completions (reported_at) where status = 'reported';

create trigger elearning_completions_stamp_xid before insert or update on public.elearning_completions
  for each row execute function private.stamp_xid();
create trigger elearning_completions_record_tombstone after delete on public.elearning_completions
  for each row execute function private.record_tombstone('employee_id');
create trigger elearning_completions_sync_truncated after truncate on public.elearning_completions
  for each statement execute function private.sync_truncated();
create trigger elearning_completions_forbid_owner_change before update of employee_id on public.elearning_completions
  for each row execute function private.forbid_owner_change('employee_id');
insert into private.replicated_tables (table_name, owner_column) values ('elearning_completions', 'employee_id');

alter table public.elearning_completions enable row level security;
create policy elearning_completions_select_own on public.elearning_completions
  for select to authenticated using (employee_id = (select auth.uid()));
create policy elearning_completions_select_dx_admin on public.elearning_completions
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.elearning_completions from anon, authenticated;

-- One row per applied import: who, when, which window, what it changed. Not replicated.
create table public.elearning_imports (
  id uuid primary key,
  actor_id uuid references public.profiles (id) on delete set null,
  session_id uuid not null references public.sessions (id),
  imported_at timestamptz not null default now(),
  row_count integer not null check (row_count >= 0),
  result jsonb not null
);
comment on table public.elearning_imports is
  'eラーニング修了の取込み（実行者・日時・件数） / Applied e-learning completion imports: who, when, counts';
create index elearning_imports_actor_id_idx on public.elearning_imports (actor_id);
create index elearning_imports_session_id_idx on public.elearning_imports (session_id);
alter table public.elearning_imports enable row level security;
create policy elearning_imports_select_dx_admin on public.elearning_imports
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.elearning_imports from anon, authenticated;

-- A completion date as platforms write it, by explicit patterns only (never a locale's parser):
-- 2026-04-05, 2026/4/5, 2026.04.05, 2026年4月5日, each optionally with a time; with an offset
-- (2026-03-31T20:00:00Z) it is an instant, whose date is taken in Tokyo. Null when it is not one.
-- The client's half: src/domain/elearning-import.ts (parseCompletionDate).
create function private.elearning_date(value text) returns date
language plpgsql
stable
set search_path = ''
as $$
declare
  m text[];
  d date;
begin
  m := pg_catalog.regexp_match(value,
    '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?)? ?(Z|[+-][0-9]{2}:?[0-9]{2})?$');
  if m is null then
    m := pg_catalog.regexp_match(value, '^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$');
  end if;
  if m is null or m[1]::integer not between 2000 and 2100 or m[2]::integer not between 1 and 12
     or m[3]::integer < 1
     or m[3]::integer > extract(day from pg_catalog.make_date(m[1]::integer, m[2]::integer, 1) + interval '1 month - 1 day')
     or coalesce(m[4]::integer, 0) > 23 or coalesce(m[5]::integer, 0) > 59 or coalesce(m[6]::integer, 0) > 59 then
    return null;
  end if;
  d := pg_catalog.make_date(m[1]::integer, m[2]::integer, m[3]::integer);
  if m[7] is null then
    return d;
  end if;
  return ((pg_catalog.format('%s %s:%s:%s', d, coalesce(m[4], '0'), coalesce(m[5], '00'), coalesce(m[6], '00'))
           || case when m[7] = 'Z' then '+00:00' else m[7] end)::timestamptz at time zone 'Asia/Tokyo')::date;
end
$$;
revoke execute on function private.elearning_date(text) from public, anon, authenticated;

-- What a confirmed completion earns, written only if missing (a re-import changes nothing): the
-- registration of the e-learning session attended (rule 3), and one learning record per mapped area.
-- The platform's export says that a course was completed, not for how long: 60 minutes per area.
create function private.credit_elearning(completion_ids uuid[]) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  windows uuid[];
begin
  create temporary table if not exists elearning_done (employee_id uuid, session_id uuid, completed_on date) on commit drop;
  truncate pg_temp.elearning_done;
  insert into pg_temp.elearning_done
    select c.employee_id, c.session_id, min(c.completed_on)
    from public.elearning_completions as c
    where c.id = any (completion_ids) and c.status = 'confirmed'
    group by c.employee_id, c.session_id;
  analyze pg_temp.elearning_done;
  windows := array(select distinct d.session_id from pg_temp.elearning_done as d);

  update public.registrations as r
    set status = 'attended', waitlist_position = null,
        checked_in_at = (d.completed_on + time '12:00') at time zone 'Asia/Tokyo', checked_in_by = auth.uid()
    from pg_temp.elearning_done as d
    where r.session_id = d.session_id and r.employee_id = d.employee_id
      and r.status in ('confirmed', 'waitlisted', 'no_show');
  insert into public.registrations (session_id, employee_id, status, checked_in_at, checked_in_by)
    select d.session_id, d.employee_id, 'attended', (d.completed_on + time '12:00') at time zone 'Asia/Tokyo', auth.uid()
    from pg_temp.elearning_done as d
    where not exists (select 1 from public.registrations as r
                      where r.session_id = d.session_id and r.employee_id = d.employee_id and r.status <> 'cancelled');
  -- A waitlisted participant who completed leaves a gap; the waitlist stays numbered 1, 2, 3….
  update public.registrations as r set waitlist_position = w.pos
    from (select x.id, row_number() over (partition by x.session_id order by x.waitlist_position) as pos
          from public.registrations as x
          where x.status = 'waitlisted' and x.session_id = any (windows)) as w
    where r.id = w.id and r.waitlist_position <> w.pos;

  insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
    select pg_catalog.md5('elearning:' || c.employee_id || ':' || c.session_id || ':' || c.course || ':' || a.code)::uuid,
           c.employee_id, a.code, 'e_learning', c.course, 60, c.completed_on
    from public.elearning_completions as c
    join public.elearning_courses as m on m.course = c.course
    cross join lateral pg_catalog.unnest(m.area_codes) as a (code)
    where c.id = any (completion_ids) and c.status = 'confirmed'
  on conflict (id) do update set completed_on = excluded.completed_on, version = public.learning_records.version + 1
    where public.learning_records.completed_on is distinct from excluded.completed_on;
end
$$;
comment on function private.credit_elearning(uuid[]) is
  '確認済みの修了に、受講（出席）と分野ごとの学習記録を付ける（既にあれば何もしない） / Credits confirmed completions: the e-learning registration attended and one learning record per mapped area; idempotent';
revoke execute on function private.credit_elearning(uuid[]) from public, anon, authenticated;

create function private.elearning_window_year(target_session uuid) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select t.fiscal_year from public.sessions as s join public.trainings as t on t.id = s.training_id
  where s.id = target_session and t.kind = 'elearning'
$$;
revoke execute on function private.elearning_window_year(uuid) from public, anon, authenticated;

create function private.refuse_import_argument(name text) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = 'DXP013',
    detail = pg_catalog.format('送信内容に誤りがあります（項目: %s）。アプリを最新の状態にしてから、もう一度お試しください。', name);
end
$$;
revoke execute on function private.refuse_import_argument(text) from public, anon, authenticated;

-- A cell the server can read as the platform meant it: storable, and no U+FFFD, which a decoder puts
-- where a file's encoding was broken (the client reads such a file rather than refusing it whole).
create function private.elearning_cell_ok(value text) returns boolean
language sql
immutable
set search_path = ''
as $$
  select private.is_storable_text(value) and pg_catalog.strpos(value, pg_catalog.chr(65533)) = 0
$$;
revoke execute on function private.elearning_cell_ok(text) from public, anon, authenticated;

-- The import. rows: [{person, course, completed_on}] as the file has them (cells trimmed); person is
-- an email or an employee number (person_key); courses: {course: [area codes]} the division set on
-- the screen, saved with an applied import. Every row is checked; with apply = false nothing is
-- written and the answer says what an import would do; with apply = true all is written in this one
-- transaction, or nothing when any row is wrong (DXP170). The same import_id again answers the first
-- answer; the same file under a new id writes no row.
create function private.import_elearning_completions(
  import_id uuid, session_id uuid, person_key text, courses jsonb, rows jsonb, apply boolean
) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  stored public.elearning_imports;
  window_id uuid := session_id;
  this_import uuid := import_id;
  fy integer;
  today date := private.tokyo_today();
  n_rows integer;
  row_errors jsonb;
  file_courses jsonb;
  counts jsonb;
  touched uuid[];
  result jsonb;
begin
  perform private.require_dx_admin_action();
  if import_id is null then
    perform private.refuse_import_argument('import_id');
  end if;
  select * into stored from public.elearning_imports as i where i.id = import_id;
  if found then
    return stored.result || jsonb_build_object('status', 'duplicate');
  end if;
  if person_key is null or person_key not in ('email', 'employee_number') then
    perform private.refuse_import_argument('person_key');
  end if;
  fy := private.elearning_window_year(window_id);
  if fy is null then
    raise exception using errcode = 'P0001', message = 'DXP176',
      detail = 'デジタル人材育成研修（eラーニング）の日程が見つかりません。年度の日程を選び直してください。';
  end if;
  courses := coalesce(courses, '{}'::jsonb);
  if jsonb_typeof(courses) <> 'object' or exists (
      select 1 from jsonb_each(courses) as e
      where jsonb_typeof(e.value) <> 'array' or char_length(e.key) not between 1 and 200
         or e.key <> btrim(e.key) or not private.is_storable_text(e.key)) then
    perform private.refuse_import_argument('courses');
  end if;
  if exists (select 1 from jsonb_each(courses) as e cross join lateral jsonb_array_elements(e.value) as a (code)
             where jsonb_typeof(a.code) <> 'string'
                or not exists (select 1 from public.knowledge_areas as k where k.code = a.code #>> '{}')) then
    raise exception using errcode = 'P0001', message = 'DXP112',
      detail = '知識分野が見つかりません。講座の分野を選び直してください。';
  end if;
  if jsonb_typeof(rows) is distinct from 'array' then
    perform private.refuse_import_argument('rows');
  end if;
  n_rows := jsonb_array_length(rows);
  if n_rows = 0 or n_rows > 20000 then
    raise exception using errcode = 'P0001', message = 'DXP109',
      detail = '取り込む行がないか、多すぎます（20,000 行まで）。ファイルを確認してください。';
  end if;

  -- The mapping this import uses: the screen's, else the one remembered.
  drop table if exists pg_temp.elearning_map;
  create temporary table elearning_map on commit drop as
    select m.course, m.area_codes from public.elearning_courses as m where not courses ? m.course
    union all
    select e.key, array(select distinct x.a collate "C" from jsonb_array_elements_text(e.value) as x (a) order by 1)
    from jsonb_each(courses) as e;
  create unique index on pg_temp.elearning_map (course);

  drop table if exists pg_temp.elearning_src;
  create temporary table elearning_src on commit drop as
    select x.n::integer as row, jsonb_typeof(x.value) = 'object' as is_object,
      nullif(btrim(case when jsonb_typeof(x.value -> 'person') = 'string' then x.value ->> 'person' end), '') as person,
      nullif(btrim(case when jsonb_typeof(x.value -> 'course') = 'string' then x.value ->> 'course' end), '') as course,
      nullif(btrim(case when jsonb_typeof(x.value -> 'completed_on') = 'string' then x.value ->> 'completed_on' end), '') as date_text,
      null::uuid as employee_id, null::date as completed_on
    from jsonb_array_elements(rows) with ordinality as x (value, n);
  update pg_temp.elearning_src set completed_on = private.elearning_date(date_text)
    where date_text is not null and private.elearning_cell_ok(date_text);
  analyze pg_temp.elearning_src;
  -- Set-based, so 3,000 rows are one hash join, not 3,000 look-ups. People who have left are unknown.
  if person_key = 'email' then
    update pg_temp.elearning_src as s set employee_id = p.id from public.profiles as p
      where p.left_on is null and pg_catalog.lower(p.email) = pg_catalog.lower(s.person);
  else
    update pg_temp.elearning_src as s set employee_id = p.id from public.profiles as p
      where p.left_on is null and p.employee_number = pg_catalog.upper(s.person);
  end if;

  with r as (
    select s.*, m.course is not null as known,
      coalesce(private.elearning_cell_ok(s.person), true) as person_ok,
      coalesce(private.elearning_cell_ok(s.course), true) as course_ok,
      coalesce(private.elearning_cell_ok(s.date_text), true) as date_ok,
      row_number() over (partition by coalesce(s.employee_id::text, pg_catalog.lower(s.person)), s.course order by s.row) as seen
    from pg_temp.elearning_src as s left join pg_temp.elearning_map as m on m.course = s.course
  ),
  errors as (
    select r.row, 'row' as field, 'DXP013' as code from r where not r.is_object
    union all
    select r.row, 'person', case when r.person is null then 'DXP103' when not r.person_ok then 'DXP017'
        when r.employee_id is null then 'DXP171' end
      from r where r.is_object
    union all
    select r.row, 'course', case when r.course is null then 'DXP103' when not r.course_ok then 'DXP017'
        when char_length(r.course) > 200 then 'DXP108' when not r.known then 'DXP172' end
      from r where r.is_object
    union all
    select r.row, 'completed_on', case when r.date_text is null then 'DXP103' when not r.date_ok then 'DXP017'
        when r.completed_on is null then 'DXP173'
        when private.fiscal_year_of(r.completed_on) <> fy or r.completed_on > today then 'DXP174' end
      from r where r.is_object
    union all
    select r.row, 'row', 'DXP175' from r
      where r.is_object and r.person is not null and r.course is not null and r.seen > 1
  )
  select coalesce(jsonb_agg(jsonb_build_object('row', e.row, 'field', e.field, 'code', e.code, 'message',
      case e.code
        when 'DXP013' then '行の形式が正しくありません。'
        when 'DXP017' then '使えない文字（制御文字など）が含まれています。'
        when 'DXP103' then '必須の項目が空です。'
        when 'DXP108' then '値の形式が正しくありません。'
        when 'DXP171' then '名簿に該当する職員がいません。'
        when 'DXP172' then '講座の知識分野が決まっていません。'
        when 'DXP173' then '完了日を日付として読めません。'
        when 'DXP174' then '完了日が研修の年度の外か、未来の日付です。'
        when 'DXP175' then '同じ職員・同じ講座の行がファイル内で重複しています。'
      end) order by e.row, e.field), '[]'::jsonb)
    into row_errors
  from errors as e where e.code is not null;

  select coalesce(jsonb_agg(jsonb_build_object('course', f.course, 'rows', f.n,
      'area_codes', pg_catalog.to_jsonb(m.area_codes)) order by f.course collate "C"), '[]'::jsonb)
    into file_courses
  from (select s.course, count(*)::integer as n from pg_temp.elearning_src as s
        where s.course is not null and char_length(s.course) <= 200 and private.elearning_cell_ok(s.course)
        group by s.course) as f
  left join pg_temp.elearning_map as m on m.course = f.course;

  -- What each readable row would do: skipped (a course the plan does not count), created, confirmed
  -- (a report awaiting confirmation), changed (another date) or unchanged.
  drop table if exists pg_temp.elearning_plan;
  create temporary table elearning_plan on commit drop as
    select s.row, s.employee_id, s.course, s.completed_on, c.id as completion_id,
      case
        when cardinality(m.area_codes) = 0 then 'skipped'
        when c.id is null then 'created'
        when c.status = 'reported' then 'confirmed'
        when c.completed_on <> s.completed_on then 'changed'
        else 'unchanged'
      end as action
    from pg_temp.elearning_src as s
    join pg_temp.elearning_map as m on m.course = s.course
    left join public.elearning_completions as c
      on c.employee_id = s.employee_id and c.session_id = window_id and c.course = s.course and c.status <> 'returned'
    where s.employee_id is not null and s.completed_on is not null;
  select jsonb_build_object('rows', n_rows,
      'created', count(*) filter (where p.action = 'created'),
      'confirmed', count(*) filter (where p.action = 'confirmed'),
      'changed', count(*) filter (where p.action = 'changed'),
      'unchanged', count(*) filter (where p.action = 'unchanged'),
      'skipped', count(*) filter (where p.action = 'skipped'))
    into counts
  from pg_temp.elearning_plan as p;

  if jsonb_array_length(row_errors) > 0 and apply then
    return jsonb_build_object('status', 'refused', 'code', 'DXP170',
      'message', pg_catalog.format('%s 件の誤りがあるため、取り込みませんでした。誤りを直してから、もう一度取り込んでください。',
        jsonb_array_length(row_errors)),
      'errors', row_errors, 'counts', null, 'courses', file_courses);
  end if;
  if not apply then
    return jsonb_build_object('status', 'preview', 'code', null, 'message', null,
      'errors', row_errors, 'counts', counts, 'courses', file_courses);
  end if;

  insert into public.elearning_courses (course, area_codes, updated_by)
    select e.key, array(select distinct x.a collate "C" from jsonb_array_elements_text(e.value) as x (a) order by 1), uid
    from jsonb_each(courses) as e
  on conflict (course) do update
    set area_codes = excluded.area_codes, updated_by = excluded.updated_by, updated_at = pg_catalog.now()
    where public.elearning_courses.area_codes is distinct from excluded.area_codes;
  insert into public.elearning_completions
    (id, employee_id, session_id, course, completed_on, origin, status, import_id, decided_by, decided_at)
    select pg_catalog.md5('elearning-completion:' || p.employee_id || ':' || window_id || ':' || p.course)::uuid,
           p.employee_id, window_id, p.course, p.completed_on, 'import', 'confirmed', import_id, uid, pg_catalog.now()
    from pg_temp.elearning_plan as p where p.action = 'created';
  update public.elearning_completions as c
    set status = 'confirmed', completed_on = p.completed_on, import_id = this_import,
        decided_by = uid, decided_at = pg_catalog.now()
    from pg_temp.elearning_plan as p
    where c.id = p.completion_id and p.action in ('confirmed', 'changed');
  touched := array(
    select coalesce(p.completion_id,
             pg_catalog.md5('elearning-completion:' || p.employee_id || ':' || window_id || ':' || p.course)::uuid)
    from pg_temp.elearning_plan as p where p.action <> 'skipped');
  perform private.credit_elearning(touched);

  result := jsonb_build_object('status', 'applied', 'code', null, 'message', null, 'errors', '[]'::jsonb,
    'counts', counts, 'courses', file_courses);
  insert into public.elearning_imports (id, actor_id, session_id, row_count, result)
    values (import_id, uid, window_id, n_rows, result);
  perform private.write_audit('import_elearning_completions', 'elearning_imports', import_id::text,
    counts || jsonb_build_object('session_id', window_id));
  return result;
end
$$;
revoke execute on function private.import_elearning_completions(uuid, uuid, text, jsonb, jsonb, boolean) from public, anon, authenticated;
grant execute on function private.import_elearning_completions(uuid, uuid, text, jsonb, jsonb, boolean) to authenticated;

create function public.import_elearning_completions(
  import_id uuid, session_id uuid, person_key text, courses jsonb, rows jsonb, apply boolean
) returns jsonb
language sql
security invoker
set search_path = ''
as $$
  select private.import_elearning_completions(import_id, session_id, person_key, courses, rows, apply)
$$;
revoke execute on function public.import_elearning_completions(uuid, uuid, text, jsonb, jsonb, boolean) from public, anon;
grant execute on function public.import_elearning_completions(uuid, uuid, text, jsonb, jsonb, boolean) to authenticated;

-- The reports awaiting the division's confirmation, oldest first, with the course's mapping (null:
-- not mapped yet, so confirming must map it).
create function private.admin_elearning_reports() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_dx_admin_action();
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
        'id', c.id, 'employee_id', c.employee_id, 'employee_number', p.employee_number,
        'full_name', p.full_name, 'session_id', c.session_id, 'training_title', t.title,
        'fiscal_year', t.fiscal_year, 'course', c.course, 'completed_on', c.completed_on,
        'reported_at', c.reported_at, 'area_codes', pg_catalog.to_jsonb(m.area_codes))
        order by c.reported_at, c.id), '[]'::jsonb)
    from public.elearning_completions as c
    join public.profiles as p on p.id = c.employee_id
    join public.sessions as s on s.id = c.session_id
    join public.trainings as t on t.id = s.training_id
    left join public.elearning_courses as m on m.course = c.course
    where c.status = 'reported'
  );
end
$$;
revoke execute on function private.admin_elearning_reports() from public, anon, authenticated;
grant execute on function private.admin_elearning_reports() to authenticated;

create function public.admin_elearning_reports() returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.admin_elearning_reports()
$$;
revoke execute on function public.admin_elearning_reports() from public, anon;
grant execute on function public.admin_elearning_reports() to authenticated;

-- report_elearning_completion {id, session_id, course, completed_on}: the employee's own completion,
-- with the certificate's date, awaiting the division's confirmation (it counts for nothing before).
create function private.push_report_elearning_completion(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  window_id uuid;
  fy integer;
  course_title text;
  done_on date;
  r public.elearning_completions;
begin
  perform private.arg_check_keys(args, array['id', 'session_id', 'course', 'completed_on']);
  rid := private.arg_uuid(args, 'id');
  if exists (select 1 from public.elearning_completions as x where x.id = rid) then
    perform private.reject('DXP177', 'この修了はすでに報告されています。一覧を更新してください。');
  end if;
  window_id := private.arg_uuid(args, 'session_id');
  fy := private.elearning_window_year(window_id);
  if fy is null then
    perform private.reject('DXP176', 'デジタル人材育成研修（eラーニング）の日程が見つかりません。年度の日程を選び直してください。');
  end if;
  course_title := pg_catalog.btrim(private.arg_text(args, 'course', 200));
  if course_title = '' then
    perform private.reject('DXP015', '講座名を入力してください。');
  end if;
  done_on := private.arg_date(args, 'completed_on');
  if done_on > private.tokyo_today() then
    perform private.reject('DXP016', '未来の日付は登録できません。修了証の日付を確認してください。');
  end if;
  if private.fiscal_year_of(done_on) <> fy then
    perform private.reject('DXP174', '修了日が研修の年度の外です。修了証の日付と年度を確認してください。');
  end if;
  if exists (select 1 from public.elearning_completions as x
             where x.employee_id = auth.uid() and x.session_id = window_id and x.course = course_title
               and x.status <> 'returned') then
    perform private.reject('DXP177', 'この講座の修了はすでに報告または登録されています。一覧を確認してください。');
  end if;
  insert into public.elearning_completions (id, employee_id, session_id, course, completed_on, origin, status)
  values (rid, auth.uid(), window_id, course_title, done_on, 'self_report', 'reported')
  returning * into r;
  return private.row_json(r);
end
$$;

-- The division's decision on a report: found and still awaiting (DXP178), else refused.
create function private.reported_elearning_completion(rid uuid) returns public.elearning_completions
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.elearning_completions;
begin
  select * into r from public.elearning_completions as x where x.id = rid for update;
  if not found or r.status <> 'reported' then
    perform private.reject('DXP178', '確認を待っている修了の報告が見つかりません。一覧を更新してください。');
  end if;
  return r;
end
$$;

-- confirm_elearning_completion {id, area_codes?}: dx_admin. area_codes maps the course on the way
-- (remembered like an import's mapping); without them the course must be mapped already (DXP179).
create function private.push_confirm_elearning_completion(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.elearning_completions;
  areas text[];
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['id', 'area_codes']);
  r := private.reported_elearning_completion(private.arg_uuid(args, 'id'));
  if args ? 'area_codes' and args -> 'area_codes' <> 'null'::jsonb then
    areas := private.arg_text_array(args, 'area_codes');
    if exists (select 1 from pg_catalog.unnest(areas) as a (code)
               where not exists (select 1 from public.knowledge_areas as k where k.code = a.code)) then
      perform private.reject('DXP112', '知識分野が見つかりません。講座の分野を選び直してください。');
    end if;
    insert into public.elearning_courses (course, area_codes, updated_by)
      values (r.course, array(select distinct x.a collate "C" from pg_catalog.unnest(areas) as x (a) order by 1), auth.uid())
    on conflict (course) do update
      set area_codes = excluded.area_codes, updated_by = excluded.updated_by, updated_at = pg_catalog.now();
  end if;
  if not exists (select 1 from public.elearning_courses as m where m.course = r.course and cardinality(m.area_codes) > 0) then
    perform private.reject('DXP179', 'この講座の知識分野が決まっていません。分野を選んでから確認してください。');
  end if;
  update public.elearning_completions
    set status = 'confirmed', decided_by = auth.uid(), decided_at = pg_catalog.now()
    where id = r.id
    returning * into r;
  perform private.credit_elearning(array[r.id]);
  perform private.write_audit('confirm_elearning_completion', 'elearning_completions', r.id::text,
    jsonb_build_object('employee_id', r.employee_id, 'course', r.course, 'completed_on', r.completed_on));
  return private.row_json(r);
end
$$;

-- return_elearning_completion {id, reason}: dx_admin; the employee sees the reason and may report again.
create function private.push_return_elearning_completion(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.elearning_completions;
  why text;
begin
  perform private.require_dx_admin_action();
  perform private.arg_check_keys(args, array['id', 'reason']);
  r := private.reported_elearning_completion(private.arg_uuid(args, 'id'));
  why := pg_catalog.btrim(coalesce(private.arg_text(args, 'reason', 1000, false), ''));
  if why = '' then
    perform private.reject('DXP180', '差し戻す理由を入力してください。');
  end if;
  update public.elearning_completions
    set status = 'returned', reason = why, decided_by = auth.uid(), decided_at = pg_catalog.now()
    where id = r.id
    returning * into r;
  perform private.write_audit('return_elearning_completion', 'elearning_completions', r.id::text,
    jsonb_build_object('employee_id', r.employee_id, 'course', r.course, 'reason', why));
  return private.row_json(r);
end
$$;

revoke execute on function private.push_report_elearning_completion(jsonb) from public, anon, authenticated;
revoke execute on function private.reported_elearning_completion(uuid) from public, anon, authenticated;
revoke execute on function private.push_confirm_elearning_completion(jsonb) from public, anon, authenticated;
revoke execute on function private.push_return_elearning_completion(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('report_elearning_completion', 'private.push_report_elearning_completion(jsonb)'),
  ('confirm_elearning_completion', 'private.push_confirm_elearning_completion(jsonb)'),
  ('return_elearning_completion', 'private.push_return_elearning_completion(jsonb)');
