import { csvText as tableText } from '@/domain/csv'

/**
 * The history's CSV text from its table (domain/history.ts `historyTable`): the app's one builder
 * (domain/csv.ts: BOM, CRLF), quoting only the cells that need it, as this file always has.
 */
export function csvText(table: readonly (readonly string[])[]): Promise<string> {
  return tableText(table, { quotes: 'needed' })
}

/** Hands the CSV to the browser as a download named `filename`. */
export function downloadCsv(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
