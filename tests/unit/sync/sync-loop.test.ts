import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { countOutbox } from '@/data/outbox'
import { applyPullChanges, getSyncMeta } from '@/data/replica'
import { acquireMemoryLock } from '@/sync/acquire-lock'
import { createSyncEngine, type SyncEngineOptions } from '@/sync/sync-loop'
import { ALICE, BOB, NOW, freshDb, learningInput, serverRecord, uuidOf } from '../data/support'
import { FakeBackend, ManualClock, backendError, callError, gate } from './support'

let db: DxpDatabase
let backend: FakeBackend
let clock: ManualClock

afterEach(async () => {
  await db.delete()
})

function setup(overrides: Partial<SyncEngineOptions> = {}) {
  db = freshDb()
  backend = new FakeBackend()
  clock = new ManualClock()
  return createSyncEngine({ db, backend, clock, random: () => 0.5, lock: acquireMemoryLock(), ...overrides })
}

/** `n` learning records by `user`, op ids uuidOf(1000 + i), in that order. */
async function write(n: number, user = ALICE, from = 0): Promise<string[]> {
  const ids: string[] = []
  for (let i = from; i < from + n; i += 1) {
    const result = await mutate(db, user, 'record_learning', learningInput(uuidOf(i + 1)), {
      now: NOW,
      mutationId: uuidOf(1000 + i),
    })
    if (!result.ok) throw new Error('mutate failed')
    ids.push(result.mutationId)
  }
  return ids
}

