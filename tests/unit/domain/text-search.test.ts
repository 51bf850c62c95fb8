import { describe, expect, it } from 'vitest'
import { matchesSearch, normalizeForSearch, searchTerms } from '@/domain/text-search'

describe('normalizeForSearch', () => {
  it.each([
    ['ＤＸ研修', 'dx研修'],
    ['ｶﾀｶﾅ', 'かたかな'],
    ['ワークショップ', 'わーくしょっぷ'],
    ['ヴァイオリン', 'ゔぁいおりん'],
    ['  生成ＡＩ　活用  ', '生成ai 活用'],
    ['ＢＰＲ（業務改革）', 'bpr(業務改革)'],
  ])('writes %j as %j', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected)
  })

  it('leaves kanji and the long vowel mark alone', () => {
    expect(normalizeForSearch('情報セキュリティー')).toBe('情報せきゅりてぃー')
  })
})

describe('matchesSearch', () => {
  const title = '生成AI活用ワークショップ'

  it.each([
    ['full-width letters', '生成ＡＩ'],
    ['half-width katakana', 'ﾜｰｸｼｮｯﾌﾟ'],
    ['hiragana for katakana', 'わーくしょっぷ'],
    ['lower case', 'ai活用'],
    ['several words, in any order', 'ワーク　生成'],
    ['a blank query', '   '],
  ])('finds the title by %s', (_why, query) => {
    expect(matchesSearch(title, query)).toBe(true)
  })

  it.each([
    ['a word that is not there', 'デザイン'],
    ['one of two words missing', '生成 デザイン'],
    ['a different kana', 'わーくしょっふ'],
  ])('does not find it by %s', (_why, query) => {
    expect(matchesSearch(title, query)).toBe(false)
  })

  it('finds katakana titles from a hiragana query and the other way round', () => {
    expect(matchesSearch('でじたる人材育成研修', 'デジタル')).toBe(true)
    expect(matchesSearch('デジタル人材育成研修', 'でじたる')).toBe(true)
  })
})

describe('searchTerms', () => {
  it('splits on half- and full-width spaces and drops empty words', () => {
    expect(searchTerms(' ＡＩ　 研修 ')).toEqual(['ai', '研修'])
    expect(searchTerms('')).toEqual([])
  })
})
