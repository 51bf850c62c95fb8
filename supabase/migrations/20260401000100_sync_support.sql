-- What the pull cursor (sync_pull, 20260401001100_sync_pull.sql) stands on: every replicated row carries the id of
-- the transaction that last wrote it (`_xid`), deletions leave tombstones, and an epoch lets the
-- server tell every client (or one user's) to start again from scratch.
--
-- Why a transaction id and not updated_at or a sequence: both are taken before commit, so a
-- transaction that commits after a later one publishes values below a cursor a client already holds,
-- and that client never sees the rows. `_xid` is compared with the snapshot's xmin: every
-- transaction below it has finished, so nothing can appear below a cursor handed out under it.
-- pg_current_xact_id() returns the top-level transaction's id even inside a subtransaction (the
-- per-mutation exception blocks of sync_push), and xid8 never wraps around.
--
-- Every replicated table gets, in the migration that creates it:
--   a row in private.replicated_tables (below): the pull scope
--   _xid xid8 not null default pg_current_xact_id()
--   before insert or update … for each row execute function private.stamp_xid()
--   after delete … for each row execute function private.record_tombstone('<owner column or empty>')

create function private.stamp_xid() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new._xid := pg_catalog.pg_current_xact_id();
  return new;
end
$$;
comment on function private.stamp_xid() is
  '行を書き込んだトランザクションIDを _xid に記録するトリガー関数 / Trigger function that stamps _xid with the writing transaction''s id';

-- Tombstones: one per (table, key), the latest deletion wins. owner_id null means every signed-in
-- user's replica may hold the row (reference data, the catalogue).
create table public.sync_tombstones (
  table_name text not null check (table_name ~ '^[a-z_][a-z0-9_]*$'),
  row_key text not null,
  owner_id uuid,
  deleted_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id(),
  primary key (table_name, row_key)
);
comment on table public.sync_tombstones is
  '削除された複製対象行の記録（同期で端末に削除を伝える）。API から直接は読めない / Deletions of replicated rows, handed to replicas by sync_pull; no direct API access';
comment on column public.sync_tombstones.owner_id is
  '行を見られた職員（null = 全員） / Whose replica held the row (null = everyone''s)';
create index sync_tombstones_xid_idx on public.sync_tombstones (_xid);
alter table public.sync_tombstones enable row level security;
-- No policy: only the security definer functions of sync_pull read it.
revoke all on table public.sync_tombstones from anon, authenticated;

-- The key of a row as sync_pull names it: its primary key columns in index order, joined by ':'.
create function private.sync_row_key(rel regclass, r jsonb) returns text
language sql
stable
set search_path = ''
as $$
  select pg_catalog.string_agg(r ->> a.attname::text, ':' order by k.ord)
  from pg_catalog.pg_index as i
  cross join lateral pg_catalog.unnest(i.indkey::int2[]) with ordinality as k (attnum, ord)
  join pg_catalog.pg_attribute as a on a.attrelid = i.indrelid and a.attnum = k.attnum
  where i.indrelid = rel and i.indisprimary
$$;
comment on function private.sync_row_key(regclass, jsonb) is
  '複製対象行のキー（主キー列を「:」で連結） / A replicated row''s key: its primary key columns joined by '':''';

create function private.record_tombstone() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner_column text := coalesce(tg_argv[0], '');
  owner uuid;
begin
  if owner_column <> '' then
    owner := (pg_catalog.to_jsonb(old) ->> owner_column)::uuid;
    -- An owner column that is null (an anonymous survey response) means no replica held the row.
    if owner is null then
      return null;
    end if;
  end if;
  insert into public.sync_tombstones as t (table_name, row_key, owner_id)
  values (tg_table_name, private.sync_row_key(tg_relid, pg_catalog.to_jsonb(old)), owner)
  on conflict (table_name, row_key) do update
    set owner_id = excluded.owner_id, deleted_at = excluded.deleted_at, _xid = pg_catalog.pg_current_xact_id();
  return null;
