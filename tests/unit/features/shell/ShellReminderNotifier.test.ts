import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import { useSettingsStore } from '@/stores/settings'
import ShellReminderNotifier from '@/features/shell/ShellReminderNotifier.vue'
import { SESSION_ID, USER, emptyDatabase, writeReplica } from '../surveys/support'

const Blank = defineComponent({ template: '<p />' })
const showNotification = vi.fn(async () => undefined)
const mounted: VueWrapper[] = []

function mountNotifier() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/s/:sessionId/survey', name: 'session-survey', component: Blank },
      { path: '/s/:sessionId/follow-up', name: 'session-follow-up', component: Blank },
      { path: '/sessions/:id', name: 'session', component: Blank },
    ],
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(ShellReminderNotifier, { global: { plugins: [i18n, router] } })
  mounted.push(wrapper)
  return wrapper
}

async function settle(): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

beforeEach(async () => {
  setActivePinia(createPinia())
  localStorage.clear()
  useAuthStore().user = { id: USER, email: null }
  useSettingsStore().setReminderNotifications(true)
  showNotification.mockClear()
  vi.stubGlobal('Notification', { permission: 'granted' })
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { getRegistration: async () => ({ showNotification }) },
  })
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T03:00:00Z') })
  await emptyDatabase()
  await writeReplica() // a survey waiting since 2026-11-20
})
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('reminder notifications on the device', () => {
  it('notifies a reminder once, with its sentence and the page it opens, and not again after a reload', async () => {
    const first = mountNotifier()
    await settle()
    expect(showNotification).toHaveBeenCalledTimes(1)
    expect(showNotification).toHaveBeenCalledWith('DXまなびパスポート', {
      body: '「BPRワークショップ」のアンケートが4日前から回答を待っています。',
      tag: `survey_waiting:post:${SESSION_ID}`,
      lang: 'ja',
      icon: '/pwa-192x192.png',
      data: { url: `/s/${SESSION_ID}/survey` },
    })
    first.unmount()
    const second = mountNotifier()
    await settle()
    expect(showNotification).toHaveBeenCalledTimes(1)
    second.unmount()
  })

  it('notifies nothing when the person has not turned notifications on, or the browser refuses them', async () => {
    useSettingsStore().setReminderNotifications(false)
    const off = mountNotifier()
    await settle()
    off.unmount()
    useSettingsStore().setReminderNotifications(true)
    vi.stubGlobal('Notification', { permission: 'denied' })
    const denied = mountNotifier()
    await settle()
    denied.unmount()
    expect(showNotification).not.toHaveBeenCalled()
  })
})
