import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { effectScope, nextTick, ref } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ja from '@/i18n/ja'
import { useUnsavedInput } from '@/composables/useUnsavedInput'

const needRefresh = ref(false)
const updateServiceWorker = vi.fn(async () => undefined)
vi.mock('virtual:pwa-register/vue', () => ({
  useRegisterSW: () => ({ needRefresh, offlineReady: ref(false), updateServiceWorker }),
}))

const { default: ShellUpdateBanner } = await import('@/features/shell/ShellUpdateBanner.vue')

function mountBanner() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(ShellUpdateBanner, { global: { plugins: [i18n], stubs: { RouterLink: true } } })
}

describe('the update banner', () => {
  beforeEach(() => {
    needRefresh.value = false
    updateServiceWorker.mockClear()
  })

  it('stays hidden until a new version is waiting', async () => {
    const wrapper = mountBanner()
    expect(wrapper.text()).toBe('')
    needRefresh.value = true
    await nextTick()
    expect(wrapper.get('[role="status"]').text()).toContain('新しいバージョンがあります。')
  })

  it('updates only when the user asks', async () => {
    needRefresh.value = true
    const wrapper = mountBanner()
    expect(updateServiceWorker).not.toHaveBeenCalled()
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '更新する')!
      .trigger('click')
    expect(updateServiceWorker).toHaveBeenCalledWith(true)
  })

  it('will not reload while a form holds unsaved input, and says why', async () => {
    needRefresh.value = true
    const dirty = ref(true)
    const form = effectScope()
    form.run(() => useUnsavedInput(dirty))
    const wrapper = mountBanner()
    await nextTick()

    const update = wrapper.findAll('button').find((b) => b.text() === '更新する')!
    expect(wrapper.text()).toContain('入力中の内容があります')
    expect(update.attributes('disabled')).toBeDefined()
    await update.trigger('click')
    expect(updateServiceWorker).not.toHaveBeenCalled()

    // Once the form is saved (or left), updating is possible again.
    dirty.value = false
    await nextTick()
    expect(wrapper.text()).not.toContain('入力中の内容があります')
    await update.trigger('click')
    expect(updateServiceWorker).toHaveBeenCalledTimes(1)
    form.stop()
  })

  it('can be put off until later', async () => {
    needRefresh.value = true
    const wrapper = mountBanner()
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'あとで')!
      .trigger('click')
    expect(wrapper.text()).toBe('')
    expect(updateServiceWorker).not.toHaveBeenCalled()
  })
})
