import { storeToRefs } from 'pinia'
import { db, type ProfileRow } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery, type UseLiveQueryReturn } from './useLiveQuery'

/** The signed-in person's own profiles row, from the replica (so it shows offline too). */
export function useMyProfile(): UseLiveQueryReturn<ProfileRow | undefined> {
  const { userId } = storeToRefs(useAuthStore())
  return useLiveQuery(() => (userId.value ? db.replica('profiles').get(userId.value) : undefined), {
    deps: userId,
  })
}
