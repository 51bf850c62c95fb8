import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { installSyncTriggers } from '@/sync/triggers'
import { ALICE, NOW, freshDb, learningInput, uuidOf } from '../data/support'
import { ManualClock } from './support'

let db: DxpDatabase | null = null

afterEach(async () => {
  await db?.delete()
  db = null
})

function setup(options: { visible?: boolean; immediate?: boolean; withDb?: boolean } = {}) {
  const clock = new ManualClock()
  const target = new EventTarget()
  const doc = Object.assign(new EventTarget(), {
    visibilityState: (options.visible ?? true) ? 'visible' : 'hidden',
  }) as EventTarget & { visibilityState: DocumentVisibilityState }
  let rounds = 0
  const engine = {
    syncNow: async () => {
      rounds += 1
      return { status: 'skipped', reason: 'stopped' } as const
    },
  }
  if (options.withDb) db = freshDb()
  const cleanup = installSyncTriggers({
    engine,
    db: db ?? undefined,
    target,
    document: doc,
    clock,
    intervalMs: 60_000,
    writeDebounceMs: 1_000,
    immediate: options.immediate,
  })
  return { clock, target, doc, cleanup, rounds: () => rounds }
}

describe('sync triggers', () => {
  it('syncs at start, when the browser comes online and when the tab becomes visible', () => {
    const { target, doc, rounds } = setup()
    expect(rounds()).toBe(1)
    target.dispatchEvent(new Event('online'))
    expect(rounds()).toBe(2)
    doc.visibilityState = 'hidden'
    doc.dispatchEvent(new Event('visibilitychange'))
    expect(rounds()).toBe(2)
    doc.visibilityState = 'visible'
    doc.dispatchEvent(new Event('visibilitychange'))
    expect(rounds()).toBe(3)
  })

  it('syncs every minute while the tab is visible, and not while it is hidden', () => {
    const { clock, doc, rounds } = setup({ immediate: false })
    clock.advance(180_000)
    expect(rounds()).toBe(3)
    doc.visibilityState = 'hidden'
    clock.advance(180_000)
    expect(rounds()).toBe(3)
  })

  it('syncs once shortly after a burst of local writes', async () => {
    const { clock, rounds } = setup({ immediate: false, withDb: true })
    for (let i = 1; i <= 3; i += 1) {
      await mutate(db!, ALICE, 'record_learning', learningInput(uuidOf(i)), { now: NOW })
      clock.advance(500)
    }
    expect(rounds()).toBe(0)
    clock.advance(1_000)
    expect(rounds()).toBe(1)
  })

  it('syncs when a user signs in, not when they sign out', () => {
    const listeners: ((user: { id: string; email: null } | null) => void)[] = []
    const backend = {
      onAuthChange: (listener: (typeof listeners)[number]) => {
        listeners.push(listener)
        return () => listeners.splice(listeners.indexOf(listener), 1)
      },
    }
    let rounds = 0
    const cleanup = installSyncTriggers({
      engine: { syncNow: async () => ((rounds += 1), { status: 'skipped', reason: 'stopped' } as const) },
      backend,
      target: new EventTarget(),
      clock: new ManualClock(),
      immediate: false,
    })
    listeners.forEach((listener) => listener({ id: ALICE, email: null }))
    listeners.forEach((listener) => listener(null))
    expect(rounds).toBe(1)
    cleanup()
    expect(listeners).toHaveLength(0)
  })

  it('removes every listener and timer on cleanup', async () => {
    const { clock, target, doc, cleanup, rounds } = setup({ withDb: true })
    cleanup()
    target.dispatchEvent(new Event('online'))
    doc.dispatchEvent(new Event('visibilitychange'))
    await mutate(db!, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    clock.advance(600_000)
    expect(rounds()).toBe(1)
    expect(clock.pending()).toEqual([])
  })
})
