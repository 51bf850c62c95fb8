import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  checkedInEmployee,
  createAnonymousTemplate,
  createSession,
  createTraining,
  op,
  pushOne,
  rejected,
  snapshotAll,
} from './write-support'

let db: TestDb
let facilitator: UserClaims
let sessionId: string
let anonymousSessionId: string

const SURVEY_TABLES = ['survey_responses', 'survey_submissions', 'private.survey_ballot_boxes']

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  sessionId = await createSession(db, {
    facilitatorId: facilitator.sub,
    trainingId: await createTraining(db, { areas: ['generative_ai', 'bpr'] }),
    startsIn: '-3 hours',
    deadlineIn: '-1 day',
  })
  anonymousSessionId = await createSession(db, {
    facilitatorId: facilitator.sub,
    trainingId: await createTraining(db, {
      areas: ['dx_basics'],
      templateId: await createAnonymousTemplate(db, 'anonymous_post_training'),
    }),
    startsIn: '-3 hours',
    deadlineIn: '-1 day',
  })
})
afterAll(() => db?.close())

const answers = (overrides: Record<string, unknown> = {}) => ({
  satisfaction: 5,
  understanding: 4,
  usefulness: 4,
  facilitation: 5,
  recommendation: 9,
  self_assessment: { bpr: { before: 2, after: 4 }, generative_ai: { before: 1, after: 3 } },
  good_points: 'グループワークで他課の事例を聞けた。',
  improvements: '',
  try_at_work: '議事録の要約に生成AIを使ってみる。',
  ...overrides,
})

const attendee = (session = sessionId): Promise<UserClaims> => checkedInEmployee(db, facilitator, session)

const submit = (claims: UserClaims, args: Record<string, unknown>) =>
  pushOne(
    db,
    claims,
    op('submit_survey', { id: randomUUID(), session_id: sessionId, answers: answers(), ...args }),
  )