end
$$;
comment on function private.record_tombstone() is
  '複製対象行の削除を sync_tombstones に記録するトリガー関数（引数 = 所有者の列名、空 = 全員） / After-delete trigger: records a tombstone; argument = owner column, empty = everyone';

-- Epochs. A cursor names the global epoch and the caller's own; when either differs, sync_pull
-- answers reset and the client rebuilds its replica from scratch.
create table private.sync_state (
  singleton boolean primary key default true check (singleton),
  epoch bigint not null default 1 check (epoch > 0),
  -- Tombstones below this transaction id were pruned: older cursors can no longer learn of those deletions.
  tombstones_kept_from xid8 not null default '0'::xid8,
  changed_at timestamptz not null default now()
);
comment on table private.sync_state is
  '同期の世代（エポック）と墓標の保持範囲 / The global sync epoch and how far back tombstones are kept';
insert into private.sync_state default values;

create table private.sync_user_epochs (
  user_id uuid primary key references auth.users (id) on delete cascade,
  epoch bigint not null default 1 check (epoch > 0),
  changed_at timestamptz not null default now()
);
comment on table private.sync_user_epochs is
  '職員ごとの同期の世代（見える範囲の規則が変わると進む） / Per-user sync epoch, advanced when what the user may see changes by rule';

-- After a restore (logical or point in time) the transaction ids in clients' cursors no longer mean
-- what they meant: restamp every replicated row, drop the old tombstones, start a new epoch.
-- Run it as the restoring superuser; with session_replication_role = replica no updated_at moves.
create function private.sync_start_new_epoch() returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  rel record;
  new_epoch bigint;
begin
  for rel in
    select c.oid::regclass as name
    from pg_catalog.pg_attribute as a
    join pg_catalog.pg_class as c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attname = '_xid'
      and c.relname <> 'sync_tombstones' and not a.attisdropped
  loop
    execute pg_catalog.format('update %s set _xid = pg_catalog.pg_current_xact_id()', rel.name);
  end loop;
  delete from public.sync_tombstones;
  update private.sync_state
    set epoch = epoch + 1, tombstones_kept_from = pg_catalog.pg_current_xact_id(), changed_at = pg_catalog.now()
    returning epoch into new_epoch;
  return new_epoch;
end
$$;
comment on function private.sync_start_new_epoch() is
  '全端末に再同期させる（復元の後などに実行） / Makes every client resync from scratch (run after a restore)';

-- Tombstones cannot be kept forever; a client whose cursor is older than what was pruned must resync.
create function private.sync_prune_tombstones(older_than interval) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  pruned integer;
  kept_from xid8;
begin
  select max(t._xid) into kept_from from public.sync_tombstones as t where t.deleted_at < pg_catalog.now() - older_than;
  if kept_from is null then
    return 0;
  end if;
  delete from public.sync_tombstones as t where t._xid <= kept_from;
  get diagnostics pruned = row_count;
  update private.sync_state
    set tombstones_kept_from = greatest(tombstones_kept_from, (kept_from::text::numeric + 1)::text::xid8);
  return pruned;
end
$$;
comment on function private.sync_prune_tombstones(interval) is
  '古い墓標を削除し、それより古いカーソルを再同期させる / Prunes old tombstones; cursors older than them get reset';

create function private.sync_bump_user_epoch(target uuid) returns void
language sql
security definer
set search_path = ''
as $$
  insert into private.sync_user_epochs as e (user_id, epoch) values (target, 2)
  on conflict on constraint sync_user_epochs_pkey do update set epoch = e.epoch + 1, changed_at = pg_catalog.now();
$$;
comment on function private.sync_bump_user_epoch(uuid) is
  'ひとりの職員の端末に再同期させる / Makes one user''s clients resync from scratch';

