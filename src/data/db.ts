/**
 * The device database: one replica table per replicated server table (named and keyed as on the
 * server), the outbox of changes not yet confirmed, sync state per user, and the server's copy
 * ("shadow") of each row that has optimistic changes on top of it.
 */
import Dexie, { type Table } from 'dexie'
import type { AttendeeLookup, MutationArgs, MutationKind, ReplicatedTable, Roster } from '@/contract'
import type { AnyRow, ReplicaRows } from './rows'
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema'

export const DATABASE_NAME = 'dx-passport'

/** `pending`: waiting to be sent; `in_flight`: sent, answer not yet stored; `rejected`: refused, kept for the user. */
export type OutboxStatus = 'pending' | 'in_flight' | 'rejected'

interface OutboxEntryOf<K extends MutationKind> {
  /** Auto-increment: the order the user made the changes in, and the order they are pushed. */
  seq: number
  /**
   * This entry's mutationId (a UUID made on the device), sent to sync_push as `mutation_id` and forever
   * the same for this change. Stored as `id`, the outbox's unique index since schema version 1: renaming
   * a stored key would need a schema upgrade of every queued change, for no change in behaviour.
   */
  id: string
  user_id: string
  kind: K
  args: MutationArgs<K>
  attempts: number
  status: OutboxStatus
  /** A DxpErrorCode for a rejection; the sync engine's own code for a failed attempt. */
  last_error_code: string | null
  last_error_message: string | null
  created_at: string
  /** Refs (`table/key`) of the rows this change altered optimistically. */
  touches: string[]
  /** Refs of the rows this change is about, optimistic or not (a session for register_session). */
  subjects: string[]
}

export type OutboxEntry = { [K in MutationKind]: OutboxEntryOf<K> }[MutationKind]
export type OutboxEntryOfKind<K extends MutationKind> = OutboxEntryOf<K>

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
export type NewOutboxEntry = DistributiveOmit<OutboxEntry, 'seq'>

export interface SyncMeta {
  user_id: string
  /** sync_pull's cursor, stored with the changes it covers; null = pull from scratch. */
  cursor: string | null
  /** The server's epoch the replica belongs to, when the engine knows it. */
  epoch: string | null
  last_success_at: string | null
  last_error_code: string | null
  last_error_message: string | null
  last_error_at: string | null
}

export interface Shadow {
  /** `table/key` of the row. */
  ref: string
  table: ReplicatedTable
  key: string
  /** The row as the server last said it is; null when it does not exist there (as far as we know). */
  row: AnyRow | null
}

/** A form's input kept on the device until it is submitted (`key` names the form, e.g. `survey:<session id>`). */
export interface Draft {
  user_id: string
  key: string
  value: unknown
  updated_at: string
}

/** The last roster the server gave a facilitator for one session, kept for offline use. */
export interface CachedRoster {
  user_id: string
  session_id: string
  roster: Roster
  /** Walk-ins found by employee number on this device, so they show before the server's roster has them. */
  walk_ins: NonNullable<AttendeeLookup>[]
  /**
   * Employee numbers of walk-ins noted while offline (they cannot be looked up then): checked in as
   * soon as the device is online again; `not_found` once the server knew nobody with that number.
   */
  noted_numbers?: { number: string; noted_at: string; not_found: boolean }[]
}

type ReplicaTables = { [T in ReplicatedTable]: Table<ReplicaRows[T], IndexableKey> }
type IndexableKey = string | number | (string | number)[]

export class DxpDatabase extends Dexie {
  declare outbox: Table<OutboxEntry, number, NewOutboxEntry>
  declare syncMeta: Table<SyncMeta, string>
  declare shadows: Table<Shadow, string>
  declare drafts: Table<Draft, [string, string]>
  declare facilitatorRosters: Table<CachedRoster, [string, string]>

  constructor(name: string = DATABASE_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name)
    for (const { version, stores, upgrade } of versions) {
      const declared = this.version(version).stores(stores)
      if (upgrade) declared.upgrade(upgrade)
    }
  }

  /** A replica table, typed by its server name. */
  replica<T extends ReplicatedTable>(table: T): ReplicaTables[T] {
    return this.table(table) as ReplicaTables[T]
  }

  /** A replica table for code that handles rows of any table alike. */
  anyReplica(table: ReplicatedTable): Table<AnyRow, IndexableKey> {
    return this.table(table)
  }
}
