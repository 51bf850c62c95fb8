/**
 * The five personas the picker shows: fixed people (by id), each the button of its kind whatever they
 * later do in the demo (volunteer, get certified), so `listPersonas()` pins these ids to their keys.
 */

export type PersonaKey = 'promoter' | 'manager' | 'leader_candidate' | 'facilitator' | 'dx_division'

export interface DemoPersona {
  key: PersonaKey
  id: string
  email: string
  /** The lowest employee numbers of the city (first on the roster's and directory's lists). */
  employeeNumber: string
  fullName: string
  fullNameKana: string
  departmentCode: string
  positionGradeCode: string
  appRole: 'employee' | 'facilitator' | 'dx_admin'
  leaderCandidacyFy: number | null
  leaderCandidacyMethod: 'volunteered' | 'nominated' | null
}

const personaEmail = (key: string) => `persona+${key.replace('_', '-')}@demo.dx-passport.invalid`

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    key: 'promoter',
    id: '00000000-0000-4000-a000-000000000001',
    email: personaEmail('promoter'),
    employeeNumber: '000001',
    fullName: '相川　美咲',
    fullNameKana: 'アイカワ　ミサキ',
    departmentCode: 'kyodo_shimin',
    positionGradeCode: 'shunin',
    appRole: 'employee',
    leaderCandidacyFy: null,
    leaderCandidacyMethod: null,
  },
  {
    key: 'manager',
    id: '00000000-0000-4000-a000-000000000002',
    email: personaEmail('manager'),
    employeeNumber: '000002',
    fullName: '荻野　浩二',
    fullNameKana: 'オギノ　コウジ',
    departmentCode: 'fukushi_kaigo',
    positionGradeCode: 'kakaricho',
    appRole: 'employee',
    leaderCandidacyFy: null,
    leaderCandidacyMethod: null,
  },
  {
    key: 'leader_candidate',
    id: '00000000-0000-4000-a000-000000000003',
    email: personaEmail('leader_candidate'),
    employeeNumber: '000003',
    fullName: '飯山　悠斗',
    fullNameKana: 'イイヤマ　ユウト',
    departmentCode: 'toshi_keikaku',
    positionGradeCode: 'shuji',
    appRole: 'employee',
    leaderCandidacyFy: 2026,
    leaderCandidacyMethod: 'volunteered',
  },
  {
    key: 'facilitator',
    id: '00000000-0000-4000-a000-000000000004',
    email: personaEmail('facilitator'),
    employeeNumber: '000004',
    fullName: '厚見　香織',
    fullNameKana: 'アツミ　カオリ',
    departmentCode: 'soumu_shokuin',
    positionGradeCode: 'fukushukan',
    appRole: 'facilitator',
    leaderCandidacyFy: null,
    leaderCandidacyMethod: null,
  },
  {
    key: 'dx_division',
    id: '00000000-0000-4000-a000-000000000005',
    email: personaEmail('dx_division'),
    employeeNumber: '000005',
    fullName: '小野　直樹',
    fullNameKana: 'オノ　ナオキ',
    departmentCode: 'kikaku_dx',
    positionGradeCode: 'kacho_hosa',
    appRole: 'dx_admin',
    leaderCandidacyFy: null,
    leaderCandidacyMethod: null,
  },
]

export const DX_DIVISION_DEPARTMENT = 'kikaku_dx'
