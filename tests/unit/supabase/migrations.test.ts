// @vitest-environment node
// One definition per SQL object (docs/architecture.md, decided 2026-12-07; supabase/README.md): before
// the first deployment every function, table, view, trigger, policy and index is created in exactly one
// migration, so the file a reader opens holds the live definition. After the release, a change is one
// new migration that only alters: set RELEASED_THROUGH to the last migration deployed, and later files
// may then `create or replace` what an earlier one created, never create it a second time.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const RELEASED_THROUGH: string | null = null

const dir = fileURLToPath(new URL('../../../supabase/migrations/', import.meta.url))
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => ({ name, sql: readFileSync(dir + name, 'utf8') }))

export interface Definition {
  kind: string
  name: string
  file: string
  replaces: boolean
}

/** The objects a migration creates, by kind and name; function bodies and comments are not read. */
export function definitionsOf(file: string, sql: string): Definition[] {
  // One pass, left to right: a quote inside a comment, or "--" inside a string, is not a delimiter.
  const code = sql.replace(/--[^\n]*|'(?:[^']|'')*'|\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, (token) =>
    token.startsWith('--') ? '' : "''",
  )
  const found: Definition[] = []
  const statement =
    /\bcreate\s+(or\s+replace\s+)?(function|procedure|table|view|materialized\s+view|type|trigger|policy|unique\s+index|index|schema|sequence)\s+(?:if\s+not\s+exists\s+)?("?[\w.]+"?)/gi
  for (const match of code.matchAll(statement)) {
    const [, orReplace, rawKind = '', name = ''] = match
    const kind = rawKind.toLowerCase().replace(/\s+/g, ' ').replace('unique index', 'index')
    // Triggers and policies are named per table (the first "on" after the name); an index per schema.
    const onTable = /\bon\s+([\w.]+)/i.exec(code.slice((match.index ?? 0) + match[0].length))?.[1]
    const qualified = kind === 'trigger' || kind === 'policy' ? `${name} on ${onTable ?? ''}` : name
    found.push({ kind, name: qualified.toLowerCase(), file, replaces: orReplace !== undefined })
  }
  return found
}

/** Objects created in more than one file, or re-created before the release. */
export function duplicateDefinitions(
  migrations: readonly { name: string; sql: string }[],
  releasedThrough: string | null,
): string[] {
  const first = new Map<string, Definition>()
  const problems: string[] = []
  for (const { name, sql } of migrations) {
    const afterRelease = releasedThrough !== null && name > releasedThrough
    for (const definition of definitionsOf(name, sql)) {
      const key = `${definition.kind} ${definition.name}`
      const earlier = first.get(key)
      if (!earlier) {
        if (definition.replaces && !afterRelease)
          problems.push(`${key} in ${name}: write "create", not "create or replace", for its one definition`)
        first.set(key, definition)
      } else if (!(afterRelease && definition.replaces && ['function', 'view'].includes(definition.kind))) {
        problems.push(`${key} is created in ${earlier.file} and again in ${name}`)
      }
    }
  }
  return problems
}

describe('the migrations', () => {
  it('are named <YYYYMMDDHHMMSS>_<name>.sql with a real date and time', () => {
    const misnamed = files
      .map((file) => file.name)
      .filter((name) => {
        const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_[a-z0-9_]+\.sql$/.exec(name)
        if (!match) return true
        const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
        const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
        return (
          date.getUTCFullYear() !== y ||
          date.getUTCMonth() !== mo! - 1 ||
          date.getUTCDate() !== d ||
          date.getUTCHours() !== h ||
          date.getUTCMinutes() !== mi ||
          date.getUTCSeconds() !== s
        )
      })
    expect(misnamed).toEqual([])
  })

  it('create every function, table, view, trigger, policy and index in exactly one file', () => {
    expect(files.length).toBeGreaterThan(0)
    expect(duplicateDefinitions(files, RELEASED_THROUGH)).toEqual([])
  })

  it('see the functions and tables they create, so a second definition would be caught', () => {
    const all = files.flatMap((file) => definitionsOf(file.name, file.sql))
    const names = (kind: string) => all.filter((d) => d.kind === kind).map((d) => d.name)
    expect(names('function')).toContain('private.sync_push')
    expect(names('function')).toContain('private.is_storable_text')
    expect(names('table')).toContain('public.profiles')
    expect(names('trigger')).toContain('profiles_stamp_xid on public.profiles')
    expect(names('policy')).toContain('profiles_select_own on public.profiles')
  })

  it('refuse a function defined again in a later file, and allow it only as an alteration after release', () => {
    const base = {
      name: '20260401000000_a.sql',
      sql: 'create function private.f() returns int language sql as $$ select 1 $$;',
    }
    const again = {
      name: '20270401000000_b.sql',
      sql: 'create or replace function private.f() returns int language sql as $$ select 2 $$;',
    }
    expect(duplicateDefinitions([base, again], null)).toEqual([
      'function private.f is created in 20260401000000_a.sql and again in 20270401000000_b.sql',
    ])
    expect(duplicateDefinitions([base, again], base.name)).toEqual([])
    const table = {
      name: '20270401000000_c.sql',
      sql: 'create table private.f_log (id int);\ncreate table private.f_log (id int);',
    }
    expect(duplicateDefinitions([table], base.name)).toEqual([
      'table private.f_log is created in 20270401000000_c.sql and again in 20270401000000_c.sql',
    ])
  })
})
