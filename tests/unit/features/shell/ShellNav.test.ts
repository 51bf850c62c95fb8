import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AppRole } from '@/domain'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import ShellNav from '@/features/shell/ShellNav.vue'
import { ME, clearDatabase, profileRow } from '../replica-fixtures'

const Blank = defineComponent({ template: '<p />' })

async function linksFor(role: AppRole | null): Promise<string[]> {
  if (role) await db.replica('profiles').put(profileRow({ app_role: role }))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['home', 'areas', 'catalogue', 'route', 'facilitator', 'division', 'settings'].map((name) => ({
      path: `/${name}`,
      name,
      component: Blank,
    })),
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(ShellNav, { global: { plugins: [i18n, router] } })
  // The role is read from Dexie after first paint: let that settle, whatever it shows.
  for (let i = 0; i < 10; i += 1) {
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
    useAuthStore().user = { id: ME, email: null }
    await clearDatabase(db)
  })

  const everyone = ['ホーム', '学ぶ', '研修', '認定']

  it('offers 担当 and 集計 to the DX division, before 設定', async () => {
    expect(await linksFor('dx_admin')).toEqual([...everyone, '担当', '集計', '設定'])
  })

  it('offers 担当 but not 集計 to a facilitator', async () => {
    expect(await linksFor('facilitator')).toEqual([...everyone, '担当', '設定'])
  })

  it('keeps both out of an employee’s menu, and out of anyone’s before the profile has arrived', async () => {
    expect(await linksFor('employee')).toEqual([...everyone, '設定'])
    expect(await linksFor(null)).toEqual([...everyone, '設定'])
  })
})
