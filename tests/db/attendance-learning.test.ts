// Attending a training is learning (20260401001350_attendance_learning.sql): a check-in writes the
// attendee one learning record per area of the training in the same transaction, an undone check-in
// removes them, and nothing is ever written twice. The attendee pulls them, cannot type, change or
// delete them, and the division's area figures count them.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drain, Replica, waitForHorizon } from '../support/sync-replica'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { call } from './division-support'
import {
  createSession,
  createTraining,
  op,
  pushOne,
  registrationsOf,
  rejected,
  sessionInvariants,
  snapshotAll,
  tokyoToday,
} from './write-support'

let db: TestDb
let facilitator: UserClaims
let dxAdmin: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  dxAdmin = await db.createUser({ appRole: 'dx_admin' })
})
afterAll(() => db?.close())

const checkIn = (claims: UserClaims, sessionId: string, employeeId: string, id?: string) =>
  pushOne(db, claims, op('check_in', { session_id: sessionId, employee_id: employeeId }, id))
const undo = (claims: UserClaims, sessionId: string, employeeId: string) =>
  pushOne(db, claims, op('undo_check_in', { session_id: sessionId, employee_id: employeeId }))
const register = (claims: UserClaims, sessionId: string) =>
  pushOne(db, claims, op('register_session', { session_id: sessionId }))

interface Credit {
  area_code: string
  source: string
  session_id: string
  title: string
  minutes: number
  completed_on: string
}

async function creditsOf(employeeId: string): Promise<Credit[]> {
  return db.sql<Credit>(
    `select area_code, source, session_id::text, title, minutes, completed_on::text as completed_on
       from public.learning_records where employee_id = $1 and source = 'session' order by session_id, area_code`,
    [employeeId],
  )
}

/** A 2-hour workshop on two areas that started 30 minutes ago, run by the facilitator. */
async function workshopUnderWay(areas = ['bpr', 'generative_ai'], kind = 'workshop') {
  const trainingId = await createTraining(db, { areas, kind, title: '生成AI活用ワークショップ' })
  const sessionId = await createSession(db, {
    trainingId,
    facilitatorId: facilitator.sub,
    startsIn: '-30 minutes',
    deadlineIn: '-1 day',
  })
  const [day] = await db.sql<{ on: string }>(
    `select (starts_at at time zone 'Asia/Tokyo')::date::text as on from public.sessions where id = $1`,
    [sessionId],
  )
  return { sessionId, day: day!.on }
}