describe('submit_survey', () => {
  it('stores an identified response with the respondent and records the submission', async () => {
    const staff = await attendee()
    const result = await submit(staff, { collected_device: '会場タブレット1' })
    expect(result).toMatchObject({ status: 'applied', code: null })
    expect(result.row).toMatchObject({
      session_id: sessionId,
      respondent_id: staff.sub,
      collected_by: staff.sub,
      collected_device: '会場タブレット1',
      answers: answers(),
    })
    expect(
      await db.sql(
        'select employee_id from public.survey_submissions where session_id = $1 and employee_id = $2',
        [sessionId, staff.sub],
      ),
    ).toEqual([{ employee_id: staff.sub }])
  })

  it('puts an anonymous answer bare into the ballot box, with no row in the reply, yet allows one answer only', async () => {
    const staff = await attendee(anonymousSessionId)
    const anonymousAnswers = answers({ self_assessment: { dx_basics: { before: 1, after: 2 } } })
    const first = await pushOne(
      db,
      staff,
      op('submit_survey', { id: randomUUID(), session_id: anonymousSessionId, answers: anonymousAnswers }),
    )
    expect(first).toMatchObject({ status: 'applied', row: null })
    expect(
      await db.sql('select count(*)::int as n from public.survey_responses where session_id = $1', [
        anonymousSessionId,
      ]),
    ).toEqual([{ n: 0 }])
    expect(
      await db.sql('select answers from private.survey_ballot_boxes where session_id = $1', [
        anonymousSessionId,
      ]),
    ).toEqual([{ answers: [anonymousAnswers] }])
    const second = await pushOne(
      db,
      staff,
      op('submit_survey', {
        id: randomUUID(),
        session_id: anonymousSessionId,
        answers: answers({ self_assessment: { dx_basics: { before: 1, after: 2 } } }),
      }),
    )
    expect(second).toMatchObject(rejected('DXP052'))
  })

  it('refuses a second response from the same employee for the same session', async () => {
    const staff = await attendee()
    await submit(staff, {})
    const before = await snapshotAll(db, SURVEY_TABLES)
    expect(await submit(staff, {})).toMatchObject(rejected('DXP052'))
    expect(await snapshotAll(db, SURVEY_TABLES)).toEqual(before)
  })

  it('refuses an employee who registered but was not checked in', async () => {
    const staff = await db.createUser()
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status) values ($1, $2, 'confirmed')`,
      [sessionId, staff.sub],
    )
    expect(await submit(staff, {})).toMatchObject(rejected('DXP051'))
  })

  it('refuses a survey before the session starts and for a training without one', async () => {
    const staff = await db.createUser()
    const upcoming = await createSession(db, {
      startsIn: '1 hour',
      deadlineIn: '10 minutes',
      facilitatorId: facilitator.sub,
    })
    await pushOne(db, facilitator, op('check_in', { session_id: upcoming, employee_id: staff.sub }))
    expect(await submit(staff, { session_id: upcoming })).toMatchObject(rejected('DXP055'))
    const noSurvey = await createSession(db, {
      trainingId: await createTraining(db, { templateId: null }),
      startsIn: '-1 hour',
      deadlineIn: '-1 day',
    })
    expect(await submit(staff, { session_id: noSurvey })).toMatchObject(rejected('DXP050'))
  })

  it.each([
    ['a Likert answer of 6', { satisfaction: 6 }],
    ['a Likert answer of 0', { understanding: 0 }],
    ['a Likert answer of 3.5', { usefulness: 3.5 }],
    ['a Likert answer as text', { facilitation: '5' }],
    ['a recommendation of 11', { recommendation: 11 }],
    ['a recommendation of -1', { recommendation: -1 }],
    ['a missing required answer', { satisfaction: null }],
    ['a question the template does not have', { mood: 3 }],
    ['free text that is not text', { good_points: 42 }],
    ['a self-assessment missing a covered area', { self_assessment: { bpr: { before: 2, after: 4 } } }],
    [
      'a self-assessment of an area the training does not cover',
      {
        self_assessment: {
          bpr: { before: 2, after: 4 },
          generative_ai: { before: 1, after: 3 },
          it_governance: { before: 1, after: 1 },
        },
      },
    ],
    [
      'a self-assessment without its after rating',
      { self_assessment: { bpr: { before: 2 }, generative_ai: { before: 1, after: 3 } } },
    ],
    [
      'a self-assessment rating of 6',
      { self_assessment: { bpr: { before: 2, after: 6 }, generative_ai: { before: 1, after: 3 } } },
    ],
  ])('rejects %s with DXP053 and writes nothing', async (_label, change) => {
    const staff = await attendee()
    const before = await snapshotAll(db, SURVEY_TABLES)
    expect(await submit(staff, { answers: answers(change) })).toMatchObject(rejected('DXP053'))
    expect(await snapshotAll(db, SURVEY_TABLES)).toEqual(before)
  })

  it('rejects free text over its limit with DXP014', async () => {
    const staff = await attendee()
    expect(await submit(staff, { answers: answers({ good_points: 'あ'.repeat(1001) }) })).toMatchObject(
      rejected('DXP014'),
    )
  })

  it('accepts a single-choice answer among the options only', async () => {
    const [template] = await db.sql<{ id: string }>(
      `insert into public.survey_templates (code, title, questions) values ('format_choice', '形式', $1) returning id`,
      [
        JSON.stringify([
          {
            key: 'format',
            type: 'single_choice',
            required: true,
            label: '希望する形式',
            options: [
              { value: 'in_person', label: '集合' },
              { value: 'online', label: 'オンライン' },
            ],
          },
        ]),
      ],
    )
    const choiceSession = await createSession(db, {
      facilitatorId: facilitator.sub,
      trainingId: await createTraining(db, { templateId: template!.id }),
      startsIn: '-1 hour',
      deadlineIn: '-1 day',
    })
    const a = await attendee(choiceSession)
    const b = await attendee(choiceSession)
    expect(await submit(a, { session_id: choiceSession, answers: { format: 'video' } })).toMatchObject(
      rejected('DXP053'),
    )
    expect(await submit(b, { session_id: choiceSession, answers: { format: 'online' } })).toMatchObject({
      status: 'applied',
    })
  })

  it('refuses a template whose questions are malformed', async () => {
    const result = await db
      .sql(
        `insert into public.survey_templates (code, title, questions) values ('broken', '壊れた', '[{"key":"x","type":"stars"}]')`,
      )
      .then(
        () => 'stored',
        (error: { code?: string }) => error.code,
      )
    expect(result).toBe('23514')
  })
})
