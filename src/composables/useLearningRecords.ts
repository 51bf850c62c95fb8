import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import Dexie from 'dexie'
import { storeToRefs } from 'pinia'
import type { DxpErrorCode, MutationKind } from '@/contract'
import {
  db,
  dismissRejected,
  type ArgIssue,
  type LearningRecordRow,
  type MutationInput,
  type OutboxEntry,
  type OutboxEntryOfKind,
} from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

type LearningEntry =
  | OutboxEntryOfKind<'record_learning'>
  | OutboxEntryOfKind<'update_learning'>
  | OutboxEntryOfKind<'delete_learning'>
const LEARNING_KINDS: readonly MutationKind[] = ['record_learning', 'update_learning', 'delete_learning']
const isLearningEntry = (entry: OutboxEntry): entry is LearningEntry => LEARNING_KINDS.includes(entry.kind)

/** Where a record stands: 同期済み (server confirmed), 送信待ち (in the outbox), 却下 (refused, with why). */
export type RecordSyncState = 'synced' | 'pending' | 'rejected'

export interface RecordRejection {
  mutationId: string
  kind: MutationKind
  code: string | null
  message: string | null
}

export interface LearningRecordItem {
  row: LearningRecordRow
  state: RecordSyncState
  /** The latest refused change about this record, until the user dismisses it. */
  rejection: RecordRejection | null
}

/** A new record the server refused: its row is gone, so what the user entered is shown from the outbox. */
export interface RejectedNewRecord {
  args: OutboxEntryOfKind<'record_learning'>['args']
  rejection: RecordRejection
}

/** What the form hands over; loosely typed, since validation (not the compiler) decides. */
export interface LearningRecordFormValues {
  source: string
  title: string
  completed_on: string
  minutes: number | null
  note: string
}

export type SaveResult = { ok: true } | { ok: false; code: DxpErrorCode; issues: ArgIssue[] }

export interface UseLearningRecordsReturn {
  items: ComputedRef<LearningRecordItem[]>
  rejectedNew: ComputedRef<RejectedNewRecord[]>
  isLoading: ComputedRef<boolean>
  /** Records a new activity in the area: validated, then written locally and queued (送信待ち). */
  record: (values: LearningRecordFormValues) => Promise<SaveResult>
  /** Edits a record (compare-and-set on the version the user saw); only changed fields are sent. */
  update: (row: LearningRecordRow, values: LearningRecordFormValues) => Promise<SaveResult>
  remove: (row: LearningRecordRow) => Promise<SaveResult>
  dismiss: (mutationId: string) => Promise<void>
}

function rejectionOf(entry: OutboxEntry): RecordRejection {
  return {
    mutationId: entry.id,
    kind: entry.kind,
    code: entry.last_error_code,
    message: entry.last_error_message,
  }
}

/** Newest first: by the day it was done, then by when it was entered. */
function newestFirst(a: LearningRecordRow, b: LearningRecordRow): number {
  return b.completed_on.localeCompare(a.completed_on) || b.created_at.localeCompare(a.created_at)
}

function fieldsOf(values: LearningRecordFormValues) {
  const note = values.note
  return {
    source: values.source,
    title: values.title,
    completed_on: values.completed_on,
    minutes: values.minutes,
    ...(note === '' ? {} : { note }),
  }
}

/** The signed-in person's records in one area, with their outbox state, and the ways to change them. */
export function useLearningRecords(areaCode: MaybeRefOrGetter<string>): UseLearningRecordsReturn {
  const { userId } = storeToRefs(useAuthStore())
  const mutate = useMutate()
  const area = computed(() => toValue(areaCode))

  const { data, isLoading } = useLiveQuery(
    async () => {
      const uid = userId.value
      if (!uid) return { rows: [] as LearningRecordRow[], entries: [] as LearningEntry[] }
      const [rows, entries] = await Promise.all([
        db.replica('learning_records').where('[employee_id+area_code]').equals([uid, area.value]).toArray(),
        db.outbox
          .where('[user_id+seq]')
          .between([uid, Dexie.minKey], [uid, Dexie.maxKey])
          .filter(isLearningEntry)
          .toArray(),
      ])
      return { rows, entries: entries.filter(isLearningEntry) }
    },
    {
      deps: [userId, area],
      initialValue: { rows: [] as LearningRecordRow[], entries: [] as LearningEntry[] },
    },
  )

  const items = computed<LearningRecordItem[]>(() => {
    const { rows, entries } = data.value
    return [...rows].sort(newestFirst).map((row) => {
      const about = entries.filter((entry) => entry.args.id === row.id)
      const rejected = about.filter((entry) => entry.status === 'rejected').at(-1)
      const pending = about.some((entry) => entry.status !== 'rejected')
      return {
        row,
        state: pending ? 'pending' : rejected ? 'rejected' : 'synced',
        rejection: rejected ? rejectionOf(rejected) : null,
      }
    })
  })

  const rejectedNew = computed<RejectedNewRecord[]>(() => {
    const { rows, entries } = data.value
    const shown = new Set(rows.map((row) => row.id))
    return entries.flatMap((entry) =>
      entry.kind === 'record_learning' &&
      entry.status === 'rejected' &&
      entry.args.area_code === area.value &&
      !shown.has(entry.args.id)
        ? [{ args: entry.args, rejection: rejectionOf(entry) }]
        : [],
    )
  })

  async function record(values: LearningRecordFormValues): Promise<SaveResult> {
    // The form's values as typed; mutate() checks them (and answers the issues) before writing anything.
    const result = await mutate('record_learning', {
      id: crypto.randomUUID(),
      area_code: area.value,
      ...fieldsOf(values),
    } as MutationInput<'record_learning'>)
    return result.ok ? { ok: true } : result
  }

  async function update(row: LearningRecordRow, values: LearningRecordFormValues): Promise<SaveResult> {
    const fields = { ...fieldsOf(values), note: values.note }
    const changed: Record<string, unknown> = Object.fromEntries(
      Object.entries(fields).filter(([name, value]) => row[name as keyof LearningRecordRow] !== value),
    )
    // A record learned in a session that is now said to be self-study leaves its session behind.
    if (changed.source !== undefined && changed.source !== 'session' && row.session_id !== null) {
      changed.session_id = null
    }
    if (Object.keys(changed).length === 0) return { ok: true }
    const result = await mutate('update_learning', {
      id: row.id,
      version: row.version,
      ...changed,
    } as MutationInput<'update_learning'>)
    return result.ok ? { ok: true } : result
  }

  async function remove(row: LearningRecordRow): Promise<SaveResult> {
    const result = await mutate('delete_learning', { id: row.id, version: row.version })
    return result.ok ? { ok: true } : result
  }

  async function dismiss(mutationId: string): Promise<void> {
    await dismissRejected(db, mutationId)
  }

  return { items, rejectedNew, isLoading: computed(() => isLoading.value), record, update, remove, dismiss }
}
