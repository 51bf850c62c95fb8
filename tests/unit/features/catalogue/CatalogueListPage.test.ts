import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db, type SessionRow, type TrainingRow } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import CatalogueListPage from '@/features/catalogue/CatalogueListPage.vue'

const ME = '11111111-1111-4111-8111-111111111111'
const stamp = '2026-04-01T09:00:00+09:00'
const training = (id: string, kind: string, title: string): TrainingRow => ({
  id,
  kind,
  title,
  description: '',
  fiscal_year: 2099,
  delivery: 'in_person',
  survey_template_id: null,
  created_at: stamp,
  updated_at: stamp,
})
const session = (id: string, trainingId: string, starts: string, taken = 0): SessionRow => ({
  id,
  training_id: trainingId,
  starts_at: starts,
  ends_at: starts.replace('T09', 'T12'),
  venue: '本庁舎',
  online_url: null,
  capacity: 2,
  facilitator_id: null,
  registration_deadline: starts.replace(/-\d\dT09/, '-01T09'),
  status: 'scheduled',
  confirmed_count: taken,
  waitlist_count: 0,
  created_at: stamp,
  updated_at: stamp,
})
const T_AI = 'aaaaaaaa-0000-4000-8000-000000000001'
const T_SEC = 'aaaaaaaa-0000-4000-8000-000000000002'

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/catalogue', name: 'catalogue', component: CatalogueListPage },
      { path: '/sessions/:id', name: 'session', component: { template: '<p />' } },
    ],
  })
  await router.push(path)
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(CatalogueListPage, { global: { plugins: [router, i18n] } })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper.text()).not.toContain('読み込んでいます')
  })
  return { wrapper, router }
}
const titles = (wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper']) =>
  wrapper.findAll('h2').map((h) => h.text())

describe('the catalogue page', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await Promise.all(db.tables.map((table) => table.clear()))
    await db.replica('training_kinds').bulkPut([
      {
        code: 'workshop',
        sort_order: 1,
        name: 'DXワークショップ',
        name_en: 'Workshop',
        description: '',
        schedule_note: '',
        audience_note: '',
      },
      {
        code: 'dx_training',
        sort_order: 2,
        name: 'DX研修',
        name_en: 'DX training',
        description: '',
        schedule_note: '',
        audience_note: '',
      },
    ])
    await db
      .replica('trainings')
      .bulkPut([
        training(T_AI, 'workshop', '生成AI活用ワークショップ'),
        training(T_SEC, 'dx_training', '情報セキュリティ研修'),
      ])
    await db
      .replica('sessions')
      .bulkPut([
        session('bbbbbbbb-0000-4000-8000-000000000001', T_AI, '2099-01-21T09:00:00+09:00', 2),
        session('bbbbbbbb-0000-4000-8000-000000000002', T_SEC, '2099-02-10T09:00:00+09:00'),
      ])
  })

  it('lists the trainings with their sessions and seat state', async () => {
    const { wrapper } = await mountAt('/catalogue')
    expect(titles(wrapper)).toEqual(['生成AI活用ワークショップ', '情報セキュリティ研修'])
    expect(wrapper.text()).toContain('2件の研修があります。')
    expect(wrapper.text()).toContain('満席')
    expect(wrapper.text()).toContain('残り0席（定員2名）')
    expect(wrapper.text()).toContain('受付中')
  })

  it('reads the filter from the URL, and writes a change of it back there', async () => {
    const { wrapper, router } = await mountAt(
      '/catalogue?q=%EF%BD%BE%EF%BD%B7%EF%BD%AD%EF%BE%98%EF%BE%83%EF%BD%A8',
    )
    // ｾｷｭﾘﾃｨ in half-width katakana.
    expect(titles(wrapper)).toEqual(['情報セキュリティ研修'])
    expect((wrapper.get('input[type="search"]').element as HTMLInputElement).value).toBe('ｾｷｭﾘﾃｨ')

    await wrapper.get('input[type="search"]').setValue('')
    const kind = wrapper.findAll('select')[0]!
    await kind.setValue('workshop')
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ kind: 'workshop' }))
    await flushPromises()
    expect(titles(wrapper)).toEqual(['生成AI活用ワークショップ'])

    // Moved from outside (back, forward, a link): the page follows the URL.
    await router.push('/catalogue?kind=dx_training')
    await flushPromises()
    expect(titles(wrapper)).toEqual(['情報セキュリティ研修'])
    expect((kind.element as HTMLSelectElement).value).toBe('dx_training')
  })

  it('says so when nothing matches, and clears the filter back to everything', async () => {
    const { wrapper, router } = await mountAt('/catalogue?kind=workshop&month=2099-02')
    expect(wrapper.text()).toContain('条件に合う研修はありません。')
    const clear = wrapper.findAll('button').find((b) => b.text() === '条件をクリア')!
    await clear.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({}))
    await flushPromises()
    expect(titles(wrapper)).toHaveLength(2)
  })
})
