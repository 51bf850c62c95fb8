// Who may read and write each table of the write path, tried for every actor, forbidden cases included.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attempt, snapshot } from '../support/attempt'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, createTraining, op, pushOne, tokyoToday } from './write-support'

type Actor =
  'anon' | 'owner' | 'another employee' | 'facilitator of the session' | 'another facilitator' | 'dx_admin'
const ACTORS: Actor[] = [
  'anon',
  'owner',
  'another employee',
  'facilitator of the session',
  'another facilitator',
  'dx_admin',
]

let db: TestDb
const claims: Partial<Record<Actor, UserClaims>> = {}
let sessionId: string

interface TableSpec {
  table: string
  /** The row key, as sync_pull names it. */
  key: string
  /** Column an update would touch. */
  column: string
  /** Which rows each actor may select, as a condition on the table (`true` = every row, `false` = none). */
  visible: (actor: Actor, ids: Record<string, string>) => string
}

const everyone = (actor: Actor) => (actor === 'anon' ? 'false' : 'true')
const ownAndAdmin = (ownerColumn: string) => (actor: Actor, ids: Record<string, string>) =>
  actor === 'dx_admin' ? 'true' : actor === 'anon' ? 'false' : `${ownerColumn} = '${ids[actor]}'`

const TABLES: TableSpec[] = [
  { table: 'survey_templates', key: 'id::text', column: 'title', visible: everyone },
  { table: 'trainings', key: 'id::text', column: 'title', visible: everyone },
  { table: 'training_areas', key: `training_id || ':' || area_code`, column: 'area_code', visible: everyone },
  {
    table: 'training_target_roles',
    key: `training_id || ':' || role_code`,
    column: 'role_code',
    visible: everyone,
  },
  { table: 'sessions', key: 'id::text', column: 'capacity', visible: everyone },
  {
    table: 'registrations',
    key: 'id::text',
    column: 'status',
    // Facilitators also see the registrations of the sessions they run.
    visible: (actor, ids) =>
      actor.includes('facilitator')
        ? `employee_id = '${ids[actor]}' or session_id in (select id from public.sessions where facilitator_id = '${ids[actor]}')`
        : ownAndAdmin('employee_id')(actor, ids),
  },
  { table: 'learning_records', key: 'id::text', column: 'minutes', visible: ownAndAdmin('employee_id') },
  {
    table: 'survey_responses',
    key: 'id::text',
    column: 'answers',
    // Anonymous responses: no one, row by row.
    visible: (actor, ids) =>
      actor === 'dx_admin' ? 'respondent_id is not null' : ownAndAdmin('respondent_id')(actor, ids),
  },
  {
    table: 'survey_submissions',
    key: `session_id || ':' || employee_id`,
    column: 'session_id',
    visible: ownAndAdmin('employee_id'),
  },
  { table: 'certifications', key: 'id::text', column: 'fiscal_year', visible: ownAndAdmin('employee_id') },
  { table: 'audit_log', key: 'id::text', column: 'action', visible: (actor) => String(actor === 'dx_admin') },
  { table: 'applied_ops', key: 'mutation_id::text', column: 'kind', visible: () => 'false' },
]

const ids: Record<string, string> = {}

