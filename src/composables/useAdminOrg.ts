import { db, dismissRejected, mutate, type MutateResult, type MutationInput, type OutboxEntry } from '@/data'
import { useSessionStore } from '@/stores/session'
import { useAdminOrgReference, type UseAdminOrgReferenceReturn } from './useAdminOrgReference'
import { useLiveQuery } from './useLiveQuery'

export interface UseAdminOrgReturn extends UseAdminOrgReferenceReturn {
  /** Department and grade changes still waiting to be sent, or refused. */
  entries: ReturnType<typeof useLiveQuery<OutboxEntry[], OutboxEntry[]>>['data']
  saveDepartment: (input: MutationInput<'save_department'>) => Promise<MutateResult>
  savePositionGrade: (input: MutationInput<'save_position_grade'>) => Promise<MutateResult>
  dismiss: (opId: string) => Promise<boolean>
}

/** The organisation (April reorganisations): departments and grades, edited through the outbox. */
export function useAdminOrg(): UseAdminOrgReturn {
  const session = useSessionStore()
  const reference = useAdminOrgReference()
  const { data: entries } = useLiveQuery(
    async () =>
      (await db.outbox.toArray())
        .filter((e) => e.kind === 'save_department' || e.kind === 'save_position_grade')
        .sort((a, b) => a.seq - b.seq),
    { initialValue: [] as OutboxEntry[] },
  )
  const uid = () => session.user?.id ?? ''
  return {
    ...reference,
    entries,
    saveDepartment: (input) => mutate(db, uid(), 'save_department', input),
    savePositionGrade: (input) => mutate(db, uid(), 'save_position_grade', input),
    dismiss: (opId) => dismissRejected(db, opId),
  }
}
