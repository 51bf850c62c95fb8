// The cap on kiosk answers (20260401001400_survey_writes.sql): a session's kiosk never gets more
// post-training answers through than people who could be in the room (confirmed or attended).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  checkedInEmployee,
  createAnonymousTemplate,
  createSession,
  createTraining,
  op,
  push,
  pushOne,
  rejected,
  snapshotAll,
} from './write-support'

let db: TestDb
let facilitator: UserClaims
let anonymousTemplateId: string

const SURVEY_TABLES = ['survey_responses', 'survey_submissions', 'private.survey_ballot_boxes']

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  anonymousTemplateId = await createAnonymousTemplate(db, 'kiosk_cap_anonymous')
})
afterAll(() => db?.close())

const answers = {
  satisfaction: 4,
  understanding: 4,
  usefulness: 5,
  facilitation: 4,
  recommendation: 8,
  self_assessment: { bpr: { before: 2, after: 3 } },
}

/** An anonymous session that started an hour ago, facilitated by `facilitator`. */
async function anonymousSession(): Promise<string> {
  const trainingId = await createTraining(db, { areas: ['bpr'], templateId: anonymousTemplateId })
  return createSession(db, {
    facilitatorId: facilitator.sub,
    trainingId,
    startsIn: '-1 hour',
    deadlineIn: '-1 day',
  })
}

/** A registration of a new employee in the given state, written as the server would have it. */
async function registration(sessionId: string, status: 'confirmed' | 'waitlisted' | 'cancelled' | 'no_show') {
  const employee = await db.createUser()
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, waitlist_position, cancelled_at)
     values ($1, $2, $3, case when $3 = 'waitlisted' then 1 end, case when $3 = 'cancelled' then now() end)`,
    [sessionId, employee.sub, status],
  )
  return employee
}

/** Someone who did not register, checked in at the door (a walk-in: an attended registration). */
const walkIn = (sessionId: string): Promise<UserClaims> => checkedInEmployee(db, facilitator, sessionId)

const kioskAnswer = (sessionId: string) =>
  op('submit_kiosk_survey', {
    id: randomUUID(),
    session_id: sessionId,
    answers,
    collected_device: '会場タブレット',
    collected_at: new Date().toISOString(),
  })

/** The session's answers: an anonymous template's are in its ballot box. */
async function answersOf(sessionId: string): Promise<number> {
  const [row] = await db.sql<{ n: number }>(
    'select count(*)::int as n from private.survey_answers where session_id = $1',
    [sessionId],
  )
  return row!.n
}

describe('the cap on kiosk answers', () => {
  it('takes answers up to the confirmed and attended (walk-ins included), own answers counted, then refuses the next and changes nothing', async () => {
    const sessionId = await anonymousSession()
    await registration(sessionId, 'confirmed')
    await registration(sessionId, 'confirmed')
    const walkedIn = await walkIn(sessionId)
    // Not in the room: they count for nothing.
    await registration(sessionId, 'waitlisted')
    await registration(sessionId, 'cancelled')
    await registration(sessionId, 'no_show')
    // Room for 3; the walk-in answers on their own phone first.
    const own = await pushOne(
      db,
      walkedIn,
      op('submit_survey', {
        id: randomUUID(),
        session_id: sessionId,
        answers,
        collected_at: new Date().toISOString(),
      }),
    )
    expect(own).toMatchObject({ status: 'applied' })

    for (let i = 0; i < 2; i += 1) {
      expect(await pushOne(db, facilitator, kioskAnswer(sessionId))).toMatchObject({ status: 'applied' })
    }
    const before = await snapshotAll(db, SURVEY_TABLES)
    const beyond = await pushOne(db, facilitator, kioskAnswer(sessionId))
    expect(beyond).toMatchObject(rejected('DXP134'))
    expect(beyond.message).toContain('3名')
    expect(await snapshotAll(db, SURVEY_TABLES)).toEqual(before)
    expect(await answersOf(sessionId)).toBe(3)
  })

  it('refuses only what goes beyond, within one sync batch too', async () => {
    const sessionId = await anonymousSession()
    await registration(sessionId, 'confirmed')
    await registration(sessionId, 'confirmed')
    const results = await push(
      db,
      facilitator,
      [1, 2, 3, 4].map(() => kioskAnswer(sessionId)),
    )
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'DXP134', 'DXP134'])
    expect(await answersOf(sessionId)).toBe(2)
  })

  it('does not count a retried answer twice, and keeps even a copy under a new mutation_id under the cap', async () => {
    const sessionId = await anonymousSession()
    await registration(sessionId, 'confirmed')
    await registration(sessionId, 'confirmed')
    const first = kioskAnswer(sessionId)
    const [applied] = await push(db, facilitator, [first])
    expect(applied).toMatchObject({ status: 'applied' })
    const [replay] = await push(db, facilitator, [first])
    expect(replay).toEqual({ ...applied, status: 'duplicate' })
    expect(await answersOf(sessionId)).toBe(1)
    // An anonymous answer keeps no id (the device retries under its mutation_id, as above), so the
    // same args under a new mutation_id are one more answer, in the second place; the third does not exist.
    expect(await pushOne(db, facilitator, op('submit_kiosk_survey', first.args))).toMatchObject({
      status: 'applied',
    })
    // At the cap, a retry of an answer already in is still answered as sent, not as over the cap.
    expect(await push(db, facilitator, [first])).toEqual([{ ...applied, status: 'duplicate' }])
    expect(await pushOne(db, facilitator, op('submit_kiosk_survey', first.args))).toMatchObject(
      rejected('DXP134'),
    )
    expect(await pushOne(db, facilitator, kioskAnswer(sessionId))).toMatchObject(rejected('DXP134'))
    expect(await answersOf(sessionId)).toBe(2)
  })

  it('makes room again when someone more is checked in, and refuses everything in an empty session', async () => {
    const sessionId = await anonymousSession()
    expect(await pushOne(db, facilitator, kioskAnswer(sessionId))).toMatchObject(rejected('DXP134'))
    await walkIn(sessionId)
    expect(await pushOne(db, facilitator, kioskAnswer(sessionId))).toMatchObject({ status: 'applied' })
    expect(await pushOne(db, facilitator, kioskAnswer(sessionId))).toMatchObject(rejected('DXP134'))
    expect(await answersOf(sessionId)).toBe(1)
  })
})
