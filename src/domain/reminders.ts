/**
 * Reminders computed on the device from the replica, so they appear offline too: a session I am
 * registered for starts tomorrow (or later today), and a survey has waited three days or more.
 * Nothing is stored: a reminder is there while its condition holds and gone once it no longer does
 * (the session started, the survey was sent). Its key is stable, so a local notification is shown
 * once per reminder.
 */
import { tokyoDateOf } from './fiscal-year'
import type { IsoDate } from './types'
import type { SurveyDue, SurveyPhase, SurveySessionFacts } from './survey-due'

/** How long a survey waits before it is worth a reminder. */
export const SURVEY_REMINDER_AFTER_DAYS = 3

const DAY_MS = 24 * 60 * 60 * 1000

export type Reminder =
  | {
      kind: 'session_soon'
      key: string
      sessionId: string
      startsAt: string
      /** In Tokyo's calendar: the session is tomorrow, or today and not started yet. */
      when: 'today' | 'tomorrow'
    }
  | {
      kind: 'survey_waiting'
      key: string
      sessionId: string
      phase: SurveyPhase
      dueAt: Date
      /** Whole days since it became due (3 or more). */
      days: number
    }

export interface RemindersInput {
  sessions: readonly SurveySessionFacts[]
  /** The employee's own registrations. */
  registrations: readonly { session_id: string; status: string }[]
  /** The surveys waiting for the employee ({@link surveysDue}). */
  surveysDue: readonly SurveyDue[]
  now: Date
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The reminders that hold at `now`, the soonest session first, then the longest-waiting survey. */
export function reminders(input: RemindersInput): Reminder[] {
  const today = tokyoDateOf(input.now)
  const tomorrow = addDays(today, 1)
  const confirmed = new Set(
    input.registrations.filter((r) => r.status === 'confirmed').map((r) => r.session_id),
  )
  const sessions: Reminder[] = input.sessions
    .filter(
      (s) => confirmed.has(s.id) && s.status === 'scheduled' && Date.parse(s.starts_at) > input.now.getTime(),
    )
    .flatMap((s) => {
      const day = tokyoDateOf(new Date(s.starts_at))
      const when = day === today ? ('today' as const) : day === tomorrow ? ('tomorrow' as const) : null
      return when
        ? [
            {
              kind: 'session_soon' as const,
              key: `session_soon:${s.id}`,
              sessionId: s.id,
              startsAt: s.starts_at,
              when,
            },
          ]
        : []
    })
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
  const surveys: Reminder[] = input.surveysDue
    .filter((due) => due.state === 'due')
    .map((due) => ({ due, days: Math.floor((input.now.getTime() - due.dueAt.getTime()) / DAY_MS) }))
    .filter(({ days }) => days >= SURVEY_REMINDER_AFTER_DAYS)
    .sort((a, b) => b.days - a.days)
    .map(({ due, days }) => ({
      kind: 'survey_waiting' as const,
      key: `survey_waiting:${due.phase}:${due.session.id}`,
      sessionId: due.session.id,
      phase: due.phase,
      dueAt: due.dueAt,
      days,
    }))
  return [...sessions, ...surveys]
}
