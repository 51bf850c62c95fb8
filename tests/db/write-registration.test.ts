import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  createSession,
  op,
  pushOne,
  registrationsOf,
  rejected,
  sessionInvariants,
  snapshotAll,
  WRITE_TABLES,
} from './write-support'

let db: TestDb
let facilitator: UserClaims
let otherFacilitator: UserClaims
let dxAdmin: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  otherFacilitator = await db.createUser({ appRole: 'facilitator' })
  dxAdmin = await db.createUser({ appRole: 'dx_admin' })
})
afterAll(() => db?.close())

const staff = (n: number) => Promise.all(Array.from({ length: n }, () => db.createUser()))
const register = (claims: UserClaims, sessionId: string) =>
  pushOne(db, claims, op('register_session', { session_id: sessionId }))
const cancel = (claims: UserClaims, sessionId: string) =>
  pushOne(db, claims, op('cancel_registration', { session_id: sessionId }))

describe('register_session', () => {
  it('confirms while seats remain and puts the next registrant on the waitlist at position 1, 2, …', async () => {
    const sessionId = await createSession(db, { capacity: 2 })
    const [a, b, c, d] = await staff(4)
    const results = []
    for (const claims of [a, b, c, d]) results.push(await register(claims!, sessionId))
    expect(results.map((r) => [r.status, r.row?.status, r.row?.waitlist_position])).toEqual([
      ['applied', 'confirmed', null],
      ['applied', 'confirmed', null],
      ['applied', 'waitlisted', 1],
      ['applied', 'waitlisted', 2],
    ])
    expect(results[0]?.row).toMatchObject({ session_id: sessionId, employee_id: a!.sub })
    expect(await sessionInvariants(db, sessionId)).toMatchObject({
      seated: 2,
      waitlisted: 2,
      positions_ok: true,
    })
  })

  it('refuses a second active registration of the same employee and writes nothing', async () => {
    const sessionId = await createSession(db)
    const [a] = await staff(1)
    await register(a!, sessionId)
    const before = await snapshotAll(db, ['registrations'])
    expect(await register(a!, sessionId)).toMatchObject(rejected('DXP023'))
    expect(await snapshotAll(db, ['registrations'])).toEqual(before)
  })

  it.each([
    ['a cancelled session', { status: 'cancelled' as const }, 'DXP021'],
    ['a closed session', { status: 'closed' as const }, 'DXP022'],
    ['a session past its deadline', { deadlineIn: '-1 minute' }, 'DXP022'],
    ['a session that has started', { startsIn: '-10 minutes', deadlineIn: '-1 day' }, 'DXP022'],
  ])('refuses %s', async (_label, input, code) => {
    const sessionId = await createSession(db, input)
    const [a] = await staff(1)
    const before = await snapshotAll(db)
    const result = await register(a!, sessionId)
    expect(result).toMatchObject(rejected(code as 'DXP021'))
    // The rejection is recorded for replay, and nothing else is written.
    const after = await snapshotAll(db)
    const ledger = WRITE_TABLES.indexOf('applied_ops')
    expect(after.filter((_, i) => i !== ledger)).toEqual(before.filter((_, i) => i !== ledger))
  })

  it('refuses a session that does not exist', async () => {
    const [a] = await staff(1)
    expect(await register(a!, '00000000-0000-4000-8000-00000000dead')).toMatchObject(rejected('DXP020'))
  })

  it('lets an employee register again after cancelling, at the back of the queue', async () => {
    const sessionId = await createSession(db, { capacity: 1 })
    const [a, b, c] = await staff(3)
    await register(a!, sessionId)
    await register(b!, sessionId)
    await register(c!, sessionId)
    await cancel(b!, sessionId)
    const again = await register(b!, sessionId)
    expect(again.row).toMatchObject({ status: 'waitlisted', waitlist_position: 2 })
    expect(await sessionInvariants(db, sessionId)).toMatchObject({
      seated: 1,
      waitlisted: 2,
      positions_ok: true,
    })
  })
})

