import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import UiCard from '@/ui/UiCard.vue'

const XSS = '<img src=x onerror=alert(1)>'

describe('UiCard', () => {
  it('renders a section with an h2 heading by default', () => {
    const wrapper = mount(UiCard, { props: { heading: '学習の記録' }, slots: { default: '本文' } })
    expect(wrapper.element.tagName).toBe('SECTION')
    expect(wrapper.get('h2').text()).toBe('学習の記録')
    expect(wrapper.text()).toContain('本文')
  })

  it.each([2, 3, 4, 5, 6] as const)('uses h%i when headingLevel is %i, to keep the page outline', (level) => {
    const wrapper = mount(UiCard, { props: { heading: '見出し', headingLevel: level } })
    expect(wrapper.get(`h${level}`).text()).toBe('見出し')
    expect(wrapper.findAll('h1, h2, h3, h4, h5, h6')).toHaveLength(1)
  })

  it('renders no heading element when it has no heading', () => {
    const wrapper = mount(UiCard, { slots: { default: '本文' } })
    expect(wrapper.findAll('h1, h2, h3, h4, h5, h6')).toHaveLength(0)
  })

  it('puts heading slot content inside the heading element', () => {
    const wrapper = mount(UiCard, { props: { headingLevel: 3 }, slots: { heading: '<span>カスタム</span>' } })
    expect(wrapper.get('h3 span').text()).toBe('カスタム')
  })

  it.each(['article', 'div', 'li'] as const)('can render as <%s>', (tag) => {
    const wrapper = mount(UiCard, { props: { tag } })
    expect(wrapper.element.tagName).toBe(tag.toUpperCase())
  })

  it('renders the footer slot only when given', () => {
    expect(mount(UiCard).find('.ui-card__footer').exists()).toBe(false)
    const wrapper = mount(UiCard, { slots: { footer: '<button type="button">操作</button>' } })
    expect(wrapper.get('.ui-card__footer button').text()).toBe('操作')
  })

  it('as a link card has exactly one interactive element: the link inside the heading', () => {
    const wrapper = mount(UiCard, {
      props: { heading: 'DX推進リーダー', headingLevel: 3, href: '/route/leader' },
      slots: { default: '説明文' },
    })
    const links = wrapper.findAll('a, button')
    expect(links).toHaveLength(1)
    const link = wrapper.get('h3 > a')
    expect(link.attributes('href')).toBe('/route/leader')
    expect(link.text()).toBe('DX推進リーダー')
    expect(wrapper.classes()).toContain('ui-card--link')
  })

  it('resolves a `to` link card through the router', async () => {
    const Empty = defineComponent({ render: () => null })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: Empty },
        { path: '/catalogue/:id', name: 'session', component: Empty },
      ],
    })
    await router.push('/')
    const wrapper = mount(UiCard, {
      props: { heading: '研修', to: { name: 'session', params: { id: '42' } } },
      global: { plugins: [router] },
    })
    expect(wrapper.get('h2 > a').attributes('href')).toBe('/catalogue/42')
  })

  it('is not a link card without to or href', () => {
    const wrapper = mount(UiCard, { props: { heading: '見出し' } })
    expect(wrapper.find('a').exists()).toBe(false)
    expect(wrapper.classes()).not.toContain('ui-card--link')
  })

  it('renders the heading prop as text, not markup', () => {
    const wrapper = mount(UiCard, { props: { heading: XSS, href: '/x' } })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('a').text()).toBe(XSS)
  })
})
