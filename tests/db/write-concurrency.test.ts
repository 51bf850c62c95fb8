// Many clients registering for one session at once, on real PostgreSQL (PGlite runs one connection,
// so nothing there is concurrent). The control repeats the rush against a copy of register_session
// without the session lock, to show that the lock is what keeps the invariants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, dbEngine, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, op, registrationsOf, sessionInvariants, type Mutation } from './write-support'
import type { PushResult } from '@/contract'

const CLIENTS = 200
const SEATS = 30

/**
 * Opens one transaction per client (each on its own pooled connection, as the claims' role), waits
 * until all are open, then lets every client call sync_push at the same moment.
 */
async function rush(db: TestDb, pushes: { claims: UserClaims; mutation: Mutation }[], connections: number) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let ready = 0
  let allReady!: () => void
  const readyAll = new Promise<void>((resolve) => (allReady = resolve))
  const settled = Promise.allSettled(
    pushes.map(({ claims, mutation }) =>
      db.asUser(claims, async (tx) => {
        // With fewer connections than clients, the rest join as connections free up.
        if (++ready === Math.min(pushes.length, connections)) allReady()
        await gate
        const { rows } = await tx.query<{ r: PushResult[] }>('select public.sync_push($1::jsonb) as r', [
          JSON.stringify([mutation]),
        ])
        return rows[0]!.r[0]!
      }),
    ),
  )
  await readyAll
  const started = performance.now()
  release()
  const outcomes = await settled
  return { outcomes, seconds: (performance.now() - started) / 1000 }
}

/**
 * One connection per client when the server has room (tests/support starts it with max_connections
 * 200, shared with the other test files running meanwhile); otherwise as many as it can spare.
 */
async function connectionsFor(clients: number): Promise<number> {
  const probe = await createTestDb()
  try {
    const [row] = await probe.sql<{ free: number }>(
      `select current_setting('max_connections')::int
         - (select count(*)::int from pg_stat_activity where backend_type = 'client backend') as free`,
    )
    return Math.max(20, Math.min(clients, (row?.free ?? 0) - 20))
  } finally {
    await probe.close()
  }
}

async function staff(db: TestDb, n: number): Promise<UserClaims[]> {
  const users: UserClaims[] = []
  for (let i = 0; i < n; i += 1) users.push(await db.createUser())
  return users
}

