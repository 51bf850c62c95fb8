import { inject, shallowRef, type Ref } from 'vue'
import { backendKey, getBackend } from '@/backend'
import type { DirectoryEntry } from '@/contract'

export type AdminDirectoryState = 'loading' | 'ready' | 'failed'

export interface UseAdminDirectoryReturn {
  entries: Readonly<Ref<DirectoryEntry[]>>
  state: Readonly<Ref<AdminDirectoryState>>
  /** Reads the whole directory again (online: profiles are replicated to their owner only). */
  refresh: () => Promise<void>
}

/** Everyone in the city's directory, for the DX division, through admin_directory. */
export function useAdminDirectory(): UseAdminDirectoryReturn {
  const load = inject(backendKey, getBackend)
  const entries = shallowRef<DirectoryEntry[]>([])
  const state = shallowRef<AdminDirectoryState>('loading')

  async function refresh() {
    state.value = 'loading'
    try {
      const backend = await load()
      entries.value = await backend.call('admin_directory', {})
      state.value = 'ready'
    } catch {
      state.value = 'failed'
    }
  }
  void refresh()
  return { entries, state, refresh }
}
