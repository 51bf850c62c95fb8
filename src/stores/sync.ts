import { liveQuery, type Subscription } from 'dexie'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Backend } from '@/backend/backend'
import type { DxpDatabase } from '@/data/db'
import { countOutbox } from '@/data/outbox'
import { getSyncMeta } from '@/data/replica'
import {
  deriveSyncStatus,
  startSync,
  type RoundOutcome,
  type StartSyncOptions,
  type SyncEngine,
  type SyncStatus,
} from '@/sync'

export interface SyncStoreBinding {
  /** Null while the backend is still loading: the outbox and the network are shown already. */
  engine: SyncEngine | null
  db: DxpDatabase
  userId: string
}

/**
 * The sync status for the UI (同期済み / N件送信待ち / オフライン / エラー). `start()` runs the engine and
 * its triggers for the app and follows whoever signs in; `attach()` follows an engine run elsewhere.
 */
export const useSyncStore = defineStore('sync', () => {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const pending = ref(0)
  const rejected = ref(0)
  const syncing = ref(false)
  const lastOutcome = shallowRef<RoundOutcome | null>(null)
  const lastSuccessAt = ref<string | null>(null)
  const status = computed<SyncStatus>(() =>
    deriveSyncStatus({ online: online.value, pending: pending.value, lastOutcome: lastOutcome.value }),
  )

  let engine: SyncEngine | null = null
  /** Undone by detach(): what follows one user's engine and outbox. */
  let following: (() => void)[] = []
  /** Undone by stop(): the engine and triggers start() runs, and its auth listener. */
  let running: (() => void)[] = []

  const setOnline = () => (online.value = true)
  const setOffline = () => (online.value = false)

  function detach(): void {
    for (const cleanup of following) cleanup()
    following = []
    engine = null
    pending.value = 0
    rejected.value = 0
    syncing.value = false
    lastOutcome.value = null
    lastSuccessAt.value = null
  }

  /** Follows one user's engine and outbox (call again on sign-in; `detach` on sign-out). */
  function attach(binding: SyncStoreBinding): void {
    detach()
    engine = binding.engine
    if (binding.engine) {
      following.push(
        binding.engine.subscribe((state) => {
          syncing.value = state.phase === 'syncing'
          lastOutcome.value = state.lastOutcome
          if (state.lastSuccessAt) lastSuccessAt.value = state.lastSuccessAt
        }),
      )
    }
    const counts: Subscription = liveQuery(() => countOutbox(binding.db, binding.userId)).subscribe({
      next: (count) => {
        pending.value = count.pending
        rejected.value = count.rejected
      },
    })
    following.push(() => counts.unsubscribe())
    void getSyncMeta(binding.db, binding.userId).then((meta) => {
      lastSuccessAt.value ??= meta.last_success_at
    })
    if (typeof window !== 'undefined') {
      online.value = navigator.onLine
      window.addEventListener('online', setOnline)
      window.addEventListener('offline', setOffline)
      following.push(() => {
        window.removeEventListener('online', setOnline)
        window.removeEventListener('offline', setOffline)
      })
    }
  }

  /** Runs sync for the app (once, after the backend has loaded) and shows the signed-in user's status. */
  async function start(options: StartSyncOptions & { backend: Backend }): Promise<void> {
    stop()
    const sync = startSync(options)
    const follow = (user: { id: string } | null) => {
      if (user) attach({ engine: sync.engine, db: options.db, userId: user.id })
      else detach()
    }
    running.push(options.backend.onAuthChange(follow), () => sync.stop())
    follow(await options.backend.currentUser())
  }

  function stop(): void {
    detach()
    for (const cleanup of running) cleanup()
    running = []
  }

  /** The 今すぐ同期 button: a round now; null when no one is signed in. */
  async function syncNow(): Promise<RoundOutcome | null> {
    return engine ? engine.syncNow() : null
  }

  return {
    online,
    pending,
    rejected,
    syncing,
    lastOutcome,
    lastSuccessAt,
    status,
    attach,
    detach,
    start,
    stop,
    syncNow,
  }
})
