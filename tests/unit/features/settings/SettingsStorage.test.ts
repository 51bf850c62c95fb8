import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetStoragePersistence } from '@/composables/useStoragePersistence'
import SettingsStorage from '@/features/settings/SettingsStorage.vue'
import ja from '@/i18n/ja'

function mountStorage() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(SettingsStorage, { global: { plugins: [i18n] } })
}

function fakeStorage(persisted: boolean, grants: boolean) {
  const storage = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => grants),
  }
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true })
  return storage
}

describe('storage persistence in settings', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'storage')
  beforeEach(() => resetStoragePersistence())
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'storage', original)
    else Reflect.deleteProperty(navigator, 'storage')
  })

  it('asks for persistence once, however many screens use it, and says it is protected', async () => {
    const storage = fakeStorage(false, true)
    const first = mountStorage()
    mountStorage()
    await flushPromises()
    expect(storage.persist).toHaveBeenCalledTimes(1)
    expect(first.text()).toContain('保存領域は保護されています。')
  })

  it('does not ask again when the storage is already persistent', async () => {
    const storage = fakeStorage(true, false)
    const wrapper = mountStorage()
    await flushPromises()
    expect(storage.persist).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('保存領域は保護されています。')
  })

  it('says when the browser refuses, and what that means on iPhone', async () => {
    fakeStorage(false, false)
    const wrapper = mountStorage()
    await flushPromises()
    expect(wrapper.text()).toContain('保存領域は保護されていません。')
    expect(wrapper.text()).toContain('ホーム画面に追加')
  })

  it('says it cannot tell on a browser without the Storage API', async () => {
    Object.defineProperty(navigator, 'storage', { value: undefined, configurable: true })
    const wrapper = mountStorage()
    await flushPromises()
    expect(wrapper.text()).toContain('このブラウザーでは、保存領域の保護を確かめられません。')
  })
})
