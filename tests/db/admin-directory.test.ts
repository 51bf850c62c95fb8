// The DX division imports the HR directory: public.import_directory checks every row and writes the
// whole file or nothing, marks people missing from it as left, and changes nothing on a re-import.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { parseDirectoryCsv } from '@/domain/directory-csv'
import { validateDirectoryRows, type DirectoryImportRow } from '@/domain/directory-import'
import { snapshot } from '../support/attempt'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { directoryCsv, toShiftJis } from './admin-support'
import { op, push } from './write-support'

interface ImportResult {
  status: 'applied' | 'refused' | 'duplicate'
  code: string | null
  message: string | null
  errors: { row: number; field: string; code: string; message: string }[]
  counts: {
    rows: number
    created: number
    updated: number
    unchanged: number
    left: number
    invited: number
  } | null
}

let db: TestDb
let admin: UserClaims
let departments: string[]
let grades: string[]
let reference: Parameters<typeof validateDirectoryRows>[1]

async function rowsOf(bytes: Uint8Array): Promise<DirectoryImportRow[]> {
  const parsed = await parseDirectoryCsv(bytes)
  if (!parsed.ok) throw new Error(`not parsed: ${parsed.problem}`)
  return parsed.rows
}

function importRows(
  claims: UserClaims | null,
  rows: unknown,
  importId = randomUUID(),
): Promise<ImportResult> {
  return db.rpc<ImportResult>(claims, 'import_directory', { import_id: importId, rows })
}

async function directoryState(): Promise<string[]> {
  return [
    await snapshot(db, 'profiles'),
    await db
      .sql<{ s: string }>(
        `select string_agg(u.id::text || coalesce(u.email, ''), ',' order by u.id) as s from auth.users as u`,
      )
      .then((r) => r[0]?.s ?? ''),
    await snapshot(db, 'audit_log'),
    await snapshot(db, 'directory_imports'),
  ]
}

beforeAll(async () => {
  db = await createTestDb()
  // The importer belongs to no section of the file; their own row is never marked as left.
  admin = await db.createUser({ appRole: 'dx_admin', departmentCode: null })
  const depts = await db.sql<{ code: string; name: string }>(
    `select code, name from public.departments as d
     where (select count(*) from public.departments as e where e.name = d.name) = 1 order by sort_order`,
  )
  departments = depts.map((d) => d.name)
  const gradeRows = await db.sql<{ code: string; name: string }>(
    'select code, name from public.position_grades order by rank',
  )
  grades = gradeRows.map((g) => g.name)
  reference = { departments: depts, positionGrades: gradeRows }
})

afterAll(async () => {
  await db.close()
})

describe('who may import the directory', () => {
  it('refuses anon outright', async () => {
    await expect(importRows(null, [])).rejects.toMatchObject({ code: '42501' })
  })

  it.each(['employee', 'facilitator'] as const)(
    'refuses a %s with DXP101 and writes nothing',
    async (appRole) => {
      const user = await db.createUser({ appRole })
      const before = await directoryState()
      const { text } = directoryCsv({ rows: 3, departments, grades, firstNumber: 90001 })
      await expect(importRows(user, await rowsOf(toShiftJis(text)))).rejects.toMatchObject({
        code: 'P0001',
        message: 'DXP101',
      })
      await expect(db.rpc(user, 'admin_directory')).rejects.toMatchObject({ message: 'DXP101' })
      expect(await directoryState()).toEqual(before)
    },
  )

  it('lets the DX division read the whole directory, and anon not at all', async () => {
    const list = await db.rpc<{ employee_number: string }[]>(admin, 'admin_directory')
    expect(list.length).toBeGreaterThanOrEqual(3)
    await expect(db.rpc(null, 'admin_directory')).rejects.toMatchObject({ code: '42501' })
  })
})