describe('a round', () => {
  it('pushes the outbox in the order it was written, in batches of at most 100', async () => {
    const engine = setup()
    const ids = await write(230)
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ status: 'synced', push: { applied: 230, rejected: 0, calls: 3 } })
    expect(backend.pushes.map((batch) => batch.length)).toEqual([100, 100, 30])
    expect(backend.pushedIds()).toEqual(ids)
    expect(await db.outbox.count()).toBe(0)
  })

  it('pushes only the signed-in user’s outbox', async () => {
    const engine = setup()
    await write(2, BOB, 0)
    const mine = await write(2, ALICE, 2)
    await engine.syncNow()
    expect(backend.pushedIds()).toEqual(mine)
    expect(await countOutbox(db, BOB)).toEqual({ pending: 2, rejected: 0 })
  })

  it('treats a duplicate as applied, and a duplicate of a rejection as a rejection', async () => {
    const engine = setup()
    const [applied, refused] = await write(2)
    backend.results.set(applied!, {
      mutation_id: applied,
      status: 'applied',
      code: null,
      message: null,
      row: null,
    })
    backend.results.set(refused!, {
      mutation_id: refused,
      status: 'rejected',
      code: 'DXP015',
      message: '範囲外',
      row: null,
    })
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ status: 'synced', push: { applied: 1, rejected: 1 } })
    const left = await db.outbox.toArray()
    expect(left).toMatchObject([{ id: refused, status: 'rejected', last_error_code: 'DXP015' }])
  })

  it('marks a rejection with the server’s reason, keeps it, and still lands the changes after it', async () => {
    const engine = setup()
    const [first, second, third] = await write(3)
    backend.rejects.set(second!, 'DXP043')
    await engine.syncNow()
    expect(backend.pushedIds()).toEqual([first, second, third])
    expect(await db.outbox.toArray()).toMatchObject([
      { id: second, status: 'rejected', last_error_code: 'DXP043', last_error_message: '却下: DXP043' },
    ])
    // The rejected change's optimistic row is rolled back; the others stay.
    expect(await db.replica('learning_records').get(uuidOf(2))).toBeUndefined()
    expect(await db.replica('learning_records').get(uuidOf(3))).toBeDefined()
    await engine.syncNow()
    expect(backend.pushes).toHaveLength(1)
  })

  it('pulls until has_more is false, saving the cursor with each page', async () => {
    const engine = setup()
    await applyPullChanges(db, [], ALICE, { cursor: 'c0' })
    const row = serverRecord(uuidOf(7))
    backend.pullPages = [
      { changes: [], cursor: 'c1', has_more: true, reset: false },
      {
        changes: [{ table: 'learning_records', key: row.id, op: 'upsert', row }],
        cursor: 'c2',
        has_more: true,
        reset: false,
      },
    ]
    // The third page fails: the first two pages' cursor stays.
    backend.steps = [() => undefined, () => undefined, () => backendError('network')]
    const outcome = await engine.syncNow()
    expect(outcome.status).toBe('retrying')
    expect(backend.pullCursors).toEqual(['c0', 'c1', 'c2'])
    expect((await getSyncMeta(db, ALICE)).cursor).toBe('c2')
    expect(await db.replica('learning_records').get(row.id)).toEqual(row)
  })

  it('on a reset, empties the replica but not the outbox and pulls from scratch', async () => {
    const engine = setup()
    const stale = serverRecord(uuidOf(50))
    await applyPullChanges(
      db,
      [{ table: 'learning_records', key: stale.id, op: 'upsert', row: stale }],
      ALICE,
      {
        cursor: 'old',
      },
    )
    backend.rejects.set(uuidOf(1000), 'DXP043')
    await write(1)
    const fresh = serverRecord(uuidOf(51))
    backend.pullPages = [
      { changes: [], cursor: null, has_more: true, reset: true },
      {
        changes: [{ table: 'learning_records', key: fresh.id, op: 'upsert', row: fresh }],
        cursor: 'new',
        has_more: false,
        reset: false,
      },
    ]
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ status: 'synced', pull: { resets: 1, pages: 2 } })
    expect(backend.pullCursors).toEqual(['old', null])
    expect(await db.replica('learning_records').get(stale.id)).toBeUndefined()
    expect(await db.replica('learning_records').get(fresh.id)).toEqual(fresh)
    expect(await db.outbox.toArray()).toMatchObject([{ id: uuidOf(1000), status: 'rejected' }])
    expect((await getSyncMeta(db, ALICE)).cursor).toBe('new')
  })

  it('records the time of the last success', async () => {
    const engine = setup()
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ status: 'synced', at: '2026-06-01T03:00:00.000Z' })
    expect((await getSyncMeta(db, ALICE)).last_success_at).toBe('2026-06-01T03:00:00.000Z')
    expect(engine.state.lastSuccessAt).toBe('2026-06-01T03:00:00.000Z')
  })

  it('stops before a call once another user has signed in, leaving the rest of the outbox pending', async () => {
    const engine = setup()
    const ids = await write(150)
    backend.steps = [() => void (backend.user = { id: BOB, email: null })]
    expect(await engine.syncNow()).toEqual({ status: 'skipped', reason: 'signed_out' })
    expect(backend.pushedIds()).toEqual(ids.slice(0, 100))
    expect(backend.pullCursors).toEqual([])
    expect(await countOutbox(db, ALICE)).toEqual({ pending: 50, rejected: 0 })
    expect(clock.pending()).toEqual([])
  })

  it('keeps nothing of a pull answered after the user signed out: no rows, no cursor to skip them later', async () => {
    const engine = setup()
    const row = serverRecord(uuidOf(1))
    backend.pullPages = [
      {
        changes: [{ table: 'learning_records', key: row.id, op: 'upsert', row }],
        cursor: 'late',
        has_more: false,
        reset: false,
      },
    ]
    backend.always = (fn) => void (fn === 'sync_pull' && (backend.user = null))
    expect(await engine.syncNow()).toEqual({ status: 'skipped', reason: 'signed_out' })
    expect(backend.pullCursors).toEqual([null])
    expect(await db.syncMeta.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)
  })

  it('does nothing while signed out', async () => {
    const engine = setup()
    await write(1)
    backend.user = null
    expect(await engine.syncNow()).toEqual({ status: 'skipped', reason: 'signed_out' })
    expect(backend.pushes).toHaveLength(0)
  })
})

