import type { JwtClaims } from '@/backend/embedded/execute-rpc'
import type { TestDb } from './test-db'

export type AttemptResult<R> = { ok: true; rows: R[] } | { ok: false; code: string; message: string }

/**
 * Runs one statement as `claims` and reports what happened instead of throwing, so a test can assert
 * the exact outcome of a forbidden write: refused with this SQLSTATE, or allowed but touching 0 rows.
 * Committed unless `rollback` is set.
 */
export async function attempt<R = Record<string, unknown>>(
  db: TestDb,
  claims: JwtClaims | null,
  text: string,
  params: readonly unknown[] = [],
  options: { rollback?: boolean } = {},
): Promise<AttemptResult<R>> {
  try {
    const rows = await db.asUser(claims, async (tx) => (await tx.query<R>(text, params)).rows, options)
    return { ok: true, rows }
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown }
    if (typeof code !== 'string') throw error
    return { ok: false, code, message: String(message) }
  }
}

/** Every row of a table as the superuser sees it, in a stable order: compare before and after. */
export async function snapshot(db: TestDb, table: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`)
  const [row] = await db.sql<{ rows: string }>(
    `select coalesce(json_agg(t order by t::text), '[]')::text as rows from public.${table} as t`,
  )
  return row?.rows ?? '[]'
}

/** The tables of the API schema, from the catalog, so a table added later is covered without editing tests. */
export async function publicTables(db: TestDb): Promise<string[]> {
  const rows = await db.sql<{ name: string }>(
    `select c.relname as name from pg_catalog.pg_class c
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  )
  return rows.map((row) => row.name)
}
