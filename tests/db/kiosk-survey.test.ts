// sync_push's submit_kiosk_survey (20260401001400_survey_writes.sql): the facilitator's shared device
// at the venue submits attendees' post-training surveys on their behalf.
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
let otherFacilitator: UserClaims
let dxAdmin: UserClaims
let sessionId: string
let anonymousSessionId: string
let futureSessionId: string

const SURVEY_TABLES = ['survey_responses', 'survey_submissions', 'private.survey_ballot_boxes', 'applied_ops']

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  otherFacilitator = await db.createUser({ appRole: 'facilitator' })
  dxAdmin = await db.createUser({ appRole: 'dx_admin' })
  const session = (trainingId: string, startsIn = '-1 hour') =>
    createSession(db, { facilitatorId: facilitator.sub, trainingId, startsIn, deadlineIn: '-1 day' })
  sessionId = await session(await createTraining(db, { areas: ['generative_ai', 'bpr'] }))
  futureSessionId = await session(await createTraining(db, { areas: ['generative_ai', 'bpr'] }), '1 hour')
  anonymousSessionId = await session(
    await createTraining(db, {
      areas: ['generative_ai', 'bpr'],
      templateId: await createAnonymousTemplate(db, 'kiosk_anonymous'),
    }),
  )
})
afterAll(() => db?.close())

const answers = (overrides: Record<string, unknown> = {}) => ({
  satisfaction: 4,
  understanding: 4,
  usefulness: 5,
  facilitation: 4,
  recommendation: 8,
  self_assessment: { bpr: { before: 2, after: 3 }, generative_ai: { before: 1, after: 4 } },
  good_points: '実習が多くてよかった。',
  ...overrides,
})

async function numberOf(claims: UserClaims): Promise<string> {
  const [row] = await db.sql<{ employee_number: string }>(
    'select employee_number from public.profiles where id = $1',
    [claims.sub],
  )
  return row!.employee_number
}

/** A new employee checked in to the session; their staff number. */
async function attendee(session = sessionId): Promise<{ claims: UserClaims; number: string }> {
  const claims = await checkedInEmployee(db, facilitator, session)
  return { claims, number: await numberOf(claims) }
}

const kioskArgs = (args: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  session_id: sessionId,
  answers: answers(),
  collected_device: '会場タブレット',
  collected_at: new Date().toISOString(),
  ...args,
})

/** The session's answers, identified and in its ballot box alike. */
async function answersIn(session: string): Promise<number> {
  const [row] = await db.sql<{ n: number }>(
    'select count(*)::int as n from private.survey_answers where session_id = $1',
    [session],
  )
  return row!.n
}

const submit = (claims: UserClaims | null, args: Record<string, unknown>, mutationId?: string) =>
  pushOne(db, claims, op('submit_kiosk_survey', kioskArgs(args), mutationId))

