import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { routes } from '@/router'
import { useAuthStore } from '@/stores/auth'
import type * as HistoryCsv from '@/features/history/history-csv'

const downloads: { text: string; filename: string }[] = []
vi.mock('@/features/history/history-csv', async (original) => ({
  ...(await original<typeof HistoryCsv>()),
  downloadCsv: (text: string, filename: string) => downloads.push({ text, filename }),
}))
const { default: HistoryPage } = await import('@/features/history/HistoryPage.vue')

const ME = '11111111-1111-4111-8111-111111111111'
const stamp = '2026-04-01T00:00:00+09:00'
const record = (n: number, area: string, title: string, completedOn: string) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  employee_id: ME,
  area_code: area,
  source: 'self_study' as const,
  session_id: null,
  title,
  minutes: 45,
  completed_on: completedOn,
  note: '',
  version: 1,
  created_at: stamp,
  updated_at: stamp,
})

async function settle() {
  for (let i = 0; i < 6; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function mountHistory(path = '/history') {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(HistoryPage, { global: { plugins: [i18n, router] } })
  await settle()
  return { wrapper, router }
}

describe('the learning history page', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    downloads.length = 0
    await Promise.all(db.tables.map((table) => table.clear()))
    await db.replica('knowledge_areas').bulkPut([
      { code: 'bpr', name: 'BPR（業務改革）', name_en: 'BPR', sort_order: 3, description: '' },
      { code: 'generative_ai', name: '生成AI', name_en: 'Generative AI', sort_order: 4, description: '' },
    ])
    await db.replica('learning_records').bulkPut([
      record(1, 'bpr', '=1+1', '2026-05-10'),
      record(2, 'generative_ai', '生成AI入門', '2026-06-10'),
      record(3, 'bpr', '前年度の学習', '2026-03-10'),
      {
        ...record(4, 'bpr', 'ほかの人の記録', '2026-06-11'),
        employee_id: '22222222-2222-4222-8222-222222222222',
      },
    ])
  })

  it('lists only my records, newest first', async () => {
    const { wrapper } = await mountHistory()
    expect(wrapper.findAll('.entry__title').map((node) => node.text())).toEqual([
      '生成AI入門',
      '=1+1',
      '前年度の学習',
    ])
  })

  it('filters by fiscal year and area from the address, so a reload keeps the filter', async () => {
    const { wrapper } = await mountHistory('/history?fy=2026&area=bpr')
    expect(wrapper.findAll('.entry__title').map((node) => node.text())).toEqual(['=1+1'])
    expect(wrapper.text()).toContain('1件を表示しています。')
  })

  it('puts a choice of filter into the address', async () => {
    const { wrapper, router } = await mountHistory()
    await wrapper.findAll('select')[1]!.setValue('2025')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ fy: '2025' })
    expect(wrapper.findAll('.entry__title').map((node) => node.text())).toEqual(['前年度の学習'])
  })

  it('saves what is shown as a CSV with a BOM, Japanese headers and the formula neutralised', async () => {
    const { wrapper } = await mountHistory('/history?area=bpr')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'CSVで保存')!
      .trigger('click')
    // papaparse is loaded on first use.
    await vi.waitFor(() => expect(downloads).toHaveLength(1), { timeout: 5000 })
    const { text, filename } = downloads[0]!
    expect(filename).toMatch(/^学習履歴_\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('\uFEFF種別,日付,年度,名称,知識分野,状況,時間（分）,メモ')
    expect(lines.slice(1, -1)).toEqual([
      "学習記録,2026-05-10,令和8年度,'=1+1,BPR（業務改革）,自己学習,45,",
      '学習記録,2026-03-10,令和7年度,前年度の学習,BPR（業務改革）,自己学習,45,',
    ])
  })
})
