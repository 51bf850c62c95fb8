import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AppRole } from '@/backend'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { useSessionStore } from '@/stores/session'
import ShellNav from '@/features/shell/ShellNav.vue'
import { ME, clearDatabase, profileRow } from '../replica-fixtures'

const Blank = defineComponent({ template: '<p />' })

async function linksFor(role: AppRole | null): Promise<string[]> {
  if (role) await db.replica('profiles').put(profileRow({ app_role: role }))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['home', 'areas', 'division', 'settings'].map((name) => ({
      path: `/${name}`,
      name,
      component: Blank,
    })),
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(ShellNav, { global: { plugins: [i18n, router] } })
  // The role-bound item is an async component reading Dexie: wait for it to settle, whatever it shows.
  await vi.waitFor(() => expect(wrapper.findComponent({ name: 'ShellNavRoleItem' }).exists()).toBe(true), {
    timeout: 5000,
  })
  for (let i = 0; i < 5; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const links = wrapper.findAll('a').map((a) => a.text())
  wrapper.unmount()
  return links
}

describe('the main menu', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useSessionStore().user = { id: ME, email: null }
    await clearDatabase(db)
  })

  it('offers 集計 to the DX division, between 学ぶ and 設定', async () => {
    expect(await linksFor('dx_admin')).toEqual(['ホーム', '学ぶ', '集計', '設定'])
  })

  it.each(['employee', 'facilitator'] as const)('keeps 集計 out of the menu of a %s', async (role) => {
    expect(await linksFor(role)).toEqual(['ホーム', '学ぶ', '設定'])
  })

  it('shows it only once the profile has arrived and says the role', async () => {
    expect(await linksFor(null)).toEqual(['ホーム', '学ぶ', '設定'])
  })
})
