/**
 * The outbox as the sync engine sees it: what to push next, and recording the server's answer.
 * An answer settles the rows the change touched: applied → the server's row becomes the base;
 * rejected → the optimistic change is dropped from the row (the entry stays, with its reason).
 */
import { MAX_MUTATIONS_PER_PUSH, type DxpErrorCode } from '@/contract'
import Dexie from 'dexie'
import type { DxpDatabase, OutboxEntry, OutboxStatus } from './db'
import { RESULT_TABLE, applyOptimistic } from './optimistic'
import type { AnyRow } from './rows'
import { refOf } from './schema'
import { inScope, keyOfRow, learnServerRow, settle } from './settle'

/** The user's changes still to push (pending and in flight), in the order they were made. */
export function outboxToPush(
  db: DxpDatabase,
  userId: string,
  limit: number = MAX_MUTATIONS_PER_PUSH,
): Promise<OutboxEntry[]> {
  return db.outbox
    .where('[user_id+seq]')
    .between([userId, Dexie.minKey], [userId, Dexie.maxKey])
    .filter((entry) => entry.status !== 'rejected')
    .limit(limit)
    .toArray()
}

/** Marks entries as sent (one more attempt each), just before the push. */
export async function markInFlight(db: DxpDatabase, mutationIds: readonly string[]): Promise<void> {
  await db.outbox
    .where('id')
    .anyOf([...mutationIds])
    .modify((entry) => {
      if (entry.status === 'rejected') return
      entry.status = 'in_flight'
      entry.attempts += 1
    })
}

/** A push that got no answer (network, 5xx, timeout): back to pending, with why, to be sent again. */
export async function releaseInFlight(
  db: DxpDatabase,
  mutationIds: readonly string[],
  error?: { code: string; message: string },
): Promise<void> {
  await db.outbox
    .where('id')
    .anyOf([...mutationIds])
    .modify((entry) => {
      if (entry.status !== 'in_flight') return
      entry.status = 'pending'
      if (error) {
        entry.last_error_code = error.code
        entry.last_error_message = error.message
      }
    })
}

/**
 * The server applied the change (status `applied`, or `duplicate` of an applied one): the entry
 * leaves the outbox and `serverRow` becomes what the touched row is built on. False when the
 * entry is gone already (another tab recorded the answer).
 */
export async function markApplied(
  db: DxpDatabase,
  mutationId: string,
  serverRow: AnyRow | null,
): Promise<boolean> {
  return db.transaction('rw', db.tables, () => recordApplied(db, mutationId, serverRow))
}

/**
 * The server refused the change: the entry stays, marked with the code and the server's message,
 * until the user dismisses or redoes it; the rows it touched show the server's state again (with
 * any later pending changes on top). `serverRow` is the current row some rejections carry (DXP041).
 */
export async function markRejected(
  db: DxpDatabase,
  mutationId: string,
  code: DxpErrorCode,
  message: string,
  serverRow: AnyRow | null = null,
): Promise<boolean> {
  return db.transaction('rw', db.tables, () => recordRejected(db, mutationId, code, message, serverRow))
}

/** The server's answer to one pushed change, as `markApplied` / `markRejected` take it. */
export type OutboxAnswer =
  | { mutationId: string; outcome: 'applied'; row: AnyRow | null }
  | { mutationId: string; outcome: 'rejected'; code: DxpErrorCode; message: string; row: AnyRow | null }

/**
 * Records the answers to a whole push in one transaction: the same as marking each in turn, but
 * one IndexedDB commit instead of one per change (a device back online sends hundreds at once).
 * Returns, per answer, whether its entry was still there.
 */
export async function recordAnswers(db: DxpDatabase, answers: readonly OutboxAnswer[]): Promise<boolean[]> {
  return db.transaction('rw', db.tables, async () => {
    const found: boolean[] = []
    for (const answer of answers) {
      found.push(
        answer.outcome === 'applied'
          ? await recordApplied(db, answer.mutationId, answer.row)
          : await recordRejected(db, answer.mutationId, answer.code, answer.message, answer.row),
      )
    }
    return found
  })
}

async function recordApplied(
  db: DxpDatabase,
  mutationId: string,
  serverRow: AnyRow | null,
): Promise<boolean> {
  const entry = await db.outbox.get({ id: mutationId })
  if (!entry) return false
  await db.outbox.delete(entry.seq)
  const refs = new Set(entry.touches)
  const table = RESULT_TABLE[entry.kind]
  if (serverRow && inScope(table, serverRow, entry.user_id)) {
    const ref = await learnServerRow(db, table, keyOfRow(table, serverRow), serverRow)
    if (ref) refs.add(ref)
  } else if (entry.kind === 'delete_learning') {
    const ref = await learnServerRow(db, table, entry.args.id, null)
    if (ref) refs.add(ref)
  } else if (entry.kind === 'mark_notices_read') {
    // The answer carries no row: what the change did to each notice is now the server's state,
    // until the next pull brings the server's read_at.
    for (const ref of entry.touches) {
      const shadow = await db.shadows.get(ref)
      if (shadow) await db.shadows.update(ref, { row: applyOptimistic(entry, shadow.row) })
    }
  }
  for (const ref of refs) await settle(db, ref)
  return true
}

async function recordRejected(
  db: DxpDatabase,
  mutationId: string,
  code: DxpErrorCode,
  message: string,
  serverRow: AnyRow | null,
): Promise<boolean> {
  const entry = await db.outbox.get({ id: mutationId })
  if (!entry) return false
  await db.outbox.update(entry.seq, {
    status: 'rejected',
    last_error_code: code,
    last_error_message: message,
  })
  const refs = new Set(entry.touches)
  const table = RESULT_TABLE[entry.kind]
  if (serverRow && inScope(table, serverRow, entry.user_id)) {
    const ref = await learnServerRow(db, table, keyOfRow(table, serverRow), serverRow)
    if (ref) refs.add(ref)
  }
  for (const ref of refs) await settle(db, ref)
  return true
}

/** The user has read a rejection and lets it go. Only rejected entries can be dismissed. */
export async function dismissRejected(db: DxpDatabase, mutationId: string): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get({ id: mutationId })
    if (entry?.status !== 'rejected') return false
    await db.outbox.delete(entry.seq)
    return true
  })
}

/** For the status indicator: the user's changes waiting to be sent (N件送信待ち) and those refused. */
export async function countOutbox(
  db: DxpDatabase,
  userId: string,
): Promise<{ pending: number; rejected: number }> {
  const byStatus = (status: OutboxStatus) =>
    db.outbox.where('[user_id+status]').equals([userId, status]).count()
  const [pending, inFlight, rejected] = await Promise.all([
    byStatus('pending'),
    byStatus('in_flight'),
    byStatus('rejected'),
  ])
  return { pending: pending + inFlight, rejected }
}

/** Entries (any status) about a row, e.g. `outboxAbout(db, 'sessions', id)` for a 申込み送信待ち marker. */
export function outboxAbout(db: DxpDatabase, table: string, key: string): Promise<OutboxEntry[]> {
  return db.outbox.where('subjects').equals(refOf(table, key)).sortBy('seq')
}
