import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attempt, attemptAsSuperuser, snapshot, withTableWritesGranted } from '../support/attempt'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

let db: TestDb
let employee: UserClaims
let colleague: UserClaims
let facilitator: UserClaims
let dxAdmin: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  employee = await db.createUser({ departmentCode: 'fukushi_kaigo', positionGradeCode: 'shuji' })
  colleague = await db.createUser({ departmentCode: 'fukushi_kaigo', positionGradeCode: 'kakaricho' })
  facilitator = await db.createUser({ appRole: 'facilitator' })
  dxAdmin = await db.createUser({ appRole: 'dx_admin', departmentCode: 'kikaku_dx' })
})
afterAll(() => db?.close())

const profileIds = (claims: UserClaims | null) =>
  attempt<{ id: string }>(db, claims, 'select id from public.profiles order by id')

describe('who sees which profile', () => {
  it('shows an employee their own profile and nobody else’s', async () => {
    expect(await profileIds(employee)).toEqual({ ok: true, rows: [{ id: employee.sub }] })
    expect(
      await attempt(db, employee, 'select id from public.profiles where id = $1', [colleague.sub]),
    ).toEqual({ ok: true, rows: [] })
  })

  it('shows a facilitator only their own profile too: rosters come through RPCs', async () => {
    expect(await profileIds(facilitator)).toEqual({ ok: true, rows: [{ id: facilitator.sub }] })
  })

  it('shows the DX division every profile', async () => {
    const all = await db.sql<{ id: string }>('select id from public.profiles order by id')
    expect(all.length).toBeGreaterThanOrEqual(4)
    expect(await profileIds(dxAdmin)).toEqual({ ok: true, rows: all })
  })

  it('shows a signed-in user without a profile nothing, and anon nothing', async () => {
    const newcomer = await db.createUser({ withProfile: false })
    expect(await profileIds(newcomer)).toEqual({ ok: true, rows: [] })
    // anon holds no grant on any table (20260401005000_active_access.sql).
    expect(await profileIds(null)).toMatchObject({ ok: false, code: '42501' })
  })
})

