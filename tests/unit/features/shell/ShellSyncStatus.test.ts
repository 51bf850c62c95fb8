import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { nextTick } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ShellSyncStatus from '@/features/shell/ShellSyncStatus.vue'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import { useSyncStore } from '@/stores/sync'
import type { RoundOutcome } from '@/sync'

function mountStatus() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(ShellSyncStatus, { global: { plugins: [i18n] } })
}

const failed = (code: string): RoundOutcome => ({
  status: 'failed',
  failure: { class: 'fatal', code, message: 'refused' },
})

describe('the sync status in the header', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: '11111111-1111-4111-8111-111111111111', email: null }
  })

  it('is hidden while no one is signed in', () => {
    useAuthStore().user = null
    expect(mountStatus().html()).not.toContain('role="status"')
  })

  it.each<{
    name: string
    online: boolean
    pending: number
    outcome: RoundOutcome | null
    text: string
    state: string
  }>([
    { name: 'synced', online: true, pending: 0, outcome: null, text: '同期済み', state: 'synced' },
    { name: 'pending', online: true, pending: 3, outcome: null, text: '3件送信待ち', state: 'pending' },
    { name: 'offline', online: false, pending: 0, outcome: null, text: 'オフライン', state: 'offline' },
    {
      name: 'offline with changes',
      online: false,
      pending: 2,
      outcome: null,
      text: 'オフライン・2件送信待ち',
      state: 'offline',
    },
    {
      name: 'error',
      online: true,
      pending: 1,
      outcome: failed('DXP002'),
      text: 'エラー（コード DXP002）',
      state: 'error',
    },
    {
      name: 'error of someone who has left the directory',
      online: true,
      pending: 1,
      outcome: failed('DXP100'),
      text: 'エラー（名簿から外れているため同期できません。送信待ちの変更はこの端末に残っています。DX推進課にお問い合わせください）',
      state: 'error',
    },
    {
      name: 'error of sign-in',
      online: true,
      pending: 1,
      outcome: failed('DXP001'),
      text: 'エラー（ログインし直してください）',
      state: 'error',
    },
  ])(
    'shows $name as words and an icon, in a status region',
    async ({ online, pending, outcome, text, state }) => {
      const sync = useSyncStore()
      sync.online = online
      sync.pending = pending
      sync.lastOutcome = outcome
      const wrapper = mountStatus()
      await nextTick()
      const region = wrapper.get('[role="status"]')
      expect(region.text()).toBe(text)
      expect(region.attributes('data-state')).toBe(state)
      // Meaning never by colour alone: each state has its own icon shape.
      expect(region.find('svg[aria-hidden="true"] path').exists()).toBe(true)
    },
  )

  it('gives each state a different icon', async () => {
    const sync = useSyncStore()
    const wrapper = mountStatus()
    const shapes = new Set<string>()
    for (const [online, pending, outcome] of [
      [true, 0, null],
      [true, 1, null],
      [false, 0, null],
      [true, 0, failed('DXP002')],
    ] as const) {
      sync.online = online
      sync.pending = pending
      sync.lastOutcome = outcome
      await nextTick()
      shapes.add(wrapper.get('path').attributes('d')!)
    }
    expect(shapes.size).toBe(4)
  })

  it('runs a round when 今すぐ同期 is pressed', async () => {
    const sync = useSyncStore()
    const syncNow = vi.spyOn(sync, 'syncNow').mockResolvedValue(null)
    const wrapper = mountStatus()
    const button = wrapper.get('button')
    expect(button.text()).toBe('今すぐ同期')
    await button.trigger('click')
    expect(syncNow).toHaveBeenCalledTimes(1)
  })
})
