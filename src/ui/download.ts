/** Hands text to the browser as a download named `fileName` (a Blob URL; nothing leaves the device). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // Revoked later: some browsers read the blob only after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
