-- The DX division imports the HR department's employee directory (supabase/README.md, "Directory
-- import"): the directory's email and `left_on` date are columns of profiles (20260401000300);
-- `public.import_directory` checks every row, then upserts the whole file in one transaction or writes
-- nothing. People missing from a new import are marked as left (never deleted: their records stay); from
-- then on every guard, policy and sync_pull refuses them (private.require_active_profile, DXP100).
--
--   public.import_directory(import_id, rows)   security invoker, dx_admin only (anon may not execute)
--     └ private.import_directory(...)          security definer: checks, upsert, left marking, audit
--         └ private.directory_row_errors(rows) the row-by-row report, also the client's rules

-- The DX division's actions (imports, catalogue and organisation edits); its reads refuse with DXP070.
create function private.require_dx_admin_action() returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_active_profile();
  if not private.is_dx_admin() then
    raise exception using errcode = 'P0001', message = 'DXP101',
      detail = 'この操作は DX推進課の職員だけが行えます。';
  end if;
end
$$;
revoke execute on function private.require_dx_admin_action() from public, anon, authenticated;

-- One row per applied import: who, when, what it changed. Not replicated; the DX division reads it.
create table public.directory_imports (
  id uuid primary key,
  actor_id uuid references public.profiles (id) on delete set null,
  imported_at timestamptz not null default now(),
  row_count integer not null check (row_count >= 0),
  created_count integer not null check (created_count >= 0),
  updated_count integer not null check (updated_count >= 0),
  unchanged_count integer not null check (unchanged_count >= 0),
  left_count integer not null check (left_count >= 0),
  invited_count integer not null check (invited_count >= 0),
  result jsonb not null
);
comment on table public.directory_imports is
  '職員名簿の取込み（実行者・日時・件数） / Applied employee directory imports: who, when, counts';
create index directory_imports_actor_id_idx on public.directory_imports (actor_id);
alter table public.directory_imports enable row level security;
create policy directory_imports_select_dx_admin on public.directory_imports
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.directory_imports from anon, authenticated;

-- New people whose sign-in account cannot be made from SQL (a real Supabase project): the operator's
-- invitation script (supabase/README.md) invites each email through the Auth admin API, and the
-- trigger below turns the new auth user into the profile waiting here.
create table private.directory_invitations (
  employee_number text primary key,
  email text not null unique,
  profile jsonb not null,
  invited_at timestamptz not null default now()
);
alter table private.directory_invitations enable row level security;
revoke all on table private.directory_invitations from public, anon, authenticated;

-- Which sign-in account a profile may bind to: one whose address is confirmed and that was created by
-- the invitation (invited_at) or is the city's single sign-on (is_sso_user), never a self-sign-up that
-- merely uses the same address. Where SQL makes the accounts itself (the shim: tests, the embedded
-- demo) the directory is the only source of accounts, and a confirmed one binds.
create function private.account_may_bind(account uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from auth.users as u
    where u.id = account and u.email_confirmed_at is not null
      and (u.invited_at is not null or u.is_sso_user or private.directory_creates_auth_users()));
end
$$;
revoke execute on function private.account_may_bind(uuid) from public, anon, authenticated;
comment on function private.account_may_bind(uuid) is
  'プロフィールを結び付けてよいアカウントか（確認済みで、招待または SSO によるもの） / Whether a profile may bind to the account: confirmed, and invited or SSO';

-- An invited account binds when its address is confirmed: on insert if it already is, else when the
-- invitation is accepted (GoTrue sets email_confirmed_at).
create function private.profile_from_invitation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  inv private.directory_invitations;
begin
  if not private.account_may_bind(new.id) then
    return new;
  end if;
  select * into inv from private.directory_invitations as i where i.email = pg_catalog.lower(new.email);
  if found and not exists (select 1 from public.profiles as p where p.employee_number = inv.employee_number) then
    insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code,
                                 position_grade_code, email)
    values (new.id, inv.employee_number, inv.profile ->> 'full_name', inv.profile ->> 'full_name_kana',
            inv.profile ->> 'department_code', inv.profile ->> 'position_grade_code', inv.email);
    delete from private.directory_invitations where employee_number = inv.employee_number;
  end if;
  return new;
