// sync_push's close_session (20260401001600_facilitator.sql): after the start, by the session's
// facilitator or the DX division, the session is closed and the confirmed who never came are no-shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, op, pushOne, rejected, snapshotAll } from './write-support'

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

const close = (claims: UserClaims, sessionId: string, id?: string) =>
  pushOne(db, claims, op('close_session', { session_id: sessionId }, id))
const checkIn = (claims: UserClaims, sessionId: string, employeeId: string) =>
  pushOne(db, claims, op('check_in', { session_id: sessionId, employee_id: employeeId }))

async function statuses(sessionId: string): Promise<Record<string, string>> {
  const rows = await db.sql<{ employee_id: string; status: string }>(
    'select employee_id, status from public.registrations where session_id = $1',
    [sessionId],
  )
  return Object.fromEntries(rows.map((r) => [r.employee_id, r.status]))
}

/** A session that started 30 minutes ago: two confirmed, one checked in, one waitlisted, one cancelled. */
async function sessionUnderWay(startsIn = '-30 minutes') {
  const sessionId = await createSession(db, {
    facilitatorId: facilitator.sub,
    capacity: 3,
    startsIn,
    deadlineIn: '-1 day',
  })
  const [came, stayedAway, alsoAway, waiting, cancelled] = await Promise.all(
    Array.from({ length: 5 }, () => db.createUser()),
  )
  const add = (claims: UserClaims, status: string, position: number | null = null) =>
    db.sql(
      `insert into public.registrations (session_id, employee_id, status, waitlist_position, cancelled_at)
       values ($1, $2, $3, $4, case when $3 = 'cancelled' then now() end)`,
      [sessionId, claims.sub, status, position],
    )
  await add(came!, 'confirmed')
  await add(stayedAway!, 'confirmed')
  await add(alsoAway!, 'confirmed')
  await add(waiting!, 'waitlisted', 1)
  await add(cancelled!, 'cancelled')
  return {
    sessionId,
    came: came!,
    stayedAway: stayedAway!,
    alsoAway: alsoAway!,
    waiting: waiting!,
    cancelled: cancelled!,
  }
}

describe('close_session', () => {
  it('closes the session and marks exactly the confirmed who were not checked in as no-shows', async () => {
    const s = await sessionUnderWay()
    expect(await checkIn(facilitator, s.sessionId, s.came.sub)).toMatchObject({ status: 'applied' })
    const result = await close(facilitator, s.sessionId)
    expect(result).toMatchObject({ status: 'applied', code: null })
    expect(result.row).toMatchObject({ id: s.sessionId, status: 'closed' })
    expect(await statuses(s.sessionId)).toEqual({
      [s.came.sub]: 'attended',
      [s.stayedAway.sub]: 'no_show',
      [s.alsoAway.sub]: 'no_show',
      [s.waiting.sub]: 'waitlisted',
      [s.cancelled.sub]: 'cancelled',
    })
  })

  it('answers a replay with the first result and changes nothing, and closing again is harmless', async () => {
    const s = await sessionUnderWay()
    const id = crypto.randomUUID()
    const first = await close(facilitator, s.sessionId, id)
    const before = await snapshotAll(db, ['registrations', 'applied_ops'])
    const replay = await close(facilitator, s.sessionId, id)
    expect(replay).toEqual({ ...first, status: 'duplicate' })
    expect(await snapshotAll(db, ['registrations', 'applied_ops'])).toEqual(before)
    const again = await close(facilitator, s.sessionId)
    expect(again).toMatchObject({ status: 'applied', row: { status: 'closed' } })
    expect(await statuses(s.sessionId)).toMatchObject({
      [s.stayedAway.sub]: 'no_show',
      [s.came.sub]: 'no_show',
    })
  })

  it('still takes a late check-in from a tablet that syncs after the close', async () => {
    const s = await sessionUnderWay()
    await close(facilitator, s.sessionId)
    expect(await checkIn(facilitator, s.sessionId, s.stayedAway.sub)).toMatchObject({
      status: 'applied',
      row: { status: 'attended' },
    })
  })

  it('refuses another facilitator, an employee and a registrant, writing nothing', async () => {
    const s = await sessionUnderWay()
    const before = await snapshotAll(db, ['registrations', 'audit_log'])
    const [sessionBefore] = await db.sql('select status from public.sessions where id = $1', [s.sessionId])
    for (const claims of [otherFacilitator, s.came, await db.createUser()]) {
      expect(await close(claims, s.sessionId)).toMatchObject(rejected('DXP091'))
    }
    expect(await snapshotAll(db, ['registrations', 'audit_log'])).toEqual(before)
    expect(await db.sql('select status from public.sessions where id = $1', [s.sessionId])).toEqual([
      sessionBefore,
    ])
  })

  it('refuses a session that has not started, a cancelled one and an unknown one', async () => {
    const early = await sessionUnderWay('1 hour')
    const before = await snapshotAll(db, ['registrations'])
    expect(await close(facilitator, early.sessionId)).toMatchObject(rejected('DXP092'))
    expect(await snapshotAll(db, ['registrations'])).toEqual(before)
    const cancelled = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '-1 hour',
      status: 'cancelled',
    })
    expect(await close(facilitator, cancelled)).toMatchObject(rejected('DXP021'))
    expect(await close(facilitator, '00000000-0000-4000-8000-00000000dead')).toMatchObject(rejected('DXP020'))
    expect(
      await pushOne(
        db,
        facilitator,
        op('close_session', { session_id: early.sessionId, employee_id: facilitator.sub }),
      ),
    ).toMatchObject(rejected('DXP013'))
  })

  it('lets the DX division close any session, and audits it', async () => {
    const s = await sessionUnderWay()
    expect(await close(dxAdmin, s.sessionId)).toMatchObject({ status: 'applied' })
    const audit = await db.sql(
      `select actor_id, action, target_table, details from public.audit_log where target_key = $1`,
      [s.sessionId],
    )
    expect(audit).toEqual([
      { actor_id: dxAdmin.sub, action: 'close_session', target_table: 'sessions', details: { no_shows: 3 } },
    ])
  })
})
