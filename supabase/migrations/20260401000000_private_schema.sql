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

-- Supabase grants the API roles every privilege on new tables. RLS does not govern truncate,
-- references or trigger, and no API call needs them, so new tables start without them.
alter default privileges in schema public revoke truncate, references, trigger on tables from anon, authenticated;

create or replace function private.set_updated_at() returns trigger
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
create or replace function private.current_app_role() returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select p.app_role from public.profiles as p where p.id = auth.uid());
end
$$;
comment on function private.current_app_role() is
  '呼び出し元職員のアプリ権限（プロフィールがなければ null） / The caller''s app role, or null without a profile';

create or replace function private.is_dx_admin() returns boolean
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

revoke execute on function private.set_updated_at() from public;
revoke execute on function private.current_app_role() from public, anon;
revoke execute on function private.is_dx_admin() from public, anon;
grant execute on function private.current_app_role() to authenticated, service_role;
grant execute on function private.is_dx_admin() to authenticated, service_role;
