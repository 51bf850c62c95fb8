import { describe, expect, it } from 'vitest'
import {
  followUpDueAt,
  followUpEligibility,
  surveyEligibility,
  surveyKey,
  surveysDue,
  type SurveyRegistrationFacts,
  type SurveySessionFacts,
} from '@/domain'

const NOW = new Date('2026-11-25T12:00:00+09:00')
const session = (
  id: string,
  startsAt: string,
  overrides: Partial<SurveySessionFacts> = {},
): SurveySessionFacts => ({
  id,
  training_id: 'with-survey',
  starts_at: startsAt,
  status: 'closed',
  ...overrides,
})
const TRAININGS = [
  { id: 'with-survey', survey_template_id: 'template' },
  { id: 'without-survey', survey_template_id: null },
]
const attended = (sessionId: string): SurveyRegistrationFacts => ({
  session_id: sessionId,
  status: 'attended',
})

describe('surveyEligibility', () => {
  const base = {
    session: session('s1', '2026-11-20T10:00:00+09:00'),
    training: TRAININGS[0],
    registrations: [attended('s1')],
    submitted: false,
    now: NOW,
  }

  it('opens the survey of a started session the employee attended and has not answered', () => {
    expect(surveyEligibility(base)).toBe('open')
    // From the very minute it starts (the facilitator may collect answers during the session).
    expect(surveyEligibility({ ...base, now: new Date('2026-11-20T10:00:00+09:00') })).toBe('open')
  })

  it('gives the server’s reason, checked in the server’s order', () => {
    expect(surveyEligibility({ ...base, session: undefined })).toBe('session_not_found')
    expect(surveyEligibility({ ...base, session: { ...base.session, status: 'cancelled' } })).toBe(
      'cancelled',
    )
    expect(surveyEligibility({ ...base, training: TRAININGS[1] })).toBe('no_survey')
    expect(surveyEligibility({ ...base, training: undefined })).toBe('no_survey')
    expect(surveyEligibility({ ...base, now: new Date('2026-11-20T09:59:59+09:00') })).toBe('not_started')
    expect(surveyEligibility({ ...base, registrations: [] })).toBe('not_attended')
    for (const status of ['confirmed', 'waitlisted', 'cancelled', 'no_show'] as const) {
      expect(surveyEligibility({ ...base, registrations: [{ session_id: 's1', status }] })).toBe(
        'not_attended',
      )
    }
    expect(surveyEligibility({ ...base, registrations: [attended('other')] })).toBe('not_attended')
    expect(surveyEligibility({ ...base, submitted: true })).toBe('answered')
  })
})

describe('surveysDue', () => {
  it('lists attended, started sessions with a survey and no submission, the latest first', () => {
    const sessions = [
      session('old', '2026-06-01T10:00:00+09:00'),
      session('recent', '2026-11-20T10:00:00+09:00'),
      session('answered', '2026-10-01T10:00:00+09:00'),
      session('future', '2026-12-01T10:00:00+09:00'),
      session('no-survey', '2026-09-01T10:00:00+09:00', { training_id: 'without-survey' }),
      session('not-mine', '2026-09-02T10:00:00+09:00'),
      session('cancelled', '2026-09-03T10:00:00+09:00', { status: 'cancelled' }),
      session('no-show', '2026-09-04T10:00:00+09:00'),
    ]
    const due = surveysDue({
      sessions,
      trainings: TRAININGS,
      registrations: [
        ...['old', 'recent', 'answered', 'future', 'no-survey', 'cancelled'].map(attended),
        { session_id: 'no-show', status: 'no_show' },
      ],
      submittedSessionIds: new Set(['answered']),
      now: NOW,
    })
    expect(due.map((d) => [d.session.id, d.state])).toEqual([
      ['recent', 'due'],
      ['old', 'due'],
    ])
  })

  it('marks a survey sent from this device as pending, and a refused one as rejected', () => {
    const due = surveysDue({
      sessions: [session('a', '2026-11-01T10:00:00+09:00'), session('b', '2026-11-02T10:00:00+09:00')],
      trainings: TRAININGS,
      registrations: [attended('a'), attended('b')],
      submittedSessionIds: new Set(),
      outbox: new Map([
        ['a', 'pending'],
        ['b', 'rejected'],
      ]),
      now: NOW,
    })
    expect(due.map((d) => [d.session.id, d.state])).toEqual([
      ['b', 'rejected'],
      ['a', 'pending'],
    ])
  })
})

describe('follow-up surveys', () => {
  const start = '2026-09-01T10:00:00+09:00'
  const base = {
    session: session('s1', start),
    training: TRAININGS[0],
    registrations: [attended('s1')],
    followUpWeeks: 12,
    submission: { follow_up_submitted_at: null },
    now: NOW,
  }

  it('fall due the given number of weeks after the start', () => {
    expect(followUpDueAt(start, 12).toISOString()).toBe('2026-11-24T01:00:00.000Z')
  })

  it('open once due, for an attendee who answered the post-training survey, until answered', () => {
    expect(followUpEligibility(base)).toBe('open')
    expect(followUpEligibility({ ...base, now: new Date('2026-11-24T09:59:59+09:00') })).toBe('not_due')
    expect(followUpEligibility({ ...base, submission: undefined })).toBe('post_first')
    expect(
      followUpEligibility({ ...base, submission: { follow_up_submitted_at: '2026-11-25T00:00:00Z' } }),
    ).toBe('answered')
    expect(followUpEligibility({ ...base, followUpWeeks: null })).toBe('no_follow_up')
    expect(followUpEligibility({ ...base, registrations: [] })).toBe('not_attended')
    expect(followUpEligibility({ ...base, training: TRAININGS[1] })).toBe('no_survey')
    expect(followUpEligibility({ ...base, session: undefined })).toBe('session_not_found')
  })

  it('join the waiting list once due, after the post-training survey, and leave it once answered', () => {
    const input = {
      sessions: [session('s1', start), session('fresh', '2026-11-20T10:00:00+09:00')],
      trainings: TRAININGS,
      templates: [{ id: 'template', follow_up_weeks: 12 }],
      registrations: [attended('s1'), attended('fresh')],
      submittedSessionIds: new Set(['s1']),
      now: NOW,
    }
    expect(surveysDue(input).map((d) => [d.session.id, d.phase, d.state])).toEqual([
      ['s1', 'follow_up', 'due'],
      ['fresh', 'post', 'due'],
    ])
    expect(
      surveysDue({ ...input, outbox: new Map([[surveyKey('s1', 'follow_up'), 'pending' as const]]) }).map(
        (d) => d.state,
      ),
    ).toEqual(['pending', 'due'])
    expect(
      surveysDue({ ...input, followUpAnsweredSessionIds: new Set(['s1']) }).map((d) => d.session.id),
    ).toEqual(['fresh'])
    expect(surveysDue({ ...input, now: new Date('2026-11-23T12:00:00+09:00') }).map((d) => d.phase)).toEqual([
      'post',
    ])
    expect(surveysDue({ ...input, templates: undefined }).map((d) => d.phase)).toEqual(['post'])
  })
})
