-- The private schema: functions that policies and RPCs call but the API never exposes
-- (PostgREST serves only `public`). Security definer helpers live here so that a policy on
-- profiles can read profiles without recursing through its own RLS.

create schema if not exists private;
comment on schema private is
  'API に公開しない関数（RLS 用の補助関数など） / Functions the API does not expose (RLS helpers, security definer internals)';

revoke all on schema private from public;
-- Policies run as the caller, so the caller's role must be able to reach the helpers they call.
grant usage on schema private to authenticated, service_role;

-- New functions here are closed by default; each one grants what it needs explicitly.
alter default privileges in schema private revoke execute on functions from public;

-- Writes are RPC-only, for every role, dx_admin included: the client talks to Supabase only through
-- RPC functions, never through table endpoints (docs/architecture.md). Supabase grants the API roles
-- every privilege on new tables; they keep `select` (policies decide which rows they read) and lose
-- the rest, so a table created by any later migration starts closed:
--   - staff change data only through `sync_push`; the DX division's edits of reference data and of the
--     directory arrive as role-guarded admin RPCs (`security definer` in `private`, like `sync_push`);
--   - truncate, references and trigger are not governed by RLS, and no API call needs them.
-- The `*_insert|update|delete_dx_admin` RLS policies stay as defence in depth: were a write grant ever
-- given back by mistake (e.g. Supabase's default grants re-applied), RLS would still let only the DX
-- division write (tests/db/rls-reference-data.test.ts and profiles.test.ts prove it).
-- tests/db/schema-security.test.ts fails for any table that grants a write anyway.
alter default privileges in schema public revoke truncate, references, trigger on tables from anon, authenticated;
alter default privileges in schema public revoke insert, update, delete, truncate on tables from anon, authenticated;
-- And from any table already in `public` before this migration.
revoke insert, update, delete, truncate on all tables in schema public from anon, authenticated;

create function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;
comment on function private.set_updated_at() is
  'updated_at を更新するトリガー関数 / Trigger function that stamps updated_at';

-- plpgsql, not sql: the body reads public.profiles, which a later migration creates, and plpgsql
-- bodies are resolved at call time.
--
-- The one role check of every DX-division action: an active dx_admin profile (a left one is refused).
-- Someone who has left has no app role: RLS, the division's reads (private.require_dx_admin, DXP070)
-- and its actions (below, DXP101) all ask private.is_dx_admin(), which asks this.
create function private.current_app_role() returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select p.app_role from public.profiles as p where p.id = private.active_user_id());
end
$$;
comment on function private.current_app_role() is
  '呼び出し元職員のアプリ権限（プロフィールがなければ null） / The caller''s app role, or null without a profile';

create function private.is_dx_admin() returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce(private.current_app_role() = 'dx_admin', false);
end
$$;
comment on function private.is_dx_admin() is
  '呼び出し元が DX推進課（dx_admin）か / Whether the caller is the DX division (dx_admin)';

-- Access follows the directory (docs/architecture.md): the one test of "may this caller use the app at
-- all". The caller's id while their profile is active, null when signed out, without a profile, or
-- marked as left. Policies ask it through the `<table>_all_active` restrictive policies
-- (20260401005000_active_access.sql); RPCs and sync_pull/sync_push through require_active_profile().
create function private.active_user_id() returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select p.id from public.profiles as p where p.id = auth.uid() and p.left_on is null);
end
$$;
comment on function private.active_user_id() is
  '在籍中の呼び出し元職員の ID（未サインイン・プロフィールなし・名簿から外れた人は null） / The caller''s id while their profile is active, else null';

-- The guard every RPC and sync_push kind runs first (one line: `perform private.require_active_profile();`).
-- Raises as sync_push's whole-call failures do (P0001, message = the DXP code, detail = the Japanese
-- message): DXP001 signed out, DXP002 no staff profile, DXP100 left the directory.
create function private.require_active_profile() returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  gone date;
begin
  if uid is null then
    raise exception using errcode = 'P0001', message = 'DXP001',
      detail = 'サインインしていません。サインインしてから、もう一度お試しください。';
  end if;
  select p.left_on into gone from public.profiles as p where p.id = uid;
  if not found then
    raise exception using errcode = 'P0001', message = 'DXP002',
      detail = '職員プロフィールが登録されていません。DX推進課にお問い合わせください。';
  end if;
  if gone is not null then
    raise exception using errcode = 'P0001', message = 'DXP100',
      detail = 'この職員は名簿から外れているため、利用できません。ご不明な点は DX推進課にお問い合わせください。';
  end if;
  return uid;
end
$$;
comment on function private.require_active_profile() is
  '在籍中の職員でなければ拒否する（DXP001 未サインイン / DXP002 プロフィールなし / DXP100 名簿から外れた） / Refuses a caller without an active profile (DXP001, DXP002, DXP100); returns their id';

revoke execute on function private.set_updated_at() from public;
revoke execute on function private.active_user_id() from public, anon;
revoke execute on function private.require_active_profile() from public, anon;
grant execute on function private.active_user_id() to authenticated, service_role;
grant execute on function private.require_active_profile() to authenticated, service_role;
revoke execute on function private.current_app_role() from public, anon;
revoke execute on function private.is_dx_admin() from public, anon;
grant execute on function private.current_app_role() to authenticated, service_role;
grant execute on function private.is_dx_admin() to authenticated, service_role;
