// A change the server refuses for its content never holds back the others: the engine splits the push
// until the change at fault is alone, rejects it with a reason the user can read, and sends the rest.
// The poisoned entries are written straight into the outbox, as an older client without today's
// validation queued them; the server is real (PGlite, then PostgreSQL 17).
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { countOutbox } from '@/data/outbox'
import { createSyncEngine, type SyncEngine } from '@/sync/sync-loop'
import type { Clock } from '@/sync/clock'
import { acquireMemoryLock } from '@/sync/acquire-lock'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { tokyoToday } from './write-support'

const stillClock: Clock = { now: () => Date.now(), setTimeout: () => null, clearTimeout: () => undefined }

let db: TestDb
let user: UserClaims
let device: DxpDatabase
let engine: SyncEngine
let pushes: number

beforeAll(async () => {
  db = await createTestDb()
  user = await db.createUser()
  const backend = createEmbeddedBackend({ executor: db.executor })
  await backend.signInAs(user.sub)
  const counted = {
    ...backend,
    currentUser: () => backend.currentUser(),
    rpc: <T>(fn: string, args?: Readonly<Record<string, unknown>>) => {
      if (fn === 'sync_push') pushes += 1
      return backend.rpc<T>(fn, args)
    },
  }
  device = new DxpDatabase(`dxp-poisoned-${Math.random().toString(36).slice(2)}`)
  engine = createSyncEngine({ db: device, backend: counted, clock: stillClock, lock: acquireMemoryLock() })
  pushes = 0
})

afterAll(async () => {
  await device?.delete()
  await db?.close()
})

/** A learning record through the app's own write path; `poison` then changes what the outbox holds. */
async function record(title: string, poison?: { title?: string; note?: string }): Promise<string> {
  const id = crypto.randomUUID()
  const input = {
    id,
    area_code: 'dx_basics',
    source: 'self_study' as const,
    title,
    minutes: 30,
    completed_on: tokyoToday(),
  }
  const result = await mutate(device, user.sub, 'record_learning', input)
  if (!result.ok) throw new Error(`mutate refused: ${result.code}`)
  if (poison) {
    await device.outbox
      .where('id')
      .equals(result.mutationId)
      .modify((entry) => {
        entry.args = { ...entry.args, ...poison }
      })
  }
  return result.mutationId
}

describe('a poisoned change between good ones', () => {
  it('lands the good ones, lists the poisoned ones as rejected with a reason, and the next round is clean', async () => {
    const good1 = await record('生成AIの基礎')
    const nul = await record('メモ付き', { note: 'メモ\u0000です' })
    const good2 = await record('データ分析入門')
    const surrogate = await record('絵文字', { title: '学習\ud83d' })
    const control = await record('制御文字', { note: 'ベル\u0007' })
    const good3 = await record('BPRの進め方')

    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ status: 'synced', push: { applied: 3, rejected: 3 } })

    const titles = await db.sql<{ title: string }>(
      'select title from public.learning_records where employee_id = $1 order by created_at, title',
      [user.sub],
    )
    expect(titles.map((r) => r.title).sort()).toEqual(
      ['BPRの進め方', 'データ分析入門', '生成AIの基礎'].sort(),
    )
    const ledger = await db.sql<{ mutation_id: string }>(
      'select mutation_id::text from public.applied_ops where user_id = $1',
      [user.sub],
    )
    // The changes the json layer refused never reached a rule of record; the control character did.
    expect(ledger.map((r) => r.mutation_id).sort()).toEqual([good1, good2, good3, control].sort())

    const left = await device.outbox.toArray()
    expect(left.map((e) => [e.id, e.status, e.last_error_code])).toEqual([
      [nul, 'rejected', 'DXP017'],
      [surrogate, 'rejected', 'DXP017'],
      [control, 'rejected', 'DXP017'],
    ])
    for (const entry of left) expect(entry.last_error_message).toBeTruthy()
    // The rejected records are gone from the device's lists; the good ones show as the server has them.
    expect((await device.replica('learning_records').toArray()).map((r) => r.title).sort()).toEqual(
      titles.map((r) => r.title).sort(),
    )

    const calls = pushes
    expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { applied: 0, rejected: 0 } })
    expect(pushes).toBe(calls)

    // A change made after them goes straight through.
    await record('その後の記録')
    expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { applied: 1, rejected: 0 } })
    expect(await countOutbox(device, user.sub)).toEqual({ pending: 0, rejected: 3 })
  })
})
