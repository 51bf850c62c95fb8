/**
 * The demo city's fixed parts: the five personas the picker shows, the training catalogue over
 * FY2026–2028, and the canned texts that make its records read like a city's.
 */

export type PersonaKey = 'promoter' | 'manager' | 'leader_candidate' | 'facilitator' | 'dx_division'

export interface DemoPersona {
  key: PersonaKey
  id: string
  email: string
  /** The lowest employee numbers of the city, so `listPersonas()` picks exactly these. */
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
export const STANDARD_TEMPLATE_ID = '00000000-0000-4000-8000-000000000001'
export const ANONYMOUS_TEMPLATE_ID = '00000000-0000-4000-8000-00000000d001'

export const ANONYMOUS_TEMPLATE = {
  id: ANONYMOUS_TEMPLATE_ID,
  code: 'anonymous_workshop',
  title: 'ワークショップの効果測定アンケート（匿名）',
  anonymous: true,
  follow_up_weeks: 12,
  questions: [
    {
      key: 'satisfaction',
      type: 'likert_5',
      required: true,
      label: 'このワークショップの満足度を教えてください。',
    },
    { key: 'usefulness', type: 'likert_5', required: true, label: '職場の業務改善に役立ちそうですか。' },
    {
      key: 'recommendation',
      type: 'scale_0_10',
      required: true,
      label: 'このワークショップを同僚に勧める可能性はどのくらいありますか。',
    },
    {
      key: 'format',
      type: 'single_choice',
      required: true,
      label: '今後参加したい形式を選んでください。',
      options: [
        { value: 'in_person', label: '対面' },
        { value: 'online', label: 'オンライン' },
        { value: 'either', label: 'どちらでもよい' },
      ],
    },
    {
      key: 'self_assessment',
      type: 'area_self_assessment',
      required: true,
      label: '扱った分野について、参加前と参加後の理解度を 1〜5 で評価してください。',
    },
    { key: 'comments', type: 'free_text', required: false, max_length: 1000, label: 'ご意見・ご感想' },
  ],
} as const

export type TrainingKind = 'elearning' | 'dx_training' | 'workshop'
export type Delivery = 'in_person' | 'video' | 'online'
export type DxRole = 'leader' | 'manager' | 'promoter'

export interface CatalogueEntry {
  kind: TrainingKind
  fiscalYear: number
  title: string
  description: string
  delivery: Delivery
  areas: readonly string[]
  roles: readonly DxRole[]
  anonymous?: boolean
  sessions: number
}

const ALL: readonly DxRole[] = ['leader', 'manager', 'promoter']

export const CATALOGUE: readonly CatalogueEntry[] = [
  ...[2026, 2027, 2028].map((fy): CatalogueEntry => ({
    kind: 'elearning',
    fiscalYear: fy,
    title: `デジタル人材育成研修（令和${fy - 2018}年度）`,
    description:
      'e-Learningツールによる自席での学習。DX推進リーダー候補を対象に、年度内に全単元を修了します。',
    delivery: 'online',
    areas: ['dx_basics', 'generative_ai', 'it_governance', 'system_management', 'cross_org_dx'],
    roles: ['leader'],
    sessions: 1,
  })),
  {
    kind: 'dx_training',
    fiscalYear: 2026,
    title: 'DX基礎研修 〜なぜ今、自治体DXなのか〜',
    description:
      '生産年齢人口の減少と市民ニーズの多様化を踏まえ、DXの基本と国・他自治体の最新動向を学びます。',
    delivery: 'in_person',
    areas: ['dx_basics'],
    roles: ALL,
    sessions: 4,
  },
  {
    kind: 'dx_training',
    fiscalYear: 2026,
    title: '情報セキュリティ研修',
    description: '本市の情報セキュリティポリシーと、日々の業務で気を付けるべき点を動画で学びます。',
    delivery: 'video',
    areas: ['information_security'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'dx_training',
    fiscalYear: 2026,
    title: '行政手続オンライン化研修',
    description:
      '申請・届出をオンラインで完結させるための業務の見直し方と、電子申請システムの使い方を学びます。',
    delivery: 'online',
    areas: ['online_procedures', 'bpr'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'dx_training',
    fiscalYear: 2026,
    title: 'ITガバナンス・システム調達研修',
    description: '要件定義、手段の選定、仕様書や納入品の点検など、システム調達の要点を事例で学びます。',
    delivery: 'in_person',
    areas: ['it_governance', 'system_management'],
    roles: ['leader', 'manager'],
    sessions: 2,
  },
  {
    kind: 'workshop',
    fiscalYear: 2026,
    title: '生成AI活用ワークショップ',
    description:
      '文書作成や要約に生成AIを使い、職場での業務改善のヒントを所属を越えたグループで話し合います。',
    delivery: 'in_person',
    areas: ['generative_ai'],
    roles: ALL,
    sessions: 4,
  },
  {
    kind: 'workshop',
    fiscalYear: 2026,
    title: 'デザイン思考ワークショップ',
    description: '市民の立場に立って課題を捉え、アイデアを試作・検証する流れをグループワークで体験します。',
    delivery: 'in_person',
    areas: ['design_thinking'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'workshop',
    fiscalYear: 2026,
    title: 'BPRワークショップ 〜業務フローを描いてみよう〜',
    description: '自分の業務フローを可視化し、デジタル技術を前提に組み立て直す手順をグループで試します。',
    delivery: 'in_person',
    areas: ['bpr', 'design_thinking'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'workshop',
    fiscalYear: 2026,
    title: '全庁横断DXワークショップ',
    description: '所属を越えてデータ活用とツールのトライアルを考えます。アンケートは匿名です。',
    delivery: 'in_person',
    areas: ['cross_org_dx', 'dx_basics'],
    roles: ['leader', 'manager'],
    anonymous: true,
    sessions: 2,
  },
  {
    kind: 'dx_training',
    fiscalYear: 2027,
    title: 'データ活用研修',
    description: '所属が保有するデータの分析と活用の基本を、オープンデータを使って学びます。',
    delivery: 'online',
    areas: ['cross_org_dx', 'dx_basics'],
    roles: ['leader', 'manager'],
    sessions: 2,
  },
  {
    kind: 'dx_training',
    fiscalYear: 2027,
    title: 'DX基礎研修（令和9年度）',
    description: 'DXの基本と最新動向。新規採用職員と未受講の職員が対象です。',
    delivery: 'video',
    areas: ['dx_basics', 'information_security'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'workshop',
    fiscalYear: 2027,
    title: '生成AI活用ワークショップ（応用編）',
    description: 'プロンプトの工夫と、生成AIを組み込んだ業務フローをグループで設計します。',
    delivery: 'in_person',
    areas: ['generative_ai', 'bpr'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'workshop',
    fiscalYear: 2027,
    title: 'ノーコードツール活用ワークショップ',
    description: 'ノーコードツールで申請受付の仕組みを試作し、行政手続のオンライン化を体験します。',
    delivery: 'in_person',
    areas: ['online_procedures', 'design_thinking'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'dx_training',
    fiscalYear: 2028,
    title: '情報セキュリティ研修（令和10年度）',
    description: '最新の脅威と本市のルールを確認します。',
    delivery: 'video',
    areas: ['information_security'],
    roles: ALL,
    sessions: 2,
  },
  {
    kind: 'workshop',
    fiscalYear: 2028,
    title: 'DX推進リーダー実践ワークショップ',
    description: '認定リーダーと候補者が所属の課題を持ち寄り、全庁横断で解決策を考えます。',
    delivery: 'in_person',
    areas: ['cross_org_dx', 'bpr'],
    roles: ['leader'],
    sessions: 1,
  },
]

export const VENUES = [
  '本庁舎 4階 大会議室',
  '本庁舎 3階 研修室',
  '第二庁舎 5階 会議室',
  'アミューあつぎ 7階 会議室',
  '厚木市文化会館 小ホール',
]

/** Self-study titles by area. */
export const STUDY_TITLES: Readonly<Record<string, readonly string[]>> = {
  dx_basics: ['自治体DX推進計画を読む', 'デジタル社会の実現に向けた重点計画（概要）', 'DX白書の要点'],
  design_thinking: [
    'デザイン思考入門（書籍）',
    'ユーザーインタビューの練習',
    'ペルソナとカスタマージャーニー',
  ],
  bpr: ['業務フロー図の描き方', '窓口業務の棚卸し', 'BPR事例集（他自治体）'],
  generative_ai: ['生成AI利用ガイドラインの確認', '議事録要約を生成AIで試す', 'プロンプト入門（動画）'],
  information_security: ['標的型メール訓練', '情報セキュリティ自己点検', '個人情報の取扱い（動画）'],
  online_procedures: ['電子申請システムの操作研修', 'オンライン申請の先進事例', 'ぴったりサービスの設定'],
  it_governance: ['システム調達ガイドライン', '仕様書の書き方', 'ガバメントクラウドの概要'],
  system_management: ['所管システムの運用手順の見直し', '標準準拠システムへの移行', '障害対応訓練'],
  cross_org_dx: ['オープンデータの分析', '庁内データ活用事例の共有会', 'RPAトライアルへの協力'],
}

export const FREE_TEXT: Readonly<Record<string, readonly string[]>> = {
  good_points: [
    '具体的な事例が多く、イメージしやすかった。',
    '他の課の方と話せて刺激になった。',
    '演習の時間が十分にあり、実際に手を動かせた。',
    '説明が丁寧でわかりやすかった。',
  ],
  improvements: [
    '時間がもう少し長いとよかった。',
    '資料を事前に配布してほしい。',
    'もう少し初心者向けの内容もあるとよい。',
  ],
  try_at_work: [
    '会議録の要約に生成AIを使ってみたい。',
    '窓口の受付業務のフローを見直したい。',
    '係内で申請のオンライン化を提案したい。',
    'Excelの集計作業を自動化したい。',
  ],
  comments: ['また参加したい。', 'グループワークが楽しかった。', '職場で共有します。'],
  // The follow-up survey's questions (20260401000500_catalogue.sql).
  applied_what: [
    '窓口の受付票を見直し、記入欄を減らした。',
    '会議録の要約に生成AIを試した。',
    '係のExcel集計をマクロで自動化した。',
    '申請様式の電子化を課内で提案した。',
  ],
  obstacles: [
    '通常業務が忙しく、試す時間がとれない。',
    '上司や同僚の理解を得るのに時間がかかる。',
    '利用できるツールが限られている。',
  ],
}
