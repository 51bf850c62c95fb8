import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { updateSyncMeta } from '@/data/replica'
import { useSyncStore } from '@/stores/sync'
import { acquireMemoryLock } from '@/sync/acquire-lock'
import { createSyncEngine } from '@/sync/sync-loop'
import { ALICE, NOW, freshDb, learningInput, uuidOf } from '../data/support'
import { FakeBackend, ManualClock, backendError } from './support'

let db: DxpDatabase

beforeEach(() => {
  setActivePinia(createPinia())
  db = freshDb()
})

afterEach(async () => {
  useSyncStore().stop()
  await db.delete()
})

function attach() {
  const backend = new FakeBackend()
  const engine = createSyncEngine({ db, backend, clock: new ManualClock(), lock: acquireMemoryLock() })
  const store = useSyncStore()
  store.attach({ engine, db, userId: ALICE })
  return { store, backend, engine }
}

describe('the sync status store', () => {
  it('shows N件送信待ち while changes wait, and 同期済み once they are sent', async () => {
    const { store } = attach()
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(2)), { now: NOW })
    await vi.waitFor(() => expect(store.status).toEqual({ state: 'pending', count: 2 }))
    expect((await store.syncNow())?.status).toBe('synced')
    await vi.waitFor(() => expect(store.status).toEqual({ state: 'synced' }))
    expect(store.lastSuccessAt).toBe('2026-06-01T03:00:00.000Z')
  })

  it('shows オフライン when the browser goes offline, whatever else holds', async () => {
    const { store } = attach()
    window.dispatchEvent(new Event('offline'))
    expect(store.status.state).toBe('offline')
    window.dispatchEvent(new Event('online'))
    expect(store.status.state).not.toBe('offline')
  })

  it('shows エラー with the reason after a round that failed, not after one that will retry', async () => {
    const { store, backend } = attach()
    backend.steps = [() => backendError('network')]
    await store.syncNow()
    expect(store.status.state).toBe('synced')
    backend.steps = [() => backendError('auth', 'PGRST301', 'JWT expired')]
    await store.syncNow()
    expect(store.status).toMatchObject({ state: 'error', code: 'PGRST301', message: 'JWT expired' })
  })

  it('shows the last success stored by an earlier visit', async () => {
    await updateSyncMeta(db, ALICE, { last_success_at: '2026-05-31T00:00:00.000Z' })
    const { store } = attach()
    await vi.waitFor(() => expect(store.lastSuccessAt).toBe('2026-05-31T00:00:00.000Z'))
  })

  it('starts the engine with its triggers for the signed-in user, and follows sign-out', async () => {
    const backend = new FakeBackend()
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    const store = useSyncStore()
    await store.start({ db, backend, clock: new ManualClock(), lock: acquireMemoryLock() })
    // The start trigger pushes the waiting change by itself.
    await vi.waitFor(() => expect(backend.pushes).toHaveLength(1))
    await vi.waitFor(() => expect(store.status).toEqual({ state: 'synced' }))
    backend.switchUser(null)
    expect(await store.syncNow()).toBeNull()
    store.stop()
    expect(backend.authListeners.size).toBe(0)
  })

  it('does nothing for 今すぐ同期 while no one is signed in', async () => {
    expect(await useSyncStore().syncNow()).toBeNull()
  })
})
