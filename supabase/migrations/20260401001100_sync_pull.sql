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
-- row once, not once per page.

-- The keys of every replicated row in the caller's scope with _xid in [from_xid, horizon), and the
-- tombstones the caller may receive. Each branch filters on its own bounds; the caller sorts and cuts
-- the page. Keys are the primary key columns joined by ':' (private.sync_row_key, which tombstones
-- use); codes and uuids never contain ':'.
create function private.sync_change_keys(uid uuid, from_xid xid8, horizon xid8)
returns table (table_name text, row_key text, op text, xid xid8)
language sql
stable
set search_path = ''
as $$
  select 'knowledge_areas', t.code, 'upsert', t._xid
    from public.knowledge_areas as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'dx_roles', t.code, 'upsert', t._xid
    from public.dx_roles as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'role_requirements', t.role_code || ':' || t.area_code, 'upsert', t._xid
    from public.role_requirements as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'position_grades', t.code, 'upsert', t._xid
    from public.position_grades as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'departments', t.code, 'upsert', t._xid
    from public.departments as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'fiscal_year_targets', t.fiscal_year::text, 'upsert', t._xid
    from public.fiscal_year_targets as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'training_kinds', t.code, 'upsert', t._xid
    from public.training_kinds as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'certification_rules', t.code, 'upsert', t._xid
    from public.certification_rules as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'survey_templates', t.id::text, 'upsert', t._xid
    from public.survey_templates as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'trainings', t.id::text, 'upsert', t._xid
    from public.trainings as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'training_areas', t.training_id::text || ':' || t.area_code, 'upsert', t._xid
    from public.training_areas as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'training_target_roles', t.training_id::text || ':' || t.role_code, 'upsert', t._xid
    from public.training_target_roles as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'sessions', t.id::text, 'upsert', t._xid
    from public.sessions as t where t._xid >= from_xid and t._xid < horizon
  union all
  select 'profiles', t.id::text, 'upsert', t._xid
    from public.profiles as t where t.id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'registrations', t.id::text, 'upsert', t._xid
    from public.registrations as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'learning_records', t.id::text, 'upsert', t._xid
    from public.learning_records as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  -- Anonymous responses have no respondent, so they match no one.
  select 'survey_responses', t.id::text, 'upsert', t._xid
    from public.survey_responses as t where t.respondent_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'survey_submissions', t.session_id::text || ':' || t.employee_id::text, 'upsert', t._xid
    from public.survey_submissions as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'certifications', t.id::text, 'upsert', t._xid
    from public.certifications as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  select 'certification_decisions', t.id::text, 'upsert', t._xid
    from public.certification_decisions as t where t.employee_id = uid and t._xid >= from_xid and t._xid < horizon
  union all
  -- A tombstone of a key that exists again is not handed out: the row is the truth. Transaction ids
  -- order transactions by when they started writing, not by when they committed, so a key deleted by
  -- T2 and re-created by T1 (which began first, then waited for T2's delete) carries a tombstone
  -- newer than the row; delivering both would delete a row that exists.
  select t.table_name, t.row_key, 'delete', t._xid
    from public.sync_tombstones as t
    where (t.owner_id is null or t.owner_id = uid) and t._xid >= from_xid and t._xid < horizon
      and not coalesce(case t.table_name
        when 'knowledge_areas' then exists (select from public.knowledge_areas as x where x.code = t.row_key)
        when 'dx_roles' then exists (select from public.dx_roles as x where x.code = t.row_key)
        when 'role_requirements' then exists (select from public.role_requirements as x
          where x.role_code = pg_catalog.split_part(t.row_key, ':', 1)
            and x.area_code = pg_catalog.split_part(t.row_key, ':', 2))
        when 'position_grades' then exists (select from public.position_grades as x where x.code = t.row_key)
        when 'departments' then exists (select from public.departments as x where x.code = t.row_key)
        when 'fiscal_year_targets' then exists (select from public.fiscal_year_targets as x
          where x.fiscal_year = t.row_key::integer)
        when 'training_kinds' then exists (select from public.training_kinds as x where x.code = t.row_key)
        when 'certification_rules' then exists (select from public.certification_rules as x where x.code = t.row_key)
        when 'survey_templates' then exists (select from public.survey_templates as x where x.id = t.row_key::uuid)
        when 'trainings' then exists (select from public.trainings as x where x.id = t.row_key::uuid)
        when 'training_areas' then exists (select from public.training_areas as x
          where x.training_id = pg_catalog.split_part(t.row_key, ':', 1)::uuid
            and x.area_code = pg_catalog.split_part(t.row_key, ':', 2))
        when 'training_target_roles' then exists (select from public.training_target_roles as x
          where x.training_id = pg_catalog.split_part(t.row_key, ':', 1)::uuid
            and x.role_code = pg_catalog.split_part(t.row_key, ':', 2))
        when 'sessions' then exists (select from public.sessions as x where x.id = t.row_key::uuid)
        when 'profiles' then exists (select from public.profiles as x where x.id = t.row_key::uuid)
        when 'registrations' then exists (select from public.registrations as x where x.id = t.row_key::uuid)
        when 'learning_records' then exists (select from public.learning_records as x where x.id = t.row_key::uuid)
        when 'survey_responses' then exists (select from public.survey_responses as x where x.id = t.row_key::uuid)
        when 'survey_submissions' then exists (select from public.survey_submissions as x
          where x.session_id = pg_catalog.split_part(t.row_key, ':', 1)::uuid
            and x.employee_id = pg_catalog.split_part(t.row_key, ':', 2)::uuid)
        when 'certifications' then exists (select from public.certifications as x where x.id = t.row_key::uuid)
        when 'certification_decisions' then exists (select from public.certification_decisions as x
          where x.id = t.row_key::uuid)
      end, false)
$$;

comment on function private.sync_change_keys(uuid, xid8, xid8) is
  '利用者の複製範囲で [from_xid, horizon) に変更された行と墓標のキー / Keys of rows and tombstones in a user''s replica scope changed in [from_xid, horizon)';

-- The row sync_pull hands out under a key: every column but _xid (null when the key is gone).
create function private.sync_row(table_name text, k text) returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  found jsonb;
begin
  case table_name
    when 'knowledge_areas' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.knowledge_areas as r
        where r.code = k;
    when 'dx_roles' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.dx_roles as r
        where r.code = k;
    when 'role_requirements' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.role_requirements as r
        where r.role_code = pg_catalog.split_part(k, ':', 1) and r.area_code = pg_catalog.split_part(k, ':', 2);
    when 'position_grades' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.position_grades as r
        where r.code = k;
    when 'departments' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.departments as r
        where r.code = k;
    when 'fiscal_year_targets' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.fiscal_year_targets as r
        where r.fiscal_year = k::integer;
    when 'training_kinds' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.training_kinds as r
        where r.code = k;
    when 'certification_rules' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.certification_rules as r
        where r.code = k;
    when 'survey_templates' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.survey_templates as r
        where r.id = k::uuid;
    when 'trainings' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.trainings as r
        where r.id = k::uuid;
    when 'training_areas' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.training_areas as r
        where r.training_id = pg_catalog.split_part(k, ':', 1)::uuid and r.area_code = pg_catalog.split_part(k, ':', 2);
    when 'training_target_roles' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.training_target_roles as r
        where r.training_id = pg_catalog.split_part(k, ':', 1)::uuid and r.role_code = pg_catalog.split_part(k, ':', 2);
    when 'sessions' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.sessions as r
        where r.id = k::uuid;
    when 'profiles' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.profiles as r
        where r.id = k::uuid;
    when 'registrations' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.registrations as r
        where r.id = k::uuid;
    when 'learning_records' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.learning_records as r
        where r.id = k::uuid;
    when 'survey_responses' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.survey_responses as r
        where r.id = k::uuid;
    when 'survey_submissions' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.survey_submissions as r
        where r.session_id = pg_catalog.split_part(k, ':', 1)::uuid and r.employee_id = pg_catalog.split_part(k, ':', 2)::uuid;
    when 'certifications' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.certifications as r
        where r.id = k::uuid;
    when 'certification_decisions' then
      select pg_catalog.to_jsonb(r) - '_xid' into found from public.certification_decisions as r
        where r.id = k::uuid;
    else
      found := null;
  end case;
  return found;
end
$$;
comment on function private.sync_row(text, text) is
  '同期で渡す行（_xid を除く全列） / The row sync_pull hands out under a key (every column but _xid)';

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
  if uid is null then
    raise exception using errcode = 'P0001', message = 'DXP001', detail = 'ログインしてから同期してください。';
  end if;

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

revoke execute on function private.sync_change_keys(uuid, xid8, xid8) from public, anon, authenticated;
revoke execute on function private.sync_row(text, text) from public, anon, authenticated;
