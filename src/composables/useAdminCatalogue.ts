import { computed, type ComputedRef, type Ref } from 'vue'
import {
  db,
  dismissRejected,
  outboxAbout,
  type DxRoleRow,
  type KnowledgeAreaRow,
  type MutateResult,
  type MutationInput,
  type OutboxEntry,
  type SessionRow,
  type SurveyTemplateRow,
  type TrainingKindRow,
  type TrainingRow,
} from '@/data'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

export interface AdminTrainingListItem {
  training: TrainingRow
  sessionCount: number
  cancelledCount: number
}

/** Every training with its session counts, and the kinds: the DX division's catalogue, offline too. */
export function useAdminTrainings() {
  const { data: trainings } = useLiveQuery(
    async (): Promise<AdminTrainingListItem[]> => {
      const [rows, sessions] = await Promise.all([
        db.replica('trainings').toArray(),
        db.replica('sessions').toArray(),
      ])
      return rows
        .map((training) => {
          const own = sessions.filter((s) => s.training_id === training.id)
          return {
            training,
            sessionCount: own.length,
            cancelledCount: own.filter((s) => s.status === 'cancelled').length,
          }
        })
        .sort((a, b) => a.training.title.localeCompare(b.training.title, 'ja'))
    },
    { initialValue: [] as AdminTrainingListItem[] },
  )
  const { data: kinds } = useLiveQuery(() => db.replica('training_kinds').orderBy('sort_order').toArray(), {
    initialValue: [] as TrainingKindRow[],
  })
  return { trainings, kinds }
}

export interface AdminTrainingReturn {
  training: Readonly<Ref<TrainingRow | undefined>>
  areaCodes: Readonly<Ref<string[]>>
  roleCodes: Readonly<Ref<string[]>>
  sessions: Readonly<Ref<SessionRow[]>>
  kinds: Readonly<Ref<TrainingKindRow[]>>
  areas: Readonly<Ref<KnowledgeAreaRow[]>>
  roles: Readonly<Ref<DxRoleRow[]>>
  templates: Readonly<Ref<SurveyTemplateRow[]>>
  /** Changes about this training or its sessions still in the outbox (送信待ち) or refused (却下). */
  entries: Readonly<Ref<OutboxEntry[]>>
  isLoading: Readonly<Ref<boolean>>
  saveTraining: (input: MutationInput<'save_training'>) => Promise<MutateResult>
  saveSession: (input: MutationInput<'save_session'>) => Promise<MutateResult>
  cancelSession: (input: MutationInput<'cancel_session'>) => Promise<MutateResult>
  pendingCount: ComputedRef<number>
  /** Lets a refused change go once read. */
  dismiss: (mutationId: string) => Promise<boolean>
}

/** One training of the catalogue with what its editor needs; writes go through the outbox. */
export function useAdminTraining(id: () => string): AdminTrainingReturn {
  const mutate = useMutate()
  const deps = computed(id)
  const { data: training, isLoading } = useLiveQuery(() => db.replica('trainings').get(deps.value), { deps })
  const { data: areaCodes } = useLiveQuery(
    async () =>
      (await db.replica('training_areas').where('training_id').equals(deps.value).toArray()).map(
        (r) => r.area_code,
      ),
    { deps, initialValue: [] as string[] },
  )
  const { data: roleCodes } = useLiveQuery(
    async () =>
      (await db.replica('training_target_roles').toArray())
        .filter((r) => r.training_id === deps.value)
        .map((r) => r.role_code),
    { deps, initialValue: [] as string[] },
  )
  const { data: sessions } = useLiveQuery(
    () => db.replica('sessions').where('training_id').equals(deps.value).sortBy('starts_at'),
    { deps, initialValue: [] as SessionRow[] },
  )
  const { data: kinds } = useLiveQuery(() => db.replica('training_kinds').orderBy('sort_order').toArray(), {
    initialValue: [] as TrainingKindRow[],
  })
  const { data: areas } = useLiveQuery(() => db.replica('knowledge_areas').orderBy('sort_order').toArray(), {
    initialValue: [] as KnowledgeAreaRow[],
  })
  const { data: roles } = useLiveQuery(() => db.replica('dx_roles').orderBy('sort_order').toArray(), {
    initialValue: [] as DxRoleRow[],
  })
  const { data: templates } = useLiveQuery(() => db.replica('survey_templates').toArray(), {
    initialValue: [] as SurveyTemplateRow[],
  })
  const { data: entries } = useLiveQuery(
    async () => {
      const own = await outboxAbout(db, 'trainings', deps.value)
      const ids = (await db
        .replica('sessions')
        .where('training_id')
        .equals(deps.value)
        .primaryKeys()) as string[]
      const about = await Promise.all(ids.map((sid) => outboxAbout(db, 'sessions', sid)))
      const seen = new Map<string, OutboxEntry>()
      for (const entry of [...own, ...about.flat()]) seen.set(entry.id, entry)
      return [...seen.values()].sort((a, b) => a.seq - b.seq)
    },
    { deps, initialValue: [] as OutboxEntry[] },
  )
  const pendingCount = computed(() => entries.value.filter((e) => e.status !== 'rejected').length)

  return {
    training,
    areaCodes,
    roleCodes,
    sessions,
    kinds,
    areas,
    roles,
    templates,
    entries,
    isLoading,
    pendingCount,
    saveTraining: (input) => mutate('save_training', input),
    saveSession: (input) => mutate('save_session', input),
    cancelSession: (input) => mutate('cancel_session', input),
    dismiss: (mutationId) => dismissRejected(db, mutationId),
  }
}
