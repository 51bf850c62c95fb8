import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { EffectGroup } from '@/contract'
import ja from '@/i18n/ja'
import DivisionEffectGroup from '@/features/division/DivisionEffectGroup.vue'
import { demoDivision } from '../../../support/division-answers'

type FollowUp = NonNullable<EffectGroup['behaviour']['follow_up']>

/** A training's whole group as the server answers it on the demo city; each test sets its behaviour level. */
let base: EffectGroup

beforeAll(async () => {
  const division = await demoDivision()
  for (const training of division.trainings.filter((t) => t.kind === 'workshop')) {
    const { total } = await division.effect(training.id)
    if (total.suppressed === null && total.reaction) {
      base = total
      return
    }
  }
  throw new Error('the demo city has no workshop with figures')
}, 180_000)

const followUp: FollowUp = {
  suppressed: null,
  responses: 9,
  response_rate: 0.6429,
  items: [
    {
      key: 'impact',
      label: '活用したことで、業務はどの程度よくなりましたか。',
      answered: 5,
      mean: 3.4,
      distribution: { '1': 0, '2': 1, '3': 2, '4': 1, '5': 1 },
    },
  ],
  recommendation: [],
  choices: [
    {
      key: 'applied',
      label: '研修で学んだことを、職場で活用しましたか。',
      answered: 9,
      options: [
        { value: 'often', label: '何度も活用した' },
        { value: 'once', label: '一度は活用した' },
        { value: 'planned', label: 'まだだが、活用する予定がある' },
        { value: 'not_yet', label: '活用していない' },
      ],
      distribution: { often: 3, once: 3, planned: 2, not_yet: 1 },
    },
  ],
  free_text: [
    {
      key: 'applied_what',
      label: '研修の後、職場で活用したこと・試したことを教えてください。',
      answers: ['<b>申請書</b>の様式を見直した。'],
    },
  ],
}

function mountGroup(behaviour: EffectGroup['behaviour']) {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(DivisionEffectGroup, {
    props: { group: { ...base, behaviour }, name: '研修全体', areaName: (code: string) => code },
    global: { plugins: [i18n] },
  })
}

const behaviourSection = (w: ReturnType<typeof mountGroup>) =>
  w.get('section[aria-label="行動（職場での実践） 研修全体"]')

describe('the behaviour level (Kirkpatrick 3) of a training effect', () => {
  it('shows the follow-up survey: responses and rate, each option’s count and share, the items and the texts', () => {
    const section = behaviourSection(mountGroup({ follow_up_weeks: 12, follow_up: followUp }))
    expect(section.text()).toContain('受講12週間後の事後アンケート：回答9件（出席者に対する回答率 64.3%）')
    const choices = section.findAll('table')[0]!
    expect(choices.get('caption').text()).toContain('研修全体：研修で学んだことを、職場で活用しましたか。')
    const rows = choices
      .findAll('tbody tr')
      .map((tr) => [tr.get('th').text(), ...tr.findAll('td').map((td) => td.text())])
    expect(rows).toEqual([
      ['何度も活用した', '3', '33.3%'],
      ['一度は活用した', '3', '33.3%'],
      ['まだだが、活用する予定がある', '2', '22.2%'],
      ['活用していない', '1', '11.1%'],
    ])
    expect(section.findAll('table')[1]!.get('caption').text()).toContain('事後アンケートの5段階の質問の回答')
    // Free text is text: the markup someone typed is shown, never rendered.
    expect(section.find('li').text()).toBe('<b>申請書</b>の様式を見直した。')
    expect(section.find('li b').exists()).toBe(false)
  })

  it('says the follow-up is withheld under 5 responses and shows none of its figures', () => {
    const section = behaviourSection(
      mountGroup({
        follow_up_weeks: 12,
        follow_up: {
          ...followUp,
          suppressed: 'below_threshold',
          responses: '<5',
          response_rate: null,
          items: null,
          choices: null,
          free_text: null,
        },
      }),
    )
    expect(section.text()).toContain('回答が5件未満のため表示しません')
    expect(section.findAll('table')).toHaveLength(0)
    expect(section.findAll('li')).toHaveLength(0)
  })

  it('says so when the training has no follow-up survey', () => {
    const section = behaviourSection(mountGroup({ follow_up_weeks: null, follow_up: null }))
    expect(section.text()).toBe('行動（職場での実践）この研修では事後アンケートを行っていません。')
  })
})