describe('who changes profiles', () => {
  // Writes are RPC-only for every role (20260401000810): the DX division maintains the directory
  // through admin RPCs, so even its direct writes are refused.
  it('refuses the insert, update, delete and truncate of everyone, the DX division included (42501)', async () => {
    const newcomer = await db.createUser({ withProfile: false })
    const actors: [string, UserClaims | null][] = [
      ['anon', null],
      ['an employee', employee],
      ['a facilitator', facilitator],
      ['a signed-in user without a profile', newcomer],
      ['the DX division', dxAdmin],
    ]
    const before = await snapshot(db, 'profiles')
    for (const [actor, claims] of actors) {
      for (const statement of [
        `insert into public.profiles (id, employee_number, full_name, full_name_kana)
         values ('${newcomer.sub}', 'X00002', '新人 次郎', 'シンジン ジロウ') returning 1`,
        `update public.profiles set full_name = full_name returning 1`,
        `delete from public.profiles returning 1`,
        `truncate public.profiles`,
      ]) {
        expect({ actor, statement, result: await attempt(db, claims, statement) }).toMatchObject({
          actor,
          statement,
          result: { ok: false, code: '42501' },
        })
      }
    }
    expect(await snapshot(db, 'profiles')).toBe(before)
  })

  it('does not let an employee make themselves dx_admin', async () => {
    const before = await snapshot(db, 'profiles')
    const statement = `update public.profiles set app_role = 'dx_admin' where id = auth.uid() returning app_role`
    expect(await attempt(db, employee, statement)).toMatchObject({ ok: false, code: '42501' })
    // Nor would RLS, were the grant re-opened by mistake.
    expect(await attempt(db, employee, statement, [], withTableWritesGranted('profiles'))).toEqual({
      ok: true,
      rows: [],
    })
    expect(await snapshot(db, 'profiles')).toBe(before)
    expect(await db.sql('select app_role from public.profiles where id = $1', [employee.sub])).toEqual([
      { app_role: 'employee' },
    ])
  })

  it('does not let an employee change their own grade, candidacy or a colleague’s row, even were the grant re-opened', async () => {
    const before = await snapshot(db, 'profiles')
    const statements = [
      `update public.profiles set position_grade_code = 'kacho' where id = auth.uid() returning 1`,
      `update public.profiles set leader_candidacy_fy = 2026, leader_candidacy_method = 'volunteered' where id = auth.uid() returning 1`,
      `update public.profiles set full_name = '改ざん' returning 1`,
      `delete from public.profiles returning 1`,
    ]
    for (const statement of statements) {
      expect(await attempt(db, employee, statement)).toMatchObject({ ok: false, code: '42501' })
      expect(await attempt(db, employee, statement, [], withTableWritesGranted('profiles'))).toEqual({
        ok: true,
        rows: [],
      })
    }
    expect(await snapshot(db, 'profiles')).toBe(before)
  })

  it.each([
    ['anon', () => null],
    ['a facilitator', () => facilitator],
    ['another employee', () => colleague],
  ])(
    'would let %s, were the grant re-opened, neither add a profile nor touch one',
    async (_actor, claimsOf) => {
      const claims = claimsOf()
      const account = await db.createUser({ withProfile: false })
      const reopened = withTableWritesGranted('profiles')
      expect(
        await attempt(
          db,
          claims,
          `insert into public.profiles (id, employee_number, full_name, full_name_kana)
           values ($1, 'X00003', '新人 三郎', 'シンジン サブロウ')`,
          [account.sub],
          reopened,
        ),
      ).toMatchObject({ ok: false, code: '42501' })
      expect(
        await attempt(
          db,
          claims,
          `update public.profiles set full_name = full_name returning 1`,
          [],
          reopened,
        ),
      ).toEqual({ ok: true, rows: [] })
      expect(await attempt(db, claims, `delete from public.profiles returning 1`, [], reopened)).toEqual({
        ok: true,
        rows: [],
      })
    },
  )

  it('does not let a signed-in user create their own profile, even were the grant re-opened', async () => {
    const newcomer = await db.createUser({ withProfile: false })
    const statement = `insert into public.profiles (id, employee_number, full_name, full_name_kana, app_role)
       values (auth.uid(), 'X00001', '新人 花子', 'シンジン ハナコ', 'dx_admin')`
    expect(await attempt(db, newcomer, statement)).toMatchObject({ ok: false, code: '42501' })
    expect(await attempt(db, newcomer, statement, [], withTableWritesGranted('profiles'))).toMatchObject({
      ok: false,
      code: '42501',
    })
    expect(await db.sql('select id from public.profiles where id = $1', [newcomer.sub])).toEqual([])
  })

  it('would let the DX division, were the grant re-opened, change a grade, and stamps updated_at', async () => {
    const [before] = await db.sql<{ updated_at: Date }>(
      'select updated_at from public.profiles where id = $1',
      [colleague.sub],
    )
    const result = await attempt<{ position_grade_code: string; moved: boolean }>(
      db,
      dxAdmin,
      `update public.profiles set position_grade_code = 'kacho_hosa' where id = $1
       returning position_grade_code, updated_at > $2 as moved`,
      [colleague.sub, before?.updated_at],
      withTableWritesGranted('profiles'),
    )
    expect(result).toEqual({ ok: true, rows: [{ position_grade_code: 'kacho_hosa', moved: true }] })
    expect(
      await db.sql(
        `select position_grade_code, has_table_privilege('authenticated', 'public.profiles', 'update') as granted
         from public.profiles where id = $1`,
        [colleague.sub],
      ),
    ).toEqual([{ position_grade_code: 'kakaricho', granted: false }])
  })

  it('would let the DX division, were the grant re-opened, register a profile for a new account and nominate a leader candidate', async () => {
    const newcomer = await db.createUser({ withProfile: false })
    const result = await attempt(
      db,
      dxAdmin,
      `insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code,
         position_grade_code, leader_candidacy_fy, leader_candidacy_method)
       values ($1, '200123', '相川 ヴィクトル', 'アイカワ ヴィクトル', 'toshi_keikaku', 'fukushukan', 2026, 'nominated')
       returning app_role`,
      [newcomer.sub],
      withTableWritesGranted('profiles'),
    )
    expect(result).toEqual({ ok: true, rows: [{ app_role: 'employee' }] })
    expect(await db.sql('select id from public.profiles where id = $1', [newcomer.sub])).toEqual([])
  })

  it('removes the profile when the account is deleted', async () => {
    const leaving = await db.createUser()
    await db.sql('delete from auth.users where id = $1', [leaving.sub])
    expect(await db.sql('select id from public.profiles where id = $1', [leaving.sub])).toEqual([])
  })
})

