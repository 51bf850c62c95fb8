import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { PullDocumentSchema, REPLICATED_TABLES, type PullChange } from '@/contract'
import { KEY_COLUMNS } from '@/data/schema'
import { RpcError } from '@/backend/embedded/execute-rpc'
import {
  createCatalogue,
  deleteLearning,
  insertResponse,
  superuser,
  tx,
  upsertLearning,
  type Catalogue,
} from '../support/sync-fixtures'
import {
  drain,
  expectReplicaToMatch,
  OWNER_COLUMNS,
  pull,
  Replica,
  waitForHorizon,
} from '../support/sync-replica'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { op, pushOne } from './write-support'

let db: TestDb
let alice: UserClaims
let bob: UserClaims
let catalogue: Catalogue

beforeAll(async () => {
  db = await createTestDb()
  alice = await db.createUser()
  bob = await db.createUser()
  catalogue = await createCatalogue(db)
})

afterAll(async () => {
  await db?.close()
})

/** Everything from scratch in one call, after every write so far has passed the horizon. */
async function fullPull(claims: UserClaims) {
  await waitForHorizon(db)
  const document = await pull(db, claims, null, 1000)
  expect(document.has_more).toBe(false)
  return document
}

async function cursorNow(claims: UserClaims): Promise<string> {
  const document = await fullPull(claims)
  if (document.reset) throw new Error('unexpected reset')
  return document.cursor
}

function positions(changes: readonly PullChange[]): string[] {
  return changes.map((change) => `${change.table}/${change.key}/${change.op}`)
}

async function changesAfter(claims: UserClaims, cursor: string): Promise<PullChange[]> {
  await waitForHorizon(db)
  const document = await pull(db, claims, cursor, 1000)
  expect(document).toMatchObject({ reset: false, has_more: false })
  return document.changes
}

describe('sync_pull: who may call it', () => {
  it('refuses anon: the function is not executable without signing in', async () => {
    await expect(pull(db, null, null)).rejects.toMatchObject({ code: '42501' })
  })

  it('refuses a token without a user with DXP001', async () => {
    const error = await db
      .rpc({ role: 'authenticated' }, 'sync_pull', { cursor: null })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RpcError)
    expect(error).toMatchObject({ message: 'DXP001' })
  })
})

describe('sync_pull: the document', () => {
  it('answers one document that fits the client contract, with no _xid in any row', async () => {
    const document = await fullPull(alice)
    expect(v.safeParse(PullDocumentSchema, document).success).toBe(true)
    expect(document.reset).toBe(false)
    for (const change of document.changes) {
      expect(REPLICATED_TABLES).toContain(change.table)
      if (change.op === 'upsert') expect(change.row).not.toHaveProperty('_xid')
    }
  })

  it('gives a new user the whole replica from a null cursor: everyone’s tables and their own profile only', async () => {
    await waitForHorizon(db)
    const replica = new Replica()
    await drain(db, alice, replica, 1000)
    await expectReplicaToMatch(db, alice, replica)
    expect(replica.tables.get('profiles')?.size).toBe(1)
    expect(replica.tables.get('knowledge_areas')?.size).toBe(9)
  })

  it('pages with small max_rows: every change exactly once, in (_xid, table, key) order, has_more until the last page', async () => {
    const whole = await fullPull(alice)
    const paged: PullChange[] = []
    let cursor: string | null = null
    let pages = 0
    for (;;) {
      const document = await pull(db, alice, cursor, 7)
      if (document.reset) throw new Error('unexpected reset')
      expect(document.changes.length).toBeLessThanOrEqual(7)
      paged.push(...document.changes)
      cursor = document.cursor
      pages += 1
      if (!document.has_more) break
      expect(document.changes).toHaveLength(7)
    }
    expect(positions(paged)).toEqual(positions(whole.changes))
    expect(new Set(positions(paged)).size).toBe(paged.length)
    expect(pages).toBe(Math.floor(whole.changes.length / 7) + 1)
  })

  it('clamps max_rows to 1…1000 and defaults to 500', async () => {
    await waitForHorizon(db)
    expect((await pull(db, alice, null, 0)).changes).toHaveLength(1)
    expect((await pull(db, alice, null, -5)).changes).toHaveLength(1)
    const many = await pull(db, alice, null, 1_000_000)
    expect(many.changes.length).toBeLessThanOrEqual(1000)
    const byDefault = await pull(db, alice, null)
    expect(byDefault.changes.length).toBe(Math.min(500, many.changes.length))
  })

  it('answers no changes when nothing in the scope changed (the cursor may move on to the new horizon)', async () => {
    const cursor = await cursorNow(alice)
    await db.sql(`insert into auth.users (email) values ('outsider@dxp.test')`)
    await waitForHorizon(db)
    const again = await pull(db, alice, cursor)
    expect(again).toMatchObject({ changes: [], has_more: false, reset: false })
    expect(again.cursor).not.toBe(cursor)
    expect(again.cursor?.split(':').slice(0, 4)).toEqual(cursor.split(':').slice(0, 4))
  })
})

