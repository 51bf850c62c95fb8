// The error codes exist once for the client (src/contract/errors.ts), once in SQL, once in the
// README: this keeps the three the same list.
import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import {
  DXP_CLIENT_ERROR_CODES,
  DXP_ERROR_CODES,
  MUTATION_KINDS,
  MutationSchema,
  PushResponseSchema,
} from '@/contract'

const root = new URL('../../', import.meta.url)
const codesIn = (text: string) => [...new Set(text.match(/DXP\d{3}/g) ?? [])].sort()

async function migrations(): Promise<string> {
  const dir = new URL('supabase/migrations/', root)
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort()
  return (await Promise.all(names.map((name) => readFile(new URL(name, dir), 'utf8')))).join('\n')
}

describe('the sync_push contract', () => {
  it('names every code the SQL raises, and no code the SQL never raises but the client’s own', async () => {
    const clientOnly: readonly string[] = DXP_CLIENT_ERROR_CODES
    expect(codesIn(await migrations())).toEqual(
      DXP_ERROR_CODES.filter((code) => !clientOnly.includes(code)).sort(),
    )
  })

  it('documents every code in the README table', async () => {
    const readme = await readFile(new URL('supabase/README.md', root), 'utf8')
    const rows = codesIn(
      readme
        .split('\n')
        .filter((line) => /^\| DXP\d{3} \|/.test(line))
        .join('\n'),
    )
    expect(rows).toEqual([...DXP_ERROR_CODES].sort())
  })

  it('lists every kind the SQL dispatches', async () => {
    const sql = await migrations()
    // Kinds are rows of private.mutation_kinds (20260401000960 and the features' migrations).
    const registered = [...sql.matchAll(/\('([a-z_]+)', 'private\.push_\1\(jsonb\)'\)/g)].map((m) => m[1])
    expect(registered.sort()).toEqual([...MUTATION_KINDS].sort())
  })

  it('accepts a well-formed mutation and result, and refuses an unknown argument', () => {
    const mutation = {
      mutation_id: '6f1c2d1e-5b7a-4c39-9d0e-2a4b6c8d0e1f',
      kind: 'register_session',
      args: { session_id: '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b' },
    }
    expect(v.safeParse(MutationSchema, mutation).success).toBe(true)
    expect(
      v.safeParse(MutationSchema, {
        ...mutation,
        args: { ...mutation.args, employee_id: mutation.mutation_id },
      }).success,
    ).toBe(false)
    expect(
      v.safeParse(PushResponseSchema, [
        {
          mutation_id: mutation.mutation_id,
          status: 'rejected',
          code: 'DXP022',
          message: '締め切られました。',
          row: null,
        },
      ]).success,
    ).toBe(true)
    expect(
      v.safeParse(PushResponseSchema, [
        { mutation_id: mutation.mutation_id, status: 'rejected', code: 'DXP999', message: '', row: null },
      ]).success,
    ).toBe(false)
  })
})
