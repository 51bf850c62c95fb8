import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import type { SurveyAnswers } from '@/domain'
import ja from '@/i18n/ja'
import SurveyForm from '@/features/surveys/SurveyForm.vue'

const QUESTIONS = [
  {
    key: 'satisfaction',
    type: 'likert_5',
    required: true,
    label: '満足度を教えてください。',
    min_label: '不満',
    max_label: '満足',
  },
  {
    key: 'recommendation',
    type: 'scale_0_10',
    required: true,
    label: '同僚に勧めますか。',
    min_label: 'まったくない',
    max_label: '非常に高い',
  },
  {
    key: 'format',
    type: 'single_choice',
    required: false,
    label: '参加したい形式',
    options: [
      { value: 'in_person', label: '対面' },
      { value: 'online', label: 'オンライン' },
    ],
  },
  {
    key: 'self_assessment',
    type: 'area_self_assessment',
    required: true,
    label: '理解度',
    min_label: '知らない',
    max_label: '人に教えられる',
  },
  { key: 'good_points', type: 'free_text', required: false, max_length: 10, label: '良かった点' },
]
const AREAS = [
  { code: 'bpr', name: 'BPR（業務改革）' },
  { code: 'online_procedures', name: '行政手続オンライン化' },
]

function mountForm(options: { anonymous?: boolean; answers?: SurveyAnswers } = {}) {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const answers = ref<SurveyAnswers>(options.answers ?? {})
  const wrapper = mount(SurveyForm, {
    attachTo: document.body,
    props: {
      questions: QUESTIONS,
      areas: AREAS,
      anonymous: options.anonymous ?? false,
      modelValue: answers.value,
      'onUpdate:modelValue': (value: SurveyAnswers) => {
        answers.value = value
        void wrapper.setProps({ modelValue: value })
      },
    },
    global: { plugins: [i18n] },
  })
  return { wrapper, answers }
}

const fieldsetOf = (wrapper: ReturnType<typeof mountForm>['wrapper'], legend: string) => {
  const fieldset = wrapper.findAll('fieldset').find((f) => f.find('legend').text().includes(legend))
  if (!fieldset) throw new Error(`no fieldset ${legend}`)
  return fieldset
}