describe('cancel_registration', () => {
  it('gives a cancelled seat to the first of the waitlist and moves everyone up', async () => {
    const sessionId = await createSession(db, { capacity: 2 })
    const [a, b, c, d, e] = await staff(5)
    for (const claims of [a, b, c, d, e]) await register(claims!, sessionId)
    const result = await cancel(a!, sessionId)
    expect(result.row).toMatchObject({ status: 'cancelled', waitlist_position: null })
    const rows = await registrationsOf(db, sessionId)
    const byEmployee = Object.fromEntries(rows.map((r) => [r.employee_id, [r.status, r.waitlist_position]]))
    expect(byEmployee).toEqual({
      [a!.sub]: ['cancelled', null],
      [b!.sub]: ['confirmed', null],
      [c!.sub]: ['confirmed', null],
      [d!.sub]: ['waitlisted', 1],
      [e!.sub]: ['waitlisted', 2],
    })
  })

  it('closes the gap when someone leaves the middle of the waitlist, without promoting anyone', async () => {
    const sessionId = await createSession(db, { capacity: 1 })
    const [a, b, c, d] = await staff(4)
    for (const claims of [a, b, c, d]) await register(claims!, sessionId)
    await cancel(c!, sessionId)
    const rows = await registrationsOf(db, sessionId)
    const byEmployee = Object.fromEntries(rows.map((r) => [r.employee_id, [r.status, r.waitlist_position]]))
    expect(byEmployee).toEqual({
      [a!.sub]: ['confirmed', null],
      [b!.sub]: ['waitlisted', 1],
      [c!.sub]: ['cancelled', null],
      [d!.sub]: ['waitlisted', 2],
    })
  })

  it('still gives a freed seat to the waitlist once the session is closed to new registrations', async () => {
    const sessionId = await createSession(db, { capacity: 1 })
    const [a, b] = await staff(2)
    await register(a!, sessionId)
    await register(b!, sessionId)
    await db.sql(`update public.sessions set status = 'closed' where id = $1`, [sessionId])
    await cancel(a!, sessionId)
    const rows = await registrationsOf(db, sessionId)
    expect(rows.find((r) => r.employee_id === b!.sub)).toMatchObject({
      status: 'confirmed',
      waitlist_position: null,
    })
  })

  it('refuses to cancel what was never registered', async () => {
    const sessionId = await createSession(db)
    const [a] = await staff(1)
    expect(await cancel(a!, sessionId)).toMatchObject(rejected('DXP024'))
  })

  it('refuses to cancel once the session has started', async () => {
    const sessionId = await createSession(db, { startsIn: '1 hour', deadlineIn: '30 minutes' })
    const [a] = await staff(1)
    await register(a!, sessionId)
    await db.sql(
      `update public.sessions set starts_at = now() - interval '5 minutes', registration_deadline = now() - interval '1 day' where id = $1`,
      [sessionId],
    )
    const before = await snapshotAll(db, ['registrations'])
    expect(await cancel(a!, sessionId)).toMatchObject(rejected('DXP025'))
    expect(await snapshotAll(db, ['registrations'])).toEqual(before)
  })
})

describe('check_in', () => {
  const checkIn = (claims: UserClaims, sessionId: string, employeeId: string) =>
    pushOne(db, claims, op('check_in', { session_id: sessionId, employee_id: employeeId }))

  it('lets the session’s facilitator mark a confirmed registrant as attended', async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '30 minutes',
      deadlineIn: '10 minutes',
    })
    const [a] = await staff(1)
    await register(a!, sessionId)
    const result = await checkIn(facilitator, sessionId, a!.sub)
    expect(result).toMatchObject({ status: 'applied', code: null })
    expect(result.row).toMatchObject({
      status: 'attended',
      checked_in_by: facilitator.sub,
      employee_id: a!.sub,
    })
    expect(result.row?.checked_in_at).toEqual(expect.any(String))
  })

  it('records a walk-in with no registration as attended', async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '-10 minutes',
      deadlineIn: '-1 day',
    })
    const [a] = await staff(1)
    const result = await checkIn(facilitator, sessionId, a!.sub)
    expect(result.row).toMatchObject({ status: 'attended', waitlist_position: null })
    expect(await registrationsOf(db, sessionId)).toHaveLength(1)
  })

  it('takes a waitlisted employee off the waitlist and renumbers the rest', async () => {
    const sessionId = await createSession(db, {
      capacity: 1,
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    })
    const [a, b, c] = await staff(3)
    for (const claims of [a, b, c]) await register(claims!, sessionId)
    await checkIn(facilitator, sessionId, b!.sub)
    expect(await sessionInvariants(db, sessionId)).toMatchObject({
      seated: 2,
      waitlisted: 1,
      positions_ok: true,
    })
  })

  it('keeps the first check-in when the same person is checked in twice', async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    })
    const [a] = await staff(1)
    const first = await checkIn(facilitator, sessionId, a!.sub)
    const second = await checkIn(dxAdmin, sessionId, a!.sub)
    expect(second).toMatchObject({ status: 'applied' })
    expect(second.row).toEqual(first.row)
  })

  it('refuses another facilitator and an employee, writing nothing', async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    })
    const [a, b] = await staff(2)
    const before = await snapshotAll(db, ['registrations', 'audit_log'])
    expect(await checkIn(otherFacilitator, sessionId, a!.sub)).toMatchObject(rejected('DXP030'))
    expect(await checkIn(b!, sessionId, a!.sub)).toMatchObject(rejected('DXP030'))
    expect(await checkIn(a!, sessionId, a!.sub)).toMatchObject(rejected('DXP030'))
    expect(await snapshotAll(db, ['registrations', 'audit_log'])).toEqual(before)
  })

  it('refuses a check-in long before the start, at a cancelled session, or of someone unknown', async () => {
    const early = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 day',
      deadlineIn: '1 hour',
    })
    const cancelled = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      status: 'cancelled',
    })
    const soon = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    })
    const [a] = await staff(1)
    expect(await checkIn(facilitator, early, a!.sub)).toMatchObject(rejected('DXP031'))
    expect(await checkIn(facilitator, cancelled, a!.sub)).toMatchObject(rejected('DXP021'))
    expect(await checkIn(facilitator, soon, '00000000-0000-4000-8000-00000000beef')).toMatchObject(
      rejected('DXP032'),
    )
  })

  it('lets the DX division check anyone in and audits it', async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    })
    const [a] = await staff(1)
    const result = await checkIn(dxAdmin, sessionId, a!.sub)
    expect(result.row).toMatchObject({ status: 'attended', checked_in_by: dxAdmin.sub })
    const audit = await db.sql(
      `select actor_id, action, target_table, target_key, details from public.audit_log where target_key = $1`,
      [result.row?.id],
    )
    expect(audit).toEqual([
      {
        actor_id: dxAdmin.sub,
        action: 'check_in',
        target_table: 'registrations',
        target_key: result.row?.id,
        details: { session_id: sessionId, employee_id: a!.sub },
      },
    ])
  })
})
