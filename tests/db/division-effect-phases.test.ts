// The training effect per survey phase (20260401002100_division_effect.sql): follow-up answers are
// Kirkpatrick 3 (behaviour) and never count as post-training ones; a follow-up phase is suppressed
// under 5 like any group, complementary included; attendance is a rate of the sessions held.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { attendees, call, mean2, randomAnswers, respond, roundRatio, seeded } from './division-support'
import { createSession, createTraining } from './write-support'

interface FollowUp {
  suppressed: 'below_threshold' | 'complementary' | null
  responses: number | string | null
  response_rate: number | null
  items: { key: string; answered: number; mean: number | null; distribution: Record<string, number> }[] | null
  choices:
    | {
        key: string
        answered: number
        options: { value: string; label: string }[]
        distribution: Record<string, number>
      }[]
    | null
  free_text: { key: string; answers: string[] }[] | null
}
interface Group {
  suppressed: string | null
  responses: number | string | null
  response_rate: number | null
  seats_taken: number
  attended: number
  attendance_rate: number | null
  behaviour: { follow_up_weeks: number | null; follow_up: FollowUp | null }
}
interface TrainingEffect {
  total: Group
  sessions: (Group & { session_id: string })[]
}

interface FollowUpAnswers {
  applied: 'often' | 'once' | 'planned' | 'not_yet'
  impact?: number
  applied_what?: string
}

const APPLIED = ['often', 'once', 'planned', 'not_yet'] as const
const AREAS = ['bpr']

let db: TestDb
let admin: UserClaims
let facilitator: UserClaims
let training: string
let other: string
const session = { A: '', B: '' }
const followUps: Record<'A' | 'B', FollowUpAnswers[]> = { A: [], B: [] }
let future: string

