import 'fake-indexeddb/auto'
import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import AdminOrgPage from '@/features/admin/AdminOrgPage.vue'
import { ME, clearDatabase, seedReference } from '../replica-fixtures'

const Blank = defineComponent({ template: '<p />' })
let wrapper: VueWrapper | undefined

async function mountPage(): Promise<VueWrapper> {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Blank }] })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(AdminOrgPage, { global: { plugins: [i18n, router] } })
  await vi.waitFor(() => expect(wrapper!.text()).toContain('DX推進課'))
  return wrapper
}

const section = (w: VueWrapper, title: string) =>
  w.findAll('section').find((s) => s.get('h2').text() === title)!

/** The section's form fields by their label text. */
function field(w: VueWrapper | DOMWrapper<Element>, label: string) {
  const labelEl = w.findAll('label').find((l) => l.text().startsWith(label))!
  return w.get(`#${labelEl.attributes('for')}`)
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: ME, email: null }
  await clearDatabase(db)
  await seedReference(db)
  await db.replica('departments').bulkPut([
    {
      code: 'kikaku_dx',
      name: 'DX推進課',
      division_name: '企画部',
      uses_information_systems: true,
      sort_order: 1,
    },
    {
      code: 'shimin',
      name: '市民課',
      division_name: '市民部',
      uses_information_systems: false,
      sort_order: 2,
    },
  ])
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('the organisation page (/admin/org)', () => {
  it('lists the departments and the grades from the replica, each in its own table', async () => {
    const w = await mountPage()
    const departments = section(w, '課等')
    expect(departments.findAll('tbody tr').map((row) => row.findAll('td')[2]!.text())).toEqual([
      'DX推進課',
      '市民課',
    ])
    expect(departments.findAll('tbody tr')[1]!.text()).toContain('いいえ')
    const grades = section(w, '職位')
    expect(grades.findAll('tbody tr').length).toBeGreaterThan(0)
    expect(grades.findAll('th').map((th) => th.text())).toContain('係長級以上（DX推進管理者）')
  })

  it('queues a new department with the next sort order, and says it is saved', async () => {
    const w = await mountPage()
    const departments = section(w, '課等')
    await departments
      .findAll('button')
      .find((b) => b.text() === '課等を追加する')!
      .trigger('click')
    await field(departments, 'コード').setValue('jinji')
    await field(departments, '課等の名前').setValue('人事課')
    await field(departments, '部の名前').setValue('総務部')
    await departments.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(1))
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({
      kind: 'save_department',
      args: {
        code: 'jinji',
        name: '人事課',
        division_name: '総務部',
        sort_order: 3,
        uses_information_systems: true,
      },
    })
    await flushPromises()
    expect(w.get('[role="status"]').text()).toBe('保存しました。接続があるときに送信されます。')
    expect(departments.find('form').exists()).toBe(false)
  })

  it('edits a department without letting its code change', async () => {
    const w = await mountPage()
    const departments = section(w, '課等')
    await departments.findAll('tbody button')[1]!.trigger('click')
    expect(field(departments, 'コード').attributes('readonly')).toBeDefined()
    await field(departments, '課等の名前').setValue('市民窓口課')
    await departments.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(1))
    expect((await db.outbox.toArray())[0]).toMatchObject({
      kind: 'save_department',
      args: { code: 'shimin', name: '市民窓口課', uses_information_systems: false, sort_order: 2 },
    })
  })

  it('keeps the form open with an error on the code and queues nothing for a code the server would refuse', async () => {
    const w = await mountPage()
    const departments = section(w, '課等')
    await departments
      .findAll('button')
      .find((b) => b.text() === '課等を追加する')!
      .trigger('click')
    await field(departments, 'コード').setValue('Bad Code!')
    await field(departments, '課等の名前').setValue('人事課')
    await field(departments, '部の名前').setValue('総務部')
    await departments.get('form').trigger('submit')
    await flushPromises()
    const code = field(departments, 'コード')
    expect(code.attributes('aria-invalid')).toBe('true')
    expect(field(departments, '課等の名前').attributes('aria-invalid')).not.toBe('true')
    expect(await db.outbox.count()).toBe(0)
    expect(departments.find('form').exists()).toBe(true)
  })
})
