import { describe, expect, it } from 'vitest'
import {
  catalogueQuery,
  EMPTY_CATALOGUE_FILTER,
  filterCatalogue,
  parseCatalogueQuery,
  tokyoMonthOf,
  upcomingMonths,
  type CatalogueFilter,
} from '@/domain/catalogue-filter'

const NOW = new Date('2026-12-01T10:00:00+09:00')
const s = (id: string, starts: string, hours = 3) => ({
  id,
  starts_at: starts,
  ends_at: new Date(Date.parse(starts) + hours * 3_600_000).toISOString(),
})
const TRAININGS = [
  {
    id: 'ai',
    kind: 'workshop',
    title: '生成AI活用ワークショップ',
    areaCodes: ['generative_ai', 'bpr'],
    sessions: [
      s('ai-past', '2026-11-26T14:00:00+09:00'),
      s('ai-jan', '2027-01-11T09:00:00+09:00'),
      s('ai-dec', '2026-12-04T10:00:00+09:00'),
    ],
  },
  {
    id: 'cross',
    kind: 'workshop',
    title: '全庁横断DXワークショップ',
    areaCodes: ['cross_org_dx'],
    sessions: [s('cross-jan', '2027-01-21T09:00:00+09:00')],
  },
  {
    id: 'sec',
    kind: 'dx_training',
    title: '情報セキュリティ研修',
    areaCodes: ['information_security'],
    sessions: [s('sec-dec', '2026-12-24T10:00:00+09:00')],
  },
  {
    id: 'old',
    kind: 'dx_training',
    title: 'DX基礎研修',
    areaCodes: ['dx_basics'],
    sessions: [s('old', '2026-06-01T10:00:00+09:00')],
  },
  // Under way (e-learning runs for months): still listed.
  {
    id: 'el',
    kind: 'elearning',
    title: 'デジタル人材育成研修',
    areaCodes: ['dx_basics'],
    sessions: [{ id: 'el', starts_at: '2026-06-01T09:00:00+09:00', ends_at: '2027-01-29T17:00:00+09:00' }],
  },
]
const PROMOTER_AREAS = new Set([
  'dx_basics',
  'design_thinking',
  'bpr',
  'generative_ai',
  'information_security',
  'online_procedures',
])
const list = (filter: Partial<CatalogueFilter>) =>
  filterCatalogue(TRAININGS, { ...EMPTY_CATALOGUE_FILTER, ...filter }, PROMOTER_AREAS, NOW).map((t) => [
    t.id,
    t.sessions.map((x) => x.id),
  ])

describe('filterCatalogue', () => {
  it('lists trainings with their upcoming sessions in date order, by next session, without past ones', () => {
    expect(list({})).toEqual([
      ['el', ['el']],
      ['ai', ['ai-dec', 'ai-jan']],
      ['sec', ['sec-dec']],
      ['cross', ['cross-jan']],
    ])
  })

  it.each<[string, Partial<CatalogueFilter>, string[]]>([
    ['kind', { kind: 'workshop' }, ['ai', 'cross']],
    ['knowledge area', { area: 'bpr' }, ['ai']],
    ['month (in Japan)', { month: '2027-01' }, ['ai', 'cross']],
    ['this month, with what is under way', { month: '2026-12' }, ['el', 'ai', 'sec']],
    ['required for me (a promoter: no cross-organisational DX)', { requiredOnly: true }, ['el', 'ai', 'sec']],
    ['title, in half-width katakana', { query: 'ｾｷｭﾘﾃｨ' }, ['sec']],
    ['title, in hiragana', { query: 'わーくしょっぷ' }, ['ai', 'cross']],
    ['several filters at once', { kind: 'workshop', requiredOnly: true, month: '2027-01' }, ['ai']],
    ['nothing matching', { kind: 'workshop', area: 'information_security' }, []],
  ])('filters by %s', (_name, filter, ids) => {
    expect(list(filter).map(([id]) => id)).toEqual(ids)
  })

  it('keeps only the chosen month’s sessions of a training', () => {
    expect(list({ month: '2027-01' })[0]).toEqual(['ai', ['ai-jan']])
  })
})

describe('the filter in the URL', () => {
  it('goes to the query and back unchanged', () => {
    const filter: CatalogueFilter = {
      kind: 'workshop',
      area: 'bpr',
      month: '2027-01',
      requiredOnly: true,
      query: '生成 ＡＩ',
    }
    expect(catalogueQuery(filter)).toEqual({
      kind: 'workshop',
      area: 'bpr',
      month: '2027-01',
      required: '1',
      q: '生成 ＡＩ',
    })
    expect(parseCatalogueQuery(catalogueQuery(filter))).toEqual(filter)
  })

  it('leaves defaults out of the query', () => {
    expect(catalogueQuery(EMPTY_CATALOGUE_FILTER)).toEqual({})
    expect(parseCatalogueQuery({})).toEqual(EMPTY_CATALOGUE_FILTER)
  })

  it('drops malformed values instead of trusting them', () => {
    expect(
      parseCatalogueQuery({
        kind: 'Work Shop',
        area: ['bpr', 'x'],
        month: '2027-13',
        required: 'yes',
        q: 'x'.repeat(300),
      }),
    ).toEqual({
      kind: null,
      area: 'bpr',
      month: null,
      requiredOnly: false,
      query: 'x'.repeat(100),
    })
  })
})

describe('months', () => {
  it('takes the month in Japan, not in UTC', () => {
    expect(tokyoMonthOf('2026-11-30T15:30:00Z')).toBe('2026-12')
  })

  it('offers the months that have upcoming sessions, in order', () => {
    expect(upcomingMonths(TRAININGS, NOW)).toEqual(['2026-12', '2027-01'])
  })
})
