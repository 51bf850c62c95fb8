/**
 * A user's change: validated at the boundary, then its optimistic local row(s) and its outbox entry
 * written in one Dexie transaction, so the change is either shown and queued, or neither.
 */
import * as v from 'valibot'
import {
  DxpErrorCodeSchema,
  MutationArgsSchemas,
  type DxpErrorCode,
  type MutationArgs,
  type MutationKind,
} from '@/contract'
import { tokyoDateOf } from '@/domain'
import type { DxpDatabase, NewOutboxEntry, OutboxEntry } from './db'
import { planOf, type UserChange } from './optimistic'
import { isReplicatedTable, splitRef } from './schema'
import { ensureShadow, settle } from './settle'

/** What a screen passes: the schema's input (before trimming), typed per kind. */
export type MutationInput<K extends MutationKind> = v.InferInput<(typeof MutationArgsSchemas)[K]>

/** One thing wrong with the arguments, coded like the server's answer for it (`errors.DXP014`…). */
export interface ArgIssue {
  /** Dotted path of the argument (`title`, `answers.q1`), '' for the whole object. */
  path: string
  code: DxpErrorCode
  message: string
}

export type MutateResult =
  { ok: true; mutationId: string; entry: OutboxEntry } | { ok: false; code: DxpErrorCode; issues: ArgIssue[] }

export interface MutateOptions {
  /** The change's mutationId; a new UUID by default. */
  mutationId?: string
  /** The moment of the change (created_at of the entry and of optimistic rows); now by default. */
  now?: Date
}

/** User ids and mutationIds alike. */
const UuidSchema = v.pipe(v.string(), v.uuid())
const EARLIEST_DATE = '2000-01-01'
/** sync_push accepts collected_at up to 5 minutes ahead of its clock. */
const CLOCK_SKEW_MS = 5 * 60 * 1000

function issueCode(issue: v.BaseIssue<unknown>): DxpErrorCode {
  // A contract rule the generic mapping below would miscode names its code as its message.
  if (v.is(DxpErrorCodeSchema, issue.message)) return issue.message
  switch (issue.type) {
    case 'max_length':
      return 'DXP014'
    case 'min_length':
    case 'min_value':
    case 'max_value':
    case 'picklist':
      return 'DXP015'
    default:
      return 'DXP013'
  }
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.')
}

/** The checks the schema cannot express but the server makes before anything else. */
function crossFieldIssues<K extends MutationKind>(kind: K, args: MutationArgs<K>, now: Date): ArgIssue[] {
  const issues: ArgIssue[] = []
  const checkDate = (path: string, date: string | undefined) => {
    if (date === undefined) return
    if (date > tokyoDateOf(now)) issues.push({ path, code: 'DXP016', message: 'date in the future' })
    if (date < EARLIEST_DATE) issues.push({ path, code: 'DXP015', message: 'date before 2000' })
  }
  if (kind === 'record_learning' || kind === 'update_learning') {
    const a = args as MutationArgs<'record_learning'> | MutationArgs<'update_learning'>
    checkDate('completed_on', a.completed_on)
  }
  if (kind === 'submit_survey' || kind === 'submit_kiosk_survey') {
    const at = (args as MutationArgs<'submit_survey'> | MutationArgs<'submit_kiosk_survey'>).collected_at
    if (at !== undefined && Date.parse(at) > now.getTime() + CLOCK_SKEW_MS) {
      issues.push({ path: 'collected_at', code: 'DXP016', message: 'collected in the future' })
    }
  }
  return issues
}

/** Validates `input` as the arguments of `kind`; the typed arguments, or the issues found. */
export function validateArgs<K extends MutationKind>(
  kind: K,
  input: unknown,
  now: Date = new Date(),
): { ok: true; args: MutationArgs<K> } | { ok: false; code: DxpErrorCode; issues: ArgIssue[] } {
  const schema = MutationArgsSchemas[kind] as unknown as v.GenericSchema<unknown, MutationArgs<K>>
  const parsed = v.safeParse(schema, input)
  const issues: ArgIssue[] = parsed.success
    ? crossFieldIssues(kind, parsed.output, now)
    : parsed.issues.map((issue) => ({
        path: issuePath(issue),
        code: issueCode(issue),
        message: issue.message,
      }))
  const first = issues[0]
  if (first || !parsed.success) return { ok: false, code: first?.code ?? 'DXP013', issues }
  return { ok: true, args: parsed.output }
}

/**
 * Records a change the user made: the optimistic row(s) and the outbox entry in one transaction.
 * Bad input writes nothing and answers the code the server would have answered.
 */
export async function mutate<K extends MutationKind>(
  db: DxpDatabase,
  userId: string,
  kind: K,
  input: MutationInput<K>,
  options: MutateOptions = {},
): Promise<MutateResult> {
  if (!v.is(UuidSchema, userId)) {
    return { ok: false, code: 'DXP001', issues: [{ path: '', code: 'DXP001', message: 'not signed in' }] }
  }
  if (options.mutationId !== undefined && !v.is(UuidSchema, options.mutationId)) {
    return {
      ok: false,
      code: 'DXP010',
      issues: [{ path: '', code: 'DXP010', message: 'mutationId is not a UUID' }],
    }
  }
  const now = options.now ?? new Date()
  const validated = validateArgs(kind, input, now)
  if (!validated.ok) return validated
  const base = { user_id: userId, kind, args: validated.args } as UserChange
  const { touches, subjects } = planOf(base)
  const fresh = {
    ...base,
    id: options.mutationId ?? crypto.randomUUID(),
    attempts: 0,
    status: 'pending',
    last_error_code: null,
    last_error_message: null,
    created_at: now.toISOString(),
    touches,
    subjects,
  } as NewOutboxEntry
  const tables = [
    db.outbox,
    db.shadows,
    ...touches.map((ref) => {
      const { table } = splitRef(ref)
      if (!isReplicatedTable(table)) throw new Error(`not a replicated table: ${table}`)
      return db.anyReplica(table)
    }),
  ]
  const entry = await db.transaction('rw', tables, async () => {
    for (const ref of touches) await ensureShadow(db, ref)
    const seq = await db.outbox.add(fresh)
    for (const ref of touches) await settle(db, ref)
    return { ...fresh, seq } as OutboxEntry
  })
  return { ok: true, mutationId: entry.id, entry }
}
