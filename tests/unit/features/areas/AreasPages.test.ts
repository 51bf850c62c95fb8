import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import AreasDetailPage from '@/features/areas/AreasDetailPage.vue'
import AreasListPage from '@/features/areas/AreasListPage.vue'
import { ME, clearDatabase, profileRow, seedReference } from '../replica-fixtures'

const Blank = defineComponent({ template: '<p />' })
const TRAINING = '00000000-0000-4000-8000-000000000001'
const SESSION = '00000000-0000-4000-8000-000000000101'
let wrapper: VueWrapper | undefined

function mountPage(
  component: object,
  props: Record<string, unknown> = {},
  extraRoutes: RouteRecordRaw[] = [],
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/areas', name: 'areas', component: Blank },
      { path: '/areas/:code', name: 'area', component: Blank },
      ...extraRoutes,
    ],
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(component, { props, global: { plugins: [i18n, router] } })
  return wrapper
}

async function seedTraining() {
  const future = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString()
  await db.replica('trainings').put({
    id: TRAINING,
    kind: 'workshop',
    title: '生成AIワークショップ',
    description: '',
    fiscal_year: 2026,
    delivery: 'in_person',
    survey_template_id: null,
    created_at: future,
    updated_at: future,
  })
  await db.replica('training_areas').put({ training_id: TRAINING, area_code: 'generative_ai' })
  await db.replica('sessions').put({
    id: SESSION,
    training_id: TRAINING,
    starts_at: future,
    ends_at: future,
    venue: '本庁舎 5階',
    online_url: null,
    capacity: 30,
    confirmed_count: 0,
    waitlist_count: 0,
    facilitator_id: null,
    registration_deadline: future,
    status: 'scheduled',
    created_at: future,
    updated_at: future,
  })
}

describe('the knowledge-area pages', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await clearDatabase(db)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('lists the nine areas, marking the promoter’s six as required and the rest as optional', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    const w = mountPage(AreasListPage)
    await vi.waitFor(() => expect(w.findAll('li')).toHaveLength(9))
    const cards = w.findAll('li')
    expect(cards.filter((c) => c.text().includes('必須'))).toHaveLength(6)
    expect(cards[8]!.text()).toContain('全庁横断的なDX推進')
    expect(cards[8]!.text()).toContain('任意')
    expect(cards[0]!.get('a').attributes('href')).toBe('/areas/dx_basics')
  })

  it('shows what an area covers, that it is required, and the trainings with their coming sessions', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    await seedTraining()
    const w = mountPage(AreasDetailPage, { code: 'generative_ai' })
    await vi.waitFor(() => expect(w.find('h1').text()).toBe('生成AI'))
    await vi.waitFor(() => expect(w.text()).toContain('生成AIワークショップ'))
    expect(w.text()).toContain('生成AIの説明')
    expect(w.text()).toContain('あなたの役割では必須の分野です。')
    expect(w.text()).toContain('本庁舎 5階')
    // No session page in this app yet: the date is text, not a link that would lead nowhere.
    expect(w.findAll('a').filter((a) => a.text().includes('本庁舎'))).toHaveLength(0)
  })

  it('links a coming session to its page once the app has one', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    await seedTraining()
    const w = mountPage(AreasDetailPage, { code: 'generative_ai' }, [
      { path: '/sessions/:id', name: 'session', component: Blank },
    ])
    await vi.waitFor(() => expect(w.text()).toContain('本庁舎 5階'))
    const link = w.findAll('a').find((a) => a.text().includes('本庁舎'))
    expect(link?.attributes('href')).toBe(`/sessions/${SESSION}`)
  })

  it('says an optional area is optional for the role', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    const w = mountPage(AreasDetailPage, { code: 'cross_org_dx' })
    await vi.waitFor(() => expect(w.text()).toContain('あなたの役割では任意の分野です。'))
  })

  it('says so for an unknown area once the data is there, and waits honestly before the first pull', async () => {
    const w = mountPage(AreasDetailPage, { code: 'no_such_area' })
    await vi.waitFor(() => expect(w.text()).toContain('まだこの端末にデータがありません。'))
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    await vi.waitFor(() => expect(w.get('[role="alert"]').text()).toBe('この知識分野は見つかりません。'))
    await flushPromises()
  })
})
