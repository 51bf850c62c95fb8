import { db, dismissRejected, type MutateResult, type MutationInput, type OutboxEntry } from '@/data'
import { useAdminOrgReference, type UseAdminOrgReferenceReturn } from './useAdminOrgReference'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

export interface UseAdminOrgReturn extends UseAdminOrgReferenceReturn {
  /** Department and grade changes still waiting to be sent, or refused. */
  entries: ReturnType<typeof useLiveQuery<OutboxEntry[], OutboxEntry[]>>['data']
  saveDepartment: (input: MutationInput<'save_department'>) => Promise<MutateResult>
  savePositionGrade: (input: MutationInput<'save_position_grade'>) => Promise<MutateResult>
  dismiss: (mutationId: string) => Promise<boolean>
}

/** The organisation (April reorganisations): departments and grades, edited through the outbox. */
export function useAdminOrg(): UseAdminOrgReturn {
  const mutate = useMutate()
  const reference = useAdminOrgReference()
  const { data: entries } = useLiveQuery(
    async () =>
      (await db.outbox.toArray())
        .filter((e) => e.kind === 'save_department' || e.kind === 'save_position_grade')
        .sort((a, b) => a.seq - b.seq),
    { initialValue: [] as OutboxEntry[] },
  )
  return {
    ...reference,
    entries,
    saveDepartment: (input) => mutate('save_department', input),
    savePositionGrade: (input) => mutate('save_position_grade', input),
    dismiss: (mutationId) => dismissRejected(db, mutationId),
  }
}
