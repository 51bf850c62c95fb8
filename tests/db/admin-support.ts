// Fixtures for the DX division's tests (tests/db/admin-*.test.ts, tests/unit/domain/directory-*):
// an HR directory CSV of any size, with errors planted at known rows, encoded as HR saves it.
import Encoding from 'encoding-japanese'
import type { DirectoryField, DirectoryRowErrorCode } from '@/domain/directory-import'

export interface PlantedError {
  row: number
  field: DirectoryField
  code: DirectoryRowErrorCode
}

export interface DirectoryCsvOptions {
  rows: number
  /** Department names to spread people over (each must name exactly one department). */
  departments: readonly string[]
  grades: readonly string[]
  /** How many errors of each kind to plant (5 kinds), at distinct rows spread over the file. */
  errorsPerKind?: number
  /** Employee numbers start here (D00001 by default). */
  firstNumber?: number
}

const HEADER = '職員番号,氏名,氏名カナ,所属名,職位名,メールアドレス'

function employeeNumber(n: number): string {
  return `D${String(n).padStart(5, '0')}`
}

/** The CSV text (CRLF, as Excel writes it) and the errors planted in it, in row order. */
export function directoryCsv(options: DirectoryCsvOptions): { text: string; planted: PlantedError[] } {
  const first = options.firstNumber ?? 1
  const perKind = options.errorsPerKind ?? 0
  const kinds: { field: DirectoryField; code: DirectoryRowErrorCode }[] = [
    { field: 'department', code: 'DXP104' },
    { field: 'position_grade', code: 'DXP105' },
    { field: 'employee_number', code: 'DXP106' },
    { field: 'email', code: 'DXP107' },
    { field: 'full_name_kana', code: 'DXP103' },
  ]
  const plantedAt = new Map<number, (typeof kinds)[number]>()
  const total = kinds.length * perKind
  for (let i = 0; i < total; i += 1) {
    // Spread over the file, never on row 1 (a duplicate needs an earlier row to repeat).
    plantedAt.set(2 + Math.floor((i * (options.rows - 2)) / Math.max(total, 1)), kinds[i % kinds.length]!)
  }
  const lines = [HEADER]
  const planted: PlantedError[] = []
  for (let row = 1; row <= options.rows; row += 1) {
    const n = first + row - 1
    let cells = [
      employeeNumber(n),
      `厚木 職員${n}`,
      'アツギ ショクイン',
      options.departments[n % options.departments.length]!,
      options.grades[n % options.grades.length]!,
      `staff.${n}@city.atsugi.test`,
    ]
    const error = plantedAt.get(row)
    if (error) {
      planted.push({ row, ...error })
      if (error.code === 'DXP104') cells[3] = '存在しない課'
      if (error.code === 'DXP105') cells[4] = '参与'
      if (error.code === 'DXP106') cells[0] = employeeNumber(n - 1)
      if (error.code === 'DXP107') cells[5] = `staff.${n}.city.atsugi.test`
      if (error.code === 'DXP103') cells[2] = ''
    }
    // A name with a comma, quoted, as Excel does: papaparse must read it as one cell.
    if (row % 97 === 0) cells = cells.map((cell, i) => (i === 1 ? `"${cell}, 兼務"` : cell))
    lines.push(cells.join(','))
  }
  return { text: `${lines.join('\r\n')}\r\n`, planted }
}

export function toShiftJis(text: string): Uint8Array {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }))
}

export function toUtf8(text: string, bom = false): Uint8Array {
  return new TextEncoder().encode(bom ? `\uFEFF${text}` : text)
}
