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
  'open' | 'session_not_found' | 'cancelled' | 'no_survey' | 'not_started' | 'not_attended' | 'answered'

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

/** Where a waiting survey stands on this device: to answer, sent and awaiting the server, or refused. */
export type SurveyDueState = 'due' | 'pending' | 'rejected'

export interface SurveyDue<S extends SurveySessionFacts = SurveySessionFacts> {
  session: S
  state: SurveyDueState
}

export interface SurveysDueInput<S extends SurveySessionFacts> {
  /** The catalogue's sessions (at least those the employee registered for). */
  sessions: readonly S[]
  trainings: readonly SurveyTrainingFacts[]
  /** The employee's own registrations. */
  registrations: readonly SurveyRegistrationFacts[]
  /** Session ids of the employee's survey_submissions rows. */
  submittedSessionIds: ReadonlySet<string>
  /** The employee's submit_survey changes not yet confirmed, by session id. */
  outbox?: ReadonlyMap<string, 'pending' | 'rejected'>
  now: Date
}

/**
 * Surveys waiting for the employee: sessions they attended, that have started, whose training has
 * a survey, with no submission of theirs yet. Most recent session first, since a survey is best
 * answered while the training is fresh.
 */
export function surveysDue<S extends SurveySessionFacts>(input: SurveysDueInput<S>): SurveyDue<S>[] {
  const trainings = new Map(input.trainings.map((t) => [t.id, t]))
  const due: SurveyDue<S>[] = []
  for (const session of input.sessions) {
    const eligibility = surveyEligibility({
      session,
      training: trainings.get(session.training_id),
      registrations: input.registrations,
      submitted: input.submittedSessionIds.has(session.id),
      now: input.now,
    })
    if (eligibility !== 'open') continue
    due.push({ session, state: outboxState(input.outbox?.get(session.id)) })
  }
  return due.sort((a, b) => Date.parse(b.session.starts_at) - Date.parse(a.session.starts_at))
}

function outboxState(entry: 'pending' | 'rejected' | undefined): SurveyDueState {
  return entry === 'pending' ? 'pending' : entry === 'rejected' ? 'rejected' : 'due'
}
