// Codes this feature words itself (errors.dxp091…, in both languages); any other code shows the
// server's Japanese message, which says what to do next.
const OWN_WORDING: ReadonlySet<string> = new Set(['DXP091', 'DXP092'])

/** Why the server refused a check-in or a close, in the user's language where we have the words. */
export function rejectionText(
  t: (key: string) => string,
  code: string | null,
  message: string | null,
): string {
  if (code && OWN_WORDING.has(code)) return t(`errors.${code.toLowerCase()}`)
  return message ?? code ?? ''
}
