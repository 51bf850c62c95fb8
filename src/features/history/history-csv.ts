import { csvText as tableText } from '@/domain/csv'
import { downloadText } from '@/ui/download'

/**
 * The history's CSV text from its table (domain/history.ts `historyTable`): the app's one builder
 * (domain/csv.ts: BOM, CRLF), quoting only the cells that need it, as this file always has.
 */
export function csvText(table: readonly (readonly string[])[]): Promise<string> {
  return tableText(table, { quotes: 'needed' })
}

/** Hands the CSV to the browser as a download named `filename`. */
export function downloadCsv(text: string, filename: string): void {
  downloadText(filename, text)
}
