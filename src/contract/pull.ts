// The read path: sync_pull(cursor, max_rows) → PullDocument (supabase/README.md, "Read path").
import * as v from 'valibot'

/** Every table sync_pull hands out, and the key each is addressed by in a change. */
export const REPLICATED_TABLES = [
  'knowledge_areas', // code
  'dx_roles', // code
  'role_requirements', // role_code:area_code
  'position_grades', // code
  'departments', // code
  'fiscal_year_targets', // fiscal_year
  'training_kinds', // code
  'certification_rules', // code
  'survey_templates', // id
  'trainings', // id
  'training_areas', // training_id:area_code
  'training_target_roles', // training_id:role_code
  'sessions', // id
  'profiles', // id (own row only)
  'registrations', // id (own)
  'learning_records', // id (own)
  'survey_responses', // id (own identified responses; anonymous ones never)
  'survey_submissions', // session_id:employee_id (own)
  'certifications', // id (own)
  'certification_decisions', // id (own)
  'elearning_completions', // id (own)
  'notices', // id (own)
] as const

export type ReplicatedTable = (typeof REPLICATED_TABLES)[number]

export const ReplicatedTableSchema = v.picklist(REPLICATED_TABLES)

/** sync_pull hands out at most this many changes per call (and at least 1); the default is 500. */
export const PULL_MAX_ROWS = 1000
export const PULL_DEFAULT_ROWS = 500

/**
 * One change, applied in the order given. `upsert`: put `row` (every column but the server's `_xid`)
 * under `key`. `delete`: remove `key` if present (`row` is null); a key may come back later.
 * Tables a client does not know yet are skipped, not failed on: later versions add tables.
 */
export const PullChangeSchema = v.variant('op', [
  v.object({
    table: v.string(),
    key: v.string(),
    op: v.literal('upsert'),
    row: v.record(v.string(), v.unknown()),
  }),
  v.object({ table: v.string(), key: v.string(), op: v.literal('delete'), row: v.null() }),
])
export type PullChange = v.InferOutput<typeof PullChangeSchema>

/**
 * sync_pull's answer. Store `cursor` in the same transaction as the changes. `has_more`: call again
 * at once with the new cursor. `reset`: the replica can no longer be brought up to date by changes
 * (new epoch, another user's or a malformed cursor, a cursor from the future after a restore):
 * clear the replicated tables (never the outbox) and pull again with a null cursor.
 */
export const PullDocumentSchema = v.union([
  v.object({
    changes: v.array(PullChangeSchema),
    cursor: v.string(),
    has_more: v.boolean(),
    reset: v.literal(false),
  }),
  v.object({
    changes: v.pipe(v.array(PullChangeSchema), v.length(0)),
    cursor: v.null(),
    has_more: v.literal(true),
    reset: v.literal(true),
  }),
])
export type PullDocument = v.InferOutput<typeof PullDocumentSchema>

/** sync_pull's arguments; `cursor` null (or left out) pulls the whole replica from scratch. */
export interface PullArgs {
  cursor: string | null
  max_rows?: number
}
