// The replica as a first pull leaves it for one employee: the plan's reference data and their profile.
import type { DxpDatabase } from '@/data/db'
import type { DxRoleRow, KnowledgeAreaRow, ProfileRow } from '@/data/rows'
import { knowledgeAreas, positionGrades, roleRequirements } from '../domain/atsugi-plan'

export const ME = '11111111-1111-4111-8111-111111111111'
export const SOMEONE_ELSE = '22222222-2222-4222-8222-222222222222'

export const areaRows: KnowledgeAreaRow[] = knowledgeAreas.map((area) => ({
  ...area,
  description: `${area.name}の説明`,
}))

export const dxRoleRows: DxRoleRow[] = [
  {
    code: 'leader',
    sort_order: 1,
    name: 'DX推進リーダー',
    name_en: 'DX leader',
    definition: '市のDXを牽引する職員。',
    audience: '希望する職員又は指名',
    duties: ['業務効率化に向けたBPR（業務改革）の実施', 'DX推進管理者との連携'],
  },
  {
    code: 'manager',
    sort_order: 2,
    name: 'DX推進管理者',
    name_en: 'DX manager',
    definition: '所属のDX推進を管理する係長職以上の職員。',
    audience: '係長以上の全職員',
    duties: ['所属課等におけるDX推進の管理'],
  },
  {
    code: 'promoter',
    sort_order: 3,
    name: 'DX推進員',
    name_en: 'DX promoter',
    definition: '担当業務のDX推進を行う職員。',
    audience: '主事補～副主幹の全職員',
    duties: ['担当業務の効率化に向けた見直し', '既存のデジタルツールの積極的活用'],
  },
]

export function profileRow(overrides: Partial<ProfileRow> = {}): ProfileRow {
  return {
    id: ME,
    employee_number: '000001',
    full_name: '相川　美咲',
    full_name_kana: 'アイカワ　ミサキ',
    department_code: null,
    position_grade_code: 'shunin',
    app_role: 'employee',
    leader_candidacy_fy: null,
    leader_candidacy_method: null,
    email: null,
    left_on: null,
    created_at: '2026-04-01T00:00:00+00:00',
    updated_at: '2026-04-01T00:00:00+00:00',
    ...overrides,
  }
}

export async function seedReference(db: DxpDatabase): Promise<void> {
  await db.replica('knowledge_areas').bulkPut(areaRows)
  await db.replica('dx_roles').bulkPut(dxRoleRows)
  await db.replica('position_grades').bulkPut(positionGrades.map((g) => ({ ...g })))
  await db.replica('role_requirements').bulkPut(roleRequirements.map((r) => ({ ...r })))
}

export async function clearDatabase(db: DxpDatabase): Promise<void> {
  await Promise.all(db.tables.map((table) => table.clear()))
}