beforeAll(async () => {
  db = await createTestDb()
  claims.owner = await db.createUser()
  claims['another employee'] = await db.createUser()
  claims['facilitator of the session'] = await db.createUser({ appRole: 'facilitator' })
  claims['another facilitator'] = await db.createUser({ appRole: 'facilitator' })
  claims.dx_admin = await db.createUser({ appRole: 'dx_admin' })
  for (const actor of ACTORS) if (actor !== 'anon') ids[actor] = claims[actor]!.sub
  ids.anon = '00000000-0000-0000-0000-000000000000'

  const facilitator = claims['facilitator of the session']!
  const trainingId = await createTraining(db)
  await db.sql(`insert into public.training_target_roles (training_id, role_code) values ($1, 'leader')`, [
    trainingId,
  ])
  sessionId = await createSession(db, {
    trainingId,
    facilitatorId: facilitator.sub,
    startsIn: '-1 hour',
    deadlineIn: '-1 day',
  })
  ids.session = sessionId
  const [anonymousTemplate] = await db.sql<{ id: string }>(
    `insert into public.survey_templates (code, title, anonymous, questions)
     values ('anon_one', '匿名', true, '[{"key":"q","type":"likert_5","label":"満足度","required":true}]') returning id`,
  )
  const anonymousSession = await createSession(db, {
    trainingId: await createTraining(db, { templateId: anonymousTemplate!.id }),
    facilitatorId: facilitator.sub,
    startsIn: '-1 hour',
    deadlineIn: '-1 day',
  })

  // Every actor with a profile leaves rows of their own, so "own" is never trivially empty.
  for (const actor of ACTORS.filter((a) => a !== 'anon')) {
    const who = claims[actor]!
    await pushOne(
      db,
      who,
      op('record_learning', {
        id: randomUUID(),
        area_code: 'bpr',
        source: 'other',
        title: `${actor}の記録`,
        minutes: 15,
        completed_on: tokyoToday(),
      }),
    )
  }
  for (const who of [claims.owner!, claims['another employee']!]) {
    for (const session of [sessionId, anonymousSession]) {
      await pushOne(db, facilitator, op('check_in', { session_id: session, employee_id: who.sub }))
    }
  }
  const answers = {
    satisfaction: 4,
    understanding: 4,
    usefulness: 4,
    facilitation: 4,
    recommendation: 8,
    self_assessment: { bpr: { before: 1, after: 2 }, generative_ai: { before: 1, after: 2 } },
  }
  await pushOne(db, claims.owner!, op('submit_survey', { id: randomUUID(), session_id: sessionId, answers }))
  await pushOne(
    db,
    claims.owner!,
    op('submit_survey', { id: randomUUID(), session_id: anonymousSession, answers: { q: 5 } }),
  )
  await pushOne(
    db,
    claims['another employee']!,
    op('submit_survey', { id: randomUUID(), session_id: sessionId, answers }),
  )
  // A registration of the other facilitator elsewhere, and a dx_admin check-in (audited).
  const elsewhere = await createSession(db, {
    facilitatorId: claims['another facilitator']!.sub,
    startsIn: '1 hour',
    deadlineIn: '30 minutes',
  })
  const upcoming = await createSession(db, { facilitatorId: facilitator.sub })
  for (const who of [claims['another facilitator']!, claims['another employee']!]) {
    expect(await pushOne(db, who, op('register_session', { session_id: upcoming }))).toMatchObject({
      status: 'applied',
    })
  }
  await pushOne(
    db,
    claims.dx_admin!,
    op('check_in', { session_id: elsewhere, employee_id: claims.owner!.sub }),
  )
  for (const who of [claims.owner!, claims['another employee']!]) {
    await db.sql(
      'insert into public.certifications (employee_id, fiscal_year, approved_by) values ($1, 2026, $2)',
      [who.sub, claims.dx_admin!.sub],
    )
  }
})
afterAll(() => db?.close())

describe.each(TABLES)('$table', (spec) => {
  it('holds rows of several owners, so every visibility rule below is tested against real rows', async () => {
    const [row] = await db.sql<{ n: number }>(`select count(*)::int as n from public.${spec.table}`)
    expect(row?.n).toBeGreaterThanOrEqual(spec.table === 'survey_templates' ? 2 : 1)
  })

  it.each(ACTORS)('shows %s exactly the rows they may see', async (actor) => {
    const keys = `select ${spec.key} as key from public.${spec.table}`
    const expected = (
      await db.sql<{ key: string }>(`${keys} where ${spec.visible(actor, ids)} order by 1`)
    ).map((r) => r.key)
    const result = await attempt<{ key: string }>(db, claims[actor] ?? null, `${keys} order by 1`)
    const seen = result.ok ? result.rows.map((r) => r.key) : result.code === '42501' ? [] : result
    expect(seen).toEqual(expected)
  })

  it.each(ACTORS)('refuses every direct write of %s and leaves the table unchanged', async (actor) => {
    const before = await snapshot(db, spec.table)
    for (const statement of [
      `insert into public.${spec.table} default values`,
      `update public.${spec.table} set ${spec.column} = ${spec.column}`,
      `delete from public.${spec.table}`,
      `truncate public.${spec.table} cascade`,
    ]) {
      expect({ statement, result: await attempt(db, claims[actor] ?? null, statement) }).toMatchObject({
        statement,
        result: { ok: false, code: '42501' },
      })
    }
    expect(await snapshot(db, spec.table)).toBe(before)
  })
})

