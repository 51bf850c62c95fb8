-- The write path: one entry point, named mutations, idempotent by the client's mutation id.
--
--   public.sync_push(mutations jsonb)     security invoker, what the API exposes
--     └ private.sync_push(mutations)      security definer: ledger, one subtransaction per mutation
--         └ private.push_<kind>(args)     one mutation each, raising DXPnnn on every rejection
--
-- Every rejection is `raise exception using errcode = 'P0001', message = 'DXPnnn', detail = <Japanese
-- message>` (a hint may carry the server's current row as JSON, e.g. on a version conflict); the
-- dispatcher turns it into {status: 'rejected', code, message, row}. The codes are listed in
-- supabase/README.md ("Write path").

create table public.applied_ops (
  op_id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (char_length(kind) <= 100),
  result jsonb not null,
  applied_at timestamptz not null default now()
);
comment on table public.applied_ops is
  '適用済みの変更（変更 ID ごとに最初の結果）。再送には同じ結果を返す / Ledger of applied mutations: the first result per mutation id, returned again on replay';
create index applied_ops_user_id_idx on public.applied_ops (user_id);
alter table public.applied_ops enable row level security;
-- No policy: only private.sync_push reads and writes the ledger.
revoke all on table public.applied_ops from anon, authenticated;

create or replace function private.reject(code text, message text, current_row jsonb default null) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = code, detail = message,
    hint = coalesce(current_row::text, '');
end
$$;
comment on function private.reject(text, text, jsonb) is
  '変更を却下する（DXPnnn と日本語のメッセージ、必要ならサーバーの現在の行） / Rejects a mutation with its DXP code, a Japanese message and optionally the server''s current row';

create or replace function private.tokyo_today() returns date
language sql
stable
set search_path = ''
as $$
  select (pg_catalog.now() at time zone 'Asia/Tokyo')::date
$$;
comment on function private.tokyo_today() is
  '東京の今日の日付 / Today''s date in Asia/Tokyo';

create or replace function private.fiscal_year_of(d date) returns integer
language sql
immutable
set search_path = ''
as $$
  select (pg_catalog.date_part('year', d) - case when pg_catalog.date_part('month', d) < 4 then 1 else 0 end)::integer
$$;
comment on function private.fiscal_year_of(date) is
  '日付の年度（4月始まり） / The Japanese fiscal year (from 1 April) a date falls in';

-- Argument readers: each rejects a missing or wrongly typed value with DXP013 naming the field.
create or replace function private.arg_check_keys(args jsonb, allowed text[]) returns void
language plpgsql
set search_path = ''
as $$
declare
  k text;
begin
  if jsonb_typeof(args) is distinct from 'object' then
    perform private.reject('DXP013', '送信内容に誤りがあります（項目: args）。アプリを最新の状態にしてから、もう一度お試しください。');
  end if;
  for k in select jsonb_object_keys(args) loop
    if not (k = any (allowed)) then
      perform private.reject('DXP013', pg_catalog.format(
        '送信内容に誤りがあります（項目: %s）。アプリを最新の状態にしてから、もう一度お試しください。', pg_catalog.left(k, 40)));
    end if;
  end loop;
end
$$;

create or replace function private.arg_missing(args jsonb, name text) returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(jsonb_typeof(args -> name), 'null') = 'null'
$$;

create or replace function private.arg_bad(name text) returns void
language plpgsql
set search_path = ''
as $$
begin
  perform private.reject('DXP013', pg_catalog.format(
    '送信内容に誤りがあります（項目: %s）。アプリを最新の状態にしてから、もう一度お試しください。', name));
end
$$;

create or replace function private.arg_uuid(args jsonb, name text, required boolean default true) returns uuid
language plpgsql
set search_path = ''
as $$
begin
  if private.arg_missing(args, name) then
    if required then perform private.arg_bad(name); end if;
    return null;
  end if;
  if jsonb_typeof(args -> name) <> 'string'
     or (args ->> name) !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    perform private.arg_bad(name);
  end if;
  return (args ->> name)::uuid;
end
$$;

-- The server's half of src/domain/storable-text.ts: no C0 control but tab, LF and CR. U+0000 and lone
-- surrogates never get this far (json and text refuse them), so the control characters are what is left.
create or replace function private.is_storable_text(value text) returns boolean
language sql
immutable
set search_path = ''
as $$
  select value !~ '[\u0001-\u0008\u000b\u000c\u000e-\u001f]'
$$;

create or replace function private.arg_text(args jsonb, name text, max_length integer, required boolean default true)
returns text
language plpgsql
set search_path = ''
as $$
declare
  value text;
begin
  if private.arg_missing(args, name) then
    if required then perform private.arg_bad(name); end if;
    return null;
  end if;
  if jsonb_typeof(args -> name) <> 'string' then
    perform private.arg_bad(name);
  end if;
  value := args ->> name;
  if not private.is_storable_text(value) then
    perform private.reject('DXP017', pg_catalog.format(
      '入力に使えない文字（制御文字など）が含まれています（項目: %s）。その文字を消してから、もう一度送信してください。', name));
  end if;
  if pg_catalog.char_length(value) > max_length then
    perform private.reject('DXP014', pg_catalog.format(
      '入力が長すぎます（項目: %s、%s 文字まで）。短くしてから、もう一度送信してください。', name, max_length));
  end if;
  return value;
end
$$;

create or replace function private.arg_int(args jsonb, name text, required boolean default true) returns integer
language plpgsql
set search_path = ''
as $$
declare
  value numeric;
begin
  if private.arg_missing(args, name) then
    if required then perform private.arg_bad(name); end if;
    return null;
  end if;
  if jsonb_typeof(args -> name) <> 'number' then
    perform private.arg_bad(name);
  end if;
  value := (args ->> name)::numeric;
  if value <> pg_catalog.trunc(value) or value not between -2147483648 and 2147483647 then
    perform private.arg_bad(name);
  end if;
  return value::integer;
end
$$;

create or replace function private.arg_date(args jsonb, name text, required boolean default true) returns date
language plpgsql
set search_path = ''
as $$
declare
  value date;
begin
  if private.arg_missing(args, name) then
    if required then perform private.arg_bad(name); end if;
    return null;
  end if;
  if jsonb_typeof(args -> name) <> 'string' or (args ->> name) !~ '^\d{4}-\d{2}-\d{2}$' then
    perform private.arg_bad(name);
  end if;
  begin
    value := (args ->> name)::date;
  exception when others then
    perform private.arg_bad(name);
  end;
  return value;
end
$$;

create or replace function private.arg_timestamptz(args jsonb, name text, required boolean default true) returns timestamptz
language plpgsql
set search_path = ''
as $$
declare
  value timestamptz;
begin
  if private.arg_missing(args, name) then
    if required then perform private.arg_bad(name); end if;
    return null;
  end if;
  -- ISO 8601 with an explicit offset: a device's local time without one is ambiguous.
  if jsonb_typeof(args -> name) <> 'string'
     or (args ->> name) !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$' then
    perform private.arg_bad(name);
  end if;
  begin
    value := (args ->> name)::timestamptz;
  exception when others then
    perform private.arg_bad(name);
  end;
  return value;
end
$$;

create or replace function private.row_json(r anyelement) returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.to_jsonb(r) - '_xid'
$$;

-- Promotes the head of the waitlist while seats remain, then renumbers the waitlist from 1.
-- Called with the session row locked. A closed session (no new registrations) still promotes: the
-- waitlisted registered before it closed; a cancelled one promotes nobody.
create or replace function private.fill_seats(target_session_id uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sessions;
  taken integer;
  head uuid;
begin
  select * into strict s from public.sessions where id = target_session_id;
  if s.status <> 'cancelled' then
    select count(*) into taken from public.registrations as r
      where r.session_id = s.id and r.status in ('confirmed', 'attended');
    while taken < s.capacity loop
      select r.id into head from public.registrations as r
        where r.session_id = s.id and r.status = 'waitlisted'
        order by r.waitlist_position limit 1;
      exit when head is null;
      update public.registrations set status = 'confirmed', waitlist_position = null where id = head;
      taken := taken + 1;
      head := null;
    end loop;
  end if;
  update public.registrations as r set waitlist_position = n.position
  from (
    select w.id, row_number() over (order by w.waitlist_position, w.registered_at, w.id)::integer as position
    from public.registrations as w
    where w.session_id = s.id and w.status = 'waitlisted'
  ) as n
  where r.id = n.id and r.waitlist_position <> n.position;
end
$$;

create or replace function private.push_register_session(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  s public.sessions;
  taken integer;
  last_position integer;
  r public.registrations;
begin
  perform private.arg_check_keys(args, array['session_id']);
  sid := private.arg_uuid(args, 'session_id');
  -- The lock that makes capacity and waitlist order hold under concurrent registrations.
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  if s.status = 'closed' or pg_catalog.now() > s.registration_deadline then
    perform private.reject('DXP022', 'この日程の申込みは締め切られました。ほかの日程をお選びください。');
  end if;
  if exists (
    select 1 from public.registrations as x
    where x.session_id = sid and x.employee_id = auth.uid() and x.status <> 'cancelled'
  ) then
    perform private.reject('DXP023', 'この日程にはすでに申し込んでいます。申込み状況をご確認ください。');
  end if;
  select count(*) filter (where x.status in ('confirmed', 'attended')), coalesce(max(x.waitlist_position), 0)
    into taken, last_position
    from public.registrations as x where x.session_id = sid;
  insert into public.registrations (session_id, employee_id, status, waitlist_position)
  values (
    sid, auth.uid(),
    case when taken < s.capacity and last_position = 0 then 'confirmed' else 'waitlisted' end,
    case when taken < s.capacity and last_position = 0 then null else last_position + 1 end
  )
  returning * into r;
  return private.row_json(r);
end
$$;

create or replace function private.push_cancel_registration(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  s public.sessions;
  r public.registrations;
begin
  perform private.arg_check_keys(args, array['session_id']);
  sid := private.arg_uuid(args, 'session_id');
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  select * into r from public.registrations as x
    where x.session_id = sid and x.employee_id = auth.uid() and x.status <> 'cancelled';
  if not found then
    perform private.reject('DXP024', 'この日程への申込みはありません。申込み状況をご確認ください。');
  end if;
  if r.status in ('attended', 'no_show') or pg_catalog.now() >= s.starts_at then
    perform private.reject('DXP025', '開始した日程の申込みはキャンセルできません。運営者にご連絡ください。');
  end if;
  update public.registrations
    set status = 'cancelled', waitlist_position = null, cancelled_at = pg_catalog.now()
    where id = r.id;
  perform private.fill_seats(sid);
  select * into r from public.registrations where id = r.id;
  return private.row_json(r);
end
$$;

create or replace function private.push_check_in(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  sid uuid;
  eid uuid;
  s public.sessions;
  r public.registrations;
  was_waitlisted boolean;
  by_dx_admin boolean := private.is_dx_admin();
begin
  perform private.arg_check_keys(args, array['session_id', 'employee_id']);
  sid := private.arg_uuid(args, 'session_id');
  eid := private.arg_uuid(args, 'employee_id');
  select * into s from public.sessions where id = sid for update;
  if not found then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if not (by_dx_admin or s.facilitator_id = auth.uid()) then
    perform private.reject('DXP030', 'この日程の受付を行う権限がありません。運営者または DX推進課にご依頼ください。');
  end if;
  if s.status = 'cancelled' then
    perform private.reject('DXP021', 'この日程は中止になりました。ほかの日程をお選びください。');
  end if;
  -- From 2 hours before the start until 7 days after the end: a venue tablet may sync late.
  if pg_catalog.now() < s.starts_at - interval '2 hours' or pg_catalog.now() > s.ends_at + interval '7 days' then
    perform private.reject('DXP031', '受付できるのは開始 2 時間前から終了 7 日後までです。日程をご確認ください。');
  end if;
  if not exists (select 1 from public.profiles as p where p.id = eid) then
    perform private.reject('DXP032', '職員が見つかりません。職員番号を確認してから、もう一度お試しください。');
  end if;
  select * into r from public.registrations as x
    where x.session_id = sid and x.employee_id = eid and x.status <> 'cancelled';
  if found and r.status = 'attended' then
    -- Checked in twice (two devices at the door): the first check-in stands.
    return private.row_json(r);
  end if;
  if found then
    was_waitlisted := r.status = 'waitlisted';
    update public.registrations
      set status = 'attended', waitlist_position = null, checked_in_at = pg_catalog.now(), checked_in_by = auth.uid()
      where id = r.id
      returning * into r;
    if was_waitlisted then
      perform private.fill_seats(sid);
    end if;
  else
    -- A walk-in: attended without having registered.
    insert into public.registrations (session_id, employee_id, status, checked_in_at, checked_in_by)
    values (sid, eid, 'attended', pg_catalog.now(), auth.uid())
    returning * into r;
  end if;
  if by_dx_admin then
    perform private.write_audit('check_in', 'registrations', r.id::text,
      pg_catalog.jsonb_build_object('session_id', sid, 'employee_id', eid));
  end if;
  return private.row_json(r);
end
$$;

-- Reads and checks the editable fields of a learning record; `base` supplies what args leave out
-- (an update), or null when every required field must be given (a new record).
create or replace function private.learning_fields(args jsonb, base public.learning_records) returns public.learning_records
language plpgsql
set search_path = ''
as $$
declare
  r public.learning_records := base;
  is_new boolean := base.id is null;
begin
  if is_new or args ? 'area_code' then
    r.area_code := private.arg_text(args, 'area_code', 40);
    if not exists (select 1 from public.knowledge_areas as a where a.code = r.area_code) then
      perform private.reject('DXP043', '知識分野が見つかりません。分野を選び直してください。');
    end if;
  end if;
  if is_new or args ? 'source' then
    r.source := private.arg_text(args, 'source', 20);
    if r.source not in ('session', 'e_learning', 'self_study', 'other') then
      perform private.reject('DXP015', '学習方法（研修・eラーニング・自己学習・その他）を選んでください。');
    end if;
  end if;
  if is_new or args ? 'session_id' then
    r.session_id := private.arg_uuid(args, 'session_id', false);
  end if;
  if (r.source = 'session') <> (r.session_id is not null) then
    perform private.reject('DXP015', '研修で学んだ記録には研修日程を、それ以外の記録には日程なしを指定してください。');
  end if;
  if r.session_id is not null and not exists (select 1 from public.sessions as s where s.id = r.session_id) then
    perform private.reject('DXP020', '研修日程が見つかりません。一覧を更新してから、もう一度お試しください。');
  end if;
  if is_new or args ? 'title' then
    r.title := private.arg_text(args, 'title', 200);
    if pg_catalog.btrim(r.title) = '' then
      perform private.reject('DXP015', '題名を入力してください。');
    end if;
  end if;
  if is_new or args ? 'minutes' then
    r.minutes := private.arg_int(args, 'minutes');
    if r.minutes not between 1 and 1440 then
      perform private.reject('DXP015', '学習時間は 1〜1440 分で入力してください。');
    end if;
  end if;
  if is_new or args ? 'completed_on' then
    r.completed_on := private.arg_date(args, 'completed_on');
    if r.completed_on > private.tokyo_today() then
      perform private.reject('DXP016', '未来の日付は登録できません。完了日を確認してください。');
    end if;
    if r.completed_on < date '2000-01-01' then
      perform private.reject('DXP015', '完了日が古すぎます。日付を確認してください。');
    end if;
  end if;
  if is_new or args ? 'note' then
    r.note := coalesce(private.arg_text(args, 'note', 2000, false), '');
  end if;
  return r;
end
$$;

create or replace function private.push_record_learning(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  r public.learning_records;
begin
  perform private.arg_check_keys(args,
    array['id', 'area_code', 'source', 'session_id', 'title', 'minutes', 'completed_on', 'note']);
  rid := private.arg_uuid(args, 'id');
  if exists (select 1 from public.learning_records as x where x.id = rid) then
    perform private.reject('DXP042', 'この学習記録はすでに登録されています。一覧を更新してください。');
  end if;
  r := private.learning_fields(args, null);
  insert into public.learning_records (id, employee_id, area_code, source, session_id, title, minutes, completed_on, note)
  values (rid, auth.uid(), r.area_code, r.source, r.session_id, r.title, r.minutes, r.completed_on, r.note)
  returning * into r;
  return private.row_json(r);
end
$$;

create or replace function private.push_update_learning(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  expected integer;
  current_row public.learning_records;
  r public.learning_records;
begin
  perform private.arg_check_keys(args,
    array['id', 'version', 'area_code', 'source', 'session_id', 'title', 'minutes', 'completed_on', 'note']);
  rid := private.arg_uuid(args, 'id');
  expected := private.arg_int(args, 'version');
  select * into current_row from public.learning_records as x
    where x.id = rid and x.employee_id = auth.uid() for update;
  if not found then
    perform private.reject('DXP040', '学習記録が見つかりません。一覧を更新してください。');
  end if;
  if current_row.version <> expected then
    perform private.reject('DXP041',
      'この学習記録はほかの端末で更新されています。最新の内容を確認してから、もう一度編集してください。',
      private.row_json(current_row));
  end if;
  r := private.learning_fields(args, current_row);
  update public.learning_records
    set area_code = r.area_code, source = r.source, session_id = r.session_id, title = r.title,
        minutes = r.minutes, completed_on = r.completed_on, note = r.note, version = version + 1
    where id = rid
    returning * into r;
  return private.row_json(r);
end
$$;

create or replace function private.push_delete_learning(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  expected integer;
  current_row public.learning_records;
begin
  perform private.arg_check_keys(args, array['id', 'version']);
  rid := private.arg_uuid(args, 'id');
  expected := private.arg_int(args, 'version', false);
  select * into current_row from public.learning_records as x
    where x.id = rid and x.employee_id = auth.uid() for update;
  if not found then
    perform private.reject('DXP040', '学習記録が見つかりません。一覧を更新してください。');
  end if;
  if expected is not null and current_row.version <> expected then
    perform private.reject('DXP041',
      'この学習記録はほかの端末で更新されています。最新の内容を確認してから、もう一度操作してください。',
      private.row_json(current_row));
  end if;
  delete from public.learning_records where id = rid;
  return null;
end
$$;

-- Checks answers against a template's typed questions; `areas` are the training's covered areas,
-- which an area_self_assessment answer must rate exactly (before and after, 1–5 each).
create or replace function private.check_survey_answers(questions jsonb, areas text[], answers jsonb) returns void
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

create or replace function private.push_submit_survey(args jsonb) returns jsonb
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
  r public.survey_responses;
begin
  perform private.arg_check_keys(args, array['id', 'session_id', 'answers', 'collected_device', 'collected_at']);
  rid := private.arg_uuid(args, 'id');
  sid := private.arg_uuid(args, 'session_id');
  if jsonb_typeof(args -> 'answers') is distinct from 'object' then
    perform private.arg_bad('answers');
  end if;
  answers := args -> 'answers';
  device := private.arg_text(args, 'collected_device', 100, false);
  collected := coalesce(private.arg_timestamptz(args, 'collected_at', false), pg_catalog.now());
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
  if pg_catalog.now() < s.starts_at then
    perform private.reject('DXP055', '研修の開始前にはアンケートに回答できません。研修の後に回答してください。');
  end if;
  if not exists (
    select 1 from public.registrations as x
    where x.session_id = sid and x.employee_id = auth.uid() and x.status = 'attended'
  ) then
    perform private.reject('DXP051', 'アンケートは出席した研修についてのみ回答できます。受付を済ませてから回答してください。');
  end if;
  if exists (select 1 from public.survey_submissions as x where x.session_id = sid and x.employee_id = auth.uid()) then
    perform private.reject('DXP052', 'この日程のアンケートには回答済みです。ご協力ありがとうございました。');
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
  insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_device, collected_at)
  values (
    rid, t.id, sid,
    case when t.anonymous then null else auth.uid() end,
    answers,
    case when t.anonymous then null else auth.uid() end,
    device, collected
  )
  returning * into r;
  insert into public.survey_submissions (session_id, employee_id) values (sid, auth.uid());
  return private.row_json(r);
end
$$;

create or replace function private.push_volunteer_candidacy(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  fy integer;
  current_fy integer := private.fiscal_year_of(private.tokyo_today());
  p public.profiles;
begin
  perform private.arg_check_keys(args, array['fiscal_year']);
  fy := private.arg_int(args, 'fiscal_year');
  if fy not in (current_fy, current_fy + 1) then
    perform private.reject('DXP060', pg_catalog.format(
      'リーダー候補に申し出られるのは今年度（%s年度）または来年度（%s年度）です。年度を選び直してください。', current_fy, current_fy + 1));
  end if;
  select * into strict p from public.profiles where id = auth.uid() for update;
  if exists (select 1 from public.certifications as c where c.employee_id = p.id and c.revoked_at is null) then
    perform private.reject('DXP062', 'すでに DX推進リーダーに認定されています。');
  end if;
  if p.leader_candidacy_fy is not null and p.leader_candidacy_fy >= current_fy then
    perform private.reject('DXP061', pg_catalog.format(
      'すでに %s年度の DX推進リーダー候補です。', p.leader_candidacy_fy));
  end if;
  update public.profiles
    set leader_candidacy_fy = fy, leader_candidacy_method = 'volunteered'
    where id = p.id
    returning * into p;
  return private.row_json(p);
end
$$;

create or replace function private.sync_push(mutations jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  m jsonb;
  op uuid;
  op_kind text;
  op_args jsonb;
  stored public.applied_ops;
  inserted integer;
  outcome jsonb;
  results jsonb := '[]'::jsonb;
  err_code text;
  err_message text;
  err_row text;
  err_constraint text;
begin
  if uid is null then
    raise exception using errcode = 'P0001', message = 'DXP001',
      detail = 'サインインしていません。サインインしてから、もう一度お試しください。';
  end if;
  if not exists (select 1 from public.profiles as p where p.id = uid) then
    raise exception using errcode = 'P0001', message = 'DXP002',
      detail = '職員プロフィールが登録されていません。DX推進課にお問い合わせください。';
  end if;
  if jsonb_typeof(mutations) is distinct from 'array' then
    raise exception using errcode = 'P0001', message = 'DXP003',
      detail = '送信データの形式が正しくありません。アプリを最新の状態にしてから、もう一度お試しください。';
  end if;
  if jsonb_array_length(mutations) > 100 then
    raise exception using errcode = 'P0001', message = 'DXP004',
      detail = '一度に送信できる変更は 100 件までです。分けて送信してください。';
  end if;

  for m in select x.value from jsonb_array_elements(mutations) with ordinality as x (value, n) order by x.n loop
    if jsonb_typeof(m) is distinct from 'object' or jsonb_typeof(m -> 'id') is distinct from 'string'
       or (m ->> 'id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      results := results || jsonb_build_array(jsonb_build_object(
        'id', case when jsonb_typeof(m) = 'object' then m -> 'id' else null end,
        'status', 'rejected', 'code', 'DXP010',
        'message', '変更の形式が正しくありません。アプリを最新の状態にしてから、もう一度お試しください。',
        'row', null));
      continue;
    end if;
    op := (m ->> 'id')::uuid;
    op_kind := case when jsonb_typeof(m -> 'kind') = 'string' then pg_catalog.left(m ->> 'kind', 100) else '' end;
    op_args := m -> 'args';

    -- Claim the id first: a concurrent push of the same id waits here, then sees the first result.
    insert into public.applied_ops (op_id, user_id, kind, result) values (op, uid, op_kind, '{}'::jsonb)
      on conflict (op_id) do nothing;
    get diagnostics inserted = row_count;
    if inserted = 0 then
      select * into strict stored from public.applied_ops as a where a.op_id = op;
      if stored.user_id <> uid then
        outcome := jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP011',
          'message', 'この変更の ID はほかの利用者の変更に使われています。アプリを最新の状態にしてから、もう一度お試しください。',
          'row', null);
      else
        outcome := stored.result || jsonb_build_object('status', 'duplicate');
      end if;
      results := results || jsonb_build_array(outcome);
      continue;
    end if;

    begin
      outcome := jsonb_build_object('id', op, 'status', 'applied', 'code', null, 'message', null,
        'row', case op_kind
          when 'record_learning' then private.push_record_learning(op_args)
          when 'update_learning' then private.push_update_learning(op_args)
          when 'delete_learning' then private.push_delete_learning(op_args)
          when 'register_session' then private.push_register_session(op_args)
          when 'cancel_registration' then private.push_cancel_registration(op_args)
          when 'submit_survey' then private.push_submit_survey(op_args)
          when 'check_in' then private.push_check_in(op_args)
          when 'volunteer_candidacy' then private.push_volunteer_candidacy(op_args)
          else private.unknown_kind(op_kind)
        end);
    exception
      when sqlstate 'P0001' then
        get stacked diagnostics err_code = message_text, err_message = pg_exception_detail, err_row = pg_exception_hint;
        if err_code !~ '^DXP[0-9]{3}$' then
          raise;
        end if;
        outcome := jsonb_build_object('id', op, 'status', 'rejected', 'code', err_code, 'message', err_message,
          'row', case when err_row <> '' then err_row::jsonb else null end);
      when unique_violation then
        -- A concurrent push by the same employee got there first.
        get stacked diagnostics err_constraint = constraint_name;
        outcome := case err_constraint
          when 'survey_submissions_pkey' then jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP052',
            'message', 'この日程のアンケートには回答済みです。ご協力ありがとうございました。', 'row', null)
          when 'registrations_one_active_idx' then jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP023',
            'message', 'この日程にはすでに申し込んでいます。申込み状況をご確認ください。', 'row', null)
          else jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP090',
            'message', '処理できませんでした。入力内容を確認してから、もう一度お試しください。', 'row', null)
        end;
      when integrity_constraint_violation or data_exception then
        -- A table constraint caught what the checks did not: this mutation's fault, not the batch's.
        outcome := jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP090',
          'message', '処理できませんでした。入力内容を確認してから、もう一度お試しください。', 'row', null);
    end;
    update public.applied_ops set result = outcome where op_id = op;
    results := results || jsonb_build_array(outcome);
  end loop;
  return results;
end
$$;
comment on function private.sync_push(jsonb) is
  '名前付きの変更を順に、変更 ID ごとに一度だけ適用する（sync_push の本体） / Applies named mutations in order, each once per mutation id (the body of sync_push)';

create or replace function private.unknown_kind(kind text) returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  perform private.reject('DXP012', 'この種類の変更には対応していません。アプリを最新の状態にしてください。');
  return null;
end
$$;

create or replace function public.sync_push(mutations jsonb) returns jsonb
language sql
security invoker
set search_path = ''
as $$
  select private.sync_push(mutations)
$$;
comment on function public.sync_push(jsonb) is
  '端末の変更を送る唯一の入口（冪等）。結果は変更ごとに applied / duplicate / rejected / The one write entry point: idempotent named mutations, one result each';

-- Closed by default; the API's signed-in role reaches the write path only through public.sync_push.
do $$
declare
  f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_catalog.pg_proc as p
    where p.pronamespace = 'private'::regnamespace
      and (p.proname like 'push\_%' or p.proname like 'arg\_%' or p.proname in (
        'reject', 'tokyo_today', 'fiscal_year_of', 'row_json', 'fill_seats', 'learning_fields',
        'check_survey_answers', 'unknown_kind', 'sync_push'))
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;
grant execute on function private.sync_push(jsonb) to authenticated, service_role;
revoke execute on function public.sync_push(jsonb) from public, anon;
grant execute on function public.sync_push(jsonb) to authenticated, service_role;

-- The write path is sync_push (and later the DX division's RPCs): tables created from here on start
-- without API write grants; 20260401000810 takes them back from the foundation's tables too.
alter default privileges in schema public revoke insert, update, delete, truncate on tables from anon, authenticated;
