import { liveQuery, type Subscription } from 'dexie'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DxpDatabase } from '@/data/db'
import { countOutbox } from '@/data/outbox'
import { getSyncMeta } from '@/data/replica'
import { deriveSyncStatus, type RoundOutcome, type SyncEngine, type SyncStatus } from '@/sync'

export interface SyncStoreBinding {
  engine: SyncEngine
  db: DxpDatabase
  userId: string
}

/** The sync status for the UI; the engine and its triggers are started by whoever signs the user in. */
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
  let cleanups: (() => void)[] = []

  const setOnline = () => (online.value = true)
  const setOffline = () => (online.value = false)

  function detach(): void {
    for (const cleanup of cleanups) cleanup()
    cleanups = []
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
    cleanups.push(
      binding.engine.subscribe((state) => {
        syncing.value = state.phase === 'syncing'
        lastOutcome.value = state.lastOutcome
        if (state.lastSuccessAt) lastSuccessAt.value = state.lastSuccessAt
      }),
    )
    const counts: Subscription = liveQuery(() => countOutbox(binding.db, binding.userId)).subscribe({
      next: (count) => {
        pending.value = count.pending
        rejected.value = count.rejected
      },
    })
    cleanups.push(() => counts.unsubscribe())
    void getSyncMeta(binding.db, binding.userId).then((meta) => {
      lastSuccessAt.value ??= meta.last_success_at
    })
    if (typeof window !== 'undefined') {
      online.value = navigator.onLine
      window.addEventListener('online', setOnline)
      window.addEventListener('offline', setOffline)
      cleanups.push(() => {
        window.removeEventListener('online', setOnline)
        window.removeEventListener('offline', setOffline)
      })
    }
  }

  /** The 今すぐ同期 button: a round now; null when no engine runs (signed out). */
  async function syncNow(): Promise<RoundOutcome | null> {
    return engine ? engine.syncNow() : null
  }

  return { online, pending, rejected, syncing, lastOutcome, lastSuccessAt, status, attach, detach, syncNow }
})
