/**
 * Title search as a Japanese reader expects it: full- and half-width forms are the same letter
 * (ＤＸ = DX, ｶﾀｶﾅ = カタカナ, by NFKC), hiragana and katakana are the same sound (せいせい = セイセイ),
 * and case does not matter. Every space-separated word of the query must appear.
 */

const KATAKANA_START = 0x30a1 // ァ
const KATAKANA_END = 0x30f6 // ヶ
const KATAKANA_TO_HIRAGANA = 0x60

/** The form both sides are compared in: NFKC, lower case, katakana as hiragana, spaces collapsed. */
export function normalizeForSearch(text: string): string {
  let out = ''
  for (const char of text.normalize('NFKC').toLowerCase()) {
    const code = char.codePointAt(0) ?? 0
    out +=
      code >= KATAKANA_START && code <= KATAKANA_END
        ? String.fromCodePoint(code - KATAKANA_TO_HIRAGANA)
        : char
  }
  return out.replace(/\s+/gu, ' ').trim()
}

/** The query's words, normalised; none for a blank query. */
export function searchTerms(query: string): string[] {
  const normalized = normalizeForSearch(query)
  return normalized === '' ? [] : normalized.split(' ')
}

/** Whether every word of the query appears in the text (a blank query matches everything). */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = normalizeForSearch(text)
  return searchTerms(query).every((term) => haystack.includes(term))
}
