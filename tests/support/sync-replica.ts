// A minimal client replica for the sync_pull tests: applies pull documents the way the sync engine
// must, and computes, with superuser queries, what a user's replica should hold.
import { expect } from 'vitest'
import type { PullChange, PullDocument, ReplicatedTable } from '@/contract'
import { REPLICATED_TABLES } from '@/contract'
import type { JwtClaims } from '@/backend/embedded/execute-rpc'
import { KEY_COLUMNS } from '@/data/schema'
import type { TestDb } from './test-db'

type Row = Record<string, unknown>

/** Which rows of each table a user's replica holds ($1 = the user's id), from the replica scope table. */
const SCOPE: Record<ReplicatedTable, string> = {
  knowledge_areas: 'true',
  dx_roles: 'true',
  role_requirements: 'true',
  position_grades: 'true',
  departments: 'true',
  fiscal_year_targets: 'true',
  training_kinds: 'true',
  certification_rules: 'true',
  survey_templates: 'true',
  trainings: 'true',
  training_areas: 'true',
  training_target_roles: 'true',
  sessions: 'true',
  profiles: 't.id = $1',
  registrations: 't.employee_id = $1',
  learning_records: 't.employee_id = $1',
  survey_responses: 't.respondent_id = $1',
  survey_submissions: 't.employee_id = $1',
  certifications: 't.employee_id = $1',
  certification_decisions: 't.employee_id = $1',
  elearning_completions: 't.employee_id = $1',
  notices: 't.employee_id = $1',
}

/** The column naming whose replica holds a row, for the tables that are not everyone's. */
export const OWNER_COLUMNS: Partial<Record<string, string>> = {
  profiles: 'id',
  registrations: 'employee_id',
  learning_records: 'employee_id',
  survey_responses: 'respondent_id',
  survey_submissions: 'employee_id',
  certifications: 'employee_id',
  certification_decisions: 'employee_id',
  elearning_completions: 'employee_id',
  notices: 'employee_id',
}

export function keyOf(table: ReplicatedTable, row: Row): string {
  return KEY_COLUMNS[table].map((column) => String(row[column])).join(':')
}

export type ReplicaState = Record<string, Record<string, Row>>

export class Replica {
  cursor: string | null = null
  tables: Map<string, Map<string, Row>> = new Map()
  readonly cursors: string[] = []

  apply(changes: readonly PullChange[]): void {
    for (const change of changes) {
      let table = this.tables.get(change.table)
      if (!table) {
        table = new Map()
        this.tables.set(change.table, table)
      }
      if (change.op === 'upsert') table.set(change.key, change.row)
      else table.delete(change.key)
    }
  }

  clear(): void {
    this.cursor = null
    this.tables = new Map()
  }

  state(): ReplicaState {
    const state: ReplicaState = {}
    for (const table of REPLICATED_TABLES) {
      state[table] = Object.fromEntries([...(this.tables.get(table) ?? new Map<string, Row>())].sort(byKey))
    }
    return state
  }
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function pull(
  db: TestDb,
  claims: JwtClaims | null,
  cursor: string | null,
  maxRows?: number,
): Promise<PullDocument> {
  return db.rpc<PullDocument>(
    claims,
    'sync_pull',
    maxRows === undefined ? { cursor } : { cursor, max_rows: maxRows },
  )
}

/** One pull applied to the replica; a reset clears it, as the client must. */
export async function pullOnce(
  db: TestDb,
  claims: JwtClaims,
  replica: Replica,
  maxRows?: number,
): Promise<PullDocument> {
  const document = await pull(db, claims, replica.cursor, maxRows)
  if (document.reset) {
    replica.clear()
    return document
  }
  replica.apply(document.changes)
  replica.cursor = document.cursor
  replica.cursors.push(document.cursor)
  return document
}

/** Pulls until has_more is false (a bounded number of times). */
export async function drain(
  db: TestDb,
  claims: JwtClaims,
  replica: Replica,
  maxRows?: number,
): Promise<number> {
  for (let calls = 1; calls <= 10_000; calls += 1) {
    const document = await pullOnce(db, claims, replica, maxRows)
    if (!document.has_more) return calls
  }
  throw new Error('sync_pull kept answering has_more')
}

/**
 * Waits until every transaction that has committed so far is below the horizon sync_pull uses. Other
 * test files share the PostgreSQL server, and their open transactions hold the horizon back a moment.
 */
export async function waitForHorizon(db: TestDb): Promise<void> {
  const [mark] = await db.sql<{ xid: string }>('select pg_current_xact_id()::text as xid')
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    const [row] = await db.sql<{ passed: boolean }>(
      'select pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 as passed',
      [mark?.xid],
    )
    if (row?.passed) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the transaction horizon did not pass the last write within 30 s')
}

/** What the user may see, read directly as the superuser with the replica scope rules. */
export async function expectedState(db: TestDb, userId: string): Promise<ReplicaState> {
  const state: ReplicaState = {}
  for (const table of REPLICATED_TABLES) {
    const scope = SCOPE[table]
    const rows = await db.sql<{ row: Row }>(
      `select to_jsonb(t) - '_xid' as row from public.${table} as t where ${scope}`,
      scope === 'true' ? [] : [userId],
    )
    state[table] = Object.fromEntries(
      rows.map(({ row }) => [keyOf(table, row), row] as [string, Row]).sort(byKey),
    )
  }
  return state
}

export async function expectReplicaToMatch(
  db: TestDb,
  claims: JwtClaims & { sub: string },
  replica: Replica,
) {
  expect(replica.state()).toEqual(await expectedState(db, claims.sub))
}