describe('bad profile data', () => {
  const insertProfile = `insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code,
      position_grade_code, app_role, leader_candidacy_fy, leader_candidacy_method)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
  const valid = {
    employeeNumber: '300001',
    fullName: '本厚木 一郎',
    fullNameKana: 'ホンアツギ イチロウ',
    departmentCode: 'kikaku_dx',
    positionGradeCode: 'shunin',
    appRole: 'employee',
    fy: null as number | null,
    method: null as string | null,
  }

  it.each([
    ['an employee number in full-width digits', { employeeNumber: '３０００２' }, '23514'],
    ['an employee number with a space', { employeeNumber: '300 03' }, '23514'],
    ['an empty employee number', { employeeNumber: '' }, '23514'],
    ['a kana name in hiragana', { fullNameKana: 'ほんあつぎ いちろう' }, '23514'],
    ['a blank name', { fullName: '   ' }, '23514'],
    ['a candidacy year without its method', { fy: 2026 }, '23514'],
    ['a candidacy method without its year', { method: 'volunteered' }, '23514'],
    ['a candidacy year far outside the plan', { fy: 1926, method: 'nominated' }, '23514'],
    ['an unknown candidacy method', { fy: 2026, method: 'drafted' }, '23514'],
    ['an unknown app role', { appRole: 'mayor' }, '23514'],
    ['a section that does not exist', { departmentCode: 'space_agency' }, '23503'],
    ['a grade that does not exist', { positionGradeCode: 'shogun' }, '23503'],
    ['an employee number already taken', { employeeNumber: 'T00001' }, '23505'],
  ])(
    'rejects %s (as the superuser: a constraint, not a permission) and changes nothing',
    async (_label, change, code) => {
      const account = await db.createUser({ withProfile: false })
      const row = { ...valid, ...change }
      const before = await snapshot(db, 'profiles')
      const result = await attemptAsSuperuser(db, insertProfile, [
        account.sub,
        row.employeeNumber,
        row.fullName,
        row.fullNameKana,
        row.departmentCode,
        row.positionGradeCode,
        row.appRole,
        row.fy,
        row.method,
      ])
      expect(result).toMatchObject({ ok: false, code })
      expect(await snapshot(db, 'profiles')).toBe(before)
    },
  )

  it('accepts the same row once the bad value is fixed (as the superuser, rolled back)', async () => {
    const account = await db.createUser({ withProfile: false })
    const result = await attemptAsSuperuser(
      db,
      `${insertProfile} returning employee_number`,
      [account.sub, ...Object.values(valid)],
      { rollback: true },
    )
    expect(result).toEqual({ ok: true, rows: [{ employee_number: valid.employeeNumber }] })
    expect(await db.sql('select id from public.profiles where id = $1', [account.sub])).toEqual([])
  })
})