describe.skipIf(dbEngine() !== 'postgres')('200 clients registering for one 30-seat session at once', () => {
  let db: TestDb
  let sessionId: string
  let clients: UserClaims[]
  let connections: number

  beforeAll(async () => {
    connections = await connectionsFor(CLIENTS)
    db = await createTestDb({ poolSize: connections })
    sessionId = await createSession(db, { capacity: SEATS })
    clients = await staff(db, CLIENTS)
  })
  afterAll(() => db?.close())

  it('confirms exactly 30 and waitlists 170 at positions 1–170', async () => {
    const { outcomes, seconds } = await rush(
      db,
      clients.map((claims) => ({ claims, mutation: op('register_session', { session_id: sessionId }) })),
      connections,
    )
    const failures = outcomes.filter((o) => o.status === 'rejected')
    expect(failures).toEqual([])
    const results = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : null))
    expect(results.every((r) => r?.status === 'applied')).toBe(true)
    console.log(
      `registrations-per-second: ${Math.round(CLIENTS / seconds)} (${CLIENTS} clients on ${connections} connections)`,
    )

    const rows = await registrationsOf(db, sessionId)
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(SEATS)
    expect(
      rows
        .filter((r) => r.status === 'waitlisted')
        .map((r) => r.waitlist_position)
        .sort((a, b) => a! - b!),
    ).toEqual(Array.from({ length: CLIENTS - SEATS }, (_, i) => i + 1))
    // What each client was told is what the table holds.
    const told = Object.fromEntries(
      results.map((r) => [r!.row!.employee_id, [r!.row!.status, r!.row!.waitlist_position]]),
    )
    expect(Object.fromEntries(rows.map((r) => [r.employee_id, [r.status, r.waitlist_position]]))).toEqual(
      told,
    )
  })

  it('survives a storm of 20 cancellations and 20 new registrations with promotions in waitlist order', async () => {
    const before = await registrationsOf(db, sessionId)
    const confirmed = before.filter((r) => r.status === 'confirmed')
    const queue = before
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => a.waitlist_position! - b.waitlist_position!)
      .map((r) => r.employee_id)
    const leaving = confirmed.slice(0, 20).map((r) => clients.find((c) => c.sub === r.employee_id)!)
    const arriving = await staff(db, 20)

    const { outcomes } = await rush(
      db,
      [
        ...leaving.map((claims) => ({
          claims,
          mutation: op('cancel_registration', { session_id: sessionId }),
        })),
        ...arriving.map((claims) => ({
          claims,
          mutation: op('register_session', { session_id: sessionId }),
        })),
      ],
      connections,
    )
    expect(outcomes.filter((o) => o.status === 'rejected' || o.value.status !== 'applied')).toEqual([])

    expect(await sessionInvariants(db, sessionId)).toEqual({
      capacity: SEATS,
      seated: SEATS,
      waitlisted: CLIENTS - SEATS,
      positions_ok: true,
      duplicates: 0,
    })
    const after = await registrationsOf(db, sessionId)
    const status = new Map(after.map((r) => [r.employee_id, r] as const))
    // The first 20 of the queue took the 20 freed seats; everyone else kept their order behind them.
    expect(queue.slice(0, 20).map((id) => status.get(id)?.status)).toEqual(Array(20).fill('confirmed'))
    const waitlist = after
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => a.waitlist_position! - b.waitlist_position!)
      .map((r) => r.employee_id)
    expect(waitlist.slice(0, queue.length - 20)).toEqual(queue.slice(20))
    expect(new Set(waitlist.slice(queue.length - 20))).toEqual(new Set(arriving.map((c) => c.sub)))
    expect(leaving.map((c) => status.get(c.sub)?.status)).toEqual(Array(20).fill('cancelled'))
  })
})

describe.skipIf(dbEngine() !== 'postgres')('control: the same rush without the session lock', () => {
  let db: TestDb
  let connections: number

  beforeAll(async () => {
    connections = await connectionsFor(CLIENTS)
    db = await createTestDb({ poolSize: connections })
    // A copy of register_session without `for update`, with a short pause between counting the seats
    // and inserting (a busy server): the window the lock closes.
    const [row] = await db.sql<{ def: string }>(
      `select pg_get_functiondef('private.push_register_session(jsonb)'::regprocedure) as def`,
    )
    const unlocked = row!.def
      .replace(/ for update;/, ';')
      .replace(
        /insert into public\.registrations/,
        'perform pg_catalog.pg_sleep(0.01);\n  insert into public.registrations',
      )
    expect(unlocked).not.toBe(row!.def)
    expect(unlocked).not.toMatch(/for update/)
    await db.exec(unlocked)
  })
  afterAll(() => db?.close())

  it('overbooks or breaks the waitlist: the lock is what keeps the invariants', async () => {
    const sessionId = await createSession(db, { capacity: SEATS })
    const clients = await staff(db, CLIENTS)
    const { outcomes } = await rush(
      db,
      clients.map((claims) => ({ claims, mutation: op('register_session', { session_id: sessionId }) })),
      connections,
    )
    const failed = outcomes.filter((o) => o.status === 'rejected').length
    const invariants = await sessionInvariants(db, sessionId)
    const broken = invariants.seated > SEATS || !invariants.positions_ok || failed > 0
    console.log(
      `control without lock: ${invariants.seated} confirmed of ${SEATS} seats, ${failed} pushes failed at commit, positions ok: ${invariants.positions_ok}`,
    )
    expect(broken).toBe(true)
  })
})
