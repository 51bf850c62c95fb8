import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import UiProgress from '@/ui/UiProgress.vue'

const XSS = '<img src=x onerror=alert(1)>'

function bar(wrapper: ReturnType<typeof mount>) {
  return wrapper.get('[role="progressbar"]')
}

describe('UiProgress', () => {
  it('is a progressbar named by its visible label', () => {
    const wrapper = mount(UiProgress, { props: { value: 3, max: 5, label: '必須研修' } })
    const labelId = bar(wrapper).attributes('aria-labelledby')
    expect(labelId).toBeTruthy()
    expect(wrapper.get(`[id="${labelId}"]`).text()).toBe('必須研修')
  })

  it('exposes min, max and now', () => {
    const wrapper = mount(UiProgress, { props: { value: 3, max: 5, label: '進捗' } })
    expect(bar(wrapper).attributes()).toMatchObject({
      'aria-valuemin': '0',
      'aria-valuemax': '5',
      'aria-valuenow': '3',
    })
  })

  it('shows the numbers as text, not only as bar length', () => {
    const wrapper = mount(UiProgress, { props: { value: 3, max: 5, label: '進捗' } })
    expect(wrapper.get('.ui-progress__value').text()).toBe('3 / 5')
  })

  it('uses valueText for both the visible text and aria-valuetext', () => {
    const wrapper = mount(UiProgress, { props: { value: 3, max: 5, label: '進捗', valueText: '5件中3件' } })
    expect(wrapper.get('.ui-progress__value').text()).toBe('5件中3件')
    expect(bar(wrapper).attributes('aria-valuetext')).toBe('5件中3件')
  })

  it.each([
    { value: 150, max: 100, now: '100', width: '100%' },
    { value: -5, max: 100, now: '0', width: '0%' },
    { value: Number.NaN, max: 100, now: '0', width: '0%' },
    { value: 3, max: 5, now: '3', width: '60%' },
    { value: 1, max: 0, now: '1', width: '100%' },
  ])('clamps value $value of max $max to $now', ({ value, max, now, width }) => {
    const wrapper = mount(UiProgress, { props: { value, max, label: '進捗' } })
    expect(bar(wrapper).attributes('aria-valuenow')).toBe(now)
    expect(wrapper.get<HTMLElement>('.ui-progress__bar').element.style.width).toBe(width)
  })

  it('can hide its label visually while keeping it as the name', () => {
    const wrapper = mount(UiProgress, { props: { value: 1, label: '進捗', hideLabel: true } })
    const label = wrapper.get(`[id="${bar(wrapper).attributes('aria-labelledby')}"]`)
    expect(label.classes()).toContain('visually-hidden')
  })

  it('marks completion with text and a check, not by colour alone', () => {
    const wrapper = mount(UiProgress, { props: { value: 5, max: 5, label: '進捗', completeLabel: '達成' } })
    expect(wrapper.classes()).toContain('ui-progress--complete')
    expect(wrapper.get('.ui-progress__complete').text()).toBe('達成')
    expect(wrapper.find('.ui-progress__check').exists()).toBe(true)
    expect(bar(wrapper).attributes('aria-valuetext')).toBe('5 / 5 達成')
  })

  it('does not show the complete text before reaching max', () => {
    const wrapper = mount(UiProgress, { props: { value: 4, max: 5, label: '進捗', completeLabel: '達成' } })
    expect(wrapper.classes()).not.toContain('ui-progress--complete')
    expect(wrapper.find('.ui-progress__complete').exists()).toBe(false)
    expect(bar(wrapper).attributes('aria-valuetext')).toBeUndefined()
  })

  it('renders label and value text as text, not markup', () => {
    const wrapper = mount(UiProgress, {
      props: { value: 1, max: 1, label: XSS, valueText: XSS, completeLabel: XSS },
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain(XSS)
  })
})
