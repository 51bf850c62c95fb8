// Excel on Japanese Windows reads a CSV as Shift_JIS unless it starts with a UTF-8 byte order mark.
const BOM = '\uFEFF'

/** CSV text of a table (cells already neutralised): UTF-8 with BOM, CRLF, quoted where needed. */
export async function csvText(table: readonly (readonly string[])[]): Promise<string> {
  const { default: Papa } = await import('papaparse')
  return (
    BOM +
    Papa.unparse(
      table.map((row) => [...row]),
      { newline: '\r\n', quotes: false },
    ) +
    '\r\n'
  )
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
