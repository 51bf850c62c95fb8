/**
 * Bringing the replica up to date from sync_pull, resetting it, and clearing a user's data.
 * The replica is one per device: reference data and the catalogue are shared by the users who sign
 * in on it, their own rows sit side by side (screens filter by owner), each user has a cursor.
 */
import Dexie from 'dexie'
import type { PullChange, ReplicatedTable } from '@/contract'
import type { DxpDatabase, SyncMeta } from './db'
import type { AnyRow } from './rows'
import { OWNER_COLUMNS, REPLICA_TABLE_NAMES, dexieKeyOf, isReplicatedTable, pullKeyOf, refOf } from './schema'
import { settle } from './settle'

export interface PullApplied {
  /** Changes written to the replica. */
  written: number
  /** Changes to rows with pending changes: kept as the server's row under them, not shown yet. */
  deferred: number
  /** Changes of tables this client version does not know. */
  skipped: number
}

function emptyMeta(userId: string): SyncMeta {
  return {
    user_id: userId,
    cursor: null,
    epoch: null,
    last_success_at: null,
    last_error_code: null,
    last_error_message: null,
    last_error_at: null,
  }
}

/** This user's sync state (a blank one before their first sync). */
export async function getSyncMeta(db: DxpDatabase, userId: string): Promise<SyncMeta> {
  return (await db.syncMeta.get(userId)) ?? emptyMeta(userId)
}

export async function updateSyncMeta(
  db: DxpDatabase,
  userId: string,
  patch: Partial<Omit<SyncMeta, 'user_id'>>,
): Promise<void> {
  await db.transaction('rw', db.syncMeta, async () => {
    await db.syncMeta.put({ ...(await getSyncMeta(db, userId)), ...patch, user_id: userId })
  })
}

/**
 * Applies one pull document's changes in order, and stores `cursor` (when given) in the same
 * transaction. A row with pending changes is never overwritten: the pulled row becomes the base
 * those changes are replayed on, and shows once they are answered.
 */
export async function applyPullChanges(
  db: DxpDatabase,
  changes: readonly PullChange[],
  userId: string,
  options: { cursor?: string } = {},
): Promise<PullApplied> {
  return db.transaction('rw', db.tables, async () => {
    const shadowed = new Set(await db.shadows.toCollection().primaryKeys())
    // Last change per key wins; bulk writes per table keep a 10,000-row pull fast.
    const latest = new Map<ReplicatedTable, Map<string, AnyRow | null>>()
    const underPending = new Map<string, AnyRow | null>()
    const result: PullApplied = { written: 0, deferred: 0, skipped: 0 }
    for (const change of changes) {
      if (!isReplicatedTable(change.table)) {
        result.skipped += 1
        continue
      }
      // A row stored under another key than it says would never be found again by its deletion.
      if (change.row && pullKeyOf(change.table, change.row) !== change.key) {
        throw new Error(`sync_pull sent a ${change.table} row whose key columns do not make ${change.key}`)
      }
      const ref = refOf(change.table, change.key)
      if (shadowed.has(ref)) {
        underPending.set(ref, change.row)
        result.deferred += 1
        continue
      }
      let rows = latest.get(change.table)
      if (!rows) latest.set(change.table, (rows = new Map()))
      rows.delete(change.key)
      rows.set(change.key, change.row)
      result.written += 1
    }
    for (const [table, rows] of latest) {
      const puts: AnyRow[] = []
      const deletes: ReturnType<typeof dexieKeyOf>[] = []
      for (const [key, row] of rows) {
        if (row) puts.push(row)
        else deletes.push(dexieKeyOf(table, key))
      }
      const replica = db.anyReplica(table)
      if (deletes.length > 0) await replica.bulkDelete(deletes)
      if (puts.length > 0) await replica.bulkPut(puts)
    }
    for (const [ref, row] of underPending) {
      await db.shadows.update(ref, { row })
      await settle(db, ref)
    }
    if (options.cursor !== undefined) {
      await db.syncMeta.put({ ...(await getSyncMeta(db, userId)), cursor: options.cursor })
    }
    return result
  })
}

/**
 * Empties the replica and forgets every cursor, so the next pull starts from scratch; the outbox
 * is untouched and rows with pending changes keep showing them (on an empty base until the pull
 * brings the server's rows back). Every user's cursor goes, not only `userId`'s: the shared tables
 * they were pulled into are emptied too.
 */
export async function resetReplica(db: DxpDatabase, userId: string): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of REPLICA_TABLE_NAMES) await db.anyReplica(table).clear()
    await db.shadows.toCollection().modify({ row: null })
    for (const ref of await db.shadows.toCollection().primaryKeys()) await settle(db, ref)
    await db.syncMeta.toCollection().modify({ cursor: null })
    await db.syncMeta.put({ ...(await getSyncMeta(db, userId)), cursor: null })
  })
}

export type ClearUserDataResult =
  | { ok: true }
  /** Nothing was cleared: these changes have not reached the server, or are rejected and unread. */
  | { ok: false; reason: 'outbox_not_empty'; pending: number; rejected: number }

/**
 * Sign-out on a shared PC: removes the user's own rows, drafts and sync state — refused while the user has
 * anything in the outbox (pending, in flight or rejected), which would otherwise be lost. When no
 * other user's data remains, the shared tables go too and the device holds nothing of the app.
 */
export async function clearUserData(db: DxpDatabase, userId: string): Promise<ClearUserDataResult> {
  return db.transaction('rw', db.tables, async () => {
    const entries = await db.outbox
      .where('[user_id+seq]')
      .between([userId, Dexie.minKey], [userId, Dexie.maxKey])
      .toArray()
    if (entries.length > 0) {
      const rejected = entries.filter((entry) => entry.status === 'rejected').length
      return { ok: false, reason: 'outbox_not_empty', pending: entries.length - rejected, rejected }
    }
    for (const table of REPLICA_TABLE_NAMES) {
      const owner = OWNER_COLUMNS[table]
      if (owner === undefined) continue
      const replica = db.anyReplica(table)
      if (owner === 'id') await replica.delete(userId)
      else await replica.where(owner).equals(userId).delete()
    }
    await db.drafts.where('user_id').equals(userId).delete()
    await db.syncMeta.delete(userId)
    // Rosters name other people: they leave a shared PC with the facilitator who fetched them.
    await db.facilitatorRosters.where('user_id').equals(userId).delete()
    const othersRemain = (await db.syncMeta.count()) > 0 || (await db.outbox.count()) > 0
    if (!othersRemain) {
      for (const table of REPLICA_TABLE_NAMES) await db.anyReplica(table).clear()
      await db.shadows.clear()
    }
    return { ok: true }
  })
}