/** A registration made before the deadline had passed. */
async function registered(sessionId: string): Promise<UserClaims> {
  const employee = await db.createUser()
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, registered_at)
     values ($1, $2, 'confirmed', now() - interval '3 days')`,
    [sessionId, employee.sub],
  )
  await db.sql('update public.sessions set confirmed_count = confirmed_count + 1 where id = $1', [sessionId])
  return employee
}

describe('a check-in', () => {
  it('writes one learning record per area of the training: the session, its title, length and date', async () => {
    const { sessionId, day } = await workshopUnderWay()
    const employee = await registered(sessionId)
    expect(await checkIn(facilitator, sessionId, employee.sub)).toMatchObject({ status: 'applied' })
    expect(await creditsOf(employee.sub)).toEqual(
      ['bpr', 'generative_ai'].map((area_code) => ({
        area_code,
        source: 'session',
        session_id: sessionId,
        title: '生成AI活用ワークショップ',
        minutes: 120,
        completed_on: day,
      })),
    )
  })

  it('writes nothing twice: a replayed mutation, a second device at the door, the DX division again', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    const mutationId = randomUUID()
    await checkIn(facilitator, sessionId, employee.sub, mutationId)
    const once = await snapshotAll(db, ['learning_records', 'registrations'])
    expect(await checkIn(facilitator, sessionId, employee.sub, mutationId)).toMatchObject({
      status: 'duplicate',
    })
    expect(await checkIn(facilitator, sessionId, employee.sub)).toMatchObject({ status: 'applied' })
    expect(await checkIn(dxAdmin, sessionId, employee.sub)).toMatchObject({ status: 'applied' })
    expect(await snapshotAll(db, ['learning_records', 'registrations'])).toEqual(once)
    expect(await creditsOf(employee.sub)).toHaveLength(2)
  })

  it('credits a walk-in, and a no-show turned attended by a tablet that syncs after the close', async () => {
    const { sessionId } = await workshopUnderWay()
    const walkIn = await db.createUser()
    const late = await registered(sessionId)
    expect(await checkIn(facilitator, sessionId, walkIn.sub)).toMatchObject({ status: 'applied' })
    expect(await creditsOf(walkIn.sub)).toHaveLength(2)

    await pushOne(db, facilitator, op('close_session', { session_id: sessionId }))
    expect((await registrationsOf(db, sessionId)).find((r) => r.employee_id === late.sub)?.status).toBe(
      'no_show',
    )
    expect(await creditsOf(late.sub)).toEqual([])
    await checkIn(facilitator, sessionId, late.sub)
    expect(await creditsOf(late.sub)).toHaveLength(2)
  })

  it('credits nothing for a training without areas, an e-learning, or a check-in the server refuses', async () => {
    const noAreas = await workshopUnderWay([])
    const elearning = await workshopUnderWay(['dx_basics'], 'elearning')
    const employee = await db.createUser()
    await checkIn(facilitator, noAreas.sessionId, employee.sub)
    await checkIn(facilitator, elearning.sessionId, employee.sub)
    expect(
      (await registrationsOf(db, noAreas.sessionId)).concat(await registrationsOf(db, elearning.sessionId)),
    ).toMatchObject([{ status: 'attended' }, { status: 'attended' }])

    const other = await workshopUnderWay()
    const stranger = await db.createUser({ appRole: 'facilitator' })
    const before = await snapshotAll(db, ['learning_records', 'registrations'])
    expect(await checkIn(stranger, other.sessionId, employee.sub)).toMatchObject(rejected('DXP030'))
    expect(await checkIn(facilitator, other.sessionId, randomUUID())).toMatchObject(rejected('DXP032'))
    expect(await snapshotAll(db, ['learning_records', 'registrations'])).toEqual(before)
    expect(await creditsOf(employee.sub)).toEqual([])
  })
})

describe('undo_check_in', () => {
  it('removes the credited learning and puts the registration back as it was', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    await checkIn(facilitator, sessionId, employee.sub)
    expect(await undo(facilitator, sessionId, employee.sub)).toMatchObject({
      status: 'applied',
      row: { status: 'confirmed', checked_in_at: null, checked_in_by: null },
    })
    expect(await creditsOf(employee.sub)).toEqual([])
    await sessionInvariants(db, sessionId)

    // Undone twice (two devices): refused, nothing changes; checked in again: credited again, once.
    const before = await snapshotAll(db, ['learning_records', 'registrations'])
    expect(await undo(facilitator, sessionId, employee.sub)).toMatchObject(rejected('DXP033'))
    expect(await snapshotAll(db, ['learning_records', 'registrations'])).toEqual(before)
    await checkIn(facilitator, sessionId, employee.sub)
    expect(await creditsOf(employee.sub)).toHaveLength(2)
  })

  it('cancels a walk-in and gives the seat to the head of the waitlist', async () => {
    const trainingId = await createTraining(db, { areas: ['bpr'] })
    const sessionId = await createSession(db, {
      trainingId,
      facilitatorId: facilitator.sub,
      capacity: 1,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    })
    const walkIn = await db.createUser()
    const waiting = await db.createUser()
    await checkIn(facilitator, sessionId, walkIn.sub)
    expect(await register(waiting, sessionId)).toMatchObject({ row: { status: 'waitlisted' } })
    expect(await undo(facilitator, sessionId, walkIn.sub)).toMatchObject({ row: { status: 'cancelled' } })
    expect(await creditsOf(walkIn.sub)).toEqual([])
    expect((await registrationsOf(db, sessionId)).find((r) => r.employee_id === waiting.sub)?.status).toBe(
      'confirmed',
    )
    await sessionInvariants(db, sessionId)
  })

  it('makes a registered attendee a no-show once the session is closed', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    await checkIn(facilitator, sessionId, employee.sub)
    await pushOne(db, facilitator, op('close_session', { session_id: sessionId }))
    expect(await undo(dxAdmin, sessionId, employee.sub)).toMatchObject({ row: { status: 'no_show' } })
    expect(await creditsOf(employee.sub)).toEqual([])
  })

  it('is refused to the attendee, another facilitator, and outside the check-in window', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    await checkIn(facilitator, sessionId, employee.sub)
    const stranger = await db.createUser({ appRole: 'facilitator' })
    const before = await snapshotAll(db, ['learning_records', 'registrations'])
    expect(await undo(employee, sessionId, employee.sub)).toMatchObject(rejected('DXP030'))
    expect(await undo(stranger, sessionId, employee.sub)).toMatchObject(rejected('DXP030'))
    expect(await undo(facilitator, randomUUID(), employee.sub)).toMatchObject(rejected('DXP020'))
    expect(await snapshotAll(db, ['learning_records', 'registrations'])).toEqual(before)
    await db.sql(
      `update public.sessions set starts_at = now() - interval '10 days', ends_at = now() - interval '9 days 22 hours',
         registration_deadline = now() - interval '11 days' where id = $1`,
      [sessionId],
    )
    expect(await undo(facilitator, sessionId, employee.sub)).toMatchObject(rejected('DXP031'))
    expect(await snapshotAll(db, ['learning_records', 'registrations'])).toEqual(before)
    expect(await creditsOf(employee.sub)).toHaveLength(2)
  })
})

describe('a credited record', () => {
  it('reaches the attendee by the ordinary pull, and leaves it when the check-in is undone', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    const replica = new Replica()
    await waitForHorizon(db)
    await drain(db, employee, replica)
    await checkIn(facilitator, sessionId, employee.sub)
    await waitForHorizon(db)
    await drain(db, employee, replica)
    const pulled = () =>
      [...(replica.tables.get('learning_records')?.values() ?? [])]
        .filter((row) => row.session_id === sessionId)
        .map((row) => row.area_code)
        .sort()
    expect(pulled()).toEqual(['bpr', 'generative_ai'])

    const facilitatorReplica = new Replica()
    await drain(db, facilitator, facilitatorReplica)
    expect(
      [...(facilitatorReplica.tables.get('learning_records')?.values() ?? [])].filter(
        (row) => row.employee_id === employee.sub,
      ),
    ).toEqual([])

    await undo(facilitator, sessionId, employee.sub)
    await waitForHorizon(db)
    await drain(db, employee, replica)
    expect(pulled()).toEqual([])
  })

  it('cannot be typed, changed or deleted by the attendee', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    await checkIn(facilitator, sessionId, employee.sub)
    const [credited] = await db.sql<{ id: string; version: number }>(
      `select id, version from public.learning_records where employee_id = $1 and source = 'session' limit 1`,
      [employee.sub],
    )
    const before = await snapshotAll(db, ['learning_records'])
    const typed = {
      id: randomUUID(),
      area_code: 'bpr',
      title: '研修を手入力',
      minutes: 60,
      completed_on: tokyoToday(),
    }
    expect(
      await pushOne(
        db,
        employee,
        op('record_learning', { ...typed, source: 'session', session_id: sessionId }),
      ),
    ).toMatchObject(rejected('DXP044'))
    expect(
      await pushOne(
        db,
        employee,
        op('record_learning', { ...typed, source: 'other', session_id: sessionId }),
      ),
    ).toMatchObject(rejected('DXP044'))
    expect(
      await pushOne(
        db,
        employee,
        op('update_learning', { id: credited!.id, version: credited!.version, minutes: 600 }),
      ),
    ).toMatchObject(rejected('DXP045'))
    expect(await pushOne(db, employee, op('delete_learning', { id: credited!.id }))).toMatchObject(
      rejected('DXP045'),
    )
    expect(await snapshotAll(db, ['learning_records'])).toEqual(before)

    // A record the person typed cannot be turned into a session's either.
    const own = { ...typed, source: 'self_study' }
    await pushOne(db, employee, op('record_learning', own))
    expect(
      await pushOne(db, employee, op('update_learning', { id: own.id, version: 1, source: 'session' })),
    ).toMatchObject(rejected('DXP044'))
  })

  it('counts in the division’s area figures: the month’s records move by the training’s areas', async () => {
    const fiscalYear = async () => {
      const [row] = await db.sql<{ fy: number }>(
        `select extract(year from (now() at time zone 'Asia/Tokyo') - interval '3 months')::int as fy`,
      )
      return row!.fy
    }
    const records = async (month: string) => {
      const result = await call<{ trend: { month: string; records: number }[] }>(
        db,
        dxAdmin,
        'division_knowledge_areas',
        { fiscal_year: await fiscalYear() },
      )
      if (!result.ok) throw new Error(result.code)
      return result.value.trend.find((m) => m.month === month)?.records ?? 0
    }
    const { sessionId, day } = await workshopUnderWay(['bpr', 'generative_ai', 'information_security'])
    const employee = await registered(sessionId)
    const before = await records(day.slice(0, 7))
    await checkIn(facilitator, sessionId, employee.sub)
    expect(await records(day.slice(0, 7))).toBe(before + 3)
    await undo(facilitator, sessionId, employee.sub)
    expect(await records(day.slice(0, 7))).toBe(before)
  })
})

describe('private.backfill_attendance_credits', () => {
  it('credits attendances recorded before the rule, and changes nothing when run again', async () => {
    const { sessionId } = await workshopUnderWay()
    const employee = await registered(sessionId)
    await checkIn(facilitator, sessionId, employee.sub)
    // As if the attendance had been recorded before the rule existed.
    await db.sql(`delete from public.learning_records where employee_id = $1 and source = 'session'`, [
      employee.sub,
    ])
    const [first] = await db.sql<{ n: number }>('select private.backfill_attendance_credits() as n')
    expect(first!.n).toBeGreaterThanOrEqual(2)
    expect(await creditsOf(employee.sub)).toHaveLength(2)
    const after = await snapshotAll(db, ['learning_records'])
    const [second] = await db.sql<{ n: number }>('select private.backfill_attendance_credits() as n')
    expect(second!.n).toBe(0)
    expect(await snapshotAll(db, ['learning_records'])).toEqual(after)
  })
})
