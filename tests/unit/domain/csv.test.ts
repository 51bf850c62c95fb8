import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvCell, csvTable, toCsv, type CsvColumn } from '@/domain/csv'

interface Row {
  name: string
  count: number | null
}
const columns: CsvColumn<Row>[] = [
  { header: '課等', value: (r) => r.name },
  { header: '人数', value: (r) => r.count },
]

describe('CSV for Excel on Japanese Windows', () => {
  it('starts with a UTF-8 byte-order mark, quotes every cell and ends every line with CRLF', async () => {
    const text = await toCsv(columns, [
      { name: '政策企画課', count: 3 },
      { name: '秘書課', count: null },
    ])
    expect(text.startsWith(CSV_BOM)).toBe(true)
    expect(text).toBe(`${CSV_BOM}"課等","人数"\r\n"政策企画課","3"\r\n"秘書課",""\r\n`)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/)
  })

  it('quotes only the cells that need it when asked to, still with the BOM and CRLF', async () => {
    const text = await toCsv(columns, [{ name: '=A, B', count: 2 }], { quotes: 'needed' })
    expect(text).toBe(`${CSV_BOM}課等,人数\r\n"'=A, B",2\r\n`)
  })

  it('keeps quotes, commas and line breaks inside one cell', async () => {
    const text = await toCsv(columns, [{ name: '「A」, "B"\n改行', count: 1 }])
    expect(text).toContain('"「A」, ""B""\n改行","1"')
  })

  it.each([
    '=1+1',
    '+81',
    '-2+3',
    '@SUM(A1)',
    '\t=cmd',
    '\r=cmd',
    '＝HYPERLINK("http://example.com")', // full width
    '﹦1+1', // small equals sign
    '＋81',
    '＠SUM(A1)',
    ' =1+1', // a leading space
    '\u3000=1+1', // an ideographic space
    '\u200b=1+1', // zero-width space
    '\ufeff\u200d=1', // BOM and zero-width joiner
    '\u202e=1', // right-to-left override
    '\n\u00a0＝1', // line break and no-break space, then a full-width equals
  ])('neutralises text a spreadsheet would run as a formula: %j', (value) => {
    expect(csvCell(value)).toBe(`'${value}`)
  })

  it('leaves numbers as numbers, negative ones included, and ordinary text alone', () => {
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(27.6)).toBe('27.6')
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell('DX推進課')).toBe('DX推進課')
    expect(csvCell('\u3000研修（第2回）')).toBe('\u3000研修（第2回）')
    expect(csvCell(' 2026-12-07')).toBe(' 2026-12-07')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(true)).toBe('TRUE')
  })

  it('guards the headers too, and gives one row per entry after them', () => {
    const table = csvTable([{ header: '=HEAD', value: (r: Row) => r.name }], [{ name: '=evil', count: 0 }])
    expect(table).toEqual([["'=HEAD"], ["'=evil"]])
  })
})
