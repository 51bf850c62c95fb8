import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ja from '@/i18n/ja'
import { useSettingsStore } from '@/stores/settings'
import SettingsNotifications from '@/features/settings/SettingsNotifications.vue'

function mountCard() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(SettingsNotifications, { global: { plugins: [i18n] } })
}

beforeEach(() => {
  setActivePinia(createPinia())
  localStorage.clear()
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: {} })
})
afterEach(() => vi.unstubAllGlobals())

describe('設定 › reminder notifications', () => {
  it('asks the browser only when the person taps, and remembers the choice on this device', async () => {
    const requestPermission = vi.fn(async () => 'granted')
    vi.stubGlobal('Notification', { permission: 'default', requestPermission })
    const wrapper = mountCard()
    expect(wrapper.get('[role="status"]').text()).toBe('通知は受け取りません。')
    expect(requestPermission).not.toHaveBeenCalled()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(requestPermission).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[role="status"]').text()).toBe('この端末で通知を受け取ります。')
    expect(localStorage.getItem('dxp.reminder-notifications')).toBe('1')

    await wrapper.get('button').trigger('click')
    expect(useSettingsStore().reminderNotifications).toBe(false)
    expect(wrapper.get('[role="status"]').text()).toBe('通知は受け取りません。')
  })

  it('stays off when the browser refuses, and says where to allow it', async () => {
    vi.stubGlobal('Notification', { permission: 'default', requestPermission: async () => 'denied' })
    const wrapper = mountCard()
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(useSettingsStore().reminderNotifications).toBe(false)
    expect(wrapper.get('[role="status"]').text()).toContain('ブラウザの設定')
    expect(wrapper.find('button').exists()).toBe(false)
  })

  it('says a browser without notifications has none, with the iPhone’s way to get them', () => {
    vi.stubGlobal('Notification', undefined)
    const wrapper = mountCard()
    expect(wrapper.get('[role="status"]').text()).toContain('ホーム画面に追加したアプリ')
    expect(wrapper.find('button').exists()).toBe(false)
  })
})
