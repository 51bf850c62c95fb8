/** The canned texts that make the city's records read like a city's: self-study titles, free text. */

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
