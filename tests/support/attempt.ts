import type { JwtClaims } from '@/backend/embedded/execute-rpc'
import type { AsUserOptions, TestDb } from './test-db'

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
  options: AsUserOptions = {},
): Promise<AttemptResult<R>> {
  return outcome(db.asUser(claims, async (tx) => (await tx.query<R>(text, params)).rows, options))
}

/**
 * `attempt` as the superuser (no RLS, no grants to pass): for tests of CHECK and foreign-key
 * constraints, which hold whoever writes. Committed unless `rollback` is set.
 */
export async function attemptAsSuperuser<R = Record<string, unknown>>(
  db: TestDb,
  text: string,
  params: readonly unknown[] = [],
  { rollback = false }: { rollback?: boolean } = {},
): Promise<AttemptResult<R>> {
  if (!rollback) return outcome(db.sql<R>(text, params))
  const rolledBack = new Error('rollback')
  let rows: R[] = []
  const run = db.executor
    .transaction(async (tx) => {
      rows = (await tx.query<R>(text, params)).rows
      throw rolledBack
    })
    .catch((error: unknown) => {
      if (error !== rolledBack) throw error
      return rows
    })
  return outcome(run)
}

async function outcome<R>(rows: Promise<R[]>): Promise<AttemptResult<R>> {
  try {
    return { ok: true, rows: await rows }
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown }
    if (typeof code !== 'string') throw error
    return { ok: false, code, message: String(message) }
  }
}

/**
 * Options for `attempt`/`asUser` that give Supabase's default table grants (select, insert, update,
 * delete) on `tables` back to anon and authenticated, as the superuser, in the attempt's own
 * transaction, which is rolled back: what RLS alone would allow were the grants re-opened by mistake
 * (defence in depth). anon normally has no grant at all (20260401005000_active_access.sql).
 */
export function withTableWritesGranted(...tables: string[]): AsUserOptions {
  for (const table of tables)
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`)
  const list = tables.map((table) => `public.${table}`).join(', ')
  return {
    rollback: true,
    setup: async (tx) => {
      await tx.query(`grant select, insert, update, delete on table ${list} to anon, authenticated`)
    },
  }
}

/** Every row of a table as the superuser sees it, in a stable order: compare before and after. */
export async function snapshot(db: TestDb, table: string): Promise<string> {
  if (!/^([a-z_]+\.)?[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`)
  const qualified = table.includes('.') ? table : `public.${table}`
  const [row] = await db.sql<{ rows: string }>(
    `select coalesce(json_agg(t order by t::text), '[]')::text as rows from ${qualified} as t`,
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