describe('SurveyForm', () => {
  it('renders a native radio group in a fieldset for each scale, with the scale ends visible', () => {
    const { wrapper } = mountForm()
    const likert = fieldsetOf(wrapper, '満足度を教えてください。')
    expect(likert.find('legend').text()).toContain('問1')
    expect(likert.find('legend').text()).toContain('必須')
    const radios = likert.findAll('input[type="radio"]')
    expect(radios.map((r) => r.attributes('value'))).toEqual(['1', '2', '3', '4', '5'])
    expect(new Set(radios.map((r) => r.attributes('name'))).size).toBe(1)
    expect(likert.text()).toContain('1：不満 〜 5：満足')
    expect(likert.attributes('aria-describedby')).toBe(likert.find('.survey-q__hint').attributes('id'))

    const scale = fieldsetOf(wrapper, '同僚に勧めますか。')
    expect(scale.findAll('input[type="radio"]').map((r) => r.attributes('value'))).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])
    expect(scale.text()).toContain('0：まったくない 〜 10：非常に高い')

    const choice = fieldsetOf(wrapper, '参加したい形式')
    expect(choice.find('legend').text()).toContain('任意')
    expect(choice.findAll('label').map((l) => l.text())).toEqual(['対面', 'オンライン'])
    wrapper.unmount()
  })

  it('asks before and after for each covered area, each in its own fieldset', async () => {
    const { wrapper, answers } = mountForm()
    const question = fieldsetOf(wrapper, '理解度')
    const areas = question.findAll('fieldset.survey-area')
    expect(areas.map((a) => a.find('legend').text())).toEqual(['BPR（業務改革）', '行政手続オンライン化'])
    expect(areas[0]!.findAll('.survey-area__phase-legend').map((l) => l.text())).toEqual(['受講前', '受講後'])
    expect(question.text()).toContain('1：知らない 〜 5：人に教えられる')
    const groups = new Set(question.findAll('input[type="radio"]').map((r) => r.attributes('name')))
    expect(groups.size).toBe(4)

    await areas[0]!.findAll('.survey-area__phase')[0]!.find('input[value="2"]').setValue(true)
    await areas[0]!.findAll('.survey-area__phase')[1]!.find('input[value="4"]').setValue(true)
    expect(answers.value).toEqual({ self_assessment: { bpr: { before: 2, after: 4 } } })
    wrapper.unmount()
  })

  it('updates the answers as the user picks and types, and counts characters as they type', async () => {
    const { wrapper, answers } = mountForm()
    await fieldsetOf(wrapper, '満足度を教えてください。').find('input[value="4"]').setValue(true)
    await fieldsetOf(wrapper, '同僚に勧めますか。').find('input[value="0"]').setValue(true)
    await fieldsetOf(wrapper, '参加したい形式').find('input[value="online"]').setValue(true)
    const textarea = wrapper.get('textarea')
    await textarea.setValue('とても良い')
    expect(answers.value).toEqual({
      satisfaction: 4,
      recommendation: 0,
      format: 'online',
      good_points: 'とても良い',
    })
    const label = wrapper.get(`label[for="${textarea.attributes('id')}"]`)
    expect(label.text()).toContain('良かった点')
    expect(label.text()).toContain('任意')
    const count = wrapper.get('.survey-q__count')
    expect(count.text()).toBe('5 / 10文字')
    expect(textarea.attributes('aria-describedby')).toContain(count.attributes('id'))
    await textarea.setValue('あいうえおかきくけこさ')
    expect(wrapper.get('.survey-q__count').text()).toBe('11 / 10文字（1文字多すぎます）')
    wrapper.unmount()
  })

  it('refuses to submit with required questions unanswered: a summary, and an error tied to each question', async () => {
    const { wrapper } = mountForm({ answers: { satisfaction: 3, self_assessment: { bpr: { before: 1 } } } })
    await wrapper.get('form').trigger('submit')
    await nextTick()
    expect(wrapper.emitted('submit')).toBeUndefined()
    const summary = wrapper.get('[role="alert"]')
    expect(summary.text()).toContain('2件あります')
    expect(summary.findAll('a').map((a) => a.text())).toEqual(['問2 同僚に勧めますか。', '問4 理解度'])
    expect(document.activeElement).toBe(summary.element)

    const scale = fieldsetOf(wrapper, '同僚に勧めますか。')
    const error = scale.get('.survey-q__error')
    expect(error.text()).toBe('この設問は必須です。回答してください。')
    expect(scale.attributes('aria-describedby')?.split(' ')).toContain(error.attributes('id'))
    expect(summary.findAll('a')[0]!.attributes('href')).toBe(`#${scale.attributes('id')}`)
    expect(fieldsetOf(wrapper, '理解度').get('.survey-q__error').text()).toBe(
      'すべての分野について、受講前と受講後の両方を選んでください。',
    )
    // The answered question has no error.
    expect(fieldsetOf(wrapper, '満足度を教えてください。').find('.survey-q__error').exists()).toBe(false)

    // Errors follow the answers once shown.
    await scale.find('input[value="8"]').setValue(true)
    expect(fieldsetOf(wrapper, '同僚に勧めますか。').find('.survey-q__error').exists()).toBe(false)
    wrapper.unmount()
  })

  it('refuses free text over its length with a message naming the limit', async () => {
    const complete = {
      satisfaction: 3,
      recommendation: 5,
      self_assessment: { bpr: { before: 1, after: 2 }, online_procedures: { before: 3, after: 3 } },
    }
    const { wrapper } = mountForm({ answers: { ...complete, good_points: 'あいうえおかきくけこさ' } })
    await wrapper.get('form').trigger('submit')
    await nextTick()
    expect(wrapper.emitted('submit')).toBeUndefined()
    const textarea = wrapper.get('textarea')
    expect(textarea.attributes('aria-invalid')).toBe('true')
    const errorId = textarea
      .attributes('aria-describedby')!
      .split(' ')
      .find((id) => id.endsWith('-error'))
    expect(wrapper.get(`[id="${errorId}"]`).text()).toBe('10文字以内で入力してください。')
    wrapper.unmount()
  })

  it('emits the answers as sent once valid, leaving out blank optional ones', async () => {
    const complete = {
      satisfaction: 3,
      recommendation: 5,
      self_assessment: { bpr: { before: 1, after: 2 }, online_procedures: { before: 3, after: 3 } },
    }
    const { wrapper } = mountForm({ answers: { ...complete, good_points: '   ' } })
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('submit')).toEqual([[complete]])
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('says clearly that an anonymous survey does not store the name, and that another one does', () => {
    const anonymous = mountForm({ anonymous: true }).wrapper
    expect(anonymous.get('.survey-form__privacy').text()).toBe(
      'このアンケートは匿名です。あなたの名前は回答と結び付けて保存されません。',
    )
    anonymous.unmount()
    const named = mountForm().wrapper
    expect(named.get('.survey-form__privacy').text()).toBe('回答は、あなたの名前とともに記録されます。')
    named.unmount()
  })

  it('shows the answers it is given (a restored draft) as chosen', () => {
    const { wrapper } = mountForm({ answers: { satisfaction: 2, good_points: '下書き' } })
    const checked = fieldsetOf(wrapper, '満足度を教えてください。').find('input:checked')
    expect(checked.attributes('value')).toBe('2')
    expect((wrapper.get('textarea').element as HTMLTextAreaElement).value).toBe('下書き')
    wrapper.unmount()
  })
})
