import { describe, expect, it } from 'vitest'
import { csvText } from '@/features/history/history-csv'
import { historyEntries, historyTable, type HistoryLabels } from '@/domain/history'
import Papa from 'papaparse'

const labels: HistoryLabels = {
  header: {
    kind: '種別',
    date: '日付',
    fiscalYear: '年度',
    title: '名称',
    areas: '知識分野',
    status: '状況',
    minutes: '時間（分）',
    note: 'メモ',
  },
  kind: () => '学習',
  fiscalYear: (fy) => `令和${fy - 2018}年度`,
  area: () => 'BPR（業務改革）',
  status: () => '自己学習',
  areaSeparator: '・',
}
const record = (id: string, title: string) => ({
  id,
  area_code: 'bpr',
  source: 'self_study',
  title,
  minutes: 60,
  completed_on: '2026-05-10',
  note: '',
})
const table = historyTable(
  historyEntries({
    learningRecords: [record('a', '研修, "応用"\n第2回'), record('b', '=1+1')],
    registrations: [],
    surveySubmissions: [],
    sessions: [],
    trainings: [],
    trainingAreas: [],
  }),
  labels,
)

describe('the history CSV', () => {
  it('starts with a UTF-8 byte order mark and the Japanese header, with CRLF line ends', async () => {
    const text = await csvText(table)
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1).split('\r\n')[0]).toBe('種別,日付,年度,名称,知識分野,状況,時間（分）,メモ')
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false)
  })

  it('keeps a comma, a quote and a newline in a title, and neutralises a formula', async () => {
    const text = await csvText(table)
    expect(text).toContain('"研修, ""応用""\n第2回"')
    const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true })
    const titles = parsed.data.slice(1).map((row) => row[3])
    expect(titles).toContain('研修, "応用"\n第2回')
    expect(titles).toContain("'=1+1")
    expect(titles).not.toContain('=1+1')
  })
})
