// Access follows the directory (issue #16, docs/architecture.md): once profiles.left_on is set, every RPC,
// sync_pull and every table policy refuses the person at once (private.require_active_profile and the
// `<table>_all_active` policies, 20260401005000_active_access.sql). Each case is shown from both sides:
// the same person, still active, gets through.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, op, push } from './write-support'

let db: TestDb
// A facilitator of a started session who is also the DX division: the widest access there is.
let insider: UserClaims
let employee: UserClaims
let attendee: UserClaims
let sessionId: string

beforeAll(async () => {
  db = await createTestDb()
  insider = await db.createUser({ appRole: 'dx_admin', employeeNumber: 'L00001' })
  employee = await db.createUser({ employeeNumber: 'L00002' })
  attendee = await db.createUser({ employeeNumber: 'L00003' })
  sessionId = await createSession(db, {
    facilitatorId: insider.sub,
    startsIn: '-30 minutes',
    deadlineIn: '-1 day',
  })
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, checked_in_at, checked_in_by)
     values ($1, $2, 'attended', now() - interval '10 minutes', $3), ($1, $4, 'confirmed', null, null)`,
    [sessionId, attendee.sub, insider.sub, employee.sub],
  )
  await db.sql(
    `insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
     values ($1, $2, 'generative_ai', 'self_study', '生成AI入門', 30, current_date)`,
    [randomUUID(), employee.sub],
  )
})
afterAll(() => db?.close())

const leave = (who: UserClaims) =>
  db.sql(`update public.profiles set left_on = current_date where id = $1`, [who.sub])
const come_back = (who: UserClaims) =>
  db.sql(`update public.profiles set left_on = null where id = $1`, [who.sub])

/** Runs `fn` with `who` marked as left, then restores them, so each test starts from active people. */
async function asLeaver<T>(who: UserClaims, fn: () => Promise<T>): Promise<T> {
  await leave(who)
  try {
    return await fn()
  } finally {
    await come_back(who)
  }
}

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => 'allowed',
    (error: { code?: string; message?: string }) =>
      error.code === 'P0001' ? (error.message ?? '') : `${error.code}: ${error.message}`,
  )

describe('the RPCs', () => {
  const pull = (who: UserClaims) => db.rpc(who, 'sync_pull', { cursor: null, max_rows: 1000 })

  it('sync_pull hands a leaver nothing (DXP100), with the reason in Japanese', async () => {
    const active = (await pull(employee)) as { changes: unknown[] }
    expect(active.changes.length).toBeGreaterThan(0)
    const error = await asLeaver(employee, () => pull(employee).catch((e: unknown) => e))
    expect(error).toMatchObject({
      code: 'P0001',
      message: 'DXP100',
      details: expect.stringMatching(/名簿から外れている/),
    })
  })

  it('sync_push refuses the whole call of a leaver (DXP100) and writes nothing', async () => {
    const record = () =>
      op('record_learning', {
        id: randomUUID(),
        area_code: 'generative_ai',
        source: 'self_study',
        title: '自己学習',
        minutes: 20,
        completed_on: new Date().toISOString().slice(0, 10),
      })
    const count = async () =>
      (
        await db.sql<{ n: number }>(
          'select count(*)::int as n from public.learning_records where employee_id = $1',
          [employee.sub],
        )
      )[0]!.n
    const before = await count()
    expect(await asLeaver(employee, () => refusal(push(db, employee, [record()])))).toBe('DXP100')
    expect(await count()).toBe(before)
    const [applied] = await push(db, employee, [record()])
    expect(applied).toMatchObject({ status: 'applied' })
  })

  it('session_roster, find_employee and session_effect_summary refuse a facilitator who has left', async () => {
    const calls = {
      session_roster: () => db.rpc(insider, 'session_roster', { session_id: sessionId }),
      find_employee: () =>
        db.rpc(insider, 'find_employee', { session_id: sessionId, employee_number: 'L00003' }),
      session_effect_summary: () => db.rpc(insider, 'session_effect_summary', { session_id: sessionId }),
    }
    const run = async () =>
      Object.fromEntries(
        await Promise.all(Object.entries(calls).map(async ([name, call]) => [name, await refusal(call())])),
      )
    expect(await run()).toEqual({
      session_roster: 'allowed',
      find_employee: 'allowed',
      session_effect_summary: 'allowed',
    })
    expect(await asLeaver(insider, run)).toEqual({
      session_roster: 'DXP100',
      find_employee: 'DXP100',
      // Its own guard (is_dx_admin or facilitates_session) asks for an active profile too.
      session_effect_summary: 'DXP071',
    })
  })

  // Every function the API exposes, called with null arguments: the guard comes before any check of
  // the arguments, so a leaver is refused by each, including RPCs added by later migrations.
  it('every public RPC refuses a leaver (called with null arguments)', async () => {
    const fns = await db.sql<{ name: string; nargs: number }>(
      `select p.proname as name, p.pronargs::int as nargs from pg_catalog.pg_proc as p
       where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
         and pg_catalog.has_function_privilege('authenticated', p.oid, 'execute')
       order by 1`,
    )
    expect(fns.map((f) => f.name)).toEqual(
      expect.arrayContaining(['sync_pull', 'sync_push', 'import_directory']),
    )
    const callAll = () =>
      Promise.all(
        fns.map(async ({ name, nargs }) => {
          const args = Array.from({ length: nargs }, () => 'null').join(', ')
          const outcome = await refusal(
            db.asUser(insider, (tx) => tx.query(`select public.${name}(${args})`), { rollback: true }),
          )
          return [name, outcome] as const
        }),
      )
    const byLeaver = Object.fromEntries(await asLeaver(insider, callAll))
    const expected = Object.fromEntries(
      fns.map(({ name }) => [name, name === 'session_effect_summary' ? 'DXP071' : 'DXP100']),
    )
    expect(byLeaver).toEqual(expected)
    // The same person, active, is refused by none of them for who they are.
    const byActive = await callAll()
    expect(byActive.filter(([, outcome]) => /^DXP(001|002|100|070|071|091|101)$/.test(outcome))).toEqual([])
  })
})

describe('the tables (RLS)', () => {
  // What a signed-in caller reads straight from the tables, table by table (row counts).
  const visible = (who: UserClaims) =>
    db.asUser(who, async (tx) => {
      const counts: Record<string, number> = {}
      for (const table of ['profiles', 'registrations', 'learning_records', 'knowledge_areas', 'sessions']) {
        const { rows } = await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`)
        counts[table] = rows[0]!.n
      }
      return counts
    })

  it('shows a leaver no row of any table, own rows and reference data included', async () => {
    const active = await visible(employee)
    expect(active.profiles).toBe(1)
    expect(active.registrations).toBe(1)
    expect(active.learning_records).toBeGreaterThan(0)
    expect(active.knowledge_areas).toBeGreaterThan(0)
    expect(await asLeaver(employee, () => visible(employee))).toEqual({
      profiles: 0,
      registrations: 0,
      learning_records: 0,
      knowledge_areas: 0,
      sessions: 0,
    })
  })

  it('shows a facilitator who has left no registration of their session', async () => {
    const regs = (who: UserClaims) =>
      db.asUser(
        who,
        async (tx) =>
          (await tx.query('select employee_id from public.registrations where session_id = $1', [sessionId]))
            .rows.length,
      )
    expect(await regs(insider)).toBe(2)
    expect(await asLeaver(insider, () => regs(insider))).toBe(0)
  })

  it('shows a signed-in account without a profile nothing either', async () => {
    const stranger = await db.createUser({ withProfile: false })
    const counts = await db.asUser(
      stranger,
      async (tx) =>
        (await tx.query<{ n: number }>('select count(*)::int as n from public.knowledge_areas')).rows[0]!.n,
    )
    expect(counts).toBe(0)
  })

  it('a person who returns to the directory reads and pulls again', async () => {
    await leave(employee)
    await come_back(employee)
    expect((await visible(employee)).learning_records).toBeGreaterThan(0)
    expect(await refusal(db.rpc(employee, 'sync_pull', { cursor: null, max_rows: 10 }))).toBe('allowed')
  })
})
