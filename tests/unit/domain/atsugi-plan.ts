import type {
  CertificationRule,
  DxRoleCode,
  KnowledgeArea,
  PlanReference,
  PositionGrade,
  RoleRequirement,
} from '@/domain'

// The city's reference data as seeded, written out here so tests read like the plan.
export const knowledgeAreas: KnowledgeArea[] = [
  { code: 'dx_basics', sort_order: 1, name: 'DX基礎知識・最新動向', name_en: 'DX basics and trends' },
  { code: 'design_thinking', sort_order: 2, name: 'デザイン思考', name_en: 'Design thinking' },
  { code: 'bpr', sort_order: 3, name: 'BPR（業務改革）', name_en: 'Business process reengineering' },
  { code: 'generative_ai', sort_order: 4, name: '生成AI', name_en: 'Generative AI' },
  { code: 'information_security', sort_order: 5, name: '情報セキュリティ', name_en: 'Information security' },
  { code: 'online_procedures', sort_order: 6, name: '行政手続オンライン化', name_en: 'Online procedures' },
  { code: 'it_governance', sort_order: 7, name: 'ITガバナンス', name_en: 'IT governance' },
  { code: 'system_management', sort_order: 8, name: '情報システム管理', name_en: 'System management' },
  { code: 'cross_org_dx', sort_order: 9, name: '全庁横断的なDX推進', name_en: 'Cross-organisational DX' },
]

export const allAreaCodes = knowledgeAreas.map((area) => area.code)

export const positionGrades: PositionGrade[] = [
  { code: 'shujiho', name: '主事補', rank: 1, supervisory: false },
  { code: 'shuji', name: '主事', rank: 2, supervisory: false },
  { code: 'shunin', name: '主任', rank: 3, supervisory: false },
  { code: 'fukushukan', name: '副主幹', rank: 4, supervisory: false },
  { code: 'kakaricho', name: '係長', rank: 5, supervisory: true },
  { code: 'kacho_hosa', name: '課長補佐', rank: 6, supervisory: true },
  { code: 'kacho', name: '課長', rank: 7, supervisory: true },
  { code: 'jicho', name: '次長', rank: 8, supervisory: true },
  { code: 'bucho', name: '部長', rank: 9, supervisory: true },
]

const requirementsOf = (roleCode: DxRoleCode, count: number): RoleRequirement[] =>
  allAreaCodes.slice(0, count).map((area_code) => ({ role_code: roleCode, area_code }))

export const roleRequirements: RoleRequirement[] = [
  ...requirementsOf('leader', 9),
  ...requirementsOf('manager', 8),
  ...requirementsOf('promoter', 6),
]

export const certificationRules: CertificationRule[] = [
  { code: 'candidacy', sort_order: 1, kind: 'candidacy', params: {}, name: 'リーダー候補' },
  {
    code: 'all_areas',
    sort_order: 2,
    kind: 'areas_completed',
    params: { role: 'leader' },
    name: '9分野修了',
  },
  {
    code: 'elearning',
    sort_order: 3,
    kind: 'training_completed',
    params: { training_kind: 'elearning', fiscal_year: 'candidacy' },
    name: 'デジタル人材育成研修',
  },
  {
    code: 'workshop',
    sort_order: 4,
    kind: 'training_attended_with_survey',
    params: { training_kind: 'workshop', min_count: 1 },
    name: 'DXワークショップ',
  },
  { code: 'approval', sort_order: 5, kind: 'division_approval', params: {}, name: 'DX推進課の承認' },
]

export const reference: PlanReference = {
  knowledgeAreas,
  positionGrades,
  roleRequirements,
  certificationRules,
}
