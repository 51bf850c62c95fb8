// The seat counts on public.sessions (20260401000600_registrations.sql): what every replica shows as
// 残り席 and キャンセル待ち, so they must equal a recount of the registrations after every kind of write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullDocument } from '@/contract'
import { createTestDb, dbEngine, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, op, pushOne } from './write-support'

let db: TestDb
let facilitator: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
})
afterAll(() => db?.close())

const staff = (n: number) => Promise.all(Array.from({ length: n }, () => db.createUser()))
const register = (claims: UserClaims, sessionId: string) =>
  pushOne(db, claims, op('register_session', { session_id: sessionId }))
const cancel = (claims: UserClaims, sessionId: string) =>
  pushOne(db, claims, op('cancel_registration', { session_id: sessionId }))
const checkIn = (sessionId: string, employeeId: string) =>
  pushOne(db, facilitator, op('check_in', { session_id: sessionId, employee_id: employeeId }))

/** The stored counts next to a recount from the registrations, as register_session counts seats. */
async function counts(sessionId: string) {
  const [row] = await db.sql<{ stored: [number, number]; recount: [number, number] }>(
    `select array[s.confirmed_count, s.waitlist_count] as stored,
       array[(select count(*)::int from public.registrations r
               where r.session_id = s.id and r.status in ('confirmed', 'attended')),
             (select count(*)::int from public.registrations r
               where r.session_id = s.id and r.status = 'waitlisted')] as recount
     from public.sessions s where s.id = $1`,
    [sessionId],
  )
  if (!row) throw new Error('no session')
  return row
}

async function expectCounts(sessionId: string, seated: number, waiting: number) {
  const { stored, recount } = await counts(sessionId)
  expect(recount).toEqual([seated, waiting])
  expect(stored).toEqual(recount)
}

