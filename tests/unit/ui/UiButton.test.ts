import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import UiButton from '@/ui/UiButton.vue'

const XSS = '<img src=x onerror=alert(1)>'

function makeRouter() {
  const Empty = defineComponent({ render: () => null })
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Empty },
      { path: '/areas', name: 'areas', component: Empty },
    ],
  })
}

describe('UiButton', () => {
  it('renders a button of type "button" by default so it never submits a form by accident', () => {
    const wrapper = mount(UiButton, { slots: { default: '保存する' } })
    const button = wrapper.get('button')
    expect(button.attributes('type')).toBe('button')
    expect(button.text()).toBe('保存する')
  })

  it('passes an explicit submit type through', () => {
    const wrapper = mount(UiButton, { props: { type: 'submit' } })
    expect(wrapper.get('button').attributes('type')).toBe('submit')
  })

  it.each(['primary', 'secondary', 'tertiary', 'danger'] as const)(
    'renders the %s variant as a button',
    (variant) => {
      const wrapper = mount(UiButton, { props: { variant }, slots: { default: 'OK' } })
      expect(wrapper.get('button').classes()).toContain(`ui-button--${variant}`)
    },
  )

  it.each(['sm', 'md', 'lg'] as const)('renders the %s size', (size) => {
    const wrapper = mount(UiButton, { props: { size } })
    expect(wrapper.get('button').classes()).toContain(`ui-button--${size}`)
  })

  it('stretches to full width when block is set', () => {
    const wrapper = mount(UiButton, { props: { block: true } })
    expect(wrapper.get('button').classes()).toContain('ui-button--block')
  })

  it('emits click when enabled', async () => {
    const wrapper = mount(UiButton)
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('click')).toHaveLength(1)
  })

  it('is natively disabled and emits no click when disabled', async () => {
    const wrapper = mount(UiButton, { props: { disabled: true } })
    const button = wrapper.get('button')
    expect(button.attributes('disabled')).toBeDefined()
    await button.trigger('click')
    expect(wrapper.emitted('click')).toBeUndefined()
  })

  it('keeps focusability and its label while loading, but is busy and ignores clicks', async () => {
    const wrapper = mount(UiButton, {
      props: { loading: true, loadingLabel: '送信中' },
      slots: { default: '申し込む' },
    })
    const button = wrapper.get('button')
    expect(button.attributes('aria-busy')).toBe('true')
    expect(button.attributes('aria-disabled')).toBe('true')
    // Native disabled would throw focus back to the page start.
    expect(button.attributes('disabled')).toBeUndefined()
    expect(button.text()).toContain('申し込む')
    expect(button.get('.visually-hidden').text()).toBe('送信中')
    await button.trigger('click')
    expect(wrapper.emitted('click')).toBeUndefined()
  })

  it('is neither busy nor aria-disabled when idle', () => {
    const button = mount(UiButton).get('button')
    expect(button.attributes('aria-busy')).toBeUndefined()
    expect(button.attributes('aria-disabled')).toBeUndefined()
  })

  it('renders an <a> with the href when href is given', () => {
    const wrapper = mount(UiButton, { props: { href: 'https://www.city.atsugi.kanagawa.jp/' } })
    expect(wrapper.find('button').exists()).toBe(false)
    const link = wrapper.get('a')
    expect(link.attributes('href')).toBe('https://www.city.atsugi.kanagawa.jp/')
    expect(link.attributes('type')).toBeUndefined()
  })

  it('renders a RouterLink resolving the route when `to` is given and a router is installed', async () => {
    const router = makeRouter()
    await router.push('/')
    await router.isReady()
    const wrapper = mount(UiButton, { props: { to: { name: 'areas' } }, global: { plugins: [router] } })
    expect(wrapper.get('a').attributes('href')).toBe('/areas')
    await wrapper.get('a').trigger('click')
    await new Promise((resolve) => setTimeout(resolve))
    expect(router.currentRoute.value.name).toBe('areas')
  })

  it('falls back to a plain link for a string `to` when no router is installed', () => {
    const wrapper = mount(UiButton, { props: { to: '/areas' } })
    expect(wrapper.get('a').attributes('href')).toBe('/areas')
  })

  it.each([{ disabled: true }, { loading: true }])('renders an unfollowable link when %o', (state) => {
    const wrapper = mount(UiButton, { props: { href: '/x', ...state } })
    const link = wrapper.get('a')
    expect(link.attributes('href')).toBeUndefined()
    expect(link.attributes('aria-disabled')).toBe('true')
    expect(link.attributes('role')).toBe('link')
  })

  it('renders slot text as text, not markup', () => {
    const wrapper = mount(UiButton, { slots: { default: () => h('span', XSS) } })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain(XSS)
  })
})