describe('failures', () => {
  it.each([
    ['network', backendError('network', '', 'fetch failed')],
    ['serialization failure', backendError('server', '40001')],
    ['deadlock', backendError('server', '40P01')],
    ['lock timeout', backendError('server', '55P03')],
    ['statement timeout', backendError('server', '57014')],
  ])('a %s ends the round, puts the batch back to pending and retries later', async (_name, error) => {
    const engine = setup()
    const ids = await write(3)
    backend.steps = [() => error]
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({
      status: 'retrying',
      failures: 1,
      retryInMs: 500,
      failure: { class: 'retry' },
    })
    const entries = await db.outbox.toArray()
    expect(entries.map((entry) => [entry.status, entry.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
      ['pending', 1],
    ])
    expect(backend.pullCursors).toHaveLength(0)
    expect(clock.pending()).toEqual([500])
    clock.advance(500)
    await engine.syncNow()
    expect(backend.pushedIds()).toEqual(ids)
    expect(await db.outbox.count()).toBe(0)
  })

  it('backs off exponentially with full jitter, capped, and starts again after a success', async () => {
    let draw = 0.5
    const engine = setup({ random: () => draw, backoff: { baseMs: 1_000, maxMs: 10_000 } })
    backend.always = () => backendError('server', '', 'HTTP 503')
    const delays: number[] = []
    for (let round = 0; round < 6; round += 1) {
      const outcome = await engine.syncNow()
      if (outcome.status === 'retrying') delays.push(outcome.retryInMs)
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000])
    draw = 0.999
    const capped = await engine.syncNow()
    expect(capped).toMatchObject({ status: 'retrying', failures: 7, retryInMs: 9_990 })
    backend.always = null
    expect((await engine.syncNow()).status).toBe('synced')
    expect(engine.state.failures).toBe(0)
    backend.always = () => backendError('network')
    expect(await engine.syncNow()).toMatchObject({ failures: 1, retryInMs: 999 })
  })

  it('stops on an auth failure without rejecting anything or retrying by itself', async () => {
    const engine = setup()
    await write(2)
    backend.steps = [() => backendError('auth', 'PGRST301', 'JWT expired')]
    const outcome = await engine.syncNow()
    expect(outcome).toMatchObject({ status: 'failed', failure: { class: 'auth', code: 'PGRST301' } })
    expect((await db.outbox.toArray()).map((entry) => entry.status)).toEqual(['pending', 'pending'])
    expect(clock.pending()).toEqual([])
    expect(await getSyncMeta(db, ALICE)).toMatchObject({ last_error_code: 'PGRST301' })
  })

  it('treats DXP001 (no user on the server) as an auth failure, not a rejection', async () => {
    const engine = setup()
    await write(1)
    backend.steps = [() => callError('DXP001', 'ログインしていません')]
    expect(await engine.syncNow()).toMatchObject({
      status: 'failed',
      failure: { class: 'auth', code: 'DXP001', message: 'ログインしていません' },
    })
    expect(await countOutbox(db, ALICE)).toEqual({ pending: 1, rejected: 0 })
  })

  it('reports DXP002 (no staff profile) with the server’s words and keeps the outbox', async () => {
    const engine = setup()
    await write(1)
    backend.steps = [() => callError('DXP002', '職員情報が登録されていません')]
    expect(await engine.syncNow()).toMatchObject({
      status: 'failed',
      failure: { class: 'fatal', code: 'DXP002', message: '職員情報が登録されていません' },
    })
    expect(await countOutbox(db, ALICE)).toEqual({ pending: 1, rejected: 0 })
  })

  it('pushes in smaller batches when the server says a call holds too many (DXP004)', async () => {
    const engine = setup()
    const ids = await write(30)
    backend.always = (fn, args) =>
      fn === 'sync_push' && (args.mutations as unknown[]).length > 8 ? callError('DXP004') : undefined
    expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { applied: 30 } })
    expect(backend.pushes.map((batch) => batch.length)).toEqual([7, 7, 7, 7, 2])
    expect(backend.pushedIds()).toEqual(ids)
  })

  describe('a change the server refuses for its content (as PostgreSQL refuses U+0000 in json)', () => {
    /** Entries an older client queued without today's validation: their note holds U+0000. */
    async function poison(mutationIds: readonly string[]): Promise<void> {
      await db.outbox
        .where('id')
        .anyOf([...mutationIds])
        .modify((entry) => {
          if (entry.kind === 'record_learning') entry.args = { ...entry.args, note: 'メモ\u0000です' }
        })
    }
    /** The whole call fails before any mutation runs, as sync_push's json parameter does. */
    function refuseNul(fn: string, args: Record<string, unknown>) {
      return fn === 'sync_push' && JSON.stringify(args.mutations).includes('\\u0000')
        ? backendError('client', '22P05', 'unsupported Unicode escape sequence')
        : undefined
    }

    it('rejects that change alone, with a reason, and lands every other', async () => {
      const engine = setup()
      const ids = await write(30)
      const poisoned = ids[17]!
      await poison([poisoned])
      backend.always = refuseNul

      expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { applied: 29, rejected: 1 } })
      expect(backend.results.has(poisoned)).toBe(false)
      expect([...backend.results.keys()]).toEqual(ids.filter((id) => id !== poisoned))
      const [rejected] = await db.outbox.toArray()
      expect(rejected).toMatchObject({ id: poisoned, status: 'rejected', last_error_code: 'DXP017' })
      expect(rejected?.last_error_message).toContain('22P05')
      // Halving finds it in a few calls, not one call per change.
      expect(backend.pushes.length).toBeLessThanOrEqual(12)

      const calls = backend.pushes.length
      expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { applied: 0, rejected: 0 } })
      expect(backend.pushes.length).toBe(calls)
    })

    it('finds two at fault in one batch, the first and the last', async () => {
      const engine = setup()
      const ids = await write(9)
      await poison([ids[0]!, ids[8]!])
      backend.always = refuseNul
      expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { applied: 7, rejected: 2 } })
      const left = await db.outbox.toArray()
      expect(left.map((entry) => [entry.id, entry.status])).toEqual([
        [ids[0], 'rejected'],
        [ids[8], 'rejected'],
      ])
    })

    it('answers DXP018 for a refusal that is not about a character', async () => {
      const engine = setup()
      const [only] = await write(1)
      backend.always = (fn) =>
        fn === 'sync_push' ? backendError('client', '22003', 'numeric out of range') : undefined
      expect(await engine.syncNow()).toMatchObject({ status: 'synced', push: { rejected: 1 } })
      expect(await db.outbox.get({ id: only! })).toMatchObject({
        status: 'rejected',
        last_error_code: 'DXP018',
      })
    })

    it('still retries the whole batch on a failure that is not about the content', async () => {
      const engine = setup()
      await write(5)
      backend.steps = [() => backendError('server', '', 'Bad gateway', null, 502)]
      expect(await engine.syncNow()).toMatchObject({ status: 'retrying' })
      expect(await countOutbox(db, ALICE)).toEqual({ pending: 5, rejected: 0 })
      backend.steps = [() => backendError('client', '42501', 'permission denied for function sync_push')]
      expect(await engine.syncNow()).toMatchObject({ status: 'failed', failure: { code: '42501' } })
      expect(await countOutbox(db, ALICE)).toEqual({ pending: 5, rejected: 0 })
    })
  })

  it('does not trust an answer that breaks the contract', async () => {
    const engine = setup()
    await write(2)
    backend.steps = [
      async () => {
        backend.results.clear()
      },
    ]
    const original = backend.rpc.bind(backend)
    backend.rpc = async <T>(fn: string, args?: Readonly<Record<string, unknown>>) =>
      (fn === 'sync_push'
        ? [{ id: 'x', status: 'applied', code: null, message: null, row: null }]
        : await original(fn, args)) as T
    expect(await engine.syncNow()).toMatchObject({ status: 'failed', failure: { code: 'protocol' } })
    expect((await db.outbox.toArray()).map((entry) => entry.status)).toEqual(['pending', 'pending'])
  })
})

