import { computed, watch, type ComputedRef } from 'vue'
import type { ElearningReport } from '@/contract'
import { db, dismissRejected, type MutateResult, type OutboxEntry } from '@/data'
import { useDivisionRpc, type UseDivisionRpcReturn } from './useDivisionRpc'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

const KINDS: readonly string[] = ['confirm_elearning_completion', 'return_elearning_completion']

export interface UseAdminElearningReportsReturn {
  query: UseDivisionRpcReturn<ElearningReport[]>
  /** Reports awaiting a decision, without those decided here and not yet sent. */
  reports: ComputedRef<ElearningReport[]>
  /** Decisions still waiting to be sent, or refused. */
  entries: ReturnType<typeof useLiveQuery<OutboxEntry[], OutboxEntry[]>>['data']
  confirm: (id: string, areaCodes: string[] | null) => Promise<MutateResult>
  returnReport: (id: string, reason: string) => Promise<MutateResult>
  dismiss: (mutationId: string) => Promise<boolean>
}

/**
 * Employees' own e-learning completions awaiting the DX division (online read), and the decisions on
 * them, made through the outbox like every change; the list is read again once a decision is sent.
 */
export function useAdminElearningReports(): UseAdminElearningReportsReturn {
  const mutate = useMutate()
  const query = useDivisionRpc('admin_elearning_reports', {})
  const { data: entries } = useLiveQuery(
    async () =>
      (await db.outbox.toArray()).filter((e) => KINDS.includes(e.kind)).sort((a, b) => a.seq - b.seq),
    { initialValue: [] as OutboxEntry[] },
  )
  const deciding = computed(
    () =>
      new Set(
        entries.value
          .filter((e) => e.status !== 'rejected')
          .map((e) => String((e.args as { id: string }).id)),
      ),
  )
  const reports = computed(() => (query.data.value ?? []).filter((r) => !deciding.value.has(r.id)))
  watch(
    () => entries.value.length,
    (now, before) => {
      if (now < before) void query.reload()
    },
  )
  return {
    query,
    reports,
    entries,
    confirm: (id, areaCodes) =>
      mutate('confirm_elearning_completion', areaCodes === null ? { id } : { id, area_codes: areaCodes }),
    returnReport: (id, reason) => mutate('return_elearning_completion', { id, reason }),
    dismiss: (mutationId) => dismissRejected(db, mutationId),
  }
}
