/**
 * CSV that Excel on Japanese Windows opens as it is: UTF-8 with a byte-order mark (without it Excel
 * reads Shift_JIS and shows mojibake), CRLF line ends, every cell quoted, and text that a spreadsheet
 * would run as a formula neutralised. Generic: rows and columns in, text out; one implementation for
 * every export of the app (the division's tables; the route history should use it too).
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

/** The whole file's text, BOM first. papaparse does the quoting (loaded only when an export is made). */
export async function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): Promise<string> {
  const { default: Papa } = await import('papaparse')
  return CSV_BOM + Papa.unparse(csvTable(columns, rows), { newline: '\r\n', quotes: true }) + '\r\n'
}
