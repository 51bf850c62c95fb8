import { computed, onScopeDispose, shallowRef, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { storeToRefs } from 'pinia'
import { registrationState, type MyChangeFacts, type RegistrationState } from '@/domain'
import {
  db,
  trainingAreas,
  dismissRejected,
  refOf,
  type KnowledgeAreaRow,
  type MutateResult,
  type OutboxEntry,
  type RegistrationRow,
  type SessionRow,
  type TrainingKindRow,
  type TrainingRow,
} from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

export interface SessionDetail {
  session: SessionRow
  training: TrainingRow | undefined
  kind: TrainingKindRow | undefined
  areas: KnowledgeAreaRow[]
  /** Mine for this session, newest first. */
  registrations: RegistrationRow[]
  /** My register/cancel changes about this session still in the outbox. */
  changes: OutboxEntry[]
}

export interface UseSessionDetailReturn {
  /** undefined while loading, null when the replica has no such session. */
  detail: ComputedRef<SessionDetail | null | undefined>
  state: ComputedRef<RegistrationState | null>
  /** The server's message of the rejection shown, if it sent one. */
  rejectionMessage: ComputedRef<string | null>
  register: () => Promise<MutateResult | null>
  cancel: () => Promise<MutateResult | null>
  dismissRejection: () => Promise<void>
}

/** How often "now" moves on, so a deadline passing while the page is open shows as 締切. */
const CLOCK_MS = 30_000

export function changeFactsOf(entry: OutboxEntry): MyChangeFacts | null {
  if (entry.kind !== 'register_session' && entry.kind !== 'cancel_registration') return null
  return {
    seq: entry.seq,
    id: entry.id,
    kind: entry.kind,
    status: entry.status,
    last_error_code: entry.last_error_code,
  }
}

/** One session with its training and my registration state, and the two changes I can make. */
export function useSessionDetail(sessionId: MaybeRefOrGetter<string>): UseSessionDetailReturn {
  const { userId } = storeToRefs(useAuthStore())
  const mutate = useMutate()
  const id = computed(() => toValue(sessionId))
  const now = shallowRef(new Date())
  const timer = setInterval(() => (now.value = new Date()), CLOCK_MS)
  onScopeDispose(() => clearInterval(timer))

  const { data } = useLiveQuery(
    async (): Promise<SessionDetail | null> => {
      const session = await db.replica('sessions').get(id.value)
      if (!session) return null
      const me = userId.value
      const [training, areas, registrations, about] = await Promise.all([
        db.replica('trainings').get(session.training_id),
        trainingAreas(db, session.training_id),
        me
          ? db.replica('registrations').where('[employee_id+session_id]').equals([me, session.id]).toArray()
          : Promise.resolve([]),
        db.outbox.where('subjects').equals(refOf('sessions', session.id)).sortBy('seq'),
      ])
      const kind = training ? await db.replica('training_kinds').get(training.kind) : undefined
      return {
        session,
        training,
        kind,
        areas,
        registrations: registrations.sort((a, b) => b.registered_at.localeCompare(a.registered_at)),
        changes: about.filter((e) => e.user_id === me && changeFactsOf(e) !== null),
      }
    },
    { deps: [id, userId] },
  )

  const detail = computed(() => data.value)
  const state = computed(() => {
    const d = data.value
    if (!d) return null
    const facts = d.changes.map(changeFactsOf).filter((c): c is MyChangeFacts => c !== null)
    return registrationState(d.session, d.registrations, facts, now.value)
  })
  const rejectionMessage = computed(() => {
    const mutationId = state.value?.rejection?.mutationId
    return data.value?.changes.find((e) => e.id === mutationId)?.last_error_message ?? null
  })

  async function change(kind: 'register_session' | 'cancel_registration'): Promise<MutateResult | null> {
    if (!userId.value) return null
    // A rejection the user saw is answered by the new attempt: let it go.
    const shown = state.value?.rejection?.mutationId
    if (shown) await dismissRejected(db, shown)
    return mutate(kind, { session_id: id.value })
  }

  return {
    detail,
    state,
    rejectionMessage,
    register: () => change('register_session'),
    cancel: () => change('cancel_registration'),
    dismissRejection: async () => {
      const mutationId = state.value?.rejection?.mutationId
      if (mutationId) await dismissRejected(db, mutationId)
    },
  }
}
