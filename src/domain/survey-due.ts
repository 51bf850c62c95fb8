/**
 * Whether an employee may answer a session's survey, and which surveys wait for them. Mirrors the
 * checks of private.push_submit_survey in the order it makes them, so the reason shown is the one
 * the server would answer: session found, not cancelled, the training has a survey, the session
 * has started, the employee attended, not answered yet.
 */

/** The facts of a session the rules read (replica rows fit structurally). */
export interface SurveySessionFacts {
  id: string
  training_id: string
  starts_at: string
  status: 'scheduled' | 'cancelled' | 'closed'
}

export interface SurveyTrainingFacts {
  id: string
  survey_template_id: string | null
}

export interface SurveyRegistrationFacts {
  session_id: string
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show'
}

export type SurveyEligibility =
  | 'open'
  | 'session_not_found'
  | 'cancelled'
  | 'no_survey'
  | 'not_started'
  | 'not_attended'
  | 'answered'
  /** Follow-up only: the template has no follow_up_weeks. */
  | 'no_follow_up'
  /** Follow-up only: the post-training survey is not answered yet. */
  | 'post_first'
  /** Follow-up only: its weeks have not passed yet. */
  | 'not_due'

/** The post-training survey, or the follow-up (事後アンケート) due follow_up_weeks after the start. */
export type SurveyPhase = 'post' | 'follow_up'

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

/** When a session's follow-up survey opens: its start plus the template's weeks. */
export function followUpDueAt(startsAt: string, weeks: number): Date {
  return new Date(Date.parse(startsAt) + weeks * WEEK_MS)
}

export interface SurveyEligibilityInput {
  session: SurveySessionFacts | undefined
  training: SurveyTrainingFacts | undefined
  /** The employee's registrations for this session (any status). */
  registrations: readonly SurveyRegistrationFacts[]
  /** A survey_submissions row of the employee for this session exists. */
  submitted: boolean
  now: Date
}

export function surveyEligibility(input: SurveyEligibilityInput): SurveyEligibility {
  const { session, training } = input
  if (!session) return 'session_not_found'
  if (session.status === 'cancelled') return 'cancelled'
  if (!training?.survey_template_id) return 'no_survey'
  if (input.now.getTime() < Date.parse(session.starts_at)) return 'not_started'
  const attended = input.registrations.some((r) => r.session_id === session.id && r.status === 'attended')
  if (!attended) return 'not_attended'
  if (input.submitted) return 'answered'
  return 'open'
}

export interface FollowUpEligibilityInput extends Omit<SurveyEligibilityInput, 'submitted'> {
  /** The template's follow_up_weeks (null: no follow-up). */
  followUpWeeks: number | null
  /** The employee's survey_submissions row for this session (absent: post-training survey not answered). */
  submission: { follow_up_submitted_at: string | null } | undefined
}

/** Whether the follow-up may be answered, in the order push_submit_survey checks it. */
export function followUpEligibility(input: FollowUpEligibilityInput): SurveyEligibility {
  const base = surveyEligibility({ ...input, submitted: false })
  if (base === 'session_not_found' || base === 'cancelled' || base === 'no_survey') return base
  if (input.followUpWeeks === null) return 'no_follow_up'
  if (base !== 'open' || !input.session) return base
  if (!input.submission) return 'post_first'
  if (input.submission.follow_up_submitted_at !== null) return 'answered'
  if (input.now.getTime() < followUpDueAt(input.session.starts_at, input.followUpWeeks).getTime())
    return 'not_due'
  return 'open'
}

/** The key of a survey in the outbox map of {@link surveysDue}: the session id, prefixed for a follow-up. */
export function surveyKey(sessionId: string, phase: SurveyPhase): string {
  return phase === 'post' ? sessionId : `follow_up:${sessionId}`
}

/** Where a waiting survey stands on this device: to answer, sent and awaiting the server, or refused. */
export type SurveyDueState = 'due' | 'pending' | 'rejected'

export interface SurveyDue<S extends SurveySessionFacts = SurveySessionFacts> {
  session: S
  phase: SurveyPhase
  state: SurveyDueState
  /** When it became due: the start for the post-training survey, start + weeks for a follow-up. */
  dueAt: Date
}

export interface SurveysDueInput<S extends SurveySessionFacts> {
  /** The catalogue's sessions (at least those the employee registered for). */
  sessions: readonly S[]
  trainings: readonly SurveyTrainingFacts[]
  /** The employee's own registrations. */
  registrations: readonly SurveyRegistrationFacts[]
  /** Session ids of the employee's survey_submissions rows. */
  submittedSessionIds: ReadonlySet<string>
  /** The employee's submit_survey changes not yet confirmed, by {@link surveyKey}. */
  outbox?: ReadonlyMap<string, 'pending' | 'rejected'>
  /** Templates' follow_up_weeks; without them no follow-up is listed. */
  templates?: readonly { id: string; follow_up_weeks: number | null }[]
  /** Session ids whose follow-up the employee has answered (follow_up_submitted_at set). */
  followUpAnsweredSessionIds?: ReadonlySet<string>
  now: Date
}

/**
 * Surveys waiting for the employee: sessions they attended, that have started, whose training has
 * a survey, with no submission of theirs yet; and follow-ups whose weeks have passed, after an
 * answered post-training survey. Most recently due first, since a survey is best answered while
 * the training (or the follow-up's question) is fresh.
 */
export function surveysDue<S extends SurveySessionFacts>(input: SurveysDueInput<S>): SurveyDue<S>[] {
  const trainings = new Map(input.trainings.map((t) => [t.id, t]))
  const weeks = new Map((input.templates ?? []).map((t) => [t.id, t.follow_up_weeks]))
  const due: SurveyDue<S>[] = []
  for (const session of input.sessions) {
    const training = trainings.get(session.training_id)
    const submitted = input.submittedSessionIds.has(session.id)
    const common = { session, training, registrations: input.registrations, now: input.now }
    if (surveyEligibility({ ...common, submitted }) === 'open') {
      const state = outboxState(input.outbox?.get(surveyKey(session.id, 'post')))
      due.push({ session, phase: 'post', state, dueAt: new Date(session.starts_at) })
    }
    const templateId = training?.survey_template_id
    const followUpWeeks = (templateId ? weeks.get(templateId) : undefined) ?? null
    if (followUpWeeks === null) continue
    const answered = input.followUpAnsweredSessionIds?.has(session.id) ?? false
    const submission = submitted ? { follow_up_submitted_at: answered ? session.starts_at : null } : undefined
    if (followUpEligibility({ ...common, followUpWeeks, submission }) === 'open') {
      const state = outboxState(input.outbox?.get(surveyKey(session.id, 'follow_up')))
      due.push({ session, phase: 'follow_up', state, dueAt: followUpDueAt(session.starts_at, followUpWeeks) })
    }
  }
  return due.sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime())
}

function outboxState(entry: 'pending' | 'rejected' | undefined): SurveyDueState {
  return entry === 'pending' ? 'pending' : entry === 'rejected' ? 'rejected' : 'due'
}
