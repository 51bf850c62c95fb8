import { computed } from 'vue'
import { db, type ProfileRow } from '@/data'
import { useSessionStore } from '@/stores/session'
import { useLiveQuery, type UseLiveQueryReturn } from './useLiveQuery'

/** The signed-in person's own profiles row, from the replica (so it shows offline too). */
export function useMyProfile(): UseLiveQueryReturn<ProfileRow | undefined> {
  const session = useSessionStore()
  const userId = computed(() => session.user?.id ?? null)
  return useLiveQuery(() => (userId.value ? db.replica('profiles').get(userId.value) : undefined), {
    deps: userId,
  })
}