describe('one round at a time', () => {
  it('skips the round while another tab holds the lock, and looks again shortly', async () => {
    const lock = acquireMemoryLock()
    const first = setup({ lock, lockRetryMs: 2_000 })
    const second = createSyncEngine({ db, backend, clock, random: () => 0.5, lock, lockRetryMs: 2_000 })
    await write(3)
    const hold = gate()
    backend.steps = [() => hold.wait]
    const running = first.syncNow()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(await second.syncNow()).toEqual({ status: 'skipped', reason: 'locked' })
    expect(clock.pending()).toEqual([2_000])
    hold.open()
    expect((await running).status).toBe('synced')
    expect(backend.pushes).toHaveLength(1)
    expect(backend.pushes[0]).toHaveLength(3)
  })

  it('runs one more round after the running one when asked during it, not two at once', async () => {
    const engine = setup()
    await write(1)
    const hold = gate()
    let concurrent = 0
    let most = 0
    backend.always = async () => {
      concurrent += 1
      most = Math.max(most, concurrent)
      await hold.wait
      concurrent -= 1
    }
    const a = engine.syncNow()
    await new Promise((resolve) => setTimeout(resolve, 10))
    await write(1, ALICE, 1)
    const b = engine.syncNow()
    const c = engine.syncNow()
    expect(c).toBe(b)
    hold.open()
    await Promise.all([a, b])
    expect(most).toBe(1)
    expect(backend.pushes.map((batch) => batch.length)).toEqual([1, 1])
  })

  it('turns a failing lock into a retry, never a rejected syncNow()', async () => {
    const engine = setup({ lock: () => Promise.reject(new Error('SecurityError')) })
    expect(await engine.syncNow()).toMatchObject({
      status: 'retrying',
      failure: { message: 'SecurityError' },
    })
  })

  it('stops: no more rounds, no timers', async () => {
    const engine = setup()
    backend.steps = [() => backendError('network')]
    await engine.syncNow()
    expect(clock.pending()).toHaveLength(1)
    engine.stop()
    expect(clock.pending()).toHaveLength(0)
    expect(await engine.syncNow()).toEqual({ status: 'skipped', reason: 'stopped' })
  })
})
