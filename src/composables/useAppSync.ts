import { inject, onMounted } from 'vue'
import { backendKey, getBackend, peekSignedInUser } from '@/backend'
import { useAuthStore } from '@/stores/auth'

/**
 * Loads the backend and runs sync for the app once the shell has painted (PGlite takes seconds on
 * a first visit); who was signed in is known before that, so the screens open from the replica at once. A failed start is shown by the shell; `retry()` tries again.
 */
export function useAppSync(): { retry: () => Promise<void> } {
  const load = inject(backendKey, getBackend)
  const auth = useAuthStore()
  // The device database (Dexie) is loaded with the backend, never in the first paint's bundle.
  const loadDb = async () => {
    const { db } = await import('@/data')
    // Opening IndexedDB takes tens of milliseconds: start it while the first page's chunk loads.
    db.open().catch(() => undefined)
    return db
  }
  const retry = () => auth.start({ load, loadDb, peek: peekSignedInUser })
  onMounted(() => {
    void retry()
  })
  return { retry }
}
