import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import { requiredAreasOfProfile, type CatalogueTrainingFacts } from '@/domain'
import {
  db,
  type CertificationRow,
  type KnowledgeAreaRow,
  type OutboxEntry,
  type PositionGradeRow,
  type ProfileRow,
  type RegistrationRow,
  type RoleRequirementRow,
  type SessionRow,
  type TrainingAreaRow,
  type TrainingKindRow,
  type TrainingRow,
} from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'

export interface CatalogueSnapshot {
  trainings: TrainingRow[]
  trainingAreas: TrainingAreaRow[]
  kinds: TrainingKindRow[]
  areas: KnowledgeAreaRow[]
  sessions: SessionRow[]
  grades: PositionGradeRow[]
  requirements: RoleRequirementRow[]
  profile: ProfileRow | undefined
  certifications: CertificationRow[]
  /** Mine only (the replica holds no one else's). */
  registrations: RegistrationRow[]
  /** My register/cancel changes still in the outbox (pending, in flight or rejected). */
  changes: OutboxEntry[]
}

const EMPTY: CatalogueSnapshot = {
  trainings: [],
  trainingAreas: [],
  kinds: [],
  areas: [],
  sessions: [],
  grades: [],
  requirements: [],
  profile: undefined,
  certifications: [],
  registrations: [],
  changes: [],
}

export type CatalogueTraining = TrainingRow &
  CatalogueTrainingFacts<SessionRow> & { areaCodes: string[]; sessions: SessionRow[] }

export interface UseCatalogueReturn {
  snapshot: Readonly<ComputedRef<CatalogueSnapshot>>
  isLoading: Readonly<ComputedRef<boolean>>
  /** Every training with all its sessions and covered areas. */
  trainings: ComputedRef<CatalogueTraining[]>
  /** Codes of the areas my roles require (empty until my profile has synced). */
  requiredAreaCodes: ComputedRef<Set<string>>
}

/** The catalogue as the replica holds it: trainings, their sessions and areas, and my part in them. */
export function useCatalogue(): UseCatalogueReturn {
  const { userId } = storeToRefs(useAuthStore())
  const { data, isLoading } = useLiveQuery(
    async (): Promise<CatalogueSnapshot> => {
      const me = userId.value
      const [trainings, trainingAreas, kinds, areas, sessions, grades, requirements] = await Promise.all([
        db.replica('trainings').toArray(),
        db.replica('training_areas').toArray(),
        db.replica('training_kinds').orderBy('sort_order').toArray(),
        db.replica('knowledge_areas').orderBy('sort_order').toArray(),
        db.replica('sessions').toArray(),
        db.replica('position_grades').toArray(),
        db.replica('role_requirements').toArray(),
      ])
      if (!me) return { ...EMPTY, trainings, trainingAreas, kinds, areas, sessions, grades, requirements }
      const [profile, certifications, registrations, outbox] = await Promise.all([
        db.replica('profiles').get(me),
        db.replica('certifications').where('employee_id').equals(me).toArray(),
        db.replica('registrations').where('employee_id').equals(me).toArray(),
        db.outbox.where('[user_id+seq]').between([me, -Infinity], [me, Infinity]).toArray(),
      ])
      const changes = outbox.filter((e) => e.kind === 'register_session' || e.kind === 'cancel_registration')
      return {
        trainings,
        trainingAreas,
        kinds,
        areas,
        sessions,
        grades,
        requirements,
        profile,
        certifications,
        registrations,
        changes,
      }
    },
    { deps: userId, initialValue: EMPTY },
  )

  const snapshot = computed(() => data.value)
  const trainings = computed<CatalogueTraining[]>(() => {
    const s = data.value
    const areasOf = new Map<string, string[]>()
    for (const row of s.trainingAreas)
      areasOf.set(row.training_id, [...(areasOf.get(row.training_id) ?? []), row.area_code])
    const order = new Map(s.areas.map((a) => [a.code, a.sort_order]))
    const sessionsOf = new Map<string, SessionRow[]>()
    for (const row of s.sessions)
      sessionsOf.set(row.training_id, [...(sessionsOf.get(row.training_id) ?? []), row])
    return s.trainings.map((t) => ({
      ...t,
      areaCodes: (areasOf.get(t.id) ?? []).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99)),
      sessions: sessionsOf.get(t.id) ?? [],
    }))
  })
  const requiredAreaCodes = computed(() => {
    const s = data.value
    if (!s.profile) return new Set<string>()
    const areas = requiredAreasOfProfile(s.profile, s.certifications, {
      knowledgeAreas: s.areas,
      positionGrades: s.grades,
      roleRequirements: s.requirements,
    })
    return new Set(areas.map((a) => a.code))
  })
  return { snapshot, isLoading: computed(() => isLoading.value), trainings, requiredAreaCodes }
}
