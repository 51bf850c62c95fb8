// The DX division's lookups: an employee by number (nominating), the active certifications
// (revoking) and who may run a session (the session editor). dx_admin only; a revoked certification
// is not listed, nor is anyone who has left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { call } from './division-support'

let db: TestDb
let admin: UserClaims
let employee: UserClaims
let facilitator: UserClaims
let leader: UserClaims
let revokedLeader: UserClaims
let candidate: UserClaims
let currentFy: number

async function certify(user: UserClaims, approvedAt: string, revoked = false): Promise<string> {
  const [row] = await db.sql<{ id: string }>(
    `insert into public.certifications (employee_id, fiscal_year, approved_by, approved_at, revoked_at, revoked_reason)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [user.sub, currentFy, admin.sub, approvedAt, revoked ? approvedAt : null, revoked ? '誤って認定' : null],
  )
  return row!.id
}

beforeAll(async () => {
  db = await createTestDb()
  const [row] = await db.sql<{ fy: number }>('select private.fiscal_year_of(private.tokyo_today()) as fy')
  currentFy = row!.fy
  admin = await db.createUser({ appRole: 'dx_admin', employeeNumber: 'A00001' })
  employee = await db.createUser({ employeeNumber: 'E00001' })
  facilitator = await db.createUser({ appRole: 'facilitator', employeeNumber: 'F00001' })
  leader = await db.createUser({
    employeeNumber: 'L00001',
    fullName: '厚木 認定',
    departmentCode: 'kikaku_dx',
    leaderCandidacyFy: currentFy,
    leaderCandidacyMethod: 'volunteered',
  })
  revokedLeader = await db.createUser({
    employeeNumber: 'L00002',
    leaderCandidacyFy: currentFy,
    leaderCandidacyMethod: 'nominated',
  })
  candidate = await db.createUser({
    employeeNumber: 'C-0001',
    fullName: '厚木 候補',
    departmentCode: null,
    positionGradeCode: null,
    leaderCandidacyFy: currentFy,
    leaderCandidacyMethod: 'nominated',
  })
})

afterAll(async () => {
  await db?.close()
})

describe.each([
  ['division_find_employee', { employee_number: 'E00001' }],
  ['division_certified_leaders', {}],
  ['division_facilitators', {}],
] as const)('%s', (fn, args) => {
  it('is refused to an employee and a facilitator with DXP070', async () => {
    expect(await call(db, employee, fn, args)).toEqual({ ok: false, code: 'DXP070' })
    expect(await call(db, facilitator, fn, args)).toEqual({ ok: false, code: 'DXP070' })
  })

  it('may not be executed by anon at all (42501)', async () => {
    expect(await call(db, null, fn, args)).toEqual({ ok: false, code: '42501' })
  })
})

describe('division_find_employee', () => {
  it('finds an employee by number, trimmed and upper-cased, with candidacy and certification', async () => {
    await certify(leader, '2026-05-01T09:00:00+09:00')
    expect(await call(db, admin, 'division_find_employee', { employee_number: ' l00001 ' })).toEqual({
      ok: true,
      value: {
        employee_id: leader.sub,
        employee_number: 'L00001',
        full_name: '厚木 認定',
        department_code: 'kikaku_dx',
        position_grade_code: 'shuji',
        leader_candidacy_fy: currentFy,
        certified: true,
      },
    })
  })

  it('answers null codes and certified false for someone without a department or certification', async () => {
    expect(await call(db, admin, 'division_find_employee', { employee_number: 'C-0001' })).toEqual({
      ok: true,
      value: {
        employee_id: candidate.sub,
        employee_number: 'C-0001',
        full_name: '厚木 候補',
        department_code: null,
        position_grade_code: null,
        leader_candidacy_fy: currentFy,
        certified: false,
      },
    })
  })

  it('answers null for a number no one has', async () => {
    expect(await call(db, admin, 'division_find_employee', { employee_number: 'Z99999' })).toEqual({
      ok: true,
      value: null,
    })
  })
})

describe('division_certified_leaders', () => {
  it('lists active certifications newest first and leaves a revoked one out', async () => {
    await certify(revokedLeader, '2026-06-01T09:00:00+09:00', true)
    const second = await certify(candidate, '2026-07-01T09:00:00+09:00')
    const result = await call<{ leaders: Record<string, unknown>[] }>(db, admin, 'division_certified_leaders')
    if (!result.ok) throw new Error(result.code)
    const [first] = await db.sql<{ id: string }>(
      'select id from public.certifications where employee_id = $1',
      [leader.sub],
    )
    expect(result.value.leaders).toEqual([
      {
        certification_id: second,
        employee_id: candidate.sub,
        employee_number: 'C-0001',
        full_name: '厚木 候補',
        department_code: null,
        fiscal_year: currentFy,
        approved_at: expect.any(String),
      },
      {
        certification_id: first!.id,
        employee_id: leader.sub,
        employee_number: 'L00001',
        full_name: '厚木 認定',
        department_code: 'kikaku_dx',
        fiscal_year: currentFy,
        approved_at: expect.any(String),
      },
    ])
    expect(Date.parse(result.value.leaders[1]!.approved_at as string)).toBe(
      Date.parse('2026-05-01T00:00:00Z'),
    )
    expect(result.value.leaders.map((l) => l.employee_id)).not.toContain(revokedLeader.sub)
  })
})

describe('division_facilitators', () => {
  it('lists the staff with the facilitator or dx_admin role who have not left, by kana', async () => {
    const second = await db.createUser({
      appRole: 'facilitator',
      employeeNumber: 'F00002',
      fullName: '相川 進行',
      fullNameKana: 'アイカワ シンコウ',
      departmentCode: 'kyodo_shimin',
    })
    const gone = await db.createUser({ appRole: 'facilitator', employeeNumber: 'F00003' })
    await db.sql(`update public.profiles set left_on = current_date where id = $1`, [gone.sub])

    const result = await call<{ facilitators: { employee_id: string; employee_number: string }[] }>(
      db,
      admin,
      'division_facilitators',
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const listed = result.value.facilitators
    expect(listed.map((p) => p.employee_number).sort()).toEqual(['A00001', 'F00001', 'F00002'])
    // アイカワ sorts before the default アツギ.
    expect(listed[0]).toEqual({
      employee_id: second.sub,
      employee_number: 'F00002',
      full_name: '相川 進行',
      department_code: 'kyodo_shimin',
      app_role: 'facilitator',
    })
    expect(listed.map((p) => p.employee_id)).not.toContain(employee.sub)
  })
})