/** Follow-up responses (phase 'follow_up') of the given employees, as the superuser. */
async function respondFollowUp(
  sessionId: string,
  templateId: string,
  rows: { employeeId: string; answers: FollowUpAnswers }[],
) {
  await db.sql(
    `insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_at, phase)
     select r.id, $2, $1, r.respondent_id, r.answers, r.respondent_id, now(), 'follow_up'
     from jsonb_to_recordset($3::jsonb) as r (id uuid, respondent_id uuid, answers jsonb)`,
    [
      sessionId,
      templateId,
      JSON.stringify(
        rows.map((r) => ({ id: randomUUID(), respondent_id: r.employeeId, answers: r.answers })),
      ),
    ],
  )
}

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  facilitator = await db.createUser({ appRole: 'facilitator' })
  const [template] = await db.sql<{ id: string }>(
    `insert into public.survey_templates (code, title, anonymous, follow_up_weeks, questions)
     select 'with_follow_up', '事後アンケート付き', false, 4, questions from public.survey_templates
     where code = 'standard_post_training' returning id`,
  )
  training = await createTraining(db, {
    areas: AREAS,
    templateId: template!.id,
    title: '業務改善ワークショップ',
  })
  const random = seeded(61)
  // A: 8 attended, 8 answered after the session, 6 the follow-up. B: 6 attended, 6 and 3.
  for (const [name, people, later] of [
    ['A', 8, 6],
    ['B', 6, 3],
  ] as const) {
    session[name] = await createSession(db, {
      trainingId: training,
      facilitatorId: facilitator.sub,
      startsIn: name === 'A' ? '-60 days' : '-40 days',
      deadlineIn: '-70 days',
    })
    const ids = await attendees(db, session[name], people)
    await respond(
      db,
      session[name],
      ids.map((employeeId) => ({ employeeId, answers: randomAnswers(random, AREAS, name) })),
      template!.id,
    )
    followUps[name] = ids.slice(0, later).map((_, i) => ({
      applied: APPLIED[random.int(0, 3)]!,
      ...(i % 2 === 0 ? { impact: random.int(1, 5) } : {}),
      ...(i % 3 === 0 ? { applied_what: `${name}で活用したこと（${i}）` } : {}),
    }))
    await respondFollowUp(
      session[name],
      template!.id,
      followUps[name].map((answers, i) => ({ employeeId: ids[i]!, answers })),
    )
  }

  // Attendance: a held session with 4 attended and 1 no-show, and a session ahead with 5 confirmed.
  other = await createTraining(db, { areas: AREAS, title: '先の日程がある研修' })
  const held = await createSession(db, { trainingId: other, startsIn: '-5 days', deadlineIn: '-6 days' })
  const heldPeople = await attendees(db, held, 5)
  await db.sql(
    `update public.registrations set status = 'no_show', checked_in_at = null where employee_id = $1`,
    [heldPeople[0]],
  )
  future = await createSession(db, { trainingId: other, startsIn: '10 days', deadlineIn: '5 days' })
  for (let i = 0; i < 5; i += 1) {
    const person = await db.createUser()
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status) values ($1, $2, 'confirmed')`,
      [future, person.sub],
    )
  }
})
afterAll(() => db?.close())

async function effectOf(trainingId: string): Promise<TrainingEffect> {
  const result = await call<TrainingEffect>(db, admin, 'division_training_effect', {
    training_id: trainingId,
  })
  if (!result.ok) throw new Error(result.code)
  return result.value
}

describe('the follow-up survey in the training effect', () => {
  it('counts only post-training answers as responses of the session (levels 1 and 2)', async () => {
    const effect = await effectOf(training)
    expect(effect.total).toMatchObject({ responses: 14, response_rate: 1 })
    const a = effect.sessions.find((s) => s.session_id === session.A)!
    expect(a).toMatchObject({ responses: 8, response_rate: 1, suppressed: null })
  })

  it('reports the follow-up of the whole training as level 3, as computed by hand', async () => {
    const all = [...followUps.A, ...followUps.B]
    const impacts = all.flatMap((a) => (a.impact === undefined ? [] : [a.impact]))
    const { total } = await effectOf(training)
    const followUp = total.behaviour.follow_up!
    expect(total.behaviour.follow_up_weeks).toBe(4)
    expect(followUp).toMatchObject({ suppressed: null, responses: 9, response_rate: roundRatio(9, 14, 4) })
    expect(followUp.items).toEqual([
      {
        key: 'impact',
        label: expect.any(String),
        answered: impacts.length,
        mean: mean2(impacts),
        distribution: Object.fromEntries(
          [1, 2, 3, 4, 5].map((n) => [String(n), impacts.filter((v) => v === n).length]),
        ),
      },
    ])
    const applied = followUp.choices!.find((c) => c.key === 'applied')!
    expect(applied.answered).toBe(9)
    expect(applied.options.map((o) => o.value)).toEqual([...APPLIED])
    expect(applied.options[0]!.label).toBe('何度も活用した')
    expect(applied.distribution).toEqual(
      Object.fromEntries(APPLIED.map((value) => [value, all.filter((a) => a.applied === value).length])),
    )
    const texts = followUp.free_text!.find((q) => q.key === 'applied_what')!
    expect(texts.answers).toEqual(
      all
        .flatMap((a) => (a.applied_what ? [a.applied_what] : []))
        .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    )
  })

  it('withholds a session’s follow-up under 5, and its sibling that would give the 3 away', async () => {
    const effect = await effectOf(training)
    const a = effect.sessions.find((s) => s.session_id === session.A)!.behaviour.follow_up!
    const b = effect.sessions.find((s) => s.session_id === session.B)!.behaviour.follow_up!
    expect(b).toMatchObject({ suppressed: 'below_threshold', responses: '<5', items: null, choices: null })
    expect(b.free_text).toBeNull()
    // The total (9) minus A (6) would be B's 3: A is withheld too, though its post-training figures show.
    expect(a).toMatchObject({ suppressed: 'complementary', responses: null, items: null, free_text: null })
  })

  it('shows the facilitator the same follow-up of their session as the DX division sees', async () => {
    const mine = await call<Group>(db, facilitator, 'session_effect_summary', { session_id: session.A })
    const division = await call<Group>(db, admin, 'session_effect_summary', { session_id: session.A })
    expect(mine.ok && division.ok).toBe(true)
    if (!mine.ok || !division.ok) return
    expect(mine.value.behaviour).toEqual(division.value.behaviour)
    expect(mine.value.behaviour.follow_up?.suppressed).toBe('complementary')
  })

  it('has no follow-up for a template without one', async () => {
    const { total } = await effectOf(other)
    expect(total.behaviour).toEqual({ follow_up_weeks: null, follow_up: null })
  })
})

describe('attendance in the training effect', () => {
  it('is a rate of the sessions held: people confirmed for a session ahead are not absent', async () => {
    const effect = await effectOf(other)
    expect(effect.total).toMatchObject({ seats_taken: 10, attended: 4, attendance_rate: 0.8 })
    const ahead = effect.sessions.find((s) => s.session_id === future)!
    expect(ahead).toMatchObject({ seats_taken: 5, attended: 0, attendance_rate: null })
  })
})
