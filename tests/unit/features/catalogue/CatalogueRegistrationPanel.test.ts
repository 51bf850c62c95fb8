import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import type { RegistrationState } from '@/domain'
import ja from '@/i18n/ja'
import CatalogueRegistrationPanel from '@/features/catalogue/CatalogueRegistrationPanel.vue'

function mountPanel(state: RegistrationState, rejectionMessage: string | null = null) {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(CatalogueRegistrationPanel, {
    props: { state, rejectionMessage, busy: false },
    global: { plugins: [i18n], stubs: { teleport: true } },
  })
}
const status = (w: ReturnType<typeof mountPanel>) => w.get('[role="status"]').text()
const buttons = (w: ReturnType<typeof mountPanel>) =>
  w
    .findAll('.ui-card__footer button')
    .map((b) => b.text())
    .filter(Boolean)

describe('the registration panel', () => {
  it.each<[string, RegistrationState, RegExp, string[]]>([
    [
      'open',
      { view: { kind: 'open', seatsLeft: 4 }, action: 'register', rejection: null },
      /受付中/,
      ['申し込む'],
    ],
    [
      'full, saying where registering puts me before I press',
      { view: { kind: 'full', waitlistLength: 3 }, action: 'join_waitlist', rejection: null },
      /満席.*キャンセル待ちの4番目/,
      ['キャンセル待ちに申し込む'],
    ],
    [
      'a registration in the outbox',
      { view: { kind: 'sending_registration' }, action: null, rejection: null },
      /申込み送信待ち.*接続すると送信/,
      [],
    ],
    [
      'a cancellation in the outbox',
      { view: { kind: 'sending_cancellation' }, action: null, rejection: null },
      /キャンセル送信待ち/,
      [],
    ],
    [
      'confirmed',
      { view: { kind: 'confirmed' }, action: 'cancel', rejection: null },
      /確定/,
      ['申込みをキャンセルする'],
    ],
    [
      'waitlisted, with my position',
      { view: { kind: 'waitlisted', position: 2 }, action: 'cancel', rejection: null },
      /キャンセル待ち 2番目/,
      ['申込みをキャンセルする'],
    ],
    ['closed', { view: { kind: 'closed' }, action: null, rejection: null }, /締切/, []],
    ['cancelled', { view: { kind: 'session_cancelled' }, action: null, rejection: null }, /中止/, []],
  ])('shows %s honestly, with the one button that fits', (_name, state, text, expected) => {
    const wrapper = mountPanel(state)
    expect(status(wrapper)).toMatch(text)
    expect(buttons(wrapper)).toEqual(expected)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('shows a rejection with its reason in Japanese, and lets me dismiss it', async () => {
    const wrapper = mountPanel({
      view: { kind: 'closed' },
      action: null,
      rejection: { mutationId: 'op-1', kind: 'register_session', code: 'DXP022' },
    })
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toContain('申込みは受け付けられませんでした')
    expect(alert.text()).toContain('この日程の申込みは締め切られました。')
    await alert.get('button').trigger('click')
    expect(wrapper.emitted('dismiss')).toHaveLength(1)
  })

  it('falls back to the server’s message for a code it has no words of its own for', () => {
    const wrapper = mountPanel(
      {
        view: { kind: 'open', seatsLeft: 1 },
        action: 'register',
        rejection: { mutationId: 'op-1', kind: 'register_session', code: 'DXP099' },
      },
      'サーバーの確認で受け付けられませんでした。',
    )
    expect(wrapper.get('[role="alert"]').text()).toContain('サーバーの確認で受け付けられませんでした。')
  })

  it('registers on the press of 申し込む, and asks before cancelling a seat', async () => {
    const open = mountPanel({ view: { kind: 'open', seatsLeft: 4 }, action: 'register', rejection: null })
    await open.get('.ui-card__footer button').trigger('click')
    expect(open.emitted('register')).toHaveLength(1)

    const confirmed = mountPanel({ view: { kind: 'confirmed' }, action: 'cancel', rejection: null })
    await confirmed.get('.ui-card__footer button').trigger('click')
    expect(confirmed.emitted('cancel')).toBeUndefined()
    const confirm = confirmed.findAll('dialog button').find((b) => b.text() === '申込みをキャンセルする')
    await confirm!.trigger('click')
    expect(confirmed.emitted('cancel')).toHaveLength(1)
  })

  it('keeps the keyboard focus on the new state when the pressed button gives way to another', async () => {
    const wrapper = mount(CatalogueRegistrationPanel, {
      props: {
        state: { view: { kind: 'open', seatsLeft: 4 }, action: 'register', rejection: null },
        rejectionMessage: null,
        busy: false,
      },
      global: { plugins: [createI18n({ legacy: false, locale: 'ja', messages: { ja } })] },
      attachTo: document.body,
    })
    try {
      wrapper.get<HTMLButtonElement>('.ui-card__footer button').element.focus()
      await wrapper.setProps({
        state: { view: { kind: 'sending_registration' }, action: null, rejection: null },
      })
      await nextTick()
      expect(document.activeElement).toBe(wrapper.get('[role="status"]').element)
      expect(document.activeElement?.textContent).toContain('申込み送信待ち')
    } finally {
      wrapper.unmount()
    }
  })

  it('leaves the focus alone when the state changes while the user is elsewhere', async () => {
    const elsewhere = document.createElement('button')
    document.body.append(elsewhere)
    const wrapper = mount(CatalogueRegistrationPanel, {
      props: {
        state: { view: { kind: 'confirmed' }, action: 'cancel', rejection: null },
        rejectionMessage: null,
        busy: false,
      },
      global: { plugins: [createI18n({ legacy: false, locale: 'ja', messages: { ja } })] },
      attachTo: document.body,
    })
    try {
      elsewhere.focus()
      await wrapper.setProps({
        state: { view: { kind: 'open', seatsLeft: 1 }, action: 'register', rejection: null },
      })
      await nextTick()
      expect(document.activeElement).toBe(elsewhere)
    } finally {
      wrapper.unmount()
      elsewhere.remove()
    }
  })
})