end
$$;
revoke execute on function private.profile_from_invitation() from public, anon, authenticated;
create trigger auth_users_profile_from_invitation
  after insert or update of email_confirmed_at on auth.users
  for each row execute function private.profile_from_invitation();

-- Whether this database lets SQL create sign-in accounts: the embedded backend and the tests run
-- on the Supabase shim, whose auth.users is ours; a Supabase project's has GoTrue's columns
-- (encrypted_password…) and accounts come from invitations instead.
create function private.directory_creates_auth_users() returns boolean
language sql
stable
set search_path = ''
as $$
  select not exists (
    select 1 from pg_catalog.pg_attribute as a
    where a.attrelid = 'auth.users'::regclass and a.attname = 'encrypted_password' and not a.attisdropped
  )
$$;
revoke execute on function private.directory_creates_auth_users() from public, anon, authenticated;

-- The report, row by row ({row: 1-based index, field, code, message}), at most one error per field.
-- The same rules as src/domain/directory-import.ts, which the client runs first for its preview.
-- Departments and grades are given by code or by name (a name must match exactly one).
create function private.directory_row_errors(rows jsonb) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with src as (
    select x.n::integer as row, x.value as v from jsonb_array_elements(rows) with ordinality as x (value, n)
  ),
  f as (
    select s.row, jsonb_typeof(s.v) = 'object' as is_object,
      nullif(btrim(case when jsonb_typeof(s.v -> 'employee_number') = 'string' then s.v ->> 'employee_number' end), '') as emp,
      nullif(btrim(case when jsonb_typeof(s.v -> 'full_name') = 'string' then s.v ->> 'full_name' end), '') as full_name,
      nullif(btrim(case when jsonb_typeof(s.v -> 'full_name_kana') = 'string' then s.v ->> 'full_name_kana' end), '') as kana,
      nullif(btrim(case when jsonb_typeof(s.v -> 'department_code') = 'string' then s.v ->> 'department_code' end), '') as dcode,
      nullif(btrim(case when jsonb_typeof(s.v -> 'department_name') = 'string' then s.v ->> 'department_name' end), '') as dname,
      nullif(btrim(case when jsonb_typeof(s.v -> 'position_grade_code') = 'string' then s.v ->> 'position_grade_code' end), '') as gcode,
      nullif(btrim(case when jsonb_typeof(s.v -> 'position_grade_name') = 'string' then s.v ->> 'position_grade_name' end), '') as gname,
      nullif(btrim(case when jsonb_typeof(s.v -> 'email') = 'string' then s.v ->> 'email' end), '') as email
    from src as s
  ),
  r as (
    select f.*,
      (select d.code from public.departments as d where d.code = f.dcode
         or (f.dcode is null and d.name = f.dname and (select count(*) from public.departments as e where e.name = f.dname) = 1)) as dept,
      (select g.code from public.position_grades as g where g.code = f.gcode or (f.gcode is null and g.name = f.gname)) as grade,
      row_number() over (partition by f.emp order by f.row) as emp_seen,
      row_number() over (partition by pg_catalog.lower(f.email) order by f.row) as email_seen
    from f
  ),
  errors as (
    select row, 'row' as field, 'DXP013' as code from r where not is_object
    union all
    select row, 'employee_number', case
        when emp is null then 'DXP103'
        when not private.is_storable_text(emp) then 'DXP017'
        when emp !~ '^[0-9A-Z][0-9A-Z-]{2,19}$' then 'DXP108'
        when emp_seen > 1 then 'DXP106' end
      from r where is_object
    union all
    select row, 'full_name', case when full_name is null then 'DXP103'
        when not private.is_storable_text(full_name) then 'DXP017' when char_length(full_name) > 100 then 'DXP108' end
      from r where is_object
    union all
    select row, 'full_name_kana', case when kana is null then 'DXP103'
        when not private.is_storable_text(kana) then 'DXP017'
        when char_length(kana) > 100 or kana !~ '^[ァ-ヶー・ 　]+$' then 'DXP108' end
      from r where is_object
    union all
    select row, 'department', case when dcode is null and dname is null then 'DXP103'
        when not private.is_storable_text(coalesce(dcode, '') || coalesce(dname, '')) then 'DXP017' when dept is null then 'DXP104' end
      from r where is_object
    union all
    select row, 'position_grade', case when gcode is null and gname is null then 'DXP103'
        when not private.is_storable_text(coalesce(gcode, '') || coalesce(gname, '')) then 'DXP017' when grade is null then 'DXP105' end
      from r where is_object
    union all
    select row, 'email', case
        when email is null then 'DXP103'
        when not private.is_storable_text(email) then 'DXP017'
        when char_length(email) > 254 or email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then 'DXP107'
        when email_seen > 1 then 'DXP114'
        when exists (select 1 from public.profiles as p
                     where pg_catalog.lower(p.email) = pg_catalog.lower(r.email) and p.employee_number is distinct from r.emp)
          then 'DXP114' end
      from r where is_object
  )
  select coalesce(jsonb_agg(jsonb_build_object('row', e.row, 'field', e.field, 'code', e.code, 'message',
      case e.code
        when 'DXP013' then '行の形式が正しくありません。'
        when 'DXP017' then '使えない文字（制御文字など）が含まれています。'
        when 'DXP103' then '必須の項目が空です。'
        when 'DXP104' then '所属が見つかりません。'
        when 'DXP105' then '職位が見つかりません。'
        when 'DXP106' then '職員番号がファイル内で重複しています。'
        when 'DXP107' then 'メールアドレスの形式が正しくありません。'
        when 'DXP108' then '値の形式が正しくありません。'
        when 'DXP114' then 'メールアドレスがほかの職員と重複しています。'
      end) order by e.row, e.field), '[]'::jsonb)
  from errors as e where e.code is not null
