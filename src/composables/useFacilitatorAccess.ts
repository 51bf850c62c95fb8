import { computed, type ComputedRef } from 'vue'
import type { AppRole } from '@/data'
import { useMyProfile } from './useMyProfile'

/** The app roles that run sessions: facilitators, and the DX division on their behalf. */
export const FACILITATOR_ROLES: readonly AppRole[] = ['facilitator', 'dx_admin']

export interface UseFacilitatorAccessReturn {
  /** null until the profile has arrived in the replica. */
  allowed: ComputedRef<boolean | null>
}

/** Whether the signed-in person may use the facilitator's screens (the server checks again). */
export function useFacilitatorAccess(): UseFacilitatorAccessReturn {
  const { data: profile } = useMyProfile()
  const allowed = computed(() => (profile.value ? FACILITATOR_ROLES.includes(profile.value.app_role) : null))
  return { allowed }
}
