-- The write path: one entry point, named mutations, idempotent by the client's mutation_id.
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
  mutation_id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (char_length(kind) <= 100),
  result jsonb not null,
  applied_at timestamptz not null default now()
);
comment on table public.applied_ops is
  '適用済みの変更（変更 ID ごとに最初の結果）。再送には同じ結果を返す / Ledger of applied mutations: the first result per mutation_id, returned again on replay';
comment on column public.applied_ops.mutation_id is
  '端末が作った変更 ID（変更ごとに一つ、再送しても同じ） / The mutation_id the device made for the change: one per change, the same on every resend';
create index applied_ops_user_id_idx on public.applied_ops (user_id);
alter table public.applied_ops enable row level security;
-- No policy: only private.sync_push reads and writes the ledger.
revoke all on table public.applied_ops from anon, authenticated;

create function private.reject(code text, message text, current_row jsonb default null) returns void
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

create function private.tokyo_today() returns date
language sql
stable
set search_path = ''
as $$
  select (pg_catalog.now() at time zone 'Asia/Tokyo')::date
$$;
comment on function private.tokyo_today() is
  '東京の今日の日付 / Today''s date in Asia/Tokyo';

create function private.fiscal_year_of(d date) returns integer
language sql
immutable
set search_path = ''
as $$
  select (pg_catalog.date_part('year', d) - case when pg_catalog.date_part('month', d) < 4 then 1 else 0 end)::integer
$$;
comment on function private.fiscal_year_of(date) is
  '日付の年度（4月始まり） / The Japanese fiscal year (from 1 April) a date falls in';

-- Argument readers: each rejects a missing or wrongly typed value with DXP013 naming the field.
create function private.arg_check_keys(args jsonb, allowed text[]) returns void
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

create function private.arg_missing(args jsonb, name text) returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(jsonb_typeof(args -> name), 'null') = 'null'
$$;

create function private.arg_bad(name text) returns void
language plpgsql
set search_path = ''
as $$
begin
  perform private.reject('DXP013', pg_catalog.format(
    '送信内容に誤りがあります（項目: %s）。アプリを最新の状態にしてから、もう一度お試しください。', name));
end
$$;

create function private.arg_uuid(args jsonb, name text, required boolean default true) returns uuid
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
create function private.is_storable_text(value text) returns boolean
language sql
immutable
set search_path = ''
as $$
  select value !~ '[\u0001-\u0008\u000b\u000c\u000e-\u001f]'
$$;

create function private.arg_text(args jsonb, name text, max_length integer, required boolean default true)
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

create function private.arg_int(args jsonb, name text, required boolean default true) returns integer
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

create function private.arg_date(args jsonb, name text, required boolean default true) returns date
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

create function private.arg_timestamptz(args jsonb, name text, required boolean default true) returns timestamptz
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