-- A changed app role changes what the user may see by rule (rosters for facilitators, later the
-- division's data), which tombstones cannot express: that user's clients start again.
create function private.profiles_bump_sync_epoch() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.sync_bump_user_epoch(new.id);
  return null;
end
$$;

-- Truncate fires no delete trigger, so no tombstone tells replicas: every client resyncs instead.
create function private.sync_truncated() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.sync_state set epoch = epoch + 1, changed_at = pg_catalog.now();
  return null;
end
$$;

revoke execute on function private.stamp_xid() from public, anon, authenticated;
revoke execute on function private.sync_row_key(regclass, jsonb) from public, anon, authenticated;
revoke execute on function private.record_tombstone() from public, anon, authenticated;
revoke execute on function private.sync_start_new_epoch() from public, anon, authenticated;
revoke execute on function private.sync_prune_tombstones(interval) from public, anon, authenticated;
revoke execute on function private.sync_bump_user_epoch(uuid) from public, anon, authenticated;
revoke execute on function private.profiles_bump_sync_epoch() from public, anon, authenticated;
revoke execute on function private.sync_truncated() from public, anon, authenticated;
grant execute on function private.sync_start_new_epoch() to service_role;
grant execute on function private.sync_prune_tombstones(interval) to service_role;
grant execute on function private.sync_bump_user_epoch(uuid) to service_role;

-- The pull scope as data: the tables sync_pull replicates and to whom. A table is replicated to every
-- signed-in user (owner_column null) or to the user its owner column names; anything else (a
-- facilitator's rosters, the division's figures) comes through RPCs. A migration that adds a
-- replicated table inserts its row here, next to its _xid column and sync triggers; the trigger below
-- then writes private.sync_change_keys and private.sync_row anew from the rows, so no feature ever
-- replaces them by hand (two features doing so would each drop the other's table).
create table private.replicated_tables (
  table_name text primary key check (table_name ~ '^[a-z][a-z0-9_]{1,62}$'),
  owner_column text check (owner_column ~ '^[a-z][a-z0-9_]{1,62}$')
);
comment on table private.replicated_tables is
  '同期で複製する表と、その範囲（owner_column が null なら全員、あればその列が示す本人） / The tables sync_pull replicates: to everyone (owner_column null), or to the user the owner column names';
-- Not exposed (private), and closed to the API roles all the same.
alter table private.replicated_tables enable row level security;
revoke all on table private.replicated_tables from public, anon, authenticated;

-- Writes the two functions of the pull scope from private.replicated_tables. A row's key is its
-- primary key columns joined by ':', as private.sync_row_key makes them for tombstones; codes and
-- uuids never contain ':'.
--   private.sync_change_keys(uid, from_xid, horizon): the keys of every replicated row in the caller's
--     scope with _xid in [from_xid, horizon), and the tombstones the caller may receive. Each branch
--     filters on its own bounds; sync_pull sorts and cuts the page. A tombstone of a key that exists
--     again is not handed out: the row is the truth. Transaction ids order transactions by when they
--     started writing, not by when they committed, so a key deleted by T2 and re-created by T1 (which
--     began first, then waited for T2's delete) carries a tombstone newer than the row; delivering
--     both would delete a row that exists.
--   private.sync_row(table_name, key): the row under a key, every column but _xid (null when gone).
-- Both are written as plain SQL, one branch per table, so each is planned as the hand-written
-- functions were.
create function private.build_sync_scope() returns trigger
language plpgsql
set search_path = ''
as $build$
declare
  spec record;
  key_text text;
  tombstone_match text;
  row_match text;
  branches text := '';
  tombstone_cases text := '';
  row_cases text := '';
begin
  for spec in select r.table_name, r.owner_column from private.replicated_tables as r order by r.table_name loop
    select
      pg_catalog.string_agg(
        case when a.atttypid = 'text'::regtype then pg_catalog.format('t.%I', a.attname)
          else pg_catalog.format('t.%I::text', a.attname) end,
        ' || '':'' || ' order by k.ord),
      pg_catalog.string_agg(
        case when pg_catalog.cardinality(i.indkey::int2[]) = 1
          then pg_catalog.format('x.%I = t.row_key%s', a.attname, cast_to)
          else pg_catalog.format('x.%I = pg_catalog.split_part(t.row_key, '':'', %s)%s', a.attname, k.ord, cast_to) end,
        ' and ' order by k.ord),
      pg_catalog.string_agg(
        case when pg_catalog.cardinality(i.indkey::int2[]) = 1
          then pg_catalog.format('r.%I = k%s', a.attname, cast_to)
          else pg_catalog.format('r.%I = pg_catalog.split_part(k, '':'', %s)%s', a.attname, k.ord, cast_to) end,
        ' and ' order by k.ord)
      into key_text, tombstone_match, row_match
      from pg_catalog.pg_index as i
      cross join lateral pg_catalog.unnest(i.indkey::int2[]) with ordinality as k (attnum, ord)
      join pg_catalog.pg_attribute as a on a.attrelid = i.indrelid and a.attnum = k.attnum
      -- Keys are text: a text column compares as it is, any other is cast from its part of the key.
      cross join lateral (select case when a.atttypid = 'text'::regtype then ''
        else '::' || pg_catalog.format_type(a.atttypid, a.atttypmod) end as cast_to) as c
      where i.indrelid = pg_catalog.to_regclass(pg_catalog.format('public.%I', spec.table_name)) and i.indisprimary;
    if key_text is null then
      raise exception 'private.replicated_tables: public.% does not exist or has no primary key', spec.table_name;
    end if;
    branches := branches || pg_catalog.format(
      E'  select %L, %s, ''upsert'', t._xid\n    from public.%I as t where %st._xid >= from_xid and t._xid < horizon\n  union all\n',
      spec.table_name, key_text, spec.table_name,
      case when spec.owner_column is null then '' else pg_catalog.format('t.%I = uid and ', spec.owner_column) end);
    tombstone_cases := tombstone_cases || pg_catalog.format(
      E'\n        when %L then exists (select from public.%I as x where %s)', spec.table_name, spec.table_name, tombstone_match);
    row_cases := row_cases || pg_catalog.format(
      E'    when %L then\n      select pg_catalog.to_jsonb(r) - ''_xid'' into found from public.%I as r\n        where %s;\n',
      spec.table_name, spec.table_name, row_match);
  end loop;

  execute pg_catalog.format($f$
create or replace function private.sync_change_keys(uid uuid, from_xid xid8, horizon xid8)
returns table (table_name text, row_key text, op text, xid xid8)
language sql
stable
set search_path = ''
as %L$f$, E'\n' || branches || pg_catalog.format(
E'  select t.table_name, t.row_key, ''delete'', t._xid\n    from public.sync_tombstones as t\n'
 || E'    where (t.owner_id is null or t.owner_id = uid) and t._xid >= from_xid and t._xid < horizon\n'
 || E'      and not %s\n',
    case when tombstone_cases = '' then 'false'
      else pg_catalog.format(E'coalesce(case t.table_name%s\n      end, false)', tombstone_cases) end));

  execute pg_catalog.format($f$
create or replace function private.sync_row(table_name text, k text) returns jsonb
language plpgsql
stable
set search_path = ''
as %L$f$, pg_catalog.format(E'\ndeclare\n  found jsonb;\nbegin\n  case table_name\n%s    else\n      found := null;\n  end case;\n  return found;\nend\n', row_cases));

  comment on function private.sync_change_keys(uuid, xid8, xid8) is
    '利用者の複製範囲で [from_xid, horizon) に変更された行と墓標のキー / Keys of rows and tombstones in a user''s replica scope changed in [from_xid, horizon)';
  comment on function private.sync_row(text, text) is
    '同期で渡す行（_xid を除く全列） / The row sync_pull hands out under a key (every column but _xid)';
  revoke execute on function private.sync_change_keys(uuid, xid8, xid8) from public, anon, authenticated;
  revoke execute on function private.sync_row(text, text) from public, anon, authenticated;
  return null;
end
$build$;
comment on function private.build_sync_scope() is
  '複製する表の一覧から sync_change_keys と sync_row を書き直す / Writes sync_change_keys and sync_row from private.replicated_tables';
revoke execute on function private.build_sync_scope() from public, anon, authenticated;

create trigger replicated_tables_build_sync_scope
  after insert or update or delete or truncate on private.replicated_tables
  for each statement execute function private.build_sync_scope();
