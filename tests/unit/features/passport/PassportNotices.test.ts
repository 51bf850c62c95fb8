// ホーム's お知らせ and the navigation's unread count, read from the replica (so offline too).
import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { db, type NoticeRow } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import PassportNotices from '@/features/passport/PassportNotices.vue'
import ShellNav from '@/features/shell/ShellNav.vue'
import { ME, SOMEONE_ELSE, clearDatabase } from '../replica-fixtures'

const Blank = defineComponent({ template: '<p />' })
const SESSION = '44444444-4444-4444-8444-444444444444'
const TRAINING = '55555555-5555-4555-8555-555555555555'
let wrapper: VueWrapper | undefined

function mountWith(component: typeof PassportNotices | typeof ShellNav) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['home', 'areas', 'catalogue', 'route', 'settings']
      .map((name) => ({
        path: `/${name}`,
        name,
        component: Blank,
      }))
      .concat([
        { path: '/sessions/:id', name: 'session', component: Blank },
        { path: '/s/:sessionId/survey', name: 'session-survey', component: Blank },
      ]),
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(component, { global: { plugins: [i18n, router] }, attachTo: document.body })
  return wrapper
}

function notice(n: number, overrides: Partial<NoticeRow>): NoticeRow {
  return {
    id: `66666666-6666-4666-8666-00000000000${n}`,
    employee_id: ME,
    kind: 'decision_returned',
    session_id: null,
    decision_id: `77777777-7777-4777-8777-00000000000${n}`,
    fiscal_year: 2026,
    reason: null,
    created_at: `2026-11-0${n}T01:00:00+00:00`,
    read_at: null,
    ...overrides,
  }
}

async function seed() {
  await db.replica('trainings').put({
    id: TRAINING,
    kind: 'workshop',
    title: '生成AIワークショップ',
    description: '',
    fiscal_year: 2026,
    delivery: 'in_person',
    survey_template_id: null,
    created_at: '2026-04-01T00:00:00+00:00',
    updated_at: '2026-04-01T00:00:00+00:00',
  })
  await db.replica('sessions').put({
    id: SESSION,
    training_id: TRAINING,
    starts_at: '2026-12-10T01:00:00+00:00',
    ends_at: '2026-12-10T03:00:00+00:00',
    venue: null,
    online_url: null,
    capacity: 30,
    facilitator_id: null,
    registration_deadline: '2026-12-09T01:00:00+00:00',
    status: 'scheduled',
    confirmed_count: 30,
    waitlist_count: 0,
    created_at: '2026-04-01T00:00:00+00:00',
    updated_at: '2026-04-01T00:00:00+00:00',
  })
  await db
    .replica('notices')
    .bulkPut([
      notice(1, { kind: 'decision_acknowledged', read_at: '2026-11-02T00:00:00+00:00' }),
      notice(2, { kind: 'waitlist_promoted', session_id: SESSION, decision_id: null, fiscal_year: null }),
      notice(3, { reason: '<b>研修</b>を先に\n修了してください' }),
      notice(4, { employee_id: SOMEONE_ELSE, kind: 'decision_nominated' }),
    ])
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('お知らせ', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await clearDatabase(db)
    await seed()
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('lists my notices newest first, says which are unread, and shows the reason as text', async () => {
    const w = mountWith(PassportNotices)
    await vi.waitFor(() => expect(w.findAll('li.notice')).toHaveLength(3))
    const items = w.findAll('li.notice').map((li) => li.text())
    expect(items[0]).toContain('令和8年度のDX推進リーダーへの立候補が、DX推進課から差し戻されました。')
    expect(items[0]).toContain('未読')
    expect(items[1]).toContain('キャンセル待ちだった「生成AIワークショップ」')
    expect(items[2]).toContain('受け付けました')
    expect(items[2]).not.toContain('未読')
    expect(w.text()).toContain('未読のお知らせが2件あります。')
    // Free text stays text: no element is made from it.
    expect(w.get('.notice__reason').text()).toBe('理由：<b>研修</b>を先に\n修了してください')
    expect(w.find('.notice__reason b').exists()).toBe(false)
    expect(w.findAll('a.notice__link').map((a) => a.attributes('href'))).toEqual([
      '/route',
      `/sessions/${SESSION}`,
      '/route',
    ])
  })

  it('marks a notice read when its link is followed, and all of them with one button', async () => {
    const w = mountWith(PassportNotices)
    await vi.waitFor(() => expect(w.findAll('li.notice')).toHaveLength(3))
    await w.findAll('a.notice__link')[1]!.trigger('click')
    await vi.waitFor(async () =>
      expect((await db.replica('notices').get(notice(2, {}).id))?.read_at).not.toBeNull(),
    )
    expect((await db.outbox.toArray()).map((e) => [e.kind, e.args])).toEqual([
      ['mark_notices_read', { ids: [notice(2, {}).id] }],
    ])

    await settle()
    await w.get('button').trigger('click')
    await vi.waitFor(() => expect(w.text()).toContain('すべて既読にしました。'))
    expect(w.text()).toContain('未読のお知らせはありません。')
    expect((await db.replica('notices').get(notice(4, {}).id))?.read_at).toBeNull()
  })

  it('puts the unread count in the accessible name of ホーム in the navigation', async () => {
    const w = mountWith(ShellNav)
    await vi.waitFor(() => expect(w.findAll('a')[0]!.text()).toContain('（未読2件）'))
    expect(w.findAll('a')[0]!.text().replace(/\s/g, '')).toBe('ホーム2（未読2件）')
    expect(w.get('.nav__badge').attributes('aria-hidden')).toBe('true')
  })
})
