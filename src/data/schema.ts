/**
 * The shape of the device database: which columns key each replicated table (the replica-scope
 * table of supabase/README.md), who owns a row, the indexes screens query by, and the schema
 * versions. A new version is appended, never edited: Dexie upgrades an installed database through
 * every version after the one it holds, and the outbox must come through each one intact.
 */
import type { Transaction } from 'dexie'
import type { ReplicatedTable } from '@/contract'
import type { AnyRow } from './rows'

/** The primary key columns of each replicated table; sync_pull's `key` is them joined by ':'. */
export const KEY_COLUMNS = {
  knowledge_areas: ['code'],
  dx_roles: ['code'],
  role_requirements: ['role_code', 'area_code'],
  position_grades: ['code'],
  departments: ['code'],
  fiscal_year_targets: ['fiscal_year'],
  training_kinds: ['code'],
  certification_rules: ['code'],
  survey_templates: ['id'],
  trainings: ['id'],
  training_areas: ['training_id', 'area_code'],
  training_target_roles: ['training_id', 'role_code'],
  sessions: ['id'],
  profiles: ['id'],
  registrations: ['id'],
  learning_records: ['id'],
  survey_responses: ['id'],
  survey_submissions: ['session_id', 'employee_id'],
  certifications: ['id'],
  certification_decisions: ['id'],
  elearning_completions: ['id'],
  notices: ['id'],
} as const satisfies Record<ReplicatedTable, readonly [string, ...string[]]>

/** Key columns that are integers on the server (the pull key is their text). */
const NUMERIC_KEY_COLUMNS: ReadonlySet<string> = new Set(['fiscal_year'])

