import { describe, expect, it } from 'vitest'
import { reminders, surveysDue, type RemindersInput, type SurveySessionFacts } from '@/domain'

const session = (id: string, startsAt: string, status: SurveySessionFacts['status'] = 'scheduled') => ({
  id,
  training_id: 't1',
  starts_at: startsAt,
  status,
})

function input(overrides: Partial<RemindersInput>): RemindersInput {
  return {
    sessions: [],
    registrations: [],
    surveysDue: [],
    now: new Date('2026-12-07T03:00:00Z'),
    ...overrides,
  }
}

describe('session reminders', () => {
  // 2026-12-07 12:00 in Tokyo.
  const now = new Date('2026-12-07T03:00:00Z')

  it('reminds of a confirmed session tomorrow in Tokyo, and of one later today', () => {
    const sessions = [
      session('tomorrow-morning', '2026-12-08T00:30:00Z'), // 12-08 09:30 JST
      session('later-today', '2026-12-07T05:00:00Z'), // 12-07 14:00 JST
      session('day-after', '2026-12-08T15:30:00Z'), // 12-09 00:30 JST: not tomorrow in Tokyo
    ]
    const registrations = sessions.map((s) => ({ session_id: s.id, status: 'confirmed' }))
    expect(reminders(input({ sessions, registrations, now }))).toEqual([
      {
        kind: 'session_soon',
        key: 'session_soon:later-today',
        sessionId: 'later-today',
        startsAt: '2026-12-07T05:00:00Z',
        when: 'today',
      },
      {
        kind: 'session_soon',
        key: 'session_soon:tomorrow-morning',
        sessionId: 'tomorrow-morning',
        startsAt: '2026-12-08T00:30:00Z',
        when: 'tomorrow',
      },
    ])
  })

  it('reads tomorrow in Tokyo, not in the device zone: 23:30 UTC is already the next day there', () => {
    const lateEvening = new Date('2026-12-07T15:30:00Z') // 12-08 00:30 JST
    const sessions = [session('s', '2026-12-09T01:00:00Z')] // 12-09 10:00 JST
    const registrations = [{ session_id: 's', status: 'confirmed' }]
    expect(reminders(input({ sessions, registrations, now: lateEvening })).map((r) => r.key)).toEqual([
      'session_soon:s',
    ])
  })

  it('says nothing of a session I am only waitlisted for, cancelled, already started, or not mine', () => {
    const sessions = [
      session('waitlisted', '2026-12-08T01:00:00Z'),
      session('cancelled-mine', '2026-12-08T01:00:00Z', 'cancelled'),
      session('started', '2026-12-07T02:00:00Z'),
      session('not-mine', '2026-12-08T01:00:00Z'),
      session('withdrawn', '2026-12-08T01:00:00Z'),
    ]
    const registrations = [
      { session_id: 'waitlisted', status: 'waitlisted' },
      { session_id: 'cancelled-mine', status: 'confirmed' },
      { session_id: 'started', status: 'confirmed' },
      { session_id: 'withdrawn', status: 'cancelled' },
    ]
    expect(reminders(input({ sessions, registrations, now }))).toEqual([])
  })
})

describe('survey reminders', () => {
  const training = { id: 't1', survey_template_id: 'tpl' }
  const due = (now: Date, outbox?: Map<string, 'pending' | 'rejected'>) =>
    surveysDue({
      sessions: [session('old', '2026-12-01T01:00:00Z'), session('recent', '2026-12-05T01:00:00Z')],
      trainings: [training],
      registrations: [
        { session_id: 'old', status: 'attended' },
        { session_id: 'recent', status: 'attended' },
      ],
      submittedSessionIds: new Set(),
      outbox,
      now,
    })

  it('reminds of a survey once it has waited three whole days, the longest-waiting first', () => {
    const now = new Date('2026-12-08T01:00:00Z')
    expect(
      reminders(input({ surveysDue: due(now), now })).map((r) => [r.key, 'days' in r && r.days]),
    ).toEqual([
      ['survey_waiting:post:old', 7],
      ['survey_waiting:post:recent', 3],
    ])
    const justBefore = new Date('2026-12-08T00:59:59Z')
    expect(reminders(input({ surveysDue: due(justBefore), now: justBefore })).map((r) => r.key)).toEqual([
      'survey_waiting:post:old',
    ])
  })

  it('says nothing of a survey already sent from this device and waiting for the server', () => {
    const now = new Date('2026-12-10T01:00:00Z')
    const outbox = new Map([['old', 'pending' as const]])
    expect(reminders(input({ surveysDue: due(now, outbox), now })).map((r) => r.key)).toEqual([
      'survey_waiting:post:recent',
    ])
  })
})
