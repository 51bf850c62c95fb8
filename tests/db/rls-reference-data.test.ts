import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  attempt,
  attemptAsSuperuser,
  publicTables,
  snapshot,
  withTableWritesGranted,
} from '../support/attempt'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

interface Step {
  sql: string
  /** Rows the DX division's statement returns. */
  rows: number
}

interface ReferenceTable {
  table: string
  /** A row the DX division could add. */
  insert: string
  /** Touches every row. */
  update: string
  /** The DX division's full round of writes under a re-opened grant, in a transaction that is rolled back. */
  adminSteps: Step[]
}

const referenceTables: ReferenceTable[] = [
  {
    table: 'knowledge_areas',
    insert: `insert into public.knowledge_areas (code, sort_order, name, name_en) values ('data_literacy', 10, 'データ活用', 'Data literacy') returning 1`,
    update: `update public.knowledge_areas set description = description || '。' returning 1`,
    adminSteps: [],
  },
  {
    table: 'dx_roles',
    // The role set is fixed, so the only insert anyone could try is a duplicate; the missing grant (and,
    // were it re-opened, RLS) answers before the key does.
    insert: `insert into public.dx_roles (code, sort_order, name, name_en, definition) values ('leader', 9, '偽', 'Fake', '偽') returning 1`,
    update: `update public.dx_roles set audience = audience returning 1`,
    adminSteps: [
      { sql: `delete from public.role_requirements where role_code = 'promoter' returning 1`, rows: 6 },
      { sql: `delete from public.dx_roles where code = 'promoter' returning 1`, rows: 1 },
      {
        sql: `insert into public.dx_roles (code, sort_order, name, name_en, definition) values ('promoter', 3, 'DX推進員', 'DX promoter', '担当業務のDX推進を行う職員。') returning 1`,
        rows: 1,
      },
      { sql: `update public.dx_roles set audience = audience returning 1`, rows: 3 },
    ],
  },
  {
    table: 'role_requirements',
    insert: `insert into public.role_requirements (role_code, area_code) values ('promoter', 'it_governance') returning 1`,
    update: `update public.role_requirements set area_code = area_code returning 1`,
    adminSteps: [],
  },
  {
    table: 'position_grades',
    insert: `insert into public.position_grades (code, name, rank, supervisory) values ('shunin_shuji', '主任主事', 10, false) returning 1`,
    update: `update public.position_grades set supervisory = supervisory returning 1`,
    adminSteps: [],
  },
  {
    table: 'departments',
    insert: `insert into public.departments (code, name, division_name, sort_order) values ('kikaku_data', 'データ活用推進課', '企画部', 999) returning 1`,
    update: `update public.departments set uses_information_systems = uses_information_systems returning 1`,
    adminSteps: [],
  },
  {
    table: 'fiscal_year_targets',
    insert: `insert into public.fiscal_year_targets (fiscal_year, leader_target) values (2029, 10) returning 1`,
    update: `update public.fiscal_year_targets set leader_target = leader_target returning 1`,
    adminSteps: [],
  },
  {
    table: 'training_kinds',
    insert: `insert into public.training_kinds (code, sort_order, name, name_en) values ('study_group', 9, '勉強会', 'Study group') returning 1`,
    update: `update public.training_kinds set audience_note = audience_note returning 1`,
    adminSteps: [],
  },
  {
    table: 'certification_rules',
    insert: `insert into public.certification_rules (code, sort_order, kind, name, name_en) values ('interview', 9, 'division_approval', '面談', 'Interview') returning 1`,
    update: `update public.certification_rules set description = description returning 1`,
    adminSteps: [],
  },
]