describe('a file with characters the directory cannot hold', () => {
  async function rowsWith(broken: (rows: DirectoryImportRow[]) => void): Promise<DirectoryImportRow[]> {
    const rows = await rowsOf(
      new TextEncoder().encode(directoryCsv({ rows: 4, departments, grades, firstNumber: 7001 }).text),
    )
    broken(rows)
    return rows
  }

  it('reports a control character on its row and field, on the client and on the server alike', async () => {
    const rows = await rowsWith((r) => {
      r[1]!.full_name = '厚木\u0007花子'
      r[3]!.email = 'staff\u001f@city.atsugi.test'
    })
    const expected = [
      { row: 2, field: 'full_name', code: 'DXP017' },
      { row: 4, field: 'email', code: 'DXP017' },
    ]
    expect(validateDirectoryRows(rows, reference)).toEqual(expected)
    const before = await directoryState()
    const result = await importRows(admin, rows)
    expect(result).toMatchObject({ status: 'refused', code: 'DXP102' })
    expect(result.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(expected)
    expect(result.errors[0]?.message).toBe('使えない文字（制御文字など）が含まれています。')
    expect(await directoryState()).toEqual(before)
  })

  it('reports U+0000 in the preview; the server cannot even read it, and writes nothing', async () => {
    const rows = await rowsWith((r) => {
      r[2]!.full_name_kana = 'アツギ\u0000ハナコ'
    })
    expect(validateDirectoryRows(rows, reference)).toEqual([
      { row: 3, field: 'full_name_kana', code: 'DXP017' },
    ])
    const before = await directoryState()
    await expect(importRows(admin, rows)).rejects.toMatchObject({ code: '22P05' })
    expect(await directoryState()).toEqual(before)
  })
})

describe('a 3,000-row Shift_JIS file from HR', () => {
  const size = 3000
  let bad: { text: string; planted: { row: number; field: string; code: string }[] }
  let good: { text: string }
  let stayer: UserClaims
  let leaver: UserClaims

  beforeAll(async () => {
    // Two people already in the directory: one is in the new file (under the same number), one is not.
    stayer = await db.createUser({ employeeNumber: 'D00001', email: 'staff.1@city.atsugi.test' })
    leaver = await db.createUser({ employeeNumber: 'Z99999', departmentCode: 'kikaku_dx' })
    bad = directoryCsv({ rows: size, departments, grades, errorsPerKind: 4 })
    good = directoryCsv({ rows: size, departments, grades })
  })

  it('reports exactly the 20 planted errors, on the client and on the server, and writes nothing', async () => {
    const rows = await rowsOf(toShiftJis(bad.text))
    expect(rows).toHaveLength(size)
    const planted = bad.planted.map(({ row, field, code }) => ({ row, field, code }))
    expect(planted).toHaveLength(20)
    expect(validateDirectoryRows(rows, reference)).toEqual(planted)

    const before = await directoryState()
    const result = await importRows(admin, rows)
    expect(result).toMatchObject({ status: 'refused', code: 'DXP102', counts: null })
    expect(result.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(planted)
    expect(result.message).toMatch(/^20 件の誤り.*。$/)
    expect(await directoryState()).toEqual(before)
  })

  it('imports the fixed file in one go, counting what it did, and audits it', async () => {
    const rows = await rowsOf(toShiftJis(good.text))
    expect(validateDirectoryRows(rows, reference)).toEqual([])
    const importId = randomUUID()
    const started = performance.now()
    const result = await importRows(admin, rows, importId)
    console.log(`import-3000-rows-ms ${db.engine} ${Math.round(performance.now() - started)}`)
    expect(result).toMatchObject({
      status: 'applied',
      errors: [],
      counts: { rows: size, created: size - 1, updated: 1, unchanged: 0, invited: 0 },
    })
    expect(result.counts!.left).toBeGreaterThanOrEqual(1)

    const [count] = await db.sql<{ n: number }>(
      `select count(*)::int as n from public.profiles as p join auth.users as u on u.id = p.id
       where p.employee_number like 'D%' and p.left_on is null and u.email = p.email`,
    )
    expect(count!.n).toBe(size)
    const [row97] = await db.sql<{ full_name: string; department_code: string }>(
      `select full_name, department_code from public.profiles where employee_number = 'D00097'`,
    )
    expect(row97!.full_name).toBe('厚木 職員97, 兼務')
    const [stayed] = await db.sql<{ id: string; left_on: string | null }>(
      `select id, left_on from public.profiles where employee_number = 'D00001'`,
    )
    expect(stayed).toEqual({ id: stayer.sub, left_on: null })
    const audit = await db.sql<{ actor_id: string; details: { created: number } }>(
      `select actor_id, details from public.audit_log where action = 'import_directory' and target_key = $1`,
      [importId],
    )
    expect(audit).toEqual([
      {
        actor_id: admin.sub,
        details: expect.objectContaining({ created: size - 1, left: result.counts!.left }),
      },
    ])
    // A lost answer sent again is the same import, not a second one.
    expect(await importRows(admin, rows, importId)).toMatchObject({
      status: 'duplicate',
      counts: result.counts,
    })
  })

  it('changes nothing when the same file is imported again: no row, no _xid', async () => {
    const xids = () =>
      db.sql<{ id: string; x: string }>(`select id::text, _xid::text as x from public.profiles order by id`)
    const before = await xids()
    const profilesBefore = await snapshot(db, 'profiles')
    const result = await importRows(admin, await rowsOf(toShiftJis(good.text)))
    expect(result.counts).toEqual({
      rows: size,
      created: 0,
      updated: 0,
      unchanged: size,
      left: 0,
      invited: 0,
    })
    expect(await xids()).toEqual(before)
    expect(await snapshot(db, 'profiles')).toEqual(profilesBefore)
  })

  it('marks a person missing from the import as left, keeps their row, and refuses their changes', async () => {
    const [left] = await db.sql<{ left_on: string | null }>(
      'select left_on from public.profiles where id = $1',
      [leaver.sub],
    )
    expect(left!.left_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    await expect(push(db, leaver, [op('volunteer_candidacy', { fiscal_year: 2026 })])).rejects.toMatchObject({
      code: 'P0001',
      message: 'DXP100',
      details: expect.stringMatching(/名簿から外れている/),
    })
    // Someone still in the directory pushes as before.
    const [result] = await push(db, stayer, [
      op('record_learning', {
        id: randomUUID(),
        area_code: 'generative_ai',
        source: 'self_study',
        title: '生成AI入門',
        minutes: 30,
        completed_on: '2026-04-10',
      }),
    ])
    expect(result!.status).toBe('applied')
  })

  it("keeps a left person out of the embedded backend's sign-in", async () => {
    const backend = createEmbeddedBackend({ executor: db.executor })
    await expect(backend.signInAs(leaver.sub)).rejects.toMatchObject({ kind: 'auth' })
    await expect(backend.signInAs(stayer.sub)).resolves.toMatchObject({ id: stayer.sub })
    expect((await backend.listPersonas()).map((p) => p.id)).not.toContain(leaver.sub)
  })

  it('brings a left person back when a later import lists them again', async () => {
    const rows = await rowsOf(toShiftJis(good.text))
    rows.push({
      employee_number: 'Z99999',
      full_name: '厚木 戻る',
      full_name_kana: 'アツギ モドル',
      department_code: 'kikaku_dx',
      department_name: '',
      position_grade_code: 'shuji',
      position_grade_name: '',
      email: leaver.email,
    })
    const result = await importRows(admin, rows)
    expect(result.counts).toMatchObject({ created: 0, updated: 1, left: 0 })
    const [row] = await db.sql<{ left_on: string | null }>(
      'select left_on from public.profiles where id = $1',
      [leaver.sub],
    )
    expect(row!.left_on).toBeNull()
  })
})

describe('on a Supabase project, where SQL does not create sign-in accounts', () => {
  it('turns the invited auth user into the profile the import left waiting', async () => {
    // What import_directory records when private.directory_creates_auth_users() is false.
    await db.sql(
      `insert into private.directory_invitations (employee_number, email, profile)
       values ('INV001', 'invited@city.atsugi.test', $1)`,
      [
        {
          full_name: '招待 待子',
          full_name_kana: 'ショウタイ マチコ',
          department_code: 'kikaku_dx',
          position_grade_code: 'shuji',
        },
      ],
    )
    // What auth.admin.inviteUserByEmail does in GoTrue, reduced to the row.
    const [user] = await db.sql<{ id: string }>(
      `insert into auth.users (email) values ('Invited@City.Atsugi.test') returning id`,
    )
    const [profile] = await db.sql<Record<string, unknown>>(
      `select id, employee_number, full_name, department_code, email from public.profiles where employee_number = 'INV001'`,
    )
    expect(profile).toEqual({
      id: user!.id,
      employee_number: 'INV001',
      full_name: '招待 待子',
      department_code: 'kikaku_dx',
      email: 'invited@city.atsugi.test',
    })
    expect(
      await db.sql(`select 1 from private.directory_invitations where employee_number = 'INV001'`),
    ).toEqual([])
    expect(await db.sql(`select private.directory_creates_auth_users() as shim`)).toEqual([{ shim: true }])
  })
})
