/** The survey templates the demo's trainings use: the seed's standard one, and an anonymous one. */

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
