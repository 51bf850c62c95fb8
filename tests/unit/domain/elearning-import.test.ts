import { describe, expect, it } from 'vitest'
import {
  columnsFit,
  guessElearningColumns,
  normalizeCourse,
  parseCompletionDate,
  readElearningCsv,
  toElearningRows,
  unreadableElearningCells,
  type ElearningColumns,
} from '@/domain/elearning-import'
import { toShiftJis, toUtf8 } from '../../db/admin-support'

// As Udemy Business's user activity export looks: English headers, UTC instants, extra columns.
const UDEMY = [
  'User Name,User Email,Employee ID,Course Title,Course Category,Completion Date,Minutes Video Consumed',
  '厚木 花子,hanako@city.atsugi.test,A0001,ChatGPT 業務活用入門,AI,2026-06-30T15:30:00Z,95',
  '"厚木, 太郎",taro@city.atsugi.test,A0002,ＥＸＣＥＬ　関数  マスター,Office,2026/07/01 09:10,40',
].join('\r\n')

const JAPANESE = ['氏名,職員番号,講座名,修了日', '厚木 花子,A0001,情報セキュリティ基礎,2026年4月5日'].join(
  '\r\n',
)

describe('readElearningCsv', () => {
  it.each([
    ['UTF-8 with a BOM', toUtf8(UDEMY, true), 'UTF8'],
    ['UTF-8 without a BOM', toUtf8(UDEMY), 'UTF8'],
    ['Shift_JIS (CP932)', toShiftJis(UDEMY), 'SJIS'],
  ])('reads %s to the same records', async (_name, bytes, encoding) => {
    const csv = await readElearningCsv(bytes)
    expect(csv).toMatchObject({ ok: true, encoding })
    if (!csv.ok) return
    expect(csv.headers[0]).toBe('User Name')
    expect(csv.records).toHaveLength(2)
    expect(csv.records[1]?.['User Name']).toBe('厚木, 太郎')
    expect(csv.records[0]?.['Course Title']).toBe('ChatGPT 業務活用入門')
  })

  it('reads a file whose encoding is broken in one row, and marks only that row unreadable', async () => {
    const good = toUtf8(JAPANESE + '\r\n厚木 次郎,A0003,生成AI入門,2026/05/01\r\n')
    // A three-byte character cut after its first byte, in row 2's course.
    const cut = good.indexOf(0xe7, good.indexOf(toUtf8('A0003')[4]!))
    const bytes = Uint8Array.from([...good.slice(0, cut + 1), ...good.slice(cut + 3)])
    const csv = await readElearningCsv(bytes)
    expect(csv).toMatchObject({ ok: true, encoding: 'broken' })
    if (!csv.ok) return
    const rows = toElearningRows(csv.records, {
      person: '職員番号',
      personKey: 'employee_number',
      course: '講座名',
      completedOn: '修了日',
    })
    expect(rows[0]).toEqual({ person: 'A0001', course: '情報セキュリティ基礎', completed_on: '2026年4月5日' })
    expect(unreadableElearningCells(rows)).toEqual([{ row: 2, field: 'course', code: 'DXP017' }])
  })

  it('says a file with a header and no rows is empty', async () => {
    expect(await readElearningCsv(toUtf8('User Email,Course Title\r\n'))).toMatchObject({
      ok: false,
      problem: 'empty',
    })
  })
})

describe('guessElearningColumns', () => {
  it('finds the person by email first, the course and the completion date in English headers', () => {
    const headers = UDEMY.split('\r\n')[0]!.split(',')
    expect(guessElearningColumns(headers)).toEqual({
      person: 'User Email',
      personKey: 'email',
      course: 'Course Title',
      completedOn: 'Completion Date',
    })
  })

  it('finds the employee number, the course and the date in Japanese headers', () => {
    expect(guessElearningColumns(['氏名', '職員番号', '講座名', '修了日'])).toEqual({
      person: '職員番号',
      personKey: 'employee_number',
      course: '講座名',
      completedOn: '修了日',
    })
  })

  it('leaves out what it cannot find, and a remembered choice fits only a file with its columns', () => {
    expect(guessElearningColumns(['Name', 'Progress'])).toEqual({})
    const remembered: ElearningColumns = {
      person: 'User Email',
      personKey: 'email',
      course: 'Course Title',
      completedOn: 'Completion Date',
    }
    expect(columnsFit(remembered, UDEMY.split('\r\n')[0]!.split(','))).toBe(true)
    expect(columnsFit(remembered, ['User Email', 'Course Title'])).toBe(false)
  })
})

describe('toElearningRows', () => {
  it('takes the picked cells, with course titles made comparable across exports', async () => {
    const csv = await readElearningCsv(toShiftJis(UDEMY))
    if (!csv.ok) throw new Error('not read')
    const columns = guessElearningColumns(csv.headers) as ElearningColumns
    expect(toElearningRows(csv.records, columns)).toEqual([
      {
        person: 'hanako@city.atsugi.test',
        course: 'ChatGPT 業務活用入門',
        completed_on: '2026-06-30T15:30:00Z',
      },
      { person: 'taro@city.atsugi.test', course: 'EXCEL 関数 マスター', completed_on: '2026/07/01 09:10' },
    ])
    expect(normalizeCourse('  Ｐｙｔｈｏｎ\u3000入門 ')).toBe('Python 入門')
  })
})

describe('parseCompletionDate', () => {
  it.each([
    ['2026-04-05', '2026-04-05'],
    ['2026/4/5', '2026-04-05'],
    ['2026.04.05', '2026-04-05'],
    ['2026/04/05 23:59', '2026-04-05'],
    ['2026-04-05 10:22:33', '2026-04-05'],
    ['2026年4月5日', '2026-04-05'],
    // An instant in UTC counts by its date in Tokyo.
    ['2026-03-31T15:00:00Z', '2026-04-01'],
    ['2026-03-31T14:59:59.123Z', '2026-03-31'],
    ['2026-04-05T20:00:00+09:00', '2026-04-05'],
    ['2026-04-04T20:00:00-0500', '2026-04-05'],
  ])('reads %s as %s', (text, date) => {
    expect(parseCompletionDate(text)).toBe(date)
  })

  it.each([
    '05/04/2026',
    '4/5/2026',
    '2026-02-30',
    '2026-13-01',
    '1999-04-01',
    '2026-04-05 25:00',
    'Apr 5, 2026',
    '',
  ])('refuses %j (no locale guessing)', (text) => {
    expect(parseCompletionDate(text)).toBeNull()
  })
})
