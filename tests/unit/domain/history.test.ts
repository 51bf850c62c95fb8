import { describe, expect, it } from 'vitest'
import {
  filterHistory,
  historyEntries,
  historyFiscalYears,
  historyTable,
  type HistoryLabels,
  type HistoryRows,
} from '@/domain/history'
import { csvCell as neutraliseFormula } from '@/domain/csv'

const rows: HistoryRows = {
  learningRecords: [
    {
      id: 'l1',
      area_code: 'bpr',
      source: 'self_study',
      title: 'BPR事例集',
      minutes: 60,
      completed_on: '2026-05-10',
      note: '',
    },
    {
      id: 'l2',
      area_code: 'generative_ai',
      source: 'session',
      title: '生成AI活用ワークショップ',
      minutes: 180,
      completed_on: '2026-06-29',
      note: 'よかった',
    },
    {
      id: 'l3',
      area_code: 'dx_basics',
      source: 'other',
      title: 'DX白書',
      minutes: 30,
      completed_on: '2026-03-31',
      note: '',
    },
  ],
  registrations: [
    { id: 'r1', session_id: 's-ws', status: 'attended' },
    { id: 'r2', session_id: 's-future', status: 'confirmed' },
    { id: 'r3', session_id: 'unknown', status: 'confirmed' },
  ],
  surveySubmissions: [{ session_id: 's-ws' }],
  surveyResponses: [{ session_id: 's-ws', submitted_at: '2026-06-30T01:00:00Z' }],
  sessions: [
    { id: 's-ws', training_id: 't-ws', starts_at: '2026-06-29T10:00:00+09:00' },
    { id: 's-future', training_id: 't-gov', starts_at: '2027-01-20T10:00:00+09:00' },
  ],
  trainings: [
    { id: 't-ws', title: '生成AI活用ワークショップ' },
    { id: 't-gov', title: 'ITガバナンス研修' },
  ],
  trainingAreas: [
    { training_id: 't-ws', area_code: 'generative_ai' },
    { training_id: 't-gov', area_code: 'it_governance' },
    { training_id: 't-gov', area_code: 'system_management' },
  ],
}

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
  kind: (kind) => ({ learning: '学習', registration: '申込み', survey: 'アンケート' })[kind],
  fiscalYear: (fy) => `FY${fy}`,
  area: (code) => code.toUpperCase(),
  status: (entry) => entry.status,
  areaSeparator: '・',
}

describe('historyEntries', () => {
  it('lists records, registrations and surveys together, newest first, dropping unknown sessions', () => {
    expect(historyEntries(rows).map((e) => [e.key, e.date, e.fiscalYear])).toEqual([
      ['registration:r2', '2027-01-20', 2026],
      ['survey:s-ws', '2026-06-30', 2026],
      ['registration:r1', '2026-06-29', 2026],
      ['learning:l2', '2026-06-29', 2026],
      ['learning:l1', '2026-05-10', 2026],
      ['learning:l3', '2026-03-31', 2025],
    ])
  })

  it('gives a registration the areas of its training', () => {
    const entry = historyEntries(rows).find((e) => e.key === 'registration:r2')
    expect(entry?.areaCodes).toEqual(['it_governance', 'system_management'])
  })
})

describe('filterHistory', () => {
  const entries = historyEntries(rows)
  it('filters by kind, fiscal year and area together', () => {
    expect(
      filterHistory(entries, { kind: 'learning', fiscalYear: null, areaCode: null }).map((e) => e.key),
    ).toEqual(['learning:l2', 'learning:l1', 'learning:l3'])
    expect(
      filterHistory(entries, { kind: null, fiscalYear: 2025, areaCode: null }).map((e) => e.key),
    ).toEqual(['learning:l3'])
    expect(
      filterHistory(entries, { kind: null, fiscalYear: 2026, areaCode: 'generative_ai' }).map((e) => e.key),
    ).toEqual(['survey:s-ws', 'registration:r1', 'learning:l2'])
  })

  it('offers the fiscal years present, newest first', () => {
    expect(historyFiscalYears(entries)).toEqual([2026, 2025])
  })
})

describe('historyTable', () => {
  it('starts with the header and writes one row per entry', () => {
    const entries = historyEntries(rows).filter((e) => e.key === 'learning:l2' || e.key === 'registration:r2')
    expect(historyTable(entries, labels)).toEqual([
      ['種別', '日付', '年度', '名称', '知識分野', '状況', '時間（分）', 'メモ'],
      [
        '申込み',
        '2027-01-20',
        'FY2026',
        'ITガバナンス研修',
        'IT_GOVERNANCE・SYSTEM_MANAGEMENT',
        'confirmed',
        '',
        '',
      ],
      [
        '学習',
        '2026-06-29',
        'FY2026',
        '生成AI活用ワークショップ',
        'GENERATIVE_AI',
        'session',
        '180',
        'よかった',
      ],
    ])
  })

  it('neutralises free text a spreadsheet would run as a formula', () => {
    const entries = historyEntries({
      ...rows,
      learningRecords: [{ ...rows.learningRecords[0]!, title: '=1+1', note: '@SUM(A1)' }],
      registrations: [],
      surveySubmissions: [],
    })
    const [, row] = historyTable(entries, labels)
    expect(row?.[3]).toBe("'=1+1")
    expect(row?.[7]).toBe("'@SUM(A1)")
  })

  it.each(['=cmd', '+1', '-1+2', '@x', '\tx', '\rx'])('prefixes %j with a quote', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`)
  })

  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('BPR 1=1')).toBe('BPR 1=1')
  })
})
