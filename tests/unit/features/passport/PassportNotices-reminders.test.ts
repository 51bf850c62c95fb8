import 'fake-indexeddb/auto'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import PassportNotices from '@/features/passport/PassportNotices.vue'
import { SESSION_ID, USER, emptyDatabase, writeReplica, until } from '../surveys/support'

function mountList() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(PassportNotices, { global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } } })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: USER, email: null }
  await emptyDatabase()
})
afterEach(() => vi.useRealTimers())

describe('the reminders on home, above the notices', () => {
  it('reminds of a registered session tomorrow, with its time in Tokyo, linking to the session', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T03:00:00Z') })
    await writeReplica({
      status: 'confirmed',
      sessionStatus: 'scheduled',
      startsAt: '2026-11-25T10:00:00+09:00',
    })
    const wrapper = mountList()
    await until(() => wrapper.findAllComponents(RouterLinkStub).length === 1)
    const link = wrapper.getComponent(RouterLinkStub)
    expect(link.props('to')).toEqual({ name: 'session', params: { id: SESSION_ID } })
    expect(link.text()).toBe('明日 10:00から「BPRワークショップ」です。会場と持ち物を確認しましょう。')
  })

  it('reminds of a survey waiting four days, and shows nothing once there is nothing to remind of', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T03:00:00Z') })
    await writeReplica() // attended on 2026-11-20, not answered
    const wrapper = mountList()
    await until(() => wrapper.findAllComponents(RouterLinkStub).length === 1)
    expect(wrapper.getComponent(RouterLinkStub).props('to')).toEqual({
      name: 'session-survey',
      params: { sessionId: SESSION_ID },
    })
    expect(wrapper.text()).toContain('「BPRワークショップ」のアンケートが4日前から回答を待っています。')

    await emptyDatabase()
    await writeReplica({ submitted: true })
    await until(() => wrapper.findAllComponents(RouterLinkStub).length === 0)
    expect(wrapper.text()).toContain('お知らせはまだありません。')
  })
})