describe('submit_kiosk_survey', () => {
  it('stores an identified response with the attendee as respondent, the facilitator as collector and the device', async () => {
    const staff = await attendee()
    const result = await submit(facilitator, { employee_number: staff.number.toLowerCase() })
    expect(result).toMatchObject({ status: 'applied', code: null })
    expect(result.row).toMatchObject({
      session_id: sessionId,
      respondent_id: staff.claims.sub,
      collected_by: facilitator.sub,
      collected_device: '会場タブレット',
      answers: answers(),
      phase: 'post',
    })
    expect(
      await db.sql(
        'select employee_id from public.survey_submissions where session_id = $1 and employee_id = $2',
        [sessionId, staff.claims.sub],
      ),
    ).toEqual([{ employee_id: staff.claims.sub }])
  })

  it('lets the DX division collect too', async () => {
    const staff = await attendee()
    const result = await submit(dxAdmin, { employee_number: staff.number })
    expect(result).toMatchObject({ status: 'applied', row: { collected_by: dxAdmin.sub } })
  })

  it('refuses the facilitator of another session, an employee, an attendee and nobody signed in, writing nothing', async () => {
    const staff = await attendee()
    const before = await snapshotAll(db, SURVEY_TABLES)
    for (const claims of [otherFacilitator, await db.createUser(), staff.claims]) {
      expect(await submit(claims, { employee_number: staff.number })).toMatchObject(rejected('DXP130'))
    }
    // The anon role may not call sync_push at all.
    await expect(submit(null, { employee_number: staff.number })).rejects.toMatchObject({ code: '42501' })
    // Rejections are recorded in the ledger; the survey tables are untouched.
    const after = await snapshotAll(db, SURVEY_TABLES)
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3))
  })

  it('refuses an identified response without a staff number or for someone not checked in', async () => {
    const registeredOnly = await db.createUser()
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status) values ($1, $2, 'confirmed')`,
      [sessionId, registeredOnly.sub],
    )
    const before = await snapshotAll(db, ['survey_responses', 'survey_submissions'])
    expect(await submit(facilitator, {})).toMatchObject(rejected('DXP131'))
    expect(await submit(facilitator, { employee_number: await numberOf(registeredOnly) })).toMatchObject(
      rejected('DXP132'),
    )
    expect(await submit(facilitator, { employee_number: 'Z99999' })).toMatchObject(rejected('DXP132'))
    expect(await snapshotAll(db, ['survey_responses', 'survey_submissions'])).toEqual(before)
  })

  it('takes one identified response per employee and session, whoever sends the second', async () => {
    const staff = await attendee()
    expect(await submit(facilitator, { employee_number: staff.number })).toMatchObject({ status: 'applied' })
    expect(await submit(facilitator, { employee_number: staff.number })).toMatchObject(rejected('DXP052'))
    expect(
      await pushOne(
        db,
        staff.claims,
        op('submit_survey', { id: randomUUID(), session_id: sessionId, answers: answers() }),
      ),
    ).toMatchObject(rejected('DXP052'))
    const [row] = await db.sql<{ n: number }>(
      'select count(*)::int as n from public.survey_responses where session_id = $1 and respondent_id = $2',
      [sessionId, staff.claims.sub],
    )
    expect(row!.n).toBe(1)
  })

  it('puts an anonymous answer bare into the ballot box (no collector, device or time), and refuses a staff number there', async () => {
    const staff = await attendee(anonymousSessionId)
    expect(
      await submit(facilitator, { session_id: anonymousSessionId, employee_number: staff.number }),
    ).toMatchObject(rejected('DXP133'))
    const result = await submit(facilitator, { session_id: anonymousSessionId })
    expect(result).toMatchObject({ status: 'applied', row: null })
    expect(
      await db.sql('select answers from private.survey_ballot_boxes where session_id = $1', [
        anonymousSessionId,
      ]),
    ).toEqual([{ answers: [answers()] }])
    expect(
      await db.sql('select count(*)::int as n from public.survey_responses where session_id = $1', [
        anonymousSessionId,
      ]),
    ).toEqual([{ n: 0 }])
    expect(
      await db.sql('select count(*)::int as n from public.survey_submissions where session_id = $1', [
        anonymousSessionId,
      ]),
    ).toEqual([{ n: 0 }])
  })

  it('answers a replayed sync with the first result and keeps one row, for either template', async () => {
    for (const session of [anonymousSessionId, sessionId]) {
      // Someone more in the room: an anonymous answer needs a place under the cap (DXP134) too.
      const staff = await attendee(session)
      const args = kioskArgs({
        session_id: session,
        ...(session === sessionId ? { employee_number: staff.number } : {}),
      })
      const mutation = op('submit_kiosk_survey', args)
      const answered = await answersIn(session)
      const [first] = await push(db, facilitator, [mutation])
      expect(first).toMatchObject({ status: 'applied' })
      const before = await snapshotAll(db)
      const [replay] = await push(db, facilitator, [mutation])
      expect(replay).toEqual({ ...first, status: 'duplicate' })
      expect(await snapshotAll(db)).toEqual(before)
      if (session === sessionId) {
        // The same response under a new mutation_id (a second device, a copied outbox) is refused by
        // its id; an anonymous answer keeps no id (it would count again, within the cap).
        expect(await pushOne(db, facilitator, op('submit_kiosk_survey', args))).toMatchObject(
          rejected('DXP054'),
        )
      }
      expect(await answersIn(session)).toBe(answered + 1)
    }
  })

  it('refuses before the start, invalid answers, a device name too long and a missing device or time', async () => {
    const before = await snapshotAll(db, ['survey_responses', 'survey_submissions'])
    expect(
      await submit(facilitator, { session_id: futureSessionId, employee_number: 'T00001' }),
    ).toMatchObject(rejected('DXP055'))
    const staff = await attendee()
    expect(
      await submit(facilitator, { employee_number: staff.number, answers: answers({ satisfaction: 9 }) }),
    ).toMatchObject(rejected('DXP053'))
    expect(
      await submit(facilitator, { employee_number: staff.number, collected_device: 'x'.repeat(101) }),
    ).toMatchObject(rejected('DXP014'))
    expect(
      await pushOne(
        db,
        facilitator,
        op('submit_kiosk_survey', {
          id: randomUUID(),
          session_id: sessionId,
          answers: answers(),
          employee_number: staff.number,
        }),
      ),
    ).toMatchObject(rejected('DXP013'))
    expect(
      await submit(facilitator, {
        employee_number: staff.number,
        collected_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
      }),
    ).toMatchObject(rejected('DXP015'))
    expect(await snapshotAll(db, ['survey_responses', 'survey_submissions'])).toEqual(before)
  })
})
