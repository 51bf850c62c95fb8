import Encoding from 'encoding-japanese'
import { describe, expect, it } from 'vitest'
import { decodeDirectoryCsv, parseDirectoryCsv } from '@/domain/directory-csv'

const CSV =
  '職員番号,氏名,氏名カナ,所属名,職位名,メールアドレス\r\n' +
  'A0001,厚木 花子,アツギ ハナコ,DX推進課,主事,hanako@city.atsugi.test\r\n' +
  'A0002,"髙橋, 一郎",タカハシ イチロウ,職員課,係長,ichiro@city.atsugi.test\r\n' +
  '\r\n'

const shiftJis = (text: string) =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }))
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('reading the HR CSV', () => {
  it.each([
    ['Shift_JIS', shiftJis(CSV), 'SJIS'],
    ['UTF-8 with a BOM', utf8(`\uFEFF${CSV}`), 'UTF8'],
    ['UTF-8 without a BOM', utf8(CSV), 'UTF8'],
  ] as const)(
    'reads %s into the same rows, quoted commas and blank lines included',
    async (_name, bytes, encoding) => {
      const parsed = await parseDirectoryCsv(bytes)
      expect(parsed).toMatchObject({ ok: true, encoding })
      if (!parsed.ok) return
      expect(parsed.rows).toHaveLength(2)
      expect(parsed.rows[0]).toMatchObject({
        employee_number: 'A0001',
        full_name: '厚木 花子',
        department_name: 'DX推進課',
      })
      // 髙 is outside JIS X 0208 but in Shift_JIS as Windows writes it (CP932).
      expect(parsed.rows[1]).toMatchObject({ full_name: '髙橋, 一郎', position_grade_name: '係長' })
    },
  )

  it('really decodes Shift_JIS bytes, which are not valid UTF-8', async () => {
    const bytes = shiftJis(CSV)
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toContain('厚木')
    expect((await decodeDirectoryCsv(bytes))?.text).toContain('厚木 花子')
  })

  it('names the missing columns instead of guessing', async () => {
    expect(await parseDirectoryCsv(utf8('職員番号,氏名\r\nA0001,厚木 花子\r\n'))).toEqual({
      ok: false,
      encoding: 'UTF8',
      problem: 'columns',
      missing: ['氏名カナ', '所属コード/所属名', '職位コード/職位名', 'メールアドレス'],
    })
  })

  it('says a file with a header and no rows is empty', async () => {
    expect(
      await parseDirectoryCsv(utf8('職員番号,氏名,氏名カナ,所属名,職位名,メールアドレス\r\n')),
    ).toMatchObject({
      ok: false,
      problem: 'empty',
    })
  })

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', async () => {
    expect(
      await parseDirectoryCsv(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0xff])),
    ).toMatchObject({
      ok: false,
      problem: 'encoding',
    })
  })
})
