/**
 * CSV that Excel on Japanese Windows opens as it is: UTF-8 with a byte-order mark (without it Excel
 * reads Shift_JIS and shows mojibake), CRLF line ends, every cell quoted, and text that a spreadsheet
 * would run as a formula neutralised. Generic: rows and columns in, text out; one implementation for
 * every export of the app (the division's tables, the learning history).
 */

/** Excel looks for this at the start of the file to read it as UTF-8. */
export const CSV_BOM = '\uFEFF'

export type CsvValue = string | number | boolean | null | undefined

export interface CsvColumn<R> {
  /** The header cell, in the user's language (Japanese for the city's reports). */
  header: string
  value: (row: R) => CsvValue
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/
// What a spreadsheet may skip before it reads a formula: white space of any width (U+3000 too),
// zero-width and joiner characters, bidirectional marks and the byte-order mark.
const SKIPPED_LEAD = /^[\s\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/u

/**
 * Whether a spreadsheet could read the text as a formula: its first character is one, or becomes one
 * at any width (＝ and ﹦ are = under NFKC) once the characters a spreadsheet skips are taken off.
 */
function formulaLike(text: string): boolean {
  if (FORMULA_START.test(text)) return true
  const first = [...text.replace(SKIPPED_LEAD, '')][0]
  return first !== undefined && FORMULA_START.test(first.normalize('NFKC'))
}

/** A cell as text: numbers as they are, text with a leading formula character prefixed by '. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return formulaLike(value) ? `'${value}` : value
}

/** The header row, then one row per entry, every cell safe text. */
export function csvTable<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string[][] {
  return [
    columns.map((c) => csvCell(c.header)),
    ...rows.map((row) => columns.map((c) => csvCell(c.value(row)))),
  ]
}

export interface CsvOptions {
  /**
   * 'all' (default): every cell quoted. 'needed': only cells holding a comma, a quote or a line break,
   * as the learning history has always written its file. Excel reads both the same.
   */
  quotes?: 'all' | 'needed'
}

/** The text of a table whose cells are already safe (csvTable), BOM first, CRLF after every row. */
export async function csvText(
  table: readonly (readonly string[])[],
  options: CsvOptions = {},
): Promise<string> {
  // papaparse does the quoting; loaded only when an export is made.
  const { default: Papa } = await import('papaparse')
  const quotes = (options.quotes ?? 'all') === 'all'
  return (
    CSV_BOM +
    Papa.unparse(
      table.map((row) => [...row]),
      { newline: '\r\n', quotes },
    ) +
    '\r\n'
  )
}

/** The whole file's text: header row, one row per entry, every cell guarded. */
export async function toCsv<R>(
  columns: readonly CsvColumn<R>[],
  rows: readonly R[],
  options: CsvOptions = {},
): Promise<string> {
  return csvText(csvTable(columns, rows), options)
}