/** The column naming whose replica holds a row; tables not listed are everyone's. */
export const OWNER_COLUMNS: Partial<Record<ReplicatedTable, string>> = {
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

/** Secondary indexes per table, in Dexie's syntax (`[a+b]` is a compound index). */
const REPLICA_INDEXES: Record<ReplicatedTable, readonly string[]> = {
  knowledge_areas: ['sort_order'],
  dx_roles: ['sort_order'],
  role_requirements: ['area_code'],
  position_grades: ['rank'],
  departments: ['sort_order'],
  fiscal_year_targets: [],
  training_kinds: ['sort_order'],
  certification_rules: ['sort_order'],
  survey_templates: ['code'],
  trainings: ['fiscal_year', 'kind'],
  training_areas: ['training_id', 'area_code'],
  training_target_roles: ['training_id', 'role_code'],
  sessions: ['training_id', 'starts_at', 'facilitator_id'],
  profiles: [],
  registrations: ['session_id', 'employee_id', '[employee_id+session_id]'],
  learning_records: ['employee_id', '[employee_id+area_code]', '[employee_id+completed_on]', 'session_id'],
  survey_responses: ['session_id', 'respondent_id'],
  survey_submissions: ['employee_id'],
  certifications: ['employee_id'],
  certification_decisions: ['employee_id', 'certification_id'],
  elearning_completions: ['employee_id', 'session_id'],
  notices: ['employee_id', 'created_at'],
}

export const REPLICA_TABLE_NAMES = Object.keys(KEY_COLUMNS) as ReplicatedTable[]

export function isReplicatedTable(name: string): name is ReplicatedTable {
  return Object.hasOwn(KEY_COLUMNS, name)
}

function primaryKeySpec(table: ReplicatedTable): string {
  const columns: readonly string[] = KEY_COLUMNS[table]
  return columns.length === 1 ? (columns[0] ?? '') : `[${columns.join('+')}]`
}

/** sync_pull's key of a row: its key columns as text, joined by ':'. */
export function pullKeyOf(table: ReplicatedTable, row: AnyRow): string {
  return KEY_COLUMNS[table].map((column) => String(row[column])).join(':')
}

/** The Dexie primary key addressed by a pull key (codes and uuids never contain ':'). */
export function dexieKeyOf(table: ReplicatedTable, pullKey: string): string | number | (string | number)[] {
  const columns: readonly string[] = KEY_COLUMNS[table]
  const parts = pullKey.split(':')
  if (parts.length !== columns.length) {
    throw new Error(`malformed key ${JSON.stringify(pullKey)} for table ${table}`)
  }
  const values = parts.map((part, i) => (NUMERIC_KEY_COLUMNS.has(columns[i] ?? '') ? Number(part) : part))
  return values.length === 1 ? (values[0] ?? '') : values
}

/** A row's address across tables: shadows and outbox `touches`/`subjects` use it. */
export function refOf(table: string, pullKey: string): string {
  return `${table}/${pullKey}`
}

export function splitRef(ref: string): { table: string; key: string } {
  const slash = ref.indexOf('/')
  return { table: ref.slice(0, slash), key: ref.slice(slash + 1) }
}

/** Replica tables in Dexie's `stores()` syntax. */
export function replicaStores(): Record<ReplicatedTable, string> {
  const stores = {} as Record<ReplicatedTable, string>
  for (const table of REPLICA_TABLE_NAMES) {
    stores[table] = [primaryKeySpec(table), ...REPLICA_INDEXES[table]].join(', ')
  }
  return stores
}

export interface SchemaVersion {
  version: number
  /** Tables this version adds or changes (`null` deletes one); earlier versions' tables carry over. */
  stores: Record<string, string | null>
  /**
   * Data migration run inside the upgrade transaction. The outbox is migrated here, never cleared;
   * a version that drops or re-keys replica tables resets the cursors ({@link resetCursorsOnUpgrade}).
   */
  upgrade?: (tx: Transaction) => Promise<void>
}

/** Forget every cursor during an upgrade, so the next sync pulls the replica again from scratch. */
export async function resetCursorsOnUpgrade(tx: Transaction): Promise<void> {
  await tx
    .table('syncMeta')
    .toCollection()
    .modify((meta: { cursor: string | null }) => {
      meta.cursor = null
    })
}

/** Tables added after version 1, by the version that adds them (version 1 must never change). */
const ADDED_LATER: readonly ReplicatedTable[] = [
  'certification_decisions',
  'notices',
  'elearning_completions',
]

function storesOf(tables: readonly ReplicatedTable[]): Record<string, string> {
  const all = replicaStores()
  return Object.fromEntries(tables.map((table) => [table, all[table]]))
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      ...storesOf(REPLICA_TABLE_NAMES.filter((table) => !ADDED_LATER.includes(table))),
      // seq orders the queue; id (the entry's mutationId, see OutboxEntry in db.ts) is unique. `touches`: rows whose
      // visible state is optimistic; `subjects`: rows the change is about (for 送信待ち markers).
      outbox: '++seq, &id, [user_id+seq], status, [user_id+status], *touches, *subjects',
      syncMeta: 'user_id',
      // The server's state of a row that has pending optimistic changes (absent otherwise).
      shadows: 'ref, table',
    },
  },
  {
    version: 2,
    stores: {
      // Input typed but not yet submitted (a half-filled survey), per user, restored after a reload.
      // Local only: never replicated, never pushed; cleared with the user's data on sign-out.
      drafts: '[user_id+key], user_id',
      // The facilitator's last roster of each session they run (session_roster is not replicated),
      // shown with its "as of" time when offline. Not a replica table: sync_pull never touches it.
      facilitatorRosters: '[user_id+session_id], user_id',
      // The DX division's certification decisions about the user (20260401001500): a new replica
      // table; its rows come with the next pull, so the cursors stay.
      ...storesOf(['certification_decisions']),
    },
  },
  {
    version: 3,
    stores: {
      // The user's notices (20260401002200_notices.sql): a new replica table. A replica pulled before
      // it exists has a cursor past the notices already written, so the cursors start again.
      ...storesOf(['notices']),
    },
    upgrade: resetCursorsOnUpgrade,
  },
  {
    version: 4,
    stores: {
      // E-learning completions, imported or reported (20260401002300_elearning_completions.sql): a new
      // replica table; as for notices, rows written before it exists need the cursors to start again.
      ...storesOf(['elearning_completions']),
    },
    upgrade: resetCursorsOnUpgrade,
  },
]