$$;
revoke execute on function private.directory_row_errors(jsonb) from public, anon, authenticated;

-- A person marked as left loses their sign-in at once: their account is banned (GoTrue refuses a
-- sign-in and a token refresh while banned_until is in the future) and their sessions and refresh
-- tokens are deleted, so no device keeps a way in once its access token (1 hour at most) runs out.
-- A person who returns to the directory is unbanned. Their current access token is refused at once
-- anyway: every RPC, policy and sync_pull asks for an active profile.
create function private.set_directory_access(left_ids uuid[], returned_ids uuid[]) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update auth.users as u set banned_until = pg_catalog.now() + interval '100 years'
    where u.id = any (left_ids);
  delete from auth.refresh_tokens as t where t.user_id = any (left_ids::text[]);
  delete from auth.sessions as s where s.user_id = any (left_ids);
  update auth.users as u set banned_until = null
    where u.id = any (returned_ids) and u.banned_until is not null;
end
$$;
revoke execute on function private.set_directory_access(uuid[], uuid[]) from public, anon, authenticated;
comment on function private.set_directory_access(uuid[], uuid[]) is
  '名簿から外れた人のアカウントを停止してセッションを失効させ、戻った人の停止を解く / Bans leavers'' accounts and revokes their sessions; unbans people who return';