describe('the seat counts of a session', () => {
  it('start at zero for a new session', async () => {
    await expectCounts(await createSession(db, { capacity: 3 }), 0, 0)
  })

  it('count confirmed seats, then the waitlist, as people register', async () => {
    const sessionId = await createSession(db, { capacity: 2 })
    const [a, b, c, d] = await staff(4)
    await register(a!, sessionId)
    await expectCounts(sessionId, 1, 0)
    await register(b!, sessionId)
    await expectCounts(sessionId, 2, 0)
    await register(c!, sessionId)
    await register(d!, sessionId)
    await expectCounts(sessionId, 2, 2)
  })

  it('stay put when a registration is refused (a second registration, a closed session)', async () => {
    const sessionId = await createSession(db, { capacity: 2 })
    const [a] = await staff(1)
    await register(a!, sessionId)
    expect((await register(a!, sessionId)).status).toBe('rejected')
    await expectCounts(sessionId, 1, 0)
    const closed = await createSession(db, { status: 'closed' })
    expect((await register(a!, closed)).status).toBe('rejected')
    await expectCounts(closed, 0, 0)
  })

  it('follow a cancellation that promotes the head of the waitlist, and one from the waitlist', async () => {
    const sessionId = await createSession(db, { capacity: 2 })
    const [a, b, c, d, e] = await staff(5)
    for (const claims of [a, b, c, d, e]) await register(claims!, sessionId)
    await expectCounts(sessionId, 2, 3)
    // A confirmed seat freed: c moves up, the waitlist shrinks.
    await cancel(a!, sessionId)
    await expectCounts(sessionId, 2, 2)
    // Someone leaves the waitlist: the seats stay full.
    await cancel(e!, sessionId)
    await expectCounts(sessionId, 2, 1)
    await cancel(b!, sessionId)
    await cancel(c!, sessionId)
    await expectCounts(sessionId, 1, 0)
  })

  it('follow check-ins: a confirmed seat stays a seat, a waitlisted arrival and a walk-in take one', async () => {
    const sessionId = await createSession(db, {
      capacity: 2,
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
    })
    const [a, b, c, walkIn] = await staff(4)
    for (const claims of [a, b, c]) await register(claims!, sessionId)
    await expectCounts(sessionId, 2, 1)
    await checkIn(sessionId, a!.sub)
    await expectCounts(sessionId, 2, 1)
    // At the door, the waitlisted one is let in too: attended, over capacity, as the facilitator decided.
    await checkIn(sessionId, c!.sub)
    await expectCounts(sessionId, 3, 0)
    await checkIn(sessionId, walkIn!.sub)
    await expectCounts(sessionId, 4, 0)
  })

  it('follow a deleted employee (their registrations go with the profile)', async () => {
    const sessionId = await createSession(db, { capacity: 1 })
    const [a, b] = await staff(2)
    await register(a!, sessionId)
    await register(b!, sessionId)
    await expectCounts(sessionId, 1, 1)
    await db.sql('delete from auth.users where id = $1', [b!.sub])
    await expectCounts(sessionId, 1, 0)
  })

  it('are exact after a bulk insert of many sessions’ registrations in one statement (the demo generator)', async () => {
    const sessions = await Promise.all([
      createSession(db, { capacity: 3 }),
      createSession(db, { capacity: 3 }),
    ])
    const people = await staff(5)
    const rows = people.flatMap((p, i) => [
      {
        session_id: sessions[0],
        employee_id: p.sub,
        status: i < 3 ? 'confirmed' : 'waitlisted',
        pos: i < 3 ? null : i - 2,
      },
      { session_id: sessions[1], employee_id: p.sub, status: i === 0 ? 'attended' : 'cancelled', pos: null },
    ])
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status, waitlist_position, cancelled_at, checked_in_at)
       select r.session_id, r.employee_id, r.status, r.pos,
         case when r.status = 'cancelled' then now() end, case when r.status = 'attended' then now() end
       from jsonb_to_recordset($1::jsonb) as r (session_id uuid, employee_id uuid, status text, pos integer)`,
      [JSON.stringify(rows)],
    )
    await expectCounts(sessions[0]!, 3, 2)
    await expectCounts(sessions[1]!, 1, 0)
  })

  it('follow an operator moving registrations to another session in one statement', async () => {
    const [from, to] = await Promise.all([
      createSession(db, { capacity: 5 }),
      createSession(db, { capacity: 5 }),
    ])
    const people = await staff(3)
    for (const p of people) await register(p, from)
    await register(people[0]!, to)
    await db.sql(
      `update public.registrations set session_id = $2 where session_id = $1 and employee_id <> $3`,
      [from, to, people[0]!.sub],
    )
    await expectCounts(from, 1, 0)
    await expectCounts(to, 3, 0)
  })

  it('reach every replica through sync_pull, so someone who never registered sees the seats go', async () => {
    const sessionId = await createSession(db, { capacity: 2 })
    const [watcher, a] = await staff(2)
    const first = await pullAll(watcher!, null)
    expect(first.rows.get(sessionId)).toMatchObject({ confirmed_count: 0, waitlist_count: 0, capacity: 2 })
    await register(a!, sessionId)
    const next = await pullAll(watcher!, first.cursor)
    expect(next.rows.get(sessionId)).toMatchObject({ confirmed_count: 1, waitlist_count: 0 })
    // The watcher still holds none of the registrations, only the count.
    expect(next.tables).not.toContain('registrations')
  })

  it('cannot be written by staff through the table API', async () => {
    const sessionId = await createSession(db)
    const [a] = await staff(1)
    await expect(
      db.asUser(a!, (tx) =>
        tx.query('update public.sessions set confirmed_count = 99 where id = $1', [sessionId]),
      ),
    ).rejects.toMatchObject({ code: '42501' })
    await expectCounts(sessionId, 0, 0)
  })
})

describe.skipIf(dbEngine() !== 'postgres')('the seat counts under concurrent writes', () => {
  let many: TestDb
  beforeAll(async () => {
    many = await createTestDb({ poolSize: 20 })
  })
  afterAll(() => many?.close())

  it('equal a recount after 60 people register and 15 cancel at once for 10 seats', async () => {
    const sessionId = await createSession(many, { capacity: 10 })
    const people = await Promise.all(Array.from({ length: 60 }, () => many.createUser()))
    const registered = await Promise.all(
      people.map((p) => pushOne(many, p, op('register_session', { session_id: sessionId }))),
    )
    expect(registered.every((r) => r.status === 'applied')).toBe(true)
    const cancelled = await Promise.all(
      people
        .filter((_, i) => i % 4 === 0)
        .map((p) => pushOne(many, p, op('cancel_registration', { session_id: sessionId }))),
    )
    expect(cancelled.every((r) => r.status === 'applied')).toBe(true)
    const [row] = await many.sql<{ stored: number[]; recount: number[] }>(
      `select array[s.confirmed_count, s.waitlist_count] as stored,
         array[(select count(*)::int from public.registrations r
                 where r.session_id = s.id and r.status in ('confirmed', 'attended')),
               (select count(*)::int from public.registrations r
                 where r.session_id = s.id and r.status = 'waitlisted')] as recount
       from public.sessions s where s.id = $1`,
      [sessionId],
    )
    expect(row?.recount).toEqual([10, 35])
    expect(row?.stored).toEqual(row?.recount)
  })
})

async function pullAll(claims: UserClaims, cursor: string | null) {
  const rows = new Map<string, Record<string, unknown>>()
  const tables = new Set<string>()
  let next = cursor
  for (;;) {
    const doc = (await db.rpc(claims, 'sync_pull', { cursor: next, max_rows: 1000 })) as PullDocument
    for (const change of doc.changes) {
      tables.add(change.table)
      if (change.table === 'sessions' && change.row) rows.set(change.key, change.row)
    }
    next = doc.cursor
    if (!doc.has_more) break
  }
  return { rows, cursor: next, tables: [...tables] }
}
