import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullChange } from '@/contract'
import {
  createCatalogue,
  deleteLearning,
  insertResponse,
  tx,
  upsertLearning,
  type Catalogue,
  type Query,
} from '../support/sync-fixtures'
import {
  drain,
  expectedState,
  OWNER_COLUMNS,
  pull,
  pullOnce,
  Replica,
  waitForHorizon,
} from '../support/sync-replica'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

const USERS = 3
const SLOTS = 3

let db: TestDb
let users: UserClaims[]
let catalogue: Catalogue
/** Fixed ids per (user, slot), so runs revisit the same rows and the database stays small. */
let learningIds: string[][]
let responseIds: string[][]

beforeAll(async () => {
  db = await createTestDb()
  users = []
  for (let i = 0; i < USERS; i += 1) users.push(await db.createUser())
  catalogue = await createCatalogue(db)
  const ids = () => Array.from({ length: USERS }, () => Array.from({ length: SLOTS }, () => randomUUID()))
  learningIds = ids()
  responseIds = ids()
})

afterAll(async () => {
  await db?.close()
})

type Write =
  | { t: 'learn'; user: number; slot: number; title: string }
  | { t: 'unlearn'; user: number; slot: number }
  | { t: 'recreate'; user: number; slot: number }
  | { t: 'respond'; user: number; slot: number; anonymous: boolean }
  | { t: 'area'; slot: number; remove: boolean }
  | { t: 'profile'; user: number; name: string }

type Action =
  | { t: 'tx'; writes: Write[] }
  | { t: 'pull'; user: number; maxRows: number }
  | { t: 'replay'; user: number; back: number; maxRows: number }

const user = fc.nat({ max: USERS - 1 })
const slot = fc.nat({ max: SLOTS - 1 })
const title = fc.constantFrom('生成AI入門', 'BPR演習', 'セキュリティ確認', 'デザイン思考')

const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('learn' as const), user, slot, title }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('unlearn' as const), user, slot }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('recreate' as const), user, slot }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('respond' as const), user, slot, anonymous: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('area' as const), slot, remove: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('profile' as const),
      user,
      name: fc.constantFrom('厚木 太郎', '厚木 花子'),
    }),
  },
)

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('tx' as const),
      writes: fc.array(write, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('pull' as const), user, maxRows: fc.integer({ min: 1, max: 40 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('replay' as const),
      user,
      back: fc.nat({ max: 5 }),
      maxRows: fc.integer({ min: 1, max: 40 }),
    }),
  },
)

async function exists(q: Query, table: string, id: string): Promise<boolean> {
  return (await q.query(`select 1 from public.${table} where id = $1`, [id])).rows.length > 0
}

async function apply(q: Query, w: Write): Promise<void> {
  switch (w.t) {
    case 'learn':
      return upsertLearning(q, learningIds[w.user]![w.slot]!, users[w.user]!.sub, w.title)
    case 'unlearn':
      return deleteLearning(q, learningIds[w.user]![w.slot]!)
    case 'recreate': {
      const id = learningIds[w.user]![w.slot]!
      await deleteLearning(q, id)
      return upsertLearning(q, id, users[w.user]!.sub, '作り直した記録')
    }
    case 'respond': {
      const id = responseIds[w.user]![w.slot]!
      if (await exists(q, 'survey_responses', id)) {
        await q.query('delete from public.survey_responses where id = $1', [id])
      } else {
        await insertResponse(q, catalogue, id, w.anonymous ? null : users[w.user]!.sub)
      }
      return
    }
    case 'area': {
      const code = `zz_probe_${w.slot}`
      if (w.remove) {
        await q.query('delete from public.knowledge_areas where code = $1', [code])
      } else {
        await q.query(
          `insert into public.knowledge_areas (code, sort_order, name, name_en) values ($1, $2, '確認用の分野', 'Probe')
           on conflict (code) do update set description = public.knowledge_areas.description || '。'`,
          [code, 800 + w.slot],
        )
      }
      return
    }
    case 'profile':
      await q.query('update public.profiles set full_name = $2 where id = $1', [users[w.user]!.sub, w.name])
  }
}

/** No page ever carries a row of someone else's, even one that is gone by the end of the run. */
function expectOwnRowsOnly(changes: readonly PullChange[], userId: string): void {
  for (const change of changes) {
    const owner = OWNER_COLUMNS[change.table]
    if (owner && change.op === 'upsert') expect(change.row[owner]).toBe(userId)
  }
}

describe('sync_pull cursor (property)', () => {
  it('ends every random interleaving of writes and pulls with each replica equal to what its user may see', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 24 }), async (actions) => {
        const replicas = users.map(() => new Replica())
        for (const step of actions) {
          if (step.t === 'tx') {
            await tx(db, async (q) => {
              for (const w of step.writes) await apply(q, w)
            })
          } else if (step.t === 'pull') {
            const document = await pullOnce(db, users[step.user]!, replicas[step.user]!, step.maxRows)
            expect(document.reset).toBe(false)
            if (!document.reset) expectOwnRowsOnly(document.changes, users[step.user]!.sub)
          } else {
            // A late answer to an earlier request: the same changes again (at their current state) are harmless.
            const replica = replicas[step.user]!
            const old = replica.cursors[Math.max(0, replica.cursors.length - 1 - step.back)] ?? null
            const document = await pull(db, users[step.user]!, old, step.maxRows)
            expect(document.reset).toBe(false)
            if (!document.reset) {
              expectOwnRowsOnly(document.changes, users[step.user]!.sub)
              replica.apply(document.changes)
            }
          }
        }

        await waitForHorizon(db)
        for (const [i, claims] of users.entries()) {
          const replica = replicas[i]!
          await drain(db, claims, replica, 1 + ((actions.length * 7 + i) % 60))
          const expected = await expectedState(db, claims.sub)
          expect(replica.state()).toEqual(expected)

          // Replaying from the first cursor of the run changes nothing in a complete replica.
          const first = replica.cursors[0] ?? null
          const replay = await pull(db, claims, first, 1000)
          if (!replay.reset) replica.apply(replay.changes)
          expect(replica.state()).toEqual(expected)
        }
      }),
      { numRuns: 40, endOnFailure: true },
    )
  })
})
