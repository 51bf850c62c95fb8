import type { CsvValue } from '@/domain/csv'

/**
 * One column of a division table: the same definition gives the cell on screen and in the CSV, so
 * what is copied into a report is what was read.
 */
export interface DivisionColumn<R> {
  key: string
  header: string
  /** The value for the CSV (numbers stay numbers). */
  value: (row: R) => CsvValue
  /** The cell text on screen; `value` as text when left out. */
  text?: (row: R) => string
  /** Right-aligned figures. */
  numeric?: boolean
  /** This column names the row (<th scope="row">). */
  rowHeader?: boolean
  /** 0–1 shading of the cell (a heatmap); the cell text always carries the figure too. */
  tone?: (row: R) => number | null
}

/** Starts a CSV download in the browser (a Blob URL; nothing leaves the device). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next task: some browsers read the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
