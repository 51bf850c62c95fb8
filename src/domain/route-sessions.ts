/**
 * The facts the certification route is evaluated on, assembled from replica rows, and the upcoming
 * sessions that would close what is still missing. Inputs are typed structurally (snake_case, as
 * the replica stores them) so the data layer can pass its rows as they are.
 */
import type { CertificationFacts } from './certification-route'
import { candidacyOf } from './dx-role'
import { tokyoDateOf } from './fiscal-year'
import type { FiscalYear, KnowledgeAreaCode, LearningRecord, ProfileFacts, TrainingKindCode } from './types'

export type ProfileLike = Pick<ProfileFacts, 'leader_candidacy_fy' | 'leader_candidacy_method'>
export type LearningRecordLike = Pick<LearningRecord, 'area_code'>
export interface RegistrationLike {
  session_id: string
  status: string
}
export interface SessionLike {
  id: string
  training_id: string
  starts_at: string
  registration_deadline: string
  status: string
}
export interface TrainingLike {
  id: string
  kind: string
  fiscal_year: number
  title: string
}
export interface TrainingAreaLike {
  training_id: string
  area_code: string
}
export interface SurveySubmissionLike {
  session_id: string
}
export interface CertificationLike {
  fiscal_year: number
  approved_at: string
  revoked_at: string | null
  revoked_reason: string | null
}

export interface DecisionLike {
  decision: 'approved' | 'returned' | 'revoked' | 'nominated' | 'acknowledged'
  fiscal_year: number | null
  reason: string | null
  decided_at: string
}

export interface RouteRows {
  profile: ProfileLike | undefined
  learningRecords: readonly LearningRecordLike[]
  registrations: readonly RegistrationLike[]
  sessions: readonly SessionLike[]
  trainings: readonly TrainingLike[]
  surveySubmissions: readonly SurveySubmissionLike[]
  certifications: readonly CertificationLike[]
  /** The DX division's decisions about the employee (certification_decisions), any order. */
  decisions?: readonly DecisionLike[]
}

/** The DX division's decision as the employee's certifications rows tell it. */
export type DivisionDecision =
  | { state: 'waiting' }
  | { state: 'approved'; approvedAt: string; fiscalYear: FiscalYear }
  | { state: 'revoked'; approvedAt: string; revokedAt: string; reason: string }

/** An active certification wins; else the latest revoked one; none means the decision is awaited. */
export function divisionDecisionOf(certifications: readonly CertificationLike[]): DivisionDecision {
  const byLatest = [...certifications].sort((a, b) => Date.parse(b.approved_at) - Date.parse(a.approved_at))
  const active = byLatest.find((row) => row.revoked_at === null)
  if (active) return { state: 'approved', approvedAt: active.approved_at, fiscalYear: active.fiscal_year }
  const revoked = byLatest[0]
  if (revoked?.revoked_at) {
    return {
      state: 'revoked',
      approvedAt: revoked.approved_at,
      revokedAt: revoked.revoked_at,
      reason: revoked.revoked_reason ?? '',
    }
  }
  return { state: 'waiting' }
}

/** The DX division's most recent decision about the employee, or null before any. */
export function latestDecisionOf<D extends DecisionLike>(decisions: readonly D[]): D | null {
  let latest: D | null = null
  for (const row of decisions) {
    if (latest === null || Date.parse(row.decided_at) > Date.parse(latest.decided_at)) latest = row
  }
  return latest
}

/**
 * The return (差戻し) of the employee's candidacy, when it is the division's last word on it: the
 * latest decision returned the candidacy of the year the profile still names. A later
 * acknowledgement, nomination or approval supersedes it.
 */
export function returnedCandidacyOf(
  profile: ProfileLike | undefined,
  decisions: readonly DecisionLike[],
): { reason: string; decidedAt: string } | null {
  const latest = latestDecisionOf(decisions)
  if (latest?.decision !== 'returned' || profile?.leader_candidacy_fy == null) return null
  if (latest.fiscal_year !== profile.leader_candidacy_fy) return null
  return { reason: latest.reason ?? '', decidedAt: latest.decided_at }
}

