import type { Subscription } from 'dexie'
import { computed, onScopeDispose, shallowRef, watch, type ComputedRef, type ShallowRef } from 'vue'
import type { AppRole } from '@/domain'
import { useAuthStore } from '@/stores/auth'

/** The app roles that run sessions: facilitators, and the DX division on their behalf. */
export const FACILITATOR_ROLES: readonly AppRole[] = ['facilitator', 'dx_admin']

/**
 * The signed-in person's app role from the replica, null until their profile has arrived. The shell's
 * navigation uses it, so the device database (Dexie) is loaded lazily here, never with first paint.
 */
export function useMyAppRole(): Readonly<ShallowRef<AppRole | null>> {
  const auth = useAuthStore()
  const role = shallowRef<AppRole | null>(null)
  let subscription: Subscription | undefined
  let generation = 0
  const stop = () => {
    subscription?.unsubscribe()
    subscription = undefined
  }
  watch(
    () => auth.userId,
    async (userId) => {
      generation += 1
      const mine = generation
      stop()
      role.value = null
      if (!userId) return
      const [{ db }, { liveQuery }] = await Promise.all([import('@/data'), import('dexie')])
      if (mine !== generation) return
      subscription = liveQuery(() => db.replica('profiles').get(userId)).subscribe({
        next: (profile) => (role.value = profile?.app_role ?? null),
        error: () => (role.value = null),
      })
    },
    { immediate: true },
  )
  onScopeDispose(stop)
  return role
}

export interface UseFacilitatorAccessReturn {
  /** null until the profile has arrived in the replica. */
  allowed: ComputedRef<boolean | null>
}

/** Whether the signed-in person may use the facilitator's screens (the server checks again). */
export function useFacilitatorAccess(): UseFacilitatorAccessReturn {
  const role = useMyAppRole()
  const allowed = computed(() => (role.value ? FACILITATOR_ROLES.includes(role.value) : null))
  return { allowed }
}