describe('functions', () => {
  it('lets every signed-in role and no anon call sync_push', async () => {
    for (const actor of ACTORS) {
      const result = await attempt(db, claims[actor] ?? null, `select public.sync_push('[]'::jsonb) as r`)
      expect({ actor, result }).toEqual({
        actor,
        result:
          actor === 'anon'
            ? expect.objectContaining({ ok: false, code: '42501' })
            : { ok: true, rows: [{ r: [] }] },
      })
    }
  })

  it('keeps the write internals out of reach of API roles: only the sync_push body and a policy helper are callable', async () => {
    const rows = await db.sql<{ fn: string; anon: boolean; authenticated: boolean }>(
      `select p.oid::regprocedure::text as fn,
              has_function_privilege('anon', p.oid, 'execute') as anon,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated
       from pg_proc p
       where p.pronamespace = 'private'::regnamespace
         and (p.proname like 'push\\_%' or p.proname like 'arg\\_%' or p.proname in (
           'reject', 'tokyo_today', 'fiscal_year_of', 'row_json', 'fill_seats', 'learning_fields', 'check_survey_answers',
           'unknown_kind', 'sync_push', 'write_audit', 'facilitates_session', 'survey_questions_valid', 'forbid_owner_change'))
       order by 1`,
    )
    expect(rows.length).toBeGreaterThanOrEqual(25)
    const callable = rows.filter((r) => r.anon || r.authenticated)
    expect(callable).toEqual([
      { fn: 'private.facilitates_session(uuid)', anon: false, authenticated: true },
      { fn: 'private.sync_push(jsonb)', anon: false, authenticated: true },
    ])
  })

  it('refuses a signed-in employee who calls a mutation function directly, writing nothing', async () => {
    const before = await snapshot(db, 'registrations')
    const result = await attempt(
      db,
      claims['another employee']!,
      `select private.push_register_session($1::jsonb)`,
      [JSON.stringify({ session_id: sessionId })],
    )
    expect(result).toMatchObject({ ok: false, code: '42501' })
    expect(await snapshot(db, 'registrations')).toBe(before)
  })

  it('lets the service role (admin tooling, past RLS) add a survey template checked by its constraint', async () => {
    const statement = `insert into public.survey_templates (code, title, questions)
      select 'service_copy', '複製', questions from public.survey_templates where code = 'standard_post_training'
      returning code`
    expect(await attempt(db, { role: 'service_role' }, statement, [], { rollback: true })).toEqual({
      ok: true,
      rows: [{ code: 'service_copy' }],
    })
  })

  it('gives RLS on every table of the write path', async () => {
    const rows = await db.sql<{ table: string; rls: boolean }>(
      `select c.relname as table, c.relrowsecurity as rls from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relname = any ($1) order by 1`,
      [TABLES.map((t) => t.table)],
    )
    expect(rows).toEqual(
      TABLES.map((t) => t.table)
        .sort()
        .map((table) => ({ table, rls: true })),
    )
  })
})

describe('replication stamps', () => {
  const REPLICATED: Record<string, string> = {
    survey_templates: '',
    trainings: '',
    training_areas: '',
    training_target_roles: '',
    sessions: '',
    registrations: 'employee_id',
    learning_records: 'employee_id',
    survey_responses: 'respondent_id',
    survey_submissions: 'employee_id',
    certifications: 'employee_id',
  }

  it('stamps _xid on every replicated table and tombstones its deletions under the row’s owner', async () => {
    const rows = await db.sql<{
      table: string
      xid: boolean
      stamp: boolean
      tombstone: string | null
      truncate: boolean
    }>(
      `select c.relname as table,
         exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = '_xid'
                 and a.atttypid = 'xid8'::regtype and a.attnotnull) as xid,
         exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgfoid = 'private.stamp_xid'::regproc) as stamp,
         (select encode(t.tgargs, 'escape') from pg_trigger t
          where t.tgrelid = c.oid and t.tgfoid = 'private.record_tombstone'::regproc) as tombstone,
         exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgfoid = 'private.sync_truncated'::regproc) as truncate
       from pg_class c where c.relnamespace = 'public'::regnamespace and c.relname = any ($1) order by 1`,
      [[...Object.keys(REPLICATED), 'audit_log', 'applied_ops']],
    )
    const expected = [...Object.keys(REPLICATED), 'audit_log', 'applied_ops']
      .sort()
      .map((table) =>
        table in REPLICATED
          ? { table, xid: true, stamp: true, tombstone: `${REPLICATED[table]}\\000`, truncate: true }
          : { table, xid: false, stamp: false, tombstone: null, truncate: false },
      )
    expect(rows).toEqual(expected)
  })
})
