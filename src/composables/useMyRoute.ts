import { computed, type ComputedRef, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import type { DxpErrorCode } from '@/contract'
import {
  db,
  outboxAbout,
  type CertificationDecisionRow,
  type CertificationRuleRow,
  type DxRoleRow,
  type KnowledgeAreaRow,
  type OutboxEntry,
  type ProfileRow,
} from '@/data'
import { certificationRoute, fiscalYearOf, type CertificationRoute } from '@/domain'
import {
  certificationFactsOf,
  divisionDecisionOf,
  latestDecisionOf,
  proposeSessions,
  type DivisionDecision,
  type ProposedSession,
} from '@/domain/route-sessions'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

/** Where the employee's own candidacy request stands (the latest one in the outbox). */
export type VolunteerState =
  | { state: 'none' }
  | { state: 'pending'; fiscalYear: number }
  | { state: 'rejected'; mutationId: string; code: string; message: string | null }

export interface RouteTraining {
  id: string
  title: string
  /** The employee's registration of one of its sessions, if any (confirmed, attended…). */
  registrationStatus: string | null
}

export interface MyRoute {
  profile: ProfileRow | undefined
  route: CertificationRoute
  /** Every rule of the plan, in order, for someone not yet on the route. */
  rules: CertificationRuleRow[]
  areas: KnowledgeAreaRow[]
  leaderRole: DxRoleRow | undefined
  decision: DivisionDecision
  /** The DX division's most recent decision about me (its reason included), or null before any. */
  latestDecision: CertificationDecisionRow | null
  /** The latest decision returned my candidacy of the year my profile names (so I am not shown as candidate). */
  candidacyReturned: boolean
  proposed: ProposedSession[]
  /** The e-learning of the candidacy year, when the plan has it. */
  candidacyElearning: RouteTraining | null
  /** Titles of the attended workshops whose survey is still to be sent. */
  attendedWithoutSurvey: { sessionId: string; title: string }[]
  volunteer: VolunteerState
  /** The active certification's approval, for the certificate. */
  certifiedAt: string | null
  certifiedFiscalYear: number | null
}

export interface UseMyRouteReturn {
  data: Readonly<Ref<MyRoute | undefined>>
  isLoading: Readonly<Ref<boolean>>
  currentFiscalYear: ComputedRef<number>
  /** Queues 立候補 for the current fiscal year; the code of a refusal by the local checks. */
  volunteer: () => Promise<{ ok: true } | { ok: false; code: DxpErrorCode }>
}

async function loadRoute(userId: string, now: Date): Promise<MyRoute> {
  const [
    profile,
    learningRecords,
    registrations,
    sessions,
    trainings,
    trainingAreas,
    surveySubmissions,
    certifications,
    decisions,
    rules,
    areas,
    roleRequirements,
    leaderRole,
    aboutProfile,
  ] = await Promise.all([
    db.replica('profiles').get(userId),
    db.replica('learning_records').where('employee_id').equals(userId).toArray(),
    db.replica('registrations').where('employee_id').equals(userId).toArray(),
    db.replica('sessions').toArray(),
    db.replica('trainings').toArray(),
    db.replica('training_areas').toArray(),
    db.replica('survey_submissions').where('employee_id').equals(userId).toArray(),
    db.replica('certifications').where('employee_id').equals(userId).toArray(),
    db.replica('certification_decisions').where('employee_id').equals(userId).toArray(),
    db.replica('certification_rules').orderBy('sort_order').toArray(),
    db.replica('knowledge_areas').orderBy('sort_order').toArray(),
    db.replica('role_requirements').toArray(),
    db.replica('dx_roles').get('leader'),
    outboxAbout(db, 'profiles', userId),
  ])
  const facts = certificationFactsOf({
    profile,
    learningRecords,
    registrations,
    sessions,
    trainings,
    surveySubmissions,
    certifications,
    decisions,
  })
  const route = certificationRoute(rules, facts, { knowledgeAreas: areas, roleRequirements })

  const missingAreaCodes = route.steps.flatMap((step) =>
    step.status === 'not_met' && step.detail.type === 'areas_completed' ? step.detail.missingAreaCodes : [],
  )
  const neededKinds = route.steps.flatMap((step) =>
    step.status === 'not_met' && step.detail.type === 'training_attended_with_survey'
      ? [step.detail.trainingKind]
      : [],
  )
  const proposed = proposeSessions({
    needs: { areaCodes: missingAreaCodes, trainingKinds: neededKinds },
    sessions,
    trainings,
    trainingAreas,
    registrations,
    now,
  })

  const sessionById = new Map(sessions.map((session) => [session.id, session]))
  const trainingById = new Map(trainings.map((training) => [training.id, training]))
  const elearningStep = route.steps.find((step) => step.detail.type === 'training_completed')
  let candidacyElearning: RouteTraining | null = null
  if (elearningStep?.detail.type === 'training_completed') {
    const { trainingKind, fiscalYear } = elearningStep.detail
    const training = trainings.find(
      (row) => row.kind === trainingKind && (fiscalYear === 'any' || row.fiscal_year === fiscalYear),
    )
    if (training) {
      const registration = registrations.find(
        (row) => sessionById.get(row.session_id)?.training_id === training.id && row.status !== 'cancelled',
      )
      candidacyElearning = {
        id: training.id,
        title: training.title,
        registrationStatus: registration?.status ?? null,
      }
    }
  }
  const attendedWithoutSurvey = route.steps.flatMap((step) =>
    step.detail.type === 'training_attended_with_survey'
      ? step.detail.attendedWithoutSurvey.map((sessionId) => {
          const session = sessionById.get(sessionId)
          return { sessionId, title: (session && trainingById.get(session.training_id)?.title) ?? '' }
        })
      : [],
  )

  const decision = divisionDecisionOf(certifications)
  return {
    profile,
    route,
    rules,
    areas,
    leaderRole,
    decision,
    latestDecision: latestDecisionOf(decisions),
    candidacyReturned: facts.candidacyReturned != null,
    proposed,
    candidacyElearning,
    attendedWithoutSurvey,
    volunteer: volunteerStateOf(aboutProfile),
    certifiedAt: decision.state === 'approved' ? decision.approvedAt : null,
    certifiedFiscalYear: decision.state === 'approved' ? decision.fiscalYear : null,
  }
}

function volunteerStateOf(entries: readonly OutboxEntry[]): VolunteerState {
  const latest = entries.filter((entry) => entry.kind === 'volunteer_candidacy').at(-1)
  if (!latest || latest.kind !== 'volunteer_candidacy') return { state: 'none' }
  if (latest.status === 'rejected') {
    return {
      state: 'rejected',
      mutationId: latest.id,
      code: latest.last_error_code ?? '',
      message: latest.last_error_message,
    }
  }
  return { state: 'pending', fiscalYear: latest.args.fiscal_year }
}

/** The signed-in employee's route to DX推進リーダー, read from the replica (so it works offline). */
export function useMyRoute(options: { now?: () => Date } = {}): UseMyRouteReturn {
  const { userId } = storeToRefs(useAuthStore())
  const mutate = useMutate()
  const now = options.now ?? (() => new Date())
  const { data, isLoading } = useLiveQuery(
    () => (userId.value ? loadRoute(userId.value, now()) : undefined),
    { deps: userId },
  )
  const currentFiscalYear = computed(() => fiscalYearOf(now()))

  async function volunteer(): Promise<{ ok: true } | { ok: false; code: DxpErrorCode }> {
    const result = await mutate('volunteer_candidacy', {
      fiscal_year: currentFiscalYear.value,
    })
    return result.ok ? { ok: true } : { ok: false, code: result.code }
  }

  return { data, isLoading, currentFiscalYear, volunteer }
}
