import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { DxpDatabase } from '@/data/db'
import { deleteDraft, loadDraft, saveDraft } from '@/data/drafts'
import { mutate } from '@/data/mutate'
import { applyPullChanges, clearUserData } from '@/data/replica'
import { SCHEMA_VERSIONS } from '@/data/schema'
import { ALICE, BOB, NOW, SESSION, freshDb, learningInput, serverRecord, uuidOf } from './support'

const NAME = 'dxp-drafts-upgrade-test'
const KEY = `survey:${SESSION}`

afterEach(async () => {
  await DxpDatabase.delete(NAME)
})

describe('drafts', () => {
  it('keeps what a user typed under their id and the form key, until it is deleted', async () => {
    const db = freshDb()
    expect(await loadDraft(db, ALICE, KEY)).toBeUndefined()
    await saveDraft(db, ALICE, KEY, { satisfaction: 4 }, NOW)
    await saveDraft(db, ALICE, KEY, { satisfaction: 5, good_points: '具体例' }, NOW)
    await saveDraft(db, BOB, KEY, { satisfaction: 1 }, NOW)
    expect(await loadDraft(db, ALICE, KEY)).toEqual({
      user_id: ALICE,
      key: KEY,
      value: { satisfaction: 5, good_points: '具体例' },
      updated_at: NOW.toISOString(),
    })
    await deleteDraft(db, ALICE, KEY)
    expect(await loadDraft(db, ALICE, KEY)).toBeUndefined()
    expect((await loadDraft(db, BOB, KEY))?.value).toEqual({ satisfaction: 1 })
    db.close()
  })

  it('are cleared with the signed-out user’s data, leaving another user’s drafts', async () => {
    const db = freshDb()
    await applyPullChanges(db, [], ALICE, { cursor: 'a' })
    await applyPullChanges(db, [], BOB, { cursor: 'b' })
    await saveDraft(db, ALICE, KEY, { satisfaction: 4 }, NOW)
    await saveDraft(db, BOB, KEY, { satisfaction: 2 }, NOW)
    expect(await clearUserData(db, ALICE)).toEqual({ ok: true })
    expect(await loadDraft(db, ALICE, KEY)).toBeUndefined()
    expect((await loadDraft(db, BOB, KEY))?.value).toEqual({ satisfaction: 2 })
    db.close()
  })

  it('stay when sign-out is refused because the outbox still holds a change', async () => {
    const db = freshDb()
    await saveDraft(db, ALICE, KEY, { satisfaction: 4 }, NOW)
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    expect((await clearUserData(db, ALICE)).ok).toBe(false)
    expect((await loadDraft(db, ALICE, KEY))?.value).toEqual({ satisfaction: 4 })
    db.close()
  })

  it('arrive by a schema upgrade that keeps the outbox and the replica of the first version', async () => {
    const v1 = new DxpDatabase(NAME, SCHEMA_VERSIONS.slice(0, 1))
    await applyPullChanges(
      v1,
      [{ table: 'learning_records', key: uuidOf(1), op: 'upsert', row: serverRecord(uuidOf(1)) }],
      ALICE,
      { cursor: 'c1' },
    )
    await mutate(
      v1,
      ALICE,
      'register_session',
      { session_id: SESSION },
      { now: NOW, mutationId: uuidOf(101) },
    )
    expect(v1.tables.map((t) => t.name)).not.toContain('drafts')
    v1.close()

    const current = new DxpDatabase(NAME)
    expect((await current.outbox.toArray()).map((e) => [e.id, e.kind, e.status])).toEqual([
      [uuidOf(101), 'register_session', 'pending'],
    ])
    expect(await current.replica('learning_records').get(uuidOf(1))).toEqual(serverRecord(uuidOf(1)))
    // Version 3 adds the notices table: the replica is pulled again from the start to fill it.
    expect((await current.syncMeta.get(ALICE))?.cursor).toBeNull()
    await saveDraft(current, ALICE, KEY, { satisfaction: 3 }, NOW)
    expect((await loadDraft(current, ALICE, KEY))?.value).toEqual({ satisfaction: 3 })
    current.close()
  })
})