create function private.row_json(r anyelement) returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.to_jsonb(r) - '_xid'
$$;
-- Mutation kinds as data: private.sync_push looks a kind's handler up in private.mutation_kinds
-- instead of a fixed case, so a feature's migration adds its kinds with one insert and never has to
-- replace sync_push (two features replacing it would each drop the other's kinds). Handlers take the
-- mutation's args (jsonb) and return the row for the result (jsonb), raising DXP codes.

-- The handler is stored as its signature's text and resolved when called: a reg* column would block
-- pg_upgrade, and so a major-version upgrade of the project (Supabase's advisor unsupported_reg_types).
create table private.mutation_kinds (
  kind text primary key check (kind ~ '^[a-z][a-z0-9_]{1,62}$'),
  handler text not null unique check (handler ~ '^private\.push_[a-z0-9_]{1,60}\(jsonb\)$')
);
comment on table private.mutation_kinds is
  'sync_push の変更の種類と処理関数 / The kinds sync_push applies, each with its handler (args jsonb) → row jsonb';
comment on column private.mutation_kinds.handler is
  '処理関数のシグネチャ（例 private.push_check_in(jsonb)）。呼び出すときに解決する / The handler''s signature, e.g. private.push_check_in(jsonb), resolved when called';
-- Not exposed (private), and closed to the API roles all the same.
alter table private.mutation_kinds enable row level security;
revoke all on table private.mutation_kinds from public, anon, authenticated;

create function private.sync_push(mutations jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  m jsonb;
  m_id uuid;
  m_kind text;
  m_args jsonb;
  stored public.applied_ops;
  inserted integer;
  outcome jsonb;
  results jsonb := '[]'::jsonb;
  err_code text;
  err_message text;
  err_row text;
  err_constraint text;
  handler_call text;
  applied_row jsonb;
begin
  -- Signed out (DXP001), no staff profile (DXP002) or left the directory (DXP100): the whole call fails.
  perform private.require_active_profile();
  if jsonb_typeof(mutations) is distinct from 'array' then
    raise exception using errcode = 'P0001', message = 'DXP003',
      detail = '送信データの形式が正しくありません。アプリを最新の状態にしてから、もう一度お試しください。';
  end if;
  if jsonb_array_length(mutations) > 100 then
    raise exception using errcode = 'P0001', message = 'DXP004',
      detail = '一度に送信できる変更は 100 件までです。分けて送信してください。';
  end if;

  for m in select x.value from jsonb_array_elements(mutations) with ordinality as x (value, n) order by x.n loop
    if jsonb_typeof(m) is distinct from 'object' or jsonb_typeof(m -> 'mutation_id') is distinct from 'string'
       or (m ->> 'mutation_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      results := results || jsonb_build_array(jsonb_build_object(
        'mutation_id', case when jsonb_typeof(m) = 'object' then m -> 'mutation_id' else null end,
        'status', 'rejected', 'code', 'DXP010',
        'message', '変更の形式が正しくありません。アプリを最新の状態にしてから、もう一度お試しください。',
        'row', null));
      continue;
    end if;
    m_id := (m ->> 'mutation_id')::uuid;
    m_kind := case when jsonb_typeof(m -> 'kind') = 'string' then pg_catalog.left(m ->> 'kind', 100) else '' end;
    m_args := m -> 'args';

    -- Claim the mutation_id first: a concurrent push of the same one waits here, then sees the first result.
    insert into public.applied_ops (mutation_id, user_id, kind, result) values (m_id, uid, m_kind, '{}'::jsonb)
      on conflict (mutation_id) do nothing;
    get diagnostics inserted = row_count;
    if inserted = 0 then
      select * into strict stored from public.applied_ops as a where a.mutation_id = m_id;
      if stored.user_id <> uid then
        outcome := jsonb_build_object('mutation_id', m_id, 'status', 'rejected', 'code', 'DXP011',
          'message', 'この変更の ID はほかの利用者の変更に使われています。アプリを最新の状態にしてから、もう一度お試しください。',
          'row', null);
      else
        outcome := stored.result || jsonb_build_object('status', 'duplicate');
      end if;
      results := results || jsonb_build_array(outcome);
      continue;
    end if;

    select pg_catalog.format('select %I.%I($1)', n.nspname, p.proname) into handler_call
      from private.mutation_kinds as k
      join pg_catalog.pg_proc as p on p.oid = pg_catalog.to_regprocedure(k.handler)
      join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
      where k.kind = m_kind;
    begin
      if handler_call is null then
        perform private.unknown_kind(m_kind);
      end if;
      execute handler_call into applied_row using m_args;
      outcome := jsonb_build_object('mutation_id', m_id, 'status', 'applied', 'code', null, 'message', null, 'row', applied_row);
    exception
      when sqlstate 'P0001' then
        get stacked diagnostics err_code = message_text, err_message = pg_exception_detail, err_row = pg_exception_hint;
        if err_code !~ '^DXP[0-9]{3}$' then
          raise;
        end if;
        outcome := jsonb_build_object('mutation_id', m_id, 'status', 'rejected', 'code', err_code, 'message', err_message,
          'row', case when err_row <> '' then err_row::jsonb else null end);
      when unique_violation then
        -- A concurrent push by the same employee got there first.
        get stacked diagnostics err_constraint = constraint_name;
        outcome := case err_constraint
          when 'survey_submissions_pkey' then jsonb_build_object('mutation_id', m_id, 'status', 'rejected', 'code', 'DXP052',
            'message', 'この日程のアンケートには回答済みです。ご協力ありがとうございました。', 'row', null)
          when 'registrations_one_active_idx' then jsonb_build_object('mutation_id', m_id, 'status', 'rejected', 'code', 'DXP023',
            'message', 'この日程にはすでに申し込んでいます。申込み状況をご確認ください。', 'row', null)
          else jsonb_build_object('mutation_id', m_id, 'status', 'rejected', 'code', 'DXP090',
            'message', '処理できませんでした。入力内容を確認してから、もう一度お試しください。', 'row', null)
        end;
      when integrity_constraint_violation or data_exception then
        -- A table constraint caught what the checks did not: this mutation's fault, not the batch's.
        outcome := jsonb_build_object('mutation_id', m_id, 'status', 'rejected', 'code', 'DXP090',
          'message', '処理できませんでした。入力内容を確認してから、もう一度お試しください。', 'row', null);
    end;
    update public.applied_ops set result = outcome where mutation_id = m_id;
    results := results || jsonb_build_array(outcome);
  end loop;
  return results;
end
$$;
comment on function private.sync_push(jsonb) is
  '名前付きの変更を順に、変更 ID ごとに一度だけ適用する（sync_push の本体） / Applies named mutations in order, each once per mutation_id (the body of sync_push)';

create function private.unknown_kind(kind text) returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  perform private.reject('DXP012', 'この種類の変更には対応していません。アプリを最新の状態にしてください。');
  return null;
end
$$;

create function public.sync_push(mutations jsonb) returns jsonb
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
      and (p.proname like 'arg\_%' or p.proname in (
        'is_storable_text', 'reject', 'tokyo_today', 'fiscal_year_of', 'row_json', 'unknown_kind', 'sync_push'))
  loop
    execute pg_catalog.format('revoke execute on function %s from public, anon, authenticated', f);
  end loop;
end
$$;
grant execute on function private.sync_push(jsonb) to authenticated, service_role;
revoke execute on function public.sync_push(jsonb) from public, anon;
grant execute on function public.sync_push(jsonb) to authenticated, service_role;
