import { computed, shallowRef, watch, type ComputedRef } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { useUnsavedInput } from './useUnsavedInput'

export interface UseAdminDraftReturn {
  /** True when the form opened on a draft kept before a reload. */
  restored: boolean
  /** The form differs from what it started from (or was restored to). */
  dirty: ComputedRef<boolean>
  /** Forgets the draft, e.g. once the change is in the outbox; `form` is the new clean state. */
  clear: () => void
  /** The form now stands for this (e.g. the row loaded from the replica): not dirty. */
  reset: () => void
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

/**
 * Keeps an admin form in sessionStorage (per user and form) so a reload loses nothing, and tells the
 * update banner not to reload over it. `form` is a reactive object of plain JSON values.
 */
export function useAdminDraft<T extends object>(name: string, form: T): UseAdminDraftReturn {
  const auth = useAuthStore()
  const key = `dxp:admin-draft:${auth.userId ?? 'nobody'}:${name}`
  const pristine = shallowRef(JSON.stringify(form))
  const restoredFrom = shallowRef(false)
  const text = storage()?.getItem(key) ?? null
  if (text) {
    try {
      Object.assign(form, JSON.parse(text) as Partial<T>)
      restoredFrom.value = true
    } catch {
      storage()?.removeItem(key)
    }
  }
  const restored = restoredFrom.value
  const snapshot = computed(() => JSON.stringify(form))
  const dirty = computed(() => restoredFrom.value || snapshot.value !== pristine.value)
  watch(snapshot, (value) => {
    if (value === pristine.value) storage()?.removeItem(key)
    else storage()?.setItem(key, value)
  })
  useUnsavedInput(dirty)

  const settle = () => {
    storage()?.removeItem(key)
    restoredFrom.value = false
    pristine.value = JSON.stringify(form)
  }
  return { restored, dirty, clear: settle, reset: settle }
}