create function private.import_directory(import_id uuid, rows jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  stored public.directory_imports;
  row_errors jsonb;
  today date := private.tokyo_today();
  n_rows integer;
  n_created integer := 0;
  n_updated integer := 0;
  n_left integer := 0;
  n_invited integer := 0;
  creates_accounts boolean := private.directory_creates_auth_users();
  left_ids uuid[];
  returned_ids uuid[];
  result jsonb;
begin
  perform private.require_dx_admin_action();
  if import_id is null then
    raise exception using errcode = 'P0001', message = 'DXP013',
      detail = '送信内容に誤りがあります（項目: import_id）。アプリを最新の状態にしてから、もう一度お試しください。';
  end if;
  -- The same import sent twice (a lost answer) answers what the first one did.
  select * into stored from public.directory_imports as i where i.id = import_id;
  if found then
    return stored.result || jsonb_build_object('status', 'duplicate');
  end if;
  if jsonb_typeof(rows) is distinct from 'array' then
    raise exception using errcode = 'P0001', message = 'DXP013',
      detail = '送信内容に誤りがあります（項目: rows）。アプリを最新の状態にしてから、もう一度お試しください。';
  end if;
  n_rows := jsonb_array_length(rows);
  if n_rows = 0 or n_rows > 20000 then
    raise exception using errcode = 'P0001', message = 'DXP109',
      detail = '取り込む行がないか、多すぎます（20,000 行まで）。ファイルを確認してください。';
  end if;

  row_errors := private.directory_row_errors(rows);
  if jsonb_array_length(row_errors) > 0 then
    return jsonb_build_object('status', 'refused', 'code', 'DXP102',
      'message', pg_catalog.format('%s 件の誤りがあるため、取り込みませんでした。誤りを直してから、もう一度取り込んでください。',
        jsonb_array_length(row_errors)),
      'errors', row_errors, 'counts', null);
  end if;

  create temporary table directory_src on commit drop as
    select btrim(x.value ->> 'employee_number') as emp,
      btrim(x.value ->> 'full_name') as full_name,
      btrim(x.value ->> 'full_name_kana') as kana,
      coalesce(nullif(btrim(x.value ->> 'department_code'), ''),
               (select d.code from public.departments as d where d.name = btrim(x.value ->> 'department_name'))) as dept,
      coalesce(nullif(btrim(x.value ->> 'position_grade_code'), ''),
               (select g.code from public.position_grades as g where g.name = btrim(x.value ->> 'position_grade_name'))) as grade,
      pg_catalog.lower(btrim(x.value ->> 'email')) as email
    from jsonb_array_elements(rows) as x (value);
  -- Without an index and statistics the joins below compare every pair (9 million for 3,000 rows).
  create unique index on pg_temp.directory_src (emp);
  analyze pg_temp.directory_src;

  -- People marked as left who are in this import again: their accounts are unbanned below.
  select coalesce(pg_catalog.array_agg(p.id), '{}') into returned_ids
    from public.profiles as p join pg_temp.directory_src as s1 on s1.emp = p.employee_number
    where p.left_on is not null;

  -- Only rows that differ are written, so a re-import changes no row (and no row's _xid).
  update public.profiles as p
    set full_name = s2.full_name, full_name_kana = s2.kana, department_code = s2.dept,
        position_grade_code = s2.grade, email = s2.email, left_on = null
    from pg_temp.directory_src as s2
    where p.employee_number = s2.emp
      and (p.full_name, p.full_name_kana, p.department_code, p.position_grade_code, p.email, p.left_on)
          is distinct from (s2.full_name, s2.kana, s2.dept, s2.grade, s2.email, null::date);
  get diagnostics n_updated = row_count;

  -- New people, with the sign-in account their email already has, if any (set-based: one pass).
  create temporary table directory_new on commit drop as
    select distinct on (s3.emp) s3.*, u.id as account
    from pg_temp.directory_src as s3
    left join auth.users as u on pg_catalog.lower(u.email) = s3.email and private.account_may_bind(u.id)
    where not exists (select 1 from public.profiles as p where p.employee_number = s3.emp)
    order by s3.emp, u.created_at;
  if creates_accounts then
    update pg_temp.directory_new as n set account = gen_random_uuid()
      where n.account is null and not exists (select 1 from auth.users as u where pg_catalog.lower(u.email) = n.email);
    insert into auth.users (id, email)
      select n.account, n.email from pg_temp.directory_new as n
      where n.account is not null and not exists (select 1 from auth.users as u where u.id = n.account);
  end if;
  -- Everyone else waits for the account their invitation creates (an address already held by an
  -- account that may not bind, e.g. an unconfirmed self-sign-up, waits too: the trigger above binds
  -- only a confirmed, invited account).
  insert into private.directory_invitations (employee_number, email, profile)
    select n.emp, n.email, jsonb_build_object('full_name', n.full_name, 'full_name_kana', n.kana,
             'department_code', n.dept, 'position_grade_code', n.grade)
    from pg_temp.directory_new as n where n.account is null
    on conflict (employee_number) do update set email = excluded.email, profile = excluded.profile;
  get diagnostics n_invited = row_count;
  insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code,
                               position_grade_code, email)
    select n.account, n.emp, n.full_name, n.kana, n.dept, n.grade, n.email
    from pg_temp.directory_new as n where n.account is not null;
  get diagnostics n_created = row_count;

  -- Directory members (those with a section) missing from this import have left. External accounts
  -- (no section) are not the HR department's to remove, and the importer never locks themself out.
  with gone as (
    update public.profiles as p set left_on = today
      where p.left_on is null and p.department_code is not null and p.id <> uid
        and not exists (select 1 from pg_temp.directory_src as s4 where s4.emp = p.employee_number)
      returning p.id)
  select coalesce(pg_catalog.array_agg(gone.id), '{}') into left_ids from gone;
  n_left := pg_catalog.cardinality(left_ids);
  perform private.set_directory_access(left_ids, returned_ids);

  result := jsonb_build_object('status', 'applied', 'code', null, 'message', null, 'errors', '[]'::jsonb,
    'counts', jsonb_build_object('rows', n_rows, 'created', n_created, 'updated', n_updated,
      'unchanged', n_rows - n_created - n_updated - n_invited, 'left', n_left, 'invited', n_invited));
  insert into public.directory_imports (id, actor_id, row_count, created_count, updated_count,
                                        unchanged_count, left_count, invited_count, result)
    values (import_id, uid, n_rows, n_created, n_updated, n_rows - n_created - n_updated - n_invited,
            n_left, n_invited, result);
  perform private.write_audit('import_directory', 'directory_imports', import_id::text, result -> 'counts');
  return result;
end
$$;
revoke execute on function private.import_directory(uuid, jsonb) from public, anon, authenticated;
grant execute on function private.import_directory(uuid, jsonb) to authenticated;

create function public.import_directory(import_id uuid, rows jsonb) returns jsonb
language sql
security invoker
set search_path = ''
as $$
  select private.import_directory(import_id, rows)
$$;
revoke execute on function public.import_directory(uuid, jsonb) from public, anon;
grant execute on function public.import_directory(uuid, jsonb) to authenticated;

-- The directory list of /admin/directory: profiles are replicated to their owner only, so the DX
-- division reads everyone's through this (online) call.
create function private.admin_directory() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.require_dx_admin_action();
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
        'id', p.id, 'employee_number', p.employee_number, 'full_name', p.full_name,
        'full_name_kana', p.full_name_kana, 'department_code', p.department_code,
        'position_grade_code', p.position_grade_code, 'email', p.email, 'app_role', p.app_role,
        'left_on', p.left_on) order by p.employee_number), '[]'::jsonb)
    from public.profiles as p
  );
end
$$;
revoke execute on function private.admin_directory() from public, anon, authenticated;
grant execute on function private.admin_directory() to authenticated;

create function public.admin_directory() returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.admin_directory()
$$;
revoke execute on function public.admin_directory() from public, anon;
grant execute on function public.admin_directory() to authenticated;
