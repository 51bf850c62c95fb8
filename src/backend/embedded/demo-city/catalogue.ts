/** The demo city's training catalogue over FY2026–2028, and the venues its sessions are held in. */

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
