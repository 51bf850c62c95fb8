-- Access follows the directory (docs/architecture.md, issue #16): a person marked as left (profiles.left_on)
-- is refused by every guard, policy and sync_pull at once. The RPCs run private.require_active_profile()
-- (20260401000000_private_schema.sql); this file closes the tables and the anonymous role.
--
-- Numbered after the features' migrations so that the loop below covers every table they create.
--
-- 1. One restrictive policy per table in public, `<table>_all_active`: whatever the table's permissive
--    policies allow, a caller without an active profile (signed in but left, or never bound to a
--    profile) reads and writes no row. A table added by a migration numbered after this one adds its line
--      create policy <table>_all_active on public.<table> as restrictive for all to authenticated
--        using ((select private.active_user_id()) is not null);
--    (tests/db/schema-security.test.ts fails for a table in public without it).
-- 2. anon touches no table: signed-out screens read nothing from the database (the app is RPC-only,
--    and no RPC is for anon). Select is taken back here and by default for later tables.
-- 3. pg_graphql off: the app never uses /graphql/v1, and with it installed every table authenticated
--    may select (under RLS) would be listed there to any signed-in user (splinter 0027). A Supabase
--    project has it by default; the embedded backend and the tests never do.

do $$
declare
  t text;
begin
  for t in
    select c.relname from pg_catalog.pg_class as c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
    order by c.relname
  loop
    execute pg_catalog.format(
      'create policy %I on public.%I as restrictive for all to authenticated
         using ((select private.active_user_id()) is not null)',
      t || '_all_active', t);
    execute pg_catalog.format(
      'comment on policy %I on public.%I is %L',
      t || '_all_active', t,
      '在籍中の職員だけが行を読み書きできる（名簿から外れた人・プロフィールのない人は不可） / Only a caller with an active profile reads or writes any row');
  end loop;
end
$$;

revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on sequences from anon;
-- Supabase's default grants give a function created in public later to anon; that one is taken back
-- here. PUBLIC's execute is a global default, which a per-schema `alter default privileges` cannot take
-- back, so each new RPC still says `revoke execute on function public.<fn>(…) from public, anon` as the
-- others do (tests/db/schema-security.test.ts, "what each role can touch", catches one that does not).
alter default privileges in schema public revoke execute on functions from anon;

drop extension if exists pg_graphql;
