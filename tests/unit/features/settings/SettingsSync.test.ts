import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db, markRejected, mutate } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import { useSyncStore } from '@/stores/sync'
import SettingsSync from '@/features/settings/SettingsSync.vue'

const ALICE = '11111111-1111-4111-8111-111111111111'
const BOB = '22222222-2222-4222-8222-222222222222'
const SESSION = '33333333-3333-4333-8333-333333333333'

function mountSync() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(SettingsSync, { global: { plugins: [i18n] } })
}

/** Lets Dexie's liveQuery deliver its next result. */
async function settle() {
  for (let i = 0; i < 5; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('sync details in settings', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ALICE, email: null }
    await db.outbox.clear()
  })
  afterEach(() => vi.restoreAllMocks())

  it('says nothing is waiting and when the last sync was', async () => {
    useSyncStore().lastSuccessAt = '2026-11-25T05:30:00Z'
    const wrapper = mountSync()
    await settle()
    expect(wrapper.text()).toContain('最後に同期した日時：2026年11月25日(水) 14:30')
    expect(wrapper.text()).toContain('送信待ちの変更はありません。')
  })

  it("lists the user's pending changes with their kind in Japanese and when they were made", async () => {
    await mutate(
      db,
      ALICE,
      'register_session',
      { session_id: SESSION },
      { now: new Date('2026-11-25T01:05:00Z') },
    )
    await mutate(db, ALICE, 'volunteer_candidacy', { fiscal_year: 2026 })
    await mutate(db, BOB, 'volunteer_candidacy', { fiscal_year: 2026 })
    const wrapper = mountSync()
    await settle()
    const section = wrapper.get('[aria-labelledby="outbox-pending"]')
    expect(section.get('h3').text()).toBe('送信待ちの変更（2件）')
    const items = section.findAll('li').map((li) => li.text())
    expect(items[0]).toContain('研修への申込み')
    expect(items[0]).toContain('送信待ち')
    expect(items[0]).toContain('2026年11月25日(水) 10:05に入力')
    expect(items[1]).toContain('DX推進リーダーへの立候補')
    expect(wrapper.text()).not.toContain('送信待ちの変更はありません。')
  })

  it("shows a rejection with the server's reason in Japanese, and dismisses it", async () => {
    const result = await mutate(db, ALICE, 'volunteer_candidacy', { fiscal_year: 2026 })
    if (!result.ok) throw new Error('not queued')
    await markRejected(db, result.mutationId, 'DXP061', 'すでに 2026年度の DX推進リーダー候補です。')
    const wrapper = mountSync()
    await settle()
    const section = wrapper.get('[aria-labelledby="outbox-rejected"]')
    expect(section.get('h3').text()).toBe('受け付けられなかった変更（1件）')
    expect(section.text()).toContain('却下')
    expect(section.text()).toContain('理由：すでに今年度以降のDX推進リーダー候補です。')

    await section.get('button').trigger('click')
    await settle()
    expect(await db.outbox.count()).toBe(0)
    expect(wrapper.find('[aria-labelledby="outbox-rejected"]').exists()).toBe(false)
  })

  it('keeps a kiosk answer refused over the cap (DXP134) in view, with the reason', async () => {
    const result = await mutate(db, ALICE, 'submit_kiosk_survey', {
      id: '44444444-4444-4444-8444-444444444444',
      session_id: SESSION,
      answers: { satisfaction: 4 },
      collected_device: '会場の共用タブレット',
      collected_at: '2026-11-25T03:00:00Z',
    })
    if (!result.ok) throw new Error('not queued')
    await markRejected(
      db,
      result.mutationId,
      'DXP134',
      'この日程のアンケート回答は、参加できる方の人数（24名）に達しています。',
    )
    const wrapper = mountSync()
    await settle()
    const section = wrapper.get('[aria-labelledby="outbox-rejected"]')
    expect(section.get('h3').text()).toBe('受け付けられなかった変更（1件）')
    expect(section.text()).toContain(
      '理由：この日程のアンケート回答は、参加できる方の人数に達しています。これ以上は受け付けられません。',
    )
  })

  it("falls back to the server's own message for a code the app does not know", async () => {
    const result = await mutate(db, ALICE, 'volunteer_candidacy', { fiscal_year: 2026 })
    if (!result.ok) throw new Error('not queued')
    await db.outbox.where('id').equals(result.mutationId).modify({
      status: 'rejected',
      last_error_code: 'DXP099',
      last_error_message: '新しい理由',
    })
    const wrapper = mountSync()
    await settle()
    expect(wrapper.text()).toContain('理由：新しい理由')
  })

  it('runs a round at once with 今すぐ同期', async () => {
    const syncNow = vi.spyOn(useSyncStore(), 'syncNow').mockResolvedValue(null)
    const wrapper = mountSync()
    await settle()
    const button = wrapper.findAll('button').find((b) => b.text() === '今すぐ同期')
    await button!.trigger('click')
    expect(syncNow).toHaveBeenCalledTimes(1)
  })
})
