/**
 * Text the server can store as it was typed. PostgreSQL's json and text types refuse U+0000, and
 * its JSON parser refuses a UTF-16 surrogate that is not part of a pair: either fails a whole
 * sync_push call before any rule of record runs. The other C0 controls (except tab, LF and CR)
 * would be stored but are never typed on purpose: they come from pasted binaries or broken files.
 * The same rule is private.is_storable_text in SQL.
 */
// With the u flag a surrogate pair is one code point, so the range matches only a surrogate alone.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/u

/** True when every character of `text` can be stored and read back unchanged. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text)
}
