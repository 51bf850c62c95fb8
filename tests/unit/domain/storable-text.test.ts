import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isStorableText } from '@/domain/storable-text'

describe('isStorableText', () => {
  it.each([
    ['Japanese with line breaks and tabs', '研修メモ\n1行目\r\n\t2行目'],
    ['an emoji (a surrogate pair)', '学習😀'],
    ['a CJK character outside the BMP', '𠮷野'],
    ['an ideographic space and a BOM', '\u3000題名\ufeff'],
    ['DEL and a C1 control', 'a\u007fb\u0085'],
    ['nothing', ''],
  ])('accepts %s', (_what, text) => {
    expect(isStorableText(text)).toBe(true)
  })

  it.each([
    ['U+0000', 'メモ\u0000です'],
    ['a lone high surrogate', '学習\ud83d'],
    ['a lone low surrogate', '\ude00学習'],
    ['a pair in the wrong order', '\ude00\ud83d'],
    ['an escape character', '\u001b[31m'],
    ['a vertical tab', 'a\u000bb'],
    ['a form feed', 'a\u000cb'],
  ])('refuses %s', (_what, text) => {
    expect(isStorableText(text)).toBe(false)
  })

  it('accepts exactly the well-formed strings free of C0 controls other than tab, LF and CR', () => {
    const controls = new Set([...Array(32).keys()].filter((c) => c !== 9 && c !== 10 && c !== 13))
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const wellFormed = !/\p{Cs}/u.test(text)
        const noControl = [...text].every((ch) => !controls.has(ch.codePointAt(0)!))
        expect(isStorableText(text)).toBe(wellFormed && noControl)
      }),
      { numRuns: 2000 },
    )
  })
})
