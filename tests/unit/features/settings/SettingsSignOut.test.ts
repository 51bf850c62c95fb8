import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ja from '@/i18n/ja'
import { useAuthStore, type SignOutResult } from '@/stores/auth'
import { useSyncStore } from '@/stores/sync'

const replace = vi.fn(async () => undefined)
vi.mock('vue-router', () => ({ useRouter: () => ({ replace }) }))

const { default: SettingsSignOut } = await import('@/features/settings/SettingsSignOut.vue')

function mountSignOut() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(SettingsSignOut, { global: { plugins: [i18n] } })
}

function buttonNamed(wrapper: ReturnType<typeof mountSignOut>, name: string) {
  const button = wrapper.findAll('button').find((b) => b.text() === name)
  if (!button) throw new Error(`no button ${name}`)
  return button
}

describe('sign-out in settings', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    replace.mockClear()
    useAuthStore().user = { id: '11111111-1111-4111-8111-111111111111', email: null }
  })

  function signOutAnswers(result: SignOutResult) {
    return vi.spyOn(useAuthStore(), 'signOut').mockResolvedValue(result)
  }

  it('keeps the user signed in, says how many changes are unsent, and offers 今すぐ同期', async () => {
    const sync = useSyncStore()
    sync.pending = 2
    const signOut = signOutAnswers({ ok: false, pending: 2, rejected: 0 })
    const syncNow = vi.spyOn(sync, 'syncNow').mockResolvedValue(null)
    const wrapper = mountSignOut()
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['ログアウト'])

    await buttonNamed(wrapper, 'ログアウト').trigger('click')
    await flushPromises()
    expect(signOut).toHaveBeenCalledTimes(1)
    expect(replace).not.toHaveBeenCalled()
    expect(wrapper.get('[role="alert"]').text()).toContain('送信されていない変更が2件あります。')

    await buttonNamed(wrapper, '今すぐ同期').trigger('click')
    expect(syncNow).toHaveBeenCalledTimes(1)
    sync.pending = 0
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe('すべて送信しました。ログアウトできます。')
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['ログアウト'])
  })

  it('names rejected changes, which a sync does not send', async () => {
    useSyncStore().rejected = 1
    signOutAnswers({ ok: false, pending: 0, rejected: 1 })
    const wrapper = mountSignOut()
    await buttonNamed(wrapper, 'ログアウト').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('受け付けられなかった変更が1件あります。')
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['ログアウト'])
  })

  it('goes to sign-in once signed out', async () => {
    signOutAnswers({ ok: true })
    const wrapper = mountSignOut()
    await buttonNamed(wrapper, 'ログアウト').trigger('click')
    await flushPromises()
    expect(replace).toHaveBeenCalledWith({ name: 'sign-in' })
    expect(wrapper.get('[role="alert"]').text()).toBe('')
  })
})