/** Insert a new row, update every row, delete the new row: what "the DX division edits the plan" means. */
function defaultAdminSteps(table: ReferenceTable, rowCount: number): Step[] {
  const deleteInserted: Record<string, string> = {
    knowledge_areas: `delete from public.knowledge_areas where code = 'data_literacy' returning 1`,
    role_requirements: `delete from public.role_requirements where role_code = 'promoter' and area_code = 'it_governance' returning 1`,
    position_grades: `delete from public.position_grades where code = 'shunin_shuji' returning 1`,
    departments: `delete from public.departments where code = 'kikaku_data' returning 1`,
    fiscal_year_targets: `delete from public.fiscal_year_targets where fiscal_year = 2029 returning 1`,
    training_kinds: `delete from public.training_kinds where code = 'study_group' returning 1`,
    certification_rules: `delete from public.certification_rules where code = 'interview' returning 1`,
  }
  const deleteSql = deleteInserted[table.table]
  if (!deleteSql) throw new Error(`No delete step for ${table.table}`)
  return [
    { sql: table.insert, rows: 1 },
    { sql: table.update, rows: rowCount + 1 },
    { sql: deleteSql, rows: 1 },
  ]
}

let db: TestDb
const actors: Record<string, UserClaims | null> = {}
let dxAdmin: UserClaims
/** Everyone but the DX division. */
const forbidden = ['an employee', 'a facilitator', 'a signed-in user without a profile', 'anon']
function actorClaims(actor: string): UserClaims | null {
  if (actor === 'the DX division') return dxAdmin
  if (!(actor in actors)) throw new Error(`No such actor: ${actor}`)
  return actors[actor] ?? null
}

beforeAll(async () => {
  db = await createTestDb()
  actors['an employee'] = await db.createUser({ appRole: 'employee' })
  actors['a facilitator'] = await db.createUser({ appRole: 'facilitator' })
  actors['a signed-in user without a profile'] = await db.createUser({ withProfile: false })
  actors.anon = null
  dxAdmin = await db.createUser({
    appRole: 'dx_admin',
    departmentCode: 'kikaku_dx',
    positionGradeCode: 'shunin',
  })
})
afterAll(() => db?.close())

describe('reading reference data', () => {
  it('gives anon nothing from any table in public', async () => {
    const tables = await publicTables(db)
    expect(tables.length).toBeGreaterThanOrEqual(referenceTables.length + 1)
    for (const table of tables) {
      const [stored] = await db.sql<{ n: number }>(`select count(*) as n from public.${table}`)
      const result = await attempt(db, null, `select * from public.${table}`)
      // RLS (zero rows) or a missing grant (42501) are both "nothing"; any row is a leak.
      const seen = result.ok ? result.rows.length : result.code === '42501' ? 0 : `error ${result.code}`
      expect({ table, seen }).toEqual({ table, seen: 0 })
      if (referenceTables.some((t) => t.table === table) || table === 'profiles') {
        expect({ table, stored: stored?.n }).not.toEqual({ table, stored: 0 })
      }
    }
  })

  it.each(referenceTables.map((t) => t.table))(
    'lets every signed-in user with an active profile read all of %s, and an account without one nothing',
    async (table) => {
      const [stored] = await db.sql<{ n: number }>(`select count(*)::int as n from public.${table}`)
      const count = (claims: UserClaims | null | undefined) =>
        attempt<{ n: number }>(db, claims ?? null, `select count(*)::int as n from public.${table}`)
      for (const claims of [actors['an employee'], actors['a facilitator'], dxAdmin]) {
        expect(await count(claims)).toEqual({ ok: true, rows: [{ n: stored?.n }] })
      }
      // Access follows the directory (20260401005000_active_access.sql): no profile, no rows.
      expect(await count(actors['a signed-in user without a profile'])).toEqual({
        ok: true,
        rows: [{ n: 0 }],
      })
      expect(stored?.n).toBeGreaterThan(0)
    },
  )
})

describe('writing reference data through the table API', () => {
  // Writes are RPC-only for every role (20260401000810): the DX division's edits arrive as admin RPCs.
  const everyone = [...forbidden, 'the DX division']

  describe.each(referenceTables)('$table', (reference) => {
    it.each(everyone)(
      'refuses the insert, update, delete and truncate of %s (42501) and leaves the table unchanged',
      async (actor) => {
        const claims = actorClaims(actor)
        const before = await snapshot(db, reference.table)

        for (const statement of [
          reference.insert,
          reference.update,
          `delete from public.${reference.table} returning 1`,
          `truncate public.${reference.table}`,
        ]) {
          expect({ statement, result: await attempt(db, claims, statement) }).toMatchObject({
            statement,
            result: { ok: false, code: '42501' },
          })
        }

        expect(await snapshot(db, reference.table)).toBe(before)
      },
    )
  })
})

