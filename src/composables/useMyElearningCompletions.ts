import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import {
  db,
  type ElearningCompletionRow,
  type MutateResult,
  type MutationInput,
  type OutboxEntry,
  type OutboxEntryOfKind,
} from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'
import { useOutboxEntries } from './useOutboxEntries'

export interface UseMyElearningCompletionsReturn {
  /** The server's rows: imported, reported (確認待ち), confirmed, returned with a reason; newest first. */
  completions: ComputedRef<ElearningCompletionRow[]>
  /** Reports not yet answered by the server (送信待ち), or refused (却下 with the reason). */
  reports: ComputedRef<OutboxEntryOfKind<'report_elearning_completion'>[]>
  report: (input: Omit<MutationInput<'report_elearning_completion'>, 'id'>) => Promise<MutateResult>
  dismiss: (mutationId: string) => Promise<boolean>
}

/** The signed-in employee's e-learning completions and their own reports of one (the fallback path). */
export function useMyElearningCompletions(): UseMyElearningCompletionsReturn {
  const { userId } = storeToRefs(useAuthStore())
  const mutate = useMutate()
  const { entries, dismiss } = useOutboxEntries()
  const { data } = useLiveQuery(
    () =>
      userId.value
        ? db.replica('elearning_completions').where('employee_id').equals(userId.value).toArray()
        : [],
    { deps: userId, initialValue: [] as ElearningCompletionRow[] },
  )
  const completions = computed(() =>
    [...data.value].sort(
      (a, b) => b.completed_on.localeCompare(a.completed_on) || b.reported_at.localeCompare(a.reported_at),
    ),
  )
  const reports = computed(() =>
    entries.value.filter(
      (e: OutboxEntry): e is OutboxEntryOfKind<'report_elearning_completion'> =>
        e.kind === 'report_elearning_completion',
    ),
  )
  return {
    completions,
    reports,
    report: (input) => mutate('report_elearning_completion', { id: crypto.randomUUID(), ...input }),
    dismiss,
  }
}
