import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../support/test-db'

// The seed, read back as a signed-in employee would read it, must say what the city's plan says.
let db: TestDb
let read: <R>(text: string) => Promise<R[]>

beforeAll(async () => {
  db = await createTestDb()
  const employee = await db.createUser()
  read = <R>(text: string) => db.asUser(employee, async (tx) => (await tx.query<R>(text)).rows)
})
afterAll(() => db?.close())

describe('the plan as seeded data', () => {
  it('lists the nine knowledge areas in the plan order with their Japanese names', async () => {
    const areas = await read<{ code: string; sort_order: number; name: string }>(
      'select code, sort_order, name from public.knowledge_areas order by sort_order',
    )
    expect(areas.map((area) => [area.sort_order, area.code, area.name])).toEqual([
      [1, 'dx_basics', 'DX基礎知識・最新動向'],
      [2, 'design_thinking', 'デザイン思考'],
      [3, 'bpr', 'BPR（業務改革）'],
      [4, 'generative_ai', '生成AI'],
      [5, 'information_security', '情報セキュリティ'],
      [6, 'online_procedures', '行政手続オンライン化'],
      [7, 'it_governance', 'ITガバナンス'],
      [8, 'system_management', '情報システム管理'],
      [9, 'cross_org_dx', '全庁横断的なDX推進'],
    ])
  })

  it('requires all nine areas of a leader, areas 1–8 of a manager and 1–6 of a promoter, and nothing else', async () => {
    const rows = await read<{ role_code: string; sort_orders: number[] }>(
      `select r.role_code, array_agg(a.sort_order order by a.sort_order) as sort_orders
       from public.role_requirements r join public.knowledge_areas a on a.code = r.area_code
       group by r.role_code order by r.role_code`,
    )
    expect(Object.fromEntries(rows.map((row) => [row.role_code, row.sort_orders]))).toEqual({
      leader: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      manager: [1, 2, 3, 4, 5, 6, 7, 8],
      promoter: [1, 2, 3, 4, 5, 6],
    })
  })

  it('defines the three DX roles with the plan names and their main duties', async () => {
    const roles = await read<{ code: string; name: string; duties: string[]; definition: string }>(
      'select code, name, duties, definition from public.dx_roles order by sort_order',
    )
    expect(roles.map((role) => [role.code, role.name, role.duties.length])).toEqual([
      ['leader', 'DX推進リーダー', 7],
      ['manager', 'DX推進管理者', 6],
      ['promoter', 'DX推進員', 7],
    ])
    expect(roles[0]?.definition).toContain('全庁横断的な視点からDXを推進する')
    expect(roles[0]?.duties[0]).toBe('業務効率化に向けたBPR（業務改革）の実施')
  })

  it('targets 30, 30 and 20 certified leaders in FY2026–2028, 80 in total', async () => {
    const targets = await read<{ fiscal_year: number; leader_target: number }>(
      'select fiscal_year, leader_target from public.fiscal_year_targets order by fiscal_year',
    )
    expect(targets.map((target) => [target.fiscal_year, target.leader_target])).toEqual([
      [2026, 30],
      [2027, 30],
      [2028, 20],
    ])
    expect(targets.reduce((sum, target) => sum + target.leader_target, 0)).toBe(80)
  })

  it('offers the three kinds of training of the plan', async () => {
    const kinds = await read<{ code: string; name: string }>(
      'select code, name from public.training_kinds order by sort_order',
    )
    expect(kinds).toEqual([
      { code: 'elearning', name: 'デジタル人材育成研修' },
      { code: 'dx_training', name: 'DX研修' },
      { code: 'workshop', name: 'DXワークショップ' },
    ])
  })

  it('seeds the five certification rules in order, with the parameters the evaluators read', async () => {
    const rules = await read<{ code: string; kind: string; params: unknown }>(
      'select code, kind, params from public.certification_rules order by sort_order',
    )
    expect(rules).toEqual([
      { code: 'candidacy', kind: 'candidacy', params: {} },
      { code: 'all_areas', kind: 'areas_completed', params: { role: 'leader' } },
      {
        code: 'elearning',
        kind: 'training_completed',
        params: { training_kind: 'elearning', fiscal_year: 'candidacy' },
      },
      {
        code: 'workshop',
        kind: 'training_attended_with_survey',
        params: { training_kind: 'workshop', min_count: 1 },
      },
      { code: 'approval', kind: 'division_approval', params: {} },
    ])
  })

  it('ranks the grades from 主事補 to 部長, with 副主幹 a promoter and 係長 the first supervisory grade', async () => {
    const grades = await read<{ name: string; rank: number; supervisory: boolean }>(
      'select name, rank, supervisory from public.position_grades order by rank',
    )
    expect(grades.map((grade) => grade.name)).toEqual([
      '主事補',
      '主事',
      '主任',
      '副主幹',
      '係長',
      '課長補佐',
      '課長',
      '次長',
      '部長',
    ])
    expect(grades.find((grade) => grade.name === '副主幹')?.supervisory).toBe(false)
    expect(grades.find((grade) => grade.name === '係長')?.supervisory).toBe(true)
    // Supervisory authority starts at one rank and holds above it.
    const firstSupervisory = grades.findIndex((grade) => grade.supervisory)
    expect(grades.map((grade) => grade.supervisory)).toEqual(
      grades.map((_, index) => index >= firstSupervisory),
    )
  })

  it('lists the sections, including DX推進課 and 職員課, most of them using information systems', async () => {
    const departments = await read<{
      code: string
      name: string
      division_name: string
      uses_information_systems: boolean
    }>(
      'select code, name, division_name, uses_information_systems from public.departments order by sort_order',
    )
    expect(departments.length).toBeGreaterThanOrEqual(60)
    expect(new Set(departments.map((department) => department.code)).size).toBe(departments.length)
    expect(departments).toContainEqual(expect.objectContaining({ name: 'DX推進課', division_name: '企画部' }))
    expect(departments).toContainEqual(expect.objectContaining({ name: '職員課', division_name: '総務部' }))
    const usingSystems = departments.filter((department) => department.uses_information_systems).length
    expect(usingSystems / departments.length).toBeGreaterThan(0.8)
    expect(usingSystems).toBeLessThan(departments.length)
  })
})
