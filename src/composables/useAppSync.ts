import { inject, onMounted } from 'vue'
import { backendKey, getBackend } from '@/backend'
import { useSessionStore } from '@/stores/session'

/**
 * Loads the backend and runs sync for the app once the shell has painted (PGlite takes seconds on
 * a first visit). A failed start is shown by the shell; `retry()` tries again.
 */
export function useAppSync(): { retry: () => Promise<void> } {
  const load = inject(backendKey, getBackend)
  const session = useSessionStore()
  // The device database (Dexie) is loaded with the backend, never in the first paint's bundle.
  const loadDb = async () => (await import('@/data')).db
  const retry = () => session.start({ load, loadDb })
  onMounted(() => {
    void retry()
  })
  return { retry }
}