/** The facts of certificationRoute() from the employee's replica rows. */
export function certificationFactsOf(rows: RouteRows): CertificationFacts {
  const { profile } = rows
  const sessions = new Map(rows.sessions.map((session) => [session.id, session]))
  const trainings = new Map(rows.trainings.map((training) => [training.id, training]))
  const surveyed = new Set(rows.surveySubmissions.map((submission) => submission.session_id))
  const attended = rows.registrations.flatMap((registration) => {
    if (registration.status !== 'attended') return []
    const session = sessions.get(registration.session_id)
    const training = session && trainings.get(session.training_id)
    return training ? [{ session: session, training }] : []
  })
  const decision = divisionDecisionOf(rows.certifications)
  return {
    candidacy: profile ? candidacyOf(profile) : null,
    candidacyReturned: returnedCandidacyOf(profile, rows.decisions ?? []),
    completedAreaCodes: [...new Set(rows.learningRecords.map((record) => record.area_code))],
    completedTrainings: attended.map(({ training }) => ({
      trainingKind: training.kind,
      fiscalYear: training.fiscal_year,
    })),
    attendances: attended.map(({ session, training }) => ({
      sessionId: session.id,
      trainingKind: training.kind,
      surveySubmitted: surveyed.has(session.id),
    })),
    approval:
      decision.state === 'waiting'
        ? null
        : {
            approvedOn: tokyoDateOf(new Date(decision.approvedAt)),
            revoked: decision.state === 'revoked',
          },
  }
}

export interface SessionNeeds {
  /** Areas still missing, in the order they should be proposed for. */
  areaCodes: readonly KnowledgeAreaCode[]
  /** Training kinds a step still needs attended (a workshop). */
  trainingKinds: readonly TrainingKindCode[]
}

export interface ProposedSession {
  sessionId: string
  trainingId: string
  title: string
  trainingKind: TrainingKindCode
  startsAt: string
  /** The missing areas this session's training covers. */
  closesAreaCodes: KnowledgeAreaCode[]
  /** True when the session is of a training kind a step needs. */
  meetsTrainingKind: boolean
  /** The employee's own live registration of it, if any. */
  registration: 'confirmed' | 'waitlisted' | null
}

export interface ProposeSessionsInput {
  needs: SessionNeeds
  sessions: readonly SessionLike[]
  trainings: readonly TrainingLike[]
  trainingAreas: readonly TrainingAreaLike[]
  /** The employee's registrations, so a session already applied for is shown as such. */
  registrations?: readonly RegistrationLike[]
  now: Date
}

/**
 * For each missing area and each needed training kind, the earliest session that is scheduled, still
 * ahead, and open for registration (or already applied for), listed once each by start time.
 */
export function proposeSessions(input: ProposeSessionsInput): ProposedSession[] {
  const now = input.now.getTime()
  const live = new Map<string, 'confirmed' | 'waitlisted'>()
  for (const registration of input.registrations ?? []) {
    if (registration.status === 'confirmed' || registration.status === 'waitlisted') {
      live.set(registration.session_id, registration.status)
    }
  }
  const trainings = new Map(input.trainings.map((training) => [training.id, training]))
  const areasOf = new Map<string, Set<string>>()
  for (const row of input.trainingAreas) {
    const set = areasOf.get(row.training_id) ?? new Set<string>()
    set.add(row.area_code)
    areasOf.set(row.training_id, set)
  }
  const open = input.sessions
    .filter(
      (session) =>
        session.status === 'scheduled' &&
        trainings.has(session.training_id) &&
        Date.parse(session.starts_at) > now &&
        (Date.parse(session.registration_deadline) > now || live.has(session.id)),
    )
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id.localeCompare(b.id))

  const picked = new Map<string, SessionLike>()
  for (const area of input.needs.areaCodes) {
    const session = open.find((s) => areasOf.get(s.training_id)?.has(area))
    if (session) picked.set(session.id, session)
  }
  for (const kind of input.needs.trainingKinds) {
    const session = open.find((s) => trainings.get(s.training_id)?.kind === kind)
    if (session) picked.set(session.id, session)
  }
  return open
    .filter((session) => picked.has(session.id))
    .map((session) => {
      const training = trainings.get(session.training_id)!
      const covered = areasOf.get(training.id) ?? new Set<string>()
      return {
        sessionId: session.id,
        trainingId: training.id,
        title: training.title,
        trainingKind: training.kind,
        startsAt: session.starts_at,
        closesAreaCodes: input.needs.areaCodes.filter((area) => covered.has(area)),
        meetsTrainingKind: input.needs.trainingKinds.includes(training.kind),
        registration: live.get(session.id) ?? null,
      }
    })
}
