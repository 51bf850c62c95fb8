import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullChange } from '@/contract'
import fc from 'fast-check'
import { deleteLearning, upsertLearning, type Query } from '../support/sync-fixtures'
import { drain, expectedState, pull, pullOnce, Replica, waitForHorizon } from '../support/sync-replica'
import { createTestDb, dbEngine, type TestDb, type UserClaims } from '../support/test-db'

// Two transactions on two connections: only a real server has them (PGlite runs one at a time).
describe.skipIf(dbEngine() !== 'postgres')('sync_pull with transactions that commit out of order', () => {
  let db: TestDb
  let alice: UserClaims

  beforeAll(async () => {
    db = await createTestDb({ poolSize: 10 })
    alice = await db.createUser()
  })

  afterAll(async () => {
    await db?.close()
  })

  /**
   * T1 begins and writes (taking the lower transaction id and the earlier now()); T2 writes and
   * commits; `between` runs while T1 is still open; then T1 commits.
   */
  async function interleave(
    t1Write: (q: Query) => Promise<void>,
    t2Write: (q: Query) => Promise<void>,
    between: () => Promise<void>,
  ): Promise<void> {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let wrote!: () => void
    const t1Wrote = new Promise<void>((resolve) => (wrote = resolve))
    const t1 = db.executor.transaction(async (q) => {
      await t1Write(q)
      wrote()
      await released
    })
    try {
      await t1Wrote
      await db.executor.transaction(t2Write)
      await between()
    } finally {
      release()
      await t1
    }
  }

  const keys = (changes: readonly PullChange[]) =>
    changes.filter((c) => c.table === 'learning_records').map((c) => c.key)

  it('delivers the row of a transaction that began first but committed last on the next pull', async () => {
    await waitForHorizon(db)
    const initial = await pull(db, alice, null, 1000)
    if (initial.reset) throw new Error('unexpected reset')
    let cursor = initial.cursor

    const late = randomUUID()
    const early = randomUUID()
    let duringT1: PullChange[] = []
    await interleave(
      (q) => upsertLearning(q, late, alice.sub, '先に始まり後で確定'),
      (q) => upsertLearning(q, early, alice.sub, '後に始まり先に確定'),
      async () => {
        const document = await pull(db, alice, cursor, 1000)
        if (document.reset) throw new Error('unexpected reset')
        duringT1 = document.changes
        cursor = document.cursor
      },
    )
    await waitForHorizon(db)
    const after = await pull(db, alice, cursor, 1000)
    if (after.reset) throw new Error('unexpected reset')
    // Nothing lost: T1's row arrives although T2 committed first and a pull came in between.
    expect([...keys(duringT1), ...keys(after.changes)].sort()).toEqual([late, early].sort())
    // While T1 is open, T2's row waits too: the horizon stops below T1, which might still commit.
    expect(keys(duringT1)).toEqual([])
    // Then both, in transaction id order: T1's first although it committed last.
    expect(keys(after.changes)).toEqual([late, early])
  })

  it('control: a cursor on updated_at loses the late transaction’s row', async () => {
    // Timestamps travel as text: a JavaScript Date would drop the microseconds the cursor needs.
    const [mark] = await db.sql<{ at: string }>('select now()::text as at')
    let naiveCursor = mark!.at
    const late = randomUUID()
    const early = randomUUID()
    await interleave(
      (q) => upsertLearning(q, late, alice.sub, '更新日時カーソル: 先に始まった'),
      (q) => upsertLearning(q, early, alice.sub, '更新日時カーソル: 後に始まった'),
      async () => {
        const seen = await db.sql<{ id: string; updated_at: string }>(
          `select id, updated_at::text from public.learning_records
           where employee_id = $1 and updated_at > $2::timestamptz order by updated_at`,
          [alice.sub, naiveCursor],
        )
        expect(seen.map((row) => row.id)).toEqual([early])
        naiveCursor = seen.at(-1)!.updated_at
      },
    )
    const next = await db.sql<{ id: string }>(
      'select id from public.learning_records where employee_id = $1 and updated_at > $2::timestamptz',
      [alice.sub, naiveCursor],
    )
    expect(next).toEqual([])
    expect(await db.sql('select 1 from public.learning_records where id = $1', [late])).toHaveLength(1)
  })

  it('control: a cursor on a sequence loses the late transaction’s row', async () => {
    await db.exec(
      `create table if not exists public.sync_sequence_control (seq bigserial primary key, label text not null)`,
    )
    let naiveCursor = 0
    await interleave(
      (q) =>
        q.query(`insert into public.sync_sequence_control (label) values ('late')`).then(() => undefined),
      (q) =>
        q.query(`insert into public.sync_sequence_control (label) values ('early')`).then(() => undefined),
      async () => {
        const seen = await db.sql<{ seq: number; label: string }>(
          'select seq, label from public.sync_sequence_control where seq > $1 order by seq',
          [naiveCursor],
        )
        expect(seen.map((row) => row.label)).toEqual(['early'])
        naiveCursor = seen.at(-1)!.seq
      },
    )
    const next = await db.sql('select label from public.sync_sequence_control where seq > $1', [naiveCursor])
    expect(next).toEqual([])
    expect(await db.sql(`select 1 from public.sync_sequence_control where label = 'late'`)).toHaveLength(1)
  })

  it('loses nothing while writers hold transactions open for random times and a client pulls all along', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const slots = Array.from({ length: 6 }, () => randomUUID())
    // Per writer: transactions of (slot, delete?, how long it stays open).
    const plan = fc.array(
      fc.array(fc.record({ slot: fc.nat({ max: 5 }), remove: fc.boolean(), hold: fc.nat({ max: 15 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
      { minLength: 2, maxLength: 6 },
    )
    await fc.assert(
      fc.asyncProperty(plan, fc.integer({ min: 1, max: 8 }), async (writers, maxRows) => {
        const replica = new Replica()
        await drain(db, alice, replica)
        let writing = true
        const puller = (async () => {
          while (writing) {
            await pullOnce(db, alice, replica, maxRows)
            await sleep(2)
          }
        })()
        try {
          await Promise.all(
            writers.map(async (transactions, w) => {
              for (const [n, t] of transactions.entries()) {
                await db.executor.transaction(async (q) => {
                  const id = slots[t.slot]!
                  if (t.remove) await deleteLearning(q, id)
                  else await upsertLearning(q, id, alice.sub, `書き手${w}の${n}件目`)
                  await sleep(t.hold)
                })
              }
            }),
          )
        } finally {
          writing = false
          await puller
        }
        await waitForHorizon(db)
        await drain(db, alice, replica, maxRows)
        expect(replica.state()).toEqual(await expectedState(db, alice.sub))
      }),
      { numRuns: 15 },
    )
  })
})