describe('were the table writes granted again by mistake, RLS would still let only the DX division write', () => {
  const reopened = () => withTableWritesGranted(...referenceTables.map((t) => t.table))

  describe.each(referenceTables)('$table', (reference) => {
    it.each(forbidden)(
      'refuses the insert of %s and lets its update and delete touch no row',
      async (actor) => {
        const claims = actorClaims(actor)
        const before = await snapshot(db, reference.table)

        expect(await attempt(db, claims, reference.insert, [], reopened())).toMatchObject({
          ok: false,
          code: '42501',
        })
        expect(await attempt(db, claims, reference.update, [], reopened())).toEqual({ ok: true, rows: [] })
        expect(
          await attempt(db, claims, `delete from public.${reference.table} returning 1`, [], reopened()),
        ).toEqual({ ok: true, rows: [] })

        expect(await snapshot(db, reference.table)).toBe(before)
      },
    )

    it('lets the DX division insert, update and delete, and the grant goes with the rollback', async () => {
      const [stored] = await db.sql<{ n: number }>(`select count(*) as n from public.${reference.table}`)
      const steps =
        reference.adminSteps.length > 0 ? reference.adminSteps : defaultAdminSteps(reference, stored?.n ?? 0)
      const before = await snapshot(db, reference.table)

      const counts = await db.asUser(
        dxAdmin,
        async (tx) => {
          const seen: number[] = []
          for (const step of steps) seen.push((await tx.query(step.sql)).rows.length)
          return seen
        },
        reopened(),
      )

      expect(counts).toEqual(steps.map((step) => step.rows))
      expect(await snapshot(db, reference.table)).toBe(before)
      expect(
        await db.sql(
          `select has_table_privilege('authenticated', $1, 'insert, update, delete') as authenticated,
                  has_table_privilege('anon', $1, 'insert, update, delete') as anon`,
          [`public.${reference.table}`],
        ),
      ).toEqual([{ authenticated: false, anon: false }])
    })
  })
})

describe('bad reference data', () => {
  it.each([
    [
      'a target of zero leaders',
      `insert into public.fiscal_year_targets (fiscal_year, leader_target) values (2029, 0)`,
      '23514',
    ],
    [
      'a fiscal year out of range',
      `insert into public.fiscal_year_targets (fiscal_year, leader_target) values (20290, 5)`,
      '23514',
    ],
    [
      'a rule of a kind nobody can evaluate',
      `insert into public.certification_rules (code, sort_order, kind, name, name_en) values ('quiz', 9, 'quiz_passed', '試験', 'Quiz')`,
      '23514',
    ],
    [
      'rule parameters that are not an object',
      `insert into public.certification_rules (code, sort_order, kind, params, name, name_en) values ('quiz', 9, 'candidacy', '[]', '試験', 'Quiz')`,
      '23514',
    ],
    [
      'a requirement for an area that does not exist',
      `insert into public.role_requirements (role_code, area_code) values ('leader', 'astrology')`,
      '23503',
    ],
    [
      'duties that are not a list',
      `update public.dx_roles set duties = '"BPR"' where code = 'leader'`,
      '23514',
    ],
    [
      'a code that is not ASCII snake_case',
      `insert into public.departments (code, name, division_name, sort_order) values ('DX推進', '試験課', '企画部', 999)`,
      '23514',
    ],
  ])(
    'rejects %s (as the superuser: a constraint, not a permission) and changes nothing',
    async (_label, statement, code) => {
      const tables = [
        'fiscal_year_targets',
        'certification_rules',
        'role_requirements',
        'dx_roles',
        'departments',
      ]
      const before = await Promise.all(tables.map((table) => snapshot(db, table)))
      expect(await attemptAsSuperuser(db, statement)).toMatchObject({ ok: false, code })
      expect(await Promise.all(tables.map((table) => snapshot(db, table)))).toEqual(before)
    },
  )
})
