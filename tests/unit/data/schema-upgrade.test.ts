import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { markRejected } from '@/data/outbox'
import { applyPullChanges, getSyncMeta } from '@/data/replica'
import { SCHEMA_VERSIONS, resetCursorsOnUpgrade, type SchemaVersion } from '@/data/schema'
import { ALICE, NOW, SESSION, learningInput, serverRecord, uuidOf } from './support'

const NAME = 'dxp-upgrade-test'

afterEach(async () => {
  await DxpDatabase.delete(NAME)
})

/** Fills a database at its first version with an outbox of every status, a replica and a cursor. */
async function seedFirstVersion(): Promise<void> {
  const v1 = new DxpDatabase(NAME, SCHEMA_VERSIONS.slice(0, 1))
  await applyPullChanges(
    v1,
    [{ table: 'learning_records', key: uuidOf(1), op: 'upsert', row: serverRecord(uuidOf(1)) }],
    ALICE,
    { cursor: 'c1' },
  )
  await mutate(v1, ALICE, 'record_learning', learningInput(uuidOf(2)), { now: NOW, mutationId: uuidOf(101) })
  await mutate(v1, ALICE, 'register_session', { session_id: SESSION }, { now: NOW, mutationId: uuidOf(102) })
  await mutate(v1, ALICE, 'record_learning', learningInput(uuidOf(3)), { now: NOW, mutationId: uuidOf(103) })
  await markRejected(v1, uuidOf(103), 'DXP043', '知識分野が見つかりません。')
  v1.close()
}

/** A later version as a real one would look: new indexes on the outbox, a replica table and the drafts, a new table. */
const nextVersion: SchemaVersion = {
  version: (SCHEMA_VERSIONS.at(-1)?.version ?? 0) + 1,
  stores: {
    outbox: '++seq, &id, [user_id+seq], status, [user_id+status], *touches, *subjects, kind',
    learning_records:
      'id, employee_id, [employee_id+area_code], [employee_id+completed_on], session_id, area_code',
    drafts: '[user_id+key], user_id, updated_at',
    notes: 'id, user_id',
  },
  upgrade: async (tx) => {
    await resetCursorsOnUpgrade(tx)
  },
}

describe('schema versions', () => {
  it('declare increasing version numbers, each once', () => {
    const numbers = SCHEMA_VERSIONS.map((version) => version.version)
    expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b))
  })

  it('open a database made by the first version with its outbox intact', async () => {
    await seedFirstVersion()
    const current = new DxpDatabase(NAME)
    const entries = await current.outbox.orderBy('seq').toArray()
    expect(entries.map((entry) => [entry.id, entry.status])).toEqual([
      [uuidOf(101), 'pending'],
      [uuidOf(102), 'pending'],
      [uuidOf(103), 'rejected'],
    ])
    current.close()
  })

  it('upgrade to a later version without losing or reordering the outbox', async () => {
    await seedFirstVersion()
    const upgraded = new DxpDatabase(NAME, [...SCHEMA_VERSIONS, nextVersion])
    const entries = await upgraded.outbox.orderBy('seq').toArray()
    expect(entries.map((entry) => ({ id: entry.id, kind: entry.kind, status: entry.status }))).toEqual([
      { id: uuidOf(101), kind: 'record_learning', status: 'pending' },
      { id: uuidOf(102), kind: 'register_session', status: 'pending' },
      { id: uuidOf(103), kind: 'record_learning', status: 'rejected' },
    ])
    expect(entries[0]?.args).toEqual(learningInput(uuidOf(2)))
    expect(entries[2]?.last_error_code).toBe('DXP043')
    // The queue keeps its order after the upgrade: a new change goes to the end.
    await mutate(
      upgraded,
      ALICE,
      'register_session',
      { session_id: SESSION },
      { now: NOW, mutationId: uuidOf(104) },
    )
    const last = await upgraded.outbox.orderBy('seq').last()
    expect(last?.id).toBe(uuidOf(104))
    expect(last?.seq).toBeGreaterThan(entries[2]?.seq ?? Infinity)
    // The replica may be pulled again; the cursor says so.
    expect((await getSyncMeta(upgraded, ALICE)).cursor).toBeNull()
    expect(
      await upgraded.replica('learning_records').where('area_code').equals('data_literacy').count(),
    ).toBe(2)
    upgraded.close()
  })
})
