-- The read half of sync: public.sync_pull(cursor, max_rows) hands a signed-in user the rows of their
-- replica that changed after their cursor, with the deletions, as one JSON document (a row set would
-- be capped silently by PostgREST). The contract for clients is in supabase/README.md, "Read path".
--
-- Order and horizon: changes are ordered by (_xid, table, key, op) and only rows whose _xid is below
-- the xmin of the current snapshot are handed out. Every transaction below xmin has finished, and any
-- transaction still to commit has an xid at or above it, so a cursor never passes a row that is yet
-- to become visible (a transaction that began earlier but commits later is delivered on the next pull).

-- Keys first: a page is sorted and cut on keys alone, and only the page's rows are turned into JSON,
-- so a first pull of 10,000 rows written in one transaction (an HR import, the seed) builds each
-- row once, not once per page. The scope (which tables, whose rows) is private.replicated_tables,
-- read through private.sync_change_keys and private.sync_row (20260401000100_sync_support.sql).
create function private.sync_pull(since text, max_rows integer) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  horizon xid8 := pg_catalog.pg_snapshot_xmin(pg_catalog.pg_current_snapshot());
  page_size integer := least(greatest(coalesce(max_rows, 500), 1), 1000);
  global_epoch bigint;
  kept_from xid8;
  user_epoch bigint;
  prefix text;
  parts text[];
  from_xid xid8 := '0';
  from_table text := '';
  from_key text := '';
  from_op text := '';
  change record;
  last_change record;
  changes jsonb[] := '{}';
  has_more boolean := false;
  next_cursor text;
begin
  -- Signed out (DXP001), no staff profile (DXP002) or left the directory (DXP100): nothing is handed out.
  perform private.require_active_profile();

  select s.epoch, s.tombstones_kept_from into global_epoch, kept_from from private.sync_state as s;
  select coalesce((select e.epoch from private.sync_user_epochs as e where e.user_id = uid), 1) into user_epoch;
  prefix := pg_catalog.format('v1:%s:%s:%s', global_epoch, user_epoch, pg_catalog.left(pg_catalog.md5(uid::text), 8));

  if since is not null then
    parts := pg_catalog.regexp_match(
      since, '^(v1:[0-9]{1,18}:[0-9]{1,18}:[0-9a-f]{8}):([0-9]{1,19})(?::(delete|upsert):([a-z_][a-z0-9_]{0,62}):(.+))?$');
    if pg_catalog.length(since) > 1000 or parts is null or parts[1] <> prefix
      or parts[2]::numeric > horizon::text::numeric
      or parts[2]::numeric < kept_from::text::numeric then
      -- Another epoch, another user, a malformed cursor, one from the future (a restore went back in
      -- time) or one older than the kept tombstones: the replica cannot be brought up to date by changes.
      return pg_catalog.jsonb_build_object('changes', '[]'::jsonb, 'cursor', null, 'has_more', true, 'reset', true);
    end if;
    from_xid := parts[2]::xid8;
    if parts[3] is not null then
      from_op := parts[3];
      from_table := parts[4];
      from_key := parts[5];
    end if;
  end if;

  -- Sort and cut the page on keys alone, then build only the page's rows: a first pull of a large
  -- transaction would otherwise turn every remaining row into JSON on every page.
  for change in
    select p.table_name, p.row_key, p.op, p.xid,
        case when p.op = 'upsert' then private.sync_row(p.table_name, p.row_key) end as row_data
    from (
      select c.table_name, c.row_key, c.op, c.xid
      from private.sync_change_keys(uid, from_xid, horizon) as c
      where (c.xid, c.table_name collate "C", c.row_key collate "C", c.op collate "C")
        > (from_xid, from_table collate "C", from_key collate "C", from_op collate "C")
      order by c.xid, c.table_name collate "C", c.row_key collate "C", c.op collate "C"
      limit page_size + 1
    ) as p
    order by p.xid, p.table_name collate "C", p.row_key collate "C", p.op collate "C"
  loop
    if pg_catalog.cardinality(changes) = page_size then
      has_more := true;
      exit;
    end if;
    changes := changes || pg_catalog.jsonb_build_object(
      'table', change.table_name, 'key', change.row_key, 'op', change.op, 'row', change.row_data);
    last_change := change;
  end loop;

  if has_more then
    next_cursor := pg_catalog.format('%s:%s:%s:%s:%s',
      prefix, last_change.xid, last_change.op, last_change.table_name, last_change.row_key);
  else
    -- Everything below the horizon has been delivered: the next pull starts there.
    next_cursor := pg_catalog.format('%s:%s', prefix, horizon);
  end if;
  return pg_catalog.jsonb_build_object(
    'changes', pg_catalog.to_jsonb(changes), 'cursor', next_cursor, 'has_more', has_more, 'reset', false);
end
$$;
comment on function private.sync_pull(text, integer) is
  'sync_pull の本体（呼び出し元の複製範囲だけを返す） / The body of sync_pull: only the caller''s replica scope';

create function public.sync_pull(cursor text default null, max_rows integer default 500) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select private.sync_pull(sync_pull.cursor, sync_pull.max_rows)
$$;
comment on function public.sync_pull(text, integer) is
  'カーソル以降に変わった自分の複製範囲の行と削除を返す（supabase/README.md「Read path」） / Changes in the caller''s replica scope after the cursor; see supabase/README.md, "Read path"';
revoke execute on function private.sync_pull(text, integer) from public, anon;
grant execute on function private.sync_pull(text, integer) to authenticated;
revoke execute on function public.sync_pull(text, integer) from public, anon;
grant execute on function public.sync_pull(text, integer) to authenticated;

