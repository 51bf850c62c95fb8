// Keeping the visible replica equal to "the server's row + the still-pending changes on it".
import type { ReplicatedTable } from '@/contract'
import type { DxpDatabase, OutboxEntry } from './db'
import { applyOptimistic } from './optimistic'
import type { AnyRow } from './rows'
import { OWNER_COLUMNS, dexieKeyOf, isReplicatedTable, pullKeyOf, refOf, splitRef } from './schema'

/** Pending (or in-flight) changes that alter the row `ref`, oldest first. */
export function pendingChangesOn(db: DxpDatabase, ref: string): Promise<OutboxEntry[]> {
  return db.outbox
    .where('touches')
    .equals(ref)
    .filter((entry) => entry.status !== 'rejected')
    .sortBy('seq')
}

async function writeVisible(
  db: DxpDatabase,
  table: ReplicatedTable,
  key: string,
  row: AnyRow | null,
): Promise<void> {
  const replica = db.anyReplica(table)
  if (row) await replica.put(row)
  else await replica.delete(dexieKeyOf(table, key))
}

/** Before a change alters `ref` optimistically: keep the server's row aside, if not kept already. */
export async function ensureShadow(db: DxpDatabase, ref: string): Promise<void> {
  if (await db.shadows.get(ref)) return
  const { table, key } = splitRef(ref)
  if (!isReplicatedTable(table)) throw new Error(`not a replicated table: ${table}`)
  const current = await db.anyReplica(table).get(dexieKeyOf(table, key))
  await db.shadows.add({ ref, table, key, row: current ?? null })
}

/**
 * Recomputes the visible row of `ref` from its shadow and the pending changes on it; drops the
 * shadow once nothing is pending. Rows without a shadow are the server's already.
 */
export async function settle(db: DxpDatabase, ref: string): Promise<void> {
  const shadow = await db.shadows.get(ref)
  if (!shadow) return
  const pending = await pendingChangesOn(db, ref)
  let row = shadow.row
  for (const entry of pending) row = applyOptimistic(entry, row)
  await writeVisible(db, shadow.table, shadow.key, row)
  if (pending.length === 0) await db.shadows.delete(ref)
}

/**
 * Records what the server says a row is now (null: gone): under the pending changes if it has any,
 * else straight into the replica. Returns the ref to settle, if any.
 */
export async function learnServerRow(
  db: DxpDatabase,
  table: ReplicatedTable,
  key: string,
  row: AnyRow | null,
): Promise<string | null> {
  const ref = refOf(table, key)
  if (await db.shadows.get(ref)) {
    await db.shadows.update(ref, { row })
    return ref
  }
  await writeVisible(db, table, key, row)
  return null
}

/** Whether `row` of `table` belongs in `userId`'s replica (sync_pull's scope rule). */
export function inScope(table: ReplicatedTable, row: AnyRow, userId: string): boolean {
  const owner = OWNER_COLUMNS[table]
  return owner === undefined || row[owner] === userId
}

export function keyOfRow(table: ReplicatedTable, row: AnyRow): string {
  return pullKeyOf(table, row)
}