describe('sync_pull: scope', () => {
  it('never hands one employee another’s learning records, profile or tombstones', async () => {
    const bobCursor = await cursorNow(bob)
    const aliceCursor = await cursorNow(alice)
    const id = randomUUID()
    await upsertLearning(superuser(db), id, alice.sub, 'アリスの自己学習')
    await tx(db, (q) => upsertLearning(q, id, alice.sub, 'アリスの自己学習（改）'))
    await tx(db, (q) => deleteLearning(q, id))

    expect(await changesAfter(bob, bobCursor)).toEqual([])
    const forAlice = await changesAfter(alice, aliceCursor)
    expect(forAlice).toEqual([{ table: 'learning_records', key: id, op: 'delete', row: null }])

    const everything = await fullPull(bob)
    expect(everything.changes.filter((c) => c.table === 'profiles').map((c) => c.key)).toEqual([bob.sub])
    expect(JSON.stringify(everything.changes)).not.toContain(alice.sub)
  })

  it('keeps the DX division’s and a facilitator’s replicas to their own rows, though RLS lets them read more', async () => {
    const admin = await db.createUser({ appRole: 'dx_admin' })
    const facilitator = await db.createUser({ appRole: 'facilitator' })
    await db.sql('update public.sessions set facilitator_id = $1 where id = $2', [
      facilitator.sub,
      catalogue.sessionId,
    ])
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status) values ($1, $2, 'confirmed')`,
      [catalogue.sessionId, alice.sub],
    )
    await upsertLearning(superuser(db), randomUUID(), alice.sub, '管理者にも見せない記録')
    for (const claims of [admin, facilitator]) {
      const replica = new Replica()
      await waitForHorizon(db)
      await drain(db, claims, replica)
      await expectReplicaToMatch(db, claims, replica)
      expect(replica.tables.get('registrations')?.size ?? 0).toBe(0)
      expect(replica.tables.get('learning_records')?.size ?? 0).toBe(0)
      expect([...(replica.tables.get('profiles')?.keys() ?? [])]).toEqual([claims.sub])
    }
  })

  it('hands a deletion of everyone’s data (a knowledge area) to every user', async () => {
    await db.sql(
      `insert into public.knowledge_areas (code, sort_order, name, name_en) values ('sync_probe', 900, '同期確認', 'Probe')`,
    )
    const [aliceCursor, bobCursor] = [await cursorNow(alice), await cursorNow(bob)]
    await db.sql(`delete from public.knowledge_areas where code = 'sync_probe'`)
    const tombstone = { table: 'knowledge_areas', key: 'sync_probe', op: 'delete', row: null }
    expect(await changesAfter(alice, aliceCursor)).toEqual([tombstone])
    expect(await changesAfter(bob, bobCursor)).toEqual([tombstone])
  })

  it('never hands out an anonymous survey response, not even its deletion, and hands the respondent their own', async () => {
    const aliceCursor = await cursorNow(alice)
    const bobCursor = await cursorNow(bob)
    const anonymous = randomUUID()
    const identified = randomUUID()
    await tx(db, async (q) => {
      await insertResponse(q, catalogue, anonymous, null)
      await insertResponse(q, catalogue, identified, alice.sub)
    })
    const forAlice = await changesAfter(alice, aliceCursor)
    expect(forAlice.map((c) => [c.table, c.key, c.op])).toEqual([['survey_responses', identified, 'upsert']])
    expect(await changesAfter(bob, bobCursor)).toEqual([])

    await db.sql('delete from public.survey_responses where id = $1', [anonymous])
    expect(await db.sql('select 1 from public.sync_tombstones where row_key = $1', [anonymous])).toEqual([])
    for (const claims of [alice, bob]) {
      const all = await fullPull(claims)
      expect(JSON.stringify(all.changes)).not.toContain(anonymous)
    }
  })

  it('delivers a key deleted and re-created in one transaction as its new row, with no deletion', async () => {
    const id = randomUUID()
    await upsertLearning(superuser(db), id, alice.sub, '削除して作り直す')
    const cursor = await cursorNow(alice)
    await tx(db, async (q) => {
      await deleteLearning(q, id)
      await upsertLearning(q, id, alice.sub, '作り直した記録')
    })
    expect(await changesAfter(alice, cursor)).toEqual([
      {
        table: 'learning_records',
        key: id,
        op: 'upsert',
        row: expect.objectContaining({ title: '作り直した記録' }),
      },
    ])
  })

  it('never deletes a re-created key, whichever transaction id the tombstone and the new row got', async () => {
    // The tombstone newer than the row: what a re-insert that waited for a concurrent delete leaves.
    const id = randomUUID()
    const cursor = await cursorNow(alice)
    await upsertLearning(superuser(db), id, alice.sub, '先に始まった作成')
    await db.sql(
      `insert into public.sync_tombstones (table_name, row_key, owner_id) values ('learning_records', $1, $2)`,
      [id, alice.sub],
    )
    const replica = new Replica()
    replica.cursor = cursor
    await waitForHorizon(db)
    await drain(db, alice, replica, 1)
    expect(replica.tables.get('learning_records')?.get(id)).toMatchObject({ title: '先に始まった作成' })
  })
})

describe('sync_pull: when the client must start again (reset)', () => {
  const reset = { changes: [], cursor: null, has_more: true, reset: true }

  it.each([
    ['garbage', 'garbage'],
    ['an empty string', ''],
    ['a cursor without its transaction id', 'v1:1:1:00000000'],
    ['an unknown version', 'v9:1:1:00000000:1'],
    ['an overlong key', `v1:1:1:00000000:1:upsert:profiles:${'x'.repeat(2000)}`],
  ])('resets on a malformed cursor: %s', async (_name, cursor) => {
    expect(await pull(db, alice, cursor)).toEqual(reset)
  })

  it('resets on a cursor from the future (a server restored to an earlier point)', async () => {
    const cursor = await cursorNow(alice)
    const parts = cursor.split(':')
    const future = [...parts.slice(0, 4), String(BigInt(parts[4] ?? '0') + 1000n)].join(':')
    expect(await pull(db, alice, future)).toEqual(reset)
    expect(await pull(db, alice, cursor)).toMatchObject({ reset: false })
  })

  it('resets on another user’s cursor (a shared PC whose replica was not cleared)', async () => {
    expect(await pull(db, bob, await cursorNow(alice))).toEqual(reset)
  })

  it('resets one user when their app role changes, and no one else', async () => {
    const carol = await db.createUser()
    const [carolCursor, bobCursor] = [await cursorNow(carol), await cursorNow(bob)]
    await db.sql(`update public.profiles set app_role = 'facilitator' where id = $1`, [carol.sub])
    expect(await pull(db, carol, carolCursor)).toEqual(reset)
    expect(await pull(db, bob, bobCursor)).toMatchObject({ reset: false })

    const replica = new Replica()
    await drain(db, carol, replica)
    await expectReplicaToMatch(db, carol, replica)
  })

  it('resets a cursor older than the pruned tombstones, but not a newer one', async () => {
    const old = await cursorNow(alice)
    const id = randomUUID()
    await upsertLearning(superuser(db), id, alice.sub, '消される記録')
    await deleteLearning(superuser(db), id)
    const recent = await cursorNow(alice)
    expect(await db.sql(`select private.sync_prune_tombstones(interval '-1 second') as pruned`)).toEqual([
      { pruned: expect.any(Number) },
    ])
    expect(await pull(db, alice, old)).toEqual(reset)
    expect(await pull(db, alice, recent)).toMatchObject({ reset: false })
  })

  it('resets everyone after a new epoch (a restore), and the replica rebuilt from scratch is complete', async () => {
    const [aliceCursor, bobCursor] = [await cursorNow(alice), await cursorNow(bob)]
    const profileStamps = 'select id, updated_at::text, _xid::text from public.profiles order by id'
    const before = await db.sql<{ id: string; updated_at: string; _xid: string }>(profileStamps)
    // The restore procedure in supabase/README.md.
    await db.exec(
      'begin; set local session_replication_role = replica; select private.sync_start_new_epoch(); commit;',
    )
    const after = await db.sql<{ id: string; updated_at: string; _xid: string }>(profileStamps)
    expect(after.map(({ id, updated_at }) => ({ id, updated_at }))).toEqual(
      before.map(({ id, updated_at }) => ({ id, updated_at })),
    )
    expect(after.every((row, i) => BigInt(row._xid) > BigInt(before[i]?._xid ?? '0'))).toBe(true)
    expect(await db.sql('select count(*)::int as n from public.sync_tombstones')).toEqual([{ n: 0 }])
    expect(await pull(db, alice, aliceCursor)).toEqual(reset)
    expect(await pull(db, bob, bobCursor)).toEqual(reset)
    await waitForHorizon(db)
    const replica = new Replica()
    await drain(db, alice, replica, 50)
    await expectReplicaToMatch(db, alice, replica)
  })

  it('keeps anon and staff away from the tombstones and the epoch state', async () => {
    for (const claims of [null, alice]) {
      await expect(
        db.asUser(claims, (q) => q.query('select * from public.sync_tombstones'), { rollback: true }),
      ).rejects.toMatchObject({ code: '42501' })
      await expect(
        db.asUser(claims, (q) => q.query('select * from private.sync_state'), { rollback: true }),
      ).rejects.toMatchObject({ code: '42501' })
    }
  })
})

describe('sync_pull: with the write path', () => {
  it('hands back what sync_push wrote, and its deletions, to the writer only', async () => {
    const [aliceCursor, bobCursor] = [await cursorNow(alice), await cursorNow(bob)]
    const id = randomUUID()
    const recorded = await pushOne(
      db,
      alice,
      op('record_learning', {
        id,
        area_code: 'generative_ai',
        source: 'self_study',
        title: '生成AIの業務活用（動画）',
        minutes: 45,
        completed_on: '2026-04-10',
      }),
    )
    expect(recorded).toMatchObject({ status: 'applied' })
    const upserts = await changesAfter(alice, aliceCursor)
    expect(upserts).toEqual([{ table: 'learning_records', key: id, op: 'upsert', row: recorded.row }])

    const cursor = await cursorNow(alice)
    expect(await pushOne(db, alice, op('delete_learning', { id }))).toMatchObject({ status: 'applied' })
    expect(await changesAfter(alice, cursor)).toEqual([
      { table: 'learning_records', key: id, op: 'delete', row: null },
    ])
    expect(await changesAfter(bob, bobCursor)).toEqual([])
  })
})

describe('sync_pull: coverage of the schema', () => {
  it('replicates exactly the tables that carry _xid, each with its stamp, tombstone and truncate triggers', async () => {
    const rows = await db.sql<{ table_name: string; triggers: string[] }>(
      `select c.relname as table_name,
              coalesce(array_agg(p.proname || '(' || encode(t.tgargs, 'escape') || ')' order by p.proname)
                filter (where p.proname is not null), '{}') as triggers
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid and c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
       left join pg_trigger t on t.tgrelid = c.oid and not t.tgisinternal
       left join pg_proc p on p.oid = t.tgfoid and p.proname in ('stamp_xid', 'record_tombstone', 'sync_truncated')
       where a.attname = '_xid' and not a.attisdropped and c.relname <> 'sync_tombstones'
       group by c.relname order by c.relname`,
    )
    expect(rows.map((row) => row.table_name)).toEqual([...REPLICATED_TABLES].sort())
    for (const { table_name, triggers } of rows) {
      const owner = OWNER_COLUMNS[table_name] ?? ''
      // tgargs holds each argument followed by a NUL byte.
      expect({ table_name, triggers }).toEqual({
        table_name,
        triggers: [`record_tombstone(${owner}\\000)`, 'stamp_xid()', 'sync_truncated()'],
      })
    }
  })

  it("keys every replicated table in the client by exactly the server's primary key columns", async () => {
    const rows = await db.sql<{ table_name: string; columns: string[] }>(
      `select c.relname as table_name, array_agg(a.attname::text order by k.ord) as columns
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid and c.relnamespace = 'public'::regnamespace
       cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
       join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
       where con.contype = 'p' and c.relname = any($1::text[])
       group by c.relname`,
      [[...REPLICATED_TABLES]],
    )
    const serverKeys = Object.fromEntries(rows.map((row) => [row.table_name, row.columns]))
    expect(serverKeys).toEqual(Object.fromEntries(REPLICATED_TABLES.map((t) => [t, [...KEY_COLUMNS[t]]])))
  })

  it('leaves only sync_pull itself callable by staff among the sync internals, and nothing to anon', async () => {
    const rows = await db.sql<{ fn: string; anon: boolean; authenticated: boolean }>(
      `select p.oid::regprocedure::text as fn,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated
       from pg_proc p
       where p.pronamespace in ('private'::regnamespace, 'public'::regnamespace)
         and (p.proname like 'sync\\_%' or p.proname in ('stamp_xid', 'record_tombstone', 'profiles_bump_sync_epoch'))
         and p.proname <> 'sync_push'
       order by 1`,
    )
    expect(rows.filter((row) => row.anon || row.authenticated)).toEqual([
      { fn: 'private.sync_pull(text,integer)', anon: false, authenticated: true },
      { fn: 'sync_pull(text,integer)', anon: false, authenticated: true },
    ])
    expect(rows.length).toBeGreaterThanOrEqual(10)
  })

  it('resets everyone when a replicated table is truncated (no delete trigger fires, so no tombstone says it)', async () => {
    const cursor = await cursorNow(alice)
    await db.sql('truncate public.fiscal_year_targets')
    expect(await pull(db, alice, cursor)).toMatchObject({ reset: true, cursor: null })
  })
})
