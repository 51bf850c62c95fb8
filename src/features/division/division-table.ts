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
