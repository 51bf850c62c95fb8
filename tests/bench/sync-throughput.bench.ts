// Sync throughput on each engine: push 1,000 queued mutations and pull 10,000 rows through the real
// engine (Dexie in fake-indexeddb, the embedded backend executing RPCs as PostgREST does), each
// compared with a plain batched insert of the same rows in one transaction on the same engine.
import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { acquireMemoryLock } from '@/sync/acquire-lock'
import type { Clock } from '@/sync/clock'
import { createSyncEngine } from '@/sync/sync-loop'
import { waitForHorizon } from '../support/sync-replica'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { recordFigure } from './support/figures'

const PUSHED = 1_000
const PULLED = 10_000
const ENGINE = process.env.DXP_DB_ENGINE === 'postgres' ? 'postgres17' : 'pglite'

const stillClock: Clock = { now: () => Date.now(), setTimeout: () => null, clearTimeout: () => undefined }
const areas = [
  'dx_basics',
  'design_thinking',
  'bpr',
  'generative_ai',
  'information_security',
  'online_procedures',
]

let db: TestDb

beforeAll(async () => {
  db = await createTestDb()
})
afterAll(async () => {
  await db.close()
})

function learningInput(i: number) {
  return {
    id: randomUUID(),
    area_code: areas[i % areas.length]!,
    source: 'self_study' as const,
    title: `自己学習 ${i}`,
    minutes: 30 + (i % 60),
    completed_on: '2026-05-01',
  }
}

async function device(user: UserClaims) {
  const backend = createEmbeddedBackend({ executor: db.executor })
  await backend.signInAs(user.sub)
  const local = new DxpDatabase(`bench-${randomUUID()}`)
  const engine = createSyncEngine({
    db: local,
    backend,
    clock: stillClock,
    random: () => 0.5,
    lock: acquireMemoryLock(),
  })
  return { local, engine }
}

/** The same rows inserted by the superuser in one statement, one transaction: the floor to compare with. */
async function plainInsertMs(employeeId: string, rows: number): Promise<number> {
  const inputs = Array.from({ length: rows }, (_, i) => ({ ...learningInput(i), employee_id: employeeId }))
  const started = performance.now()
  await db.sql(
    `insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
     select id, employee_id, area_code, source, title, minutes, completed_on
       from jsonb_to_recordset($1::jsonb)
         as r(id uuid, employee_id uuid, area_code text, source text, title text, minutes int, completed_on date)`,
    [JSON.stringify(inputs)],
  )
  return performance.now() - started
}

it(`pushes ${PUSHED} queued mutations and pulls ${PULLED} rows`, async () => {
  // Push: a device that recorded 1,000 activities offline sends them all in one round.
  const pusher = await db.createUser()
  const pushing = await device(pusher)
  // A first round pulls the reference data, so the timed round measures the push (and its short pull).
  expect((await pushing.engine.syncNow()).status).toBe('synced')
  for (let i = 0; i < PUSHED; i += 1) {
    const result = await mutate(pushing.local, pusher.sub, 'record_learning', learningInput(i))
    if (!result.ok) throw new Error(`mutate refused: ${result.code}`)
  }
  let started = performance.now()
  expect((await pushing.engine.syncNow()).status).toBe('synced')
  const pushMs = performance.now() - started
  expect(await pushing.local.outbox.count()).toBe(0)
  const [pushedRows] = await db.sql<{ n: number }>(
    'select count(*)::int as n from public.learning_records where employee_id = $1',
    [pusher.sub],
  )
  expect(pushedRows?.n).toBe(PUSHED)
  const pushFloorMs = await plainInsertMs((await db.createUser()).sub, PUSHED)

  // Pull: a new device of a user who has 10,000 records on the server.
  const puller = await db.createUser()
  const pullFloorMs = await plainInsertMs(puller.sub, PULLED)
  await waitForHorizon(db)
  const pulling = await device(puller)
  started = performance.now()
  expect((await pulling.engine.syncNow()).status).toBe('synced')
  const pullMs = performance.now() - started
  expect(await pulling.local.replica('learning_records').count()).toBe(PULLED)

  const pushRate = PUSHED / (pushMs / 1000)
  const pullRate = PULLED / (pullMs / 1000)
  await recordFigure({ name: `sync-push-rows-per-s-${ENGINE}`, value: pushRate, unit: 'rows/s' })
  await recordFigure({
    name: `sync-push-vs-batched-insert-${ENGINE}`,
    value: pushFloorMs / pushMs,
    unit: '×',
    goal: { op: '>=', limit: 0.5 },
  })
  await recordFigure({ name: `sync-pull-rows-per-s-${ENGINE}`, value: pullRate, unit: 'rows/s' })
  await recordFigure({
    name: `sync-pull-vs-batched-insert-${ENGINE}`,
    value: pullFloorMs / pullMs,
    unit: '×',
    goal: { op: '>=', limit: 0.5 },
  })
  console.log(
    `${ENGINE}: push ${PUSHED} in ${pushMs.toFixed(0)} ms (plain insert ${pushFloorMs.toFixed(0)} ms), ` +
      `pull ${PULLED} in ${pullMs.toFixed(0)} ms (plain insert ${pullFloorMs.toFixed(0)} ms)`,
  )
})
