import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import ja from '@/i18n/ja'
import en from '@/i18n/en'
import { formatDate } from '@/i18n/format'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value, path)) out.set(k, v)
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(name) ? [path] : []
  })
}

const jaLeaves = leaves(ja)
const enLeaves = leaves(en)

describe('UI messages', () => {
  it('has the same keys in English as in Japanese, none of them empty', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...jaLeaves.keys()].sort())
    for (const [key, text] of [...jaLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe('')
  })

  it('keeps keys snake_case and sorted within each group', () => {
    const check = (tree: Tree, path: string) => {
      const keys = Object.keys(tree)
      expect(keys, path).toEqual([...keys].sort())
      for (const key of keys) {
        expect(key, path).toMatch(/^[a-z][a-z0-9_]*$/)
        const value = tree[key]
        if (typeof value !== 'string' && value) check(value, `${path}.${key}`)
      }
    }
    check(ja, 'ja')
  })

  it('defines every key the source code asks for with a literal t() call', () => {
    const missing: string[] = []
    for (const file of sourceFiles(join(__dirname, '../../../src'))) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\bt\(\s*'([a-z0-9_.]+)'/g)) {
        if (!jaLeaves.has(match[1]!)) missing.push(`${file}: ${match[1]}`)
      }
      for (const match of text.matchAll(/(?:labelKey|titleKey):\s*'([a-z0-9_.]+)'/g)) {
        if (!jaLeaves.has(match[1]!)) missing.push(`${file}: ${match[1]}`)
      }
    }
    expect(missing).toEqual([])
  })
})

describe('formatDate', () => {
  it('writes dates the Japanese way, on the city calendar whatever the device zone', () => {
    // 15:30 UTC on 31 March is already 1 April in Japan.
    const date = new Date('2027-03-31T15:30:00Z')
    expect(formatDate(date, 'ja')).toBe('2027年4月1日(木)')
    expect(formatDate(date, 'en')).toBe('Thu, 1 April 2027')
  })
})
