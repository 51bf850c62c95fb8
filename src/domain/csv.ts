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

/** A cell as text: numbers as they are, text with a leading formula character prefixed by '. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return FORMULA_START.test(value) ? `'${value}` : value
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
