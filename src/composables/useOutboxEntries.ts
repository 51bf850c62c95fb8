import Dexie from 'dexie'
import { computed, type ComputedRef, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { db, dismissRejected, type OutboxEntry } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'

export interface UseOutboxEntriesReturn {
  /** The signed-in user's outbox, in the order the changes were made. */
  entries: Readonly<Ref<readonly OutboxEntry[]>>
  /** Waiting to be sent or being sent. */
  pending: ComputedRef<OutboxEntry[]>
  rejected: ComputedRef<OutboxEntry[]>
  /** Lets a rejected change go once the user has read why; false if it was not rejected. */
  dismiss: (mutationId: string) => Promise<boolean>
}

/** The signed-in user's changes not yet confirmed, and those the server refused, kept until dismissed. */
export function useOutboxEntries(): UseOutboxEntriesReturn {
  const { userId } = storeToRefs(useAuthStore())
  const { data: entries } = useLiveQuery(
    () =>
      userId.value
        ? db.outbox
            .where('[user_id+seq]')
            .between([userId.value, Dexie.minKey], [userId.value, Dexie.maxKey])
            .toArray()
        : [],
    { deps: userId, initialValue: [] as OutboxEntry[] },
  )
  const pending = computed(() => entries.value.filter((entry) => entry.status !== 'rejected'))
  const rejected = computed(() => entries.value.filter((entry) => entry.status === 'rejected'))
  return { entries, pending, rejected, dismiss: (mutationId) => dismissRejected(db, mutationId) }
}
