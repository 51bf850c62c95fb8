// The facilitator's reads (20260401001600_facilitator.sql): a session's roster and the walk-in lookup,
// for the session's facilitator and the DX division only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { AttendeeLookupSchema, RosterSchema } from '@/contract'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { checkedInEmployee, createSession } from './write-support'

let db: TestDb
let facilitator: UserClaims
let otherFacilitator: UserClaims
let dxAdmin: UserClaims
let employee: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  otherFacilitator = await db.createUser({ appRole: 'facilitator' })
  dxAdmin = await db.createUser({ appRole: 'dx_admin' })
  employee = await db.createUser()
})
afterAll(() => db?.close())

const roster = async (claims: UserClaims | null, sessionId: string) =>
  v.parse(RosterSchema, await db.rpc(claims, 'session_roster', { session_id: sessionId }))

async function register(
  sessionId: string,
  claims: UserClaims,
  status: string,
  position: number | null = null,
) {
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, waitlist_position, checked_in_at, checked_in_by)
     values ($1, $2, $3, $4, case when $3 = 'attended' then now() - interval '1 hour' end,
             case when $3 = 'attended' then $5::uuid end)`,
    [sessionId, claims.sub, status, position, facilitator.sub],
  )
}

/** A started session with one registrant of every state, named so that kana order differs from creation order. */
async function startedSession() {
  const sessionId = await createSession(db, {
    facilitatorId: facilitator.sub,
    capacity: 3,
    startsIn: '-30 minutes',
    deadlineIn: '-1 day',
  })
  const watanabe = await db.createUser({
    fullName: '渡辺 花子',
    fullNameKana: 'ワタナベ ハナコ',
    departmentCode: null,
  })
  const abe = await db.createUser({ fullName: '阿部 一郎', fullNameKana: 'アベ イチロウ' })
  const kato = await db.createUser({ fullName: '加藤 次郎', fullNameKana: 'カトウ ジロウ' })
  const sato = await db.createUser({ fullName: '佐藤 三郎', fullNameKana: 'サトウ サブロウ' })
  const cancelled = await db.createUser({ fullName: '田中 四郎', fullNameKana: 'タナカ シロウ' })
  await register(sessionId, watanabe, 'confirmed')
  await register(sessionId, abe, 'attended')
  await register(sessionId, kato, 'no_show')
  await register(sessionId, sato, 'waitlisted', 1)
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, cancelled_at) values ($1, $2, 'cancelled', now())`,
    [sessionId, cancelled.sub],
  )
  await db.sql('insert into public.survey_submissions (session_id, employee_id) values ($1, $2)', [
    sessionId,
    abe.sub,
  ])
  return { sessionId, watanabe, abe, kato, sato, cancelled }
}

describe('session_roster', () => {
  it('gives the facilitator the registrants sorted by kana, with department, state and survey submitted', async () => {
    const { sessionId, watanabe, abe, kato, sato, cancelled } = await startedSession()
    const answer = await roster(facilitator, sessionId)
    expect(answer.people.map((p) => p.full_name_kana)).toEqual([
      'アベ イチロウ',
      'カトウ ジロウ',
      'サトウ サブロウ',
      'ワタナベ ハナコ',
    ])
    expect(answer.people.map((p) => p.employee_id)).not.toContain(cancelled.sub)
    const byId = new Map(answer.people.map((p) => [p.employee_id, p]))
    expect(byId.get(abe.sub)).toMatchObject({
      status: 'attended',
      survey_submitted: true,
      walk_in: false,
      full_name: '阿部 一郎',
      department_name: expect.any(String),
    })
    expect(byId.get(abe.sub)?.checked_in_at).toEqual(expect.any(String))
    expect(byId.get(kato.sub)).toMatchObject({ status: 'no_show', survey_submitted: false })
    expect(byId.get(sato.sub)).toMatchObject({ status: 'waitlisted', waitlist_position: 1 })
    expect(byId.get(watanabe.sub)).toMatchObject({
      status: 'confirmed',
      department_name: null,
      checked_in_at: null,
    })
    expect(answer.counts).toEqual({
      capacity: 3,
      confirmed: 1,
      attended: 1,
      waitlisted: 1,
      no_show: 1,
      responses: 1,
    })
    expect(answer).toMatchObject({ session_id: sessionId, status: 'scheduled' })
    expect(Date.parse(answer.as_of)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('marks a walk-in checked in without a registration', async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '-10 minutes',
      deadlineIn: '-1 day',
    })
    const walkIn = await checkedInEmployee(db, facilitator, sessionId)
    const answer = await roster(facilitator, sessionId)
    expect(answer.people).toEqual([expect.objectContaining({ employee_id: walkIn.sub, walk_in: true })])
    expect(answer.counts.attended).toBe(1)
  })

  it('lets the DX division read any roster', async () => {
    const { sessionId } = await startedSession()
    expect((await roster(dxAdmin, sessionId)).people).toHaveLength(4)
  })

  it('refuses another facilitator and an employee with DXP091, and anon outright', async () => {
    const { sessionId, abe } = await startedSession()
    for (const claims of [otherFacilitator, employee, abe]) {
      await expect(roster(claims, sessionId)).rejects.toMatchObject({
        code: 'P0001',
        message: 'DXP091',
        details: expect.stringContaining('権限がありません'),
      })
    }
    await expect(roster(null, sessionId)).rejects.toMatchObject({ code: '42501' })
  })

  it('answers DXP020 for a session that does not exist', async () => {
    await expect(roster(facilitator, '00000000-0000-4000-8000-00000000dead')).rejects.toMatchObject({
      message: 'DXP020',
    })
  })
})

describe('find_employee', () => {
  const find = async (claims: UserClaims | null, sessionId: string, employeeNumber: string) =>
    v.parse(
      AttendeeLookupSchema,
      await db.rpc(claims, 'find_employee', { session_id: sessionId, employee_number: employeeNumber }),
    )

  it('finds a walk-in by employee number for the facilitator, or answers null', async () => {
    const sessionId = await createSession(db, { facilitatorId: facilitator.sub, startsIn: '-5 minutes' })
    const person = await db.createUser({
      employeeNumber: 'W12345',
      fullName: '森 五郎',
      fullNameKana: 'モリ ゴロウ',
    })
    expect(await find(facilitator, sessionId, ' w12345 ')).toMatchObject({
      employee_id: person.sub,
      employee_number: 'W12345',
      full_name: '森 五郎',
      full_name_kana: 'モリ ゴロウ',
    })
    expect(await find(facilitator, sessionId, 'NOBODY99')).toBeNull()
    expect(await find(dxAdmin, sessionId, 'W12345')).toMatchObject({ employee_id: person.sub })
  })

  it('refuses whoever does not run the session', async () => {
    const sessionId = await createSession(db, { facilitatorId: facilitator.sub, startsIn: '-5 minutes' })
    await db.createUser({ employeeNumber: 'W54321' })
    for (const claims of [otherFacilitator, employee]) {
      await expect(find(claims, sessionId, 'W54321')).rejects.toMatchObject({ message: 'DXP091' })
    }
    await expect(find(null, sessionId, 'W54321')).rejects.toMatchObject({ code: '42501' })
  })
})
