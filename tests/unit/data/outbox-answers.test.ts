import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { PullChange } from '@/contract'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import {
  countOutbox,
  dismissRejected,
  markApplied,
  markInFlight,
  markRejected,
  outboxAbout,
  outboxToPush,
  releaseInFlight,
} from '@/data/outbox'
import { applyPullChanges, clearUserData, getSyncMeta, resetReplica } from '@/data/replica'
import type { AnyRow, RegistrationRow } from '@/data/rows'
import { ALICE, BOB, NOW, SESSION, freshDb, learningInput, serverRecord, uuidOf } from './support'

let db: DxpDatabase

afterEach(async () => {
  await db.delete()
})

const records = () => db.replica('learning_records')

function upsert(table: string, key: string, row: AnyRow): PullChange {
  return { table, key, op: 'upsert', row }
}

function registration(overrides: Partial<RegistrationRow> = {}): RegistrationRow {
  return {
    id: uuidOf(500),
    session_id: SESSION,
    employee_id: ALICE,
    status: 'confirmed',
    waitlist_position: null,
    registered_at: '2026-06-01T03:00:00+00:00',
    updated_at: '2026-06-01T03:00:00+00:00',
    cancelled_at: null,
    checked_in_at: null,
    checked_in_by: null,
    ...overrides,
  }
}

describe('applyPullChanges', () => {
  it('writes upserts and deletes in order and stores the cursor with them', async () => {
    db = freshDb()
    const result = await applyPullChanges(
      db,
      [
        upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1))),
        upsert('learning_records', uuidOf(2), serverRecord(uuidOf(2))),
        { table: 'learning_records', key: uuidOf(1), op: 'delete', row: null },
        upsert('fiscal_year_targets', '2026', { fiscal_year: 2026, leader_target: 30 }),
        upsert('role_requirements', 'leader:data_literacy', {
          role_code: 'leader',
          area_code: 'data_literacy',
        }),
        upsert('future_table', 'x', { x: 1 }),
      ],
      ALICE,
      { cursor: 'c1' },
    )
    expect(result).toEqual({ written: 5, deferred: 0, skipped: 1 })
    expect((await records().toArray()).map((row) => row.id)).toEqual([uuidOf(2)])
    expect(await db.replica('fiscal_year_targets').get(2026)).toEqual({
      fiscal_year: 2026,
      leader_target: 30,
    })
    expect((await getSyncMeta(db, ALICE)).cursor).toBe('c1')

    await applyPullChanges(
      db,
      [
        { table: 'fiscal_year_targets', key: '2026', op: 'delete', row: null },
        { table: 'role_requirements', key: 'leader:data_literacy', op: 'delete', row: null },
      ],
      ALICE,
    )
    expect(await db.replica('fiscal_year_targets').count()).toBe(0)
    expect(await db.replica('role_requirements').count()).toBe(0)
  })

  it('never overwrites a row with a pending change, and does once the change is applied', async () => {
    db = freshDb()
    await records().put(serverRecord(uuidOf(1), { title: '旧', version: 1 }))
    const edit = await mutate(
      db,
      ALICE,
      'update_learning',
      { id: uuidOf(1), version: 1, title: '新' },
      { now: NOW },
    )
    if (!edit.ok) throw new Error('edit refused')

    // The pull still carries the row as it was before the edit reached the server.
    const stale = serverRecord(uuidOf(1), { title: '旧', version: 1, note: 'ほかの端末' })
    const result = await applyPullChanges(db, [upsert('learning_records', uuidOf(1), stale)], ALICE)
    expect(result.deferred).toBe(1)
    expect(await records().get(uuidOf(1))).toMatchObject({ title: '新', version: 2 })

    await markApplied(db, edit.mutationId, serverRecord(uuidOf(1), { title: '新', version: 2 }))
    expect(await records().get(uuidOf(1))).toMatchObject({ title: '新', version: 2 })
    expect(await db.shadows.count()).toBe(0)

    await applyPullChanges(
      db,
      [upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1), { title: '後', version: 3 }))],
      ALICE,
    )
    expect(await records().get(uuidOf(1))).toMatchObject({ title: '後', version: 3 })
  })

  it('refuses a row whose key columns do not make the key it was sent under, and writes nothing', async () => {
    db = freshDb()
    await expect(
      applyPullChanges(db, [upsert('learning_records', uuidOf(2), serverRecord(uuidOf(1)))], ALICE, {
        cursor: 'c',
      }),
    ).rejects.toThrow(/key/)
    expect(await records().count()).toBe(0)
    expect((await getSyncMeta(db, ALICE)).cursor).toBeNull()
  })

  it('keeps showing a pending new record when a pull deletes its key', async () => {
    db = freshDb()
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    await applyPullChanges(
      db,
      [{ table: 'learning_records', key: uuidOf(1), op: 'delete', row: null }],
      ALICE,
    )
    expect(await records().get(uuidOf(1))).toBeDefined()
  })
})

describe('markRejected', () => {
  it('removes a rejected new record and keeps the entry with its reason', async () => {
    db = freshDb()
    const made = await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    if (!made.ok) throw new Error('refused')
    expect(await markRejected(db, made.mutationId, 'DXP043', '知識分野が見つかりません。')).toBe(true)
    expect(await records().get(uuidOf(1))).toBeUndefined()
    expect(await db.outbox.get({ id: made.mutationId })).toMatchObject({
      status: 'rejected',
      last_error_code: 'DXP043',
      last_error_message: '知識分野が見つかりません。',
    })
    expect(await outboxToPush(db, ALICE)).toEqual([])
  })

  it('restores the row a rejected edit changed', async () => {
    db = freshDb()
    await records().put(serverRecord(uuidOf(1), { minutes: 60 }))
    const edit = await mutate(
      db,
      ALICE,
      'update_learning',
      { id: uuidOf(1), version: 1, minutes: 90 },
      { now: NOW },
    )
    if (!edit.ok) throw new Error('refused')
    await markRejected(db, edit.mutationId, 'DXP015', '学習時間は 1〜1440 分で入力してください。')
    expect(await records().get(uuidOf(1))).toEqual(serverRecord(uuidOf(1), { minutes: 60 }))
    expect(await db.shadows.count()).toBe(0)
  })

  it('brings back a record whose deletion was rejected, as the server has it now', async () => {
    db = freshDb()
    await records().put(serverRecord(uuidOf(1)))
    const removal = await mutate(db, ALICE, 'delete_learning', { id: uuidOf(1), version: 1 }, { now: NOW })
    if (!removal.ok) throw new Error('refused')
    const current = serverRecord(uuidOf(1), { version: 2, title: 'ほかの端末で編集' })
    await markRejected(db, removal.mutationId, 'DXP041', 'ほかの端末で更新されています。', current)
    expect(await records().get(uuidOf(1))).toEqual(current)
  })

  it('keeps a later pending edit on top when an earlier one is rejected', async () => {
    db = freshDb()
    await records().put(serverRecord(uuidOf(1)))
    const first = await mutate(
      db,
      ALICE,
      'update_learning',
      { id: uuidOf(1), version: 1, minutes: 90 },
      { now: NOW },
    )
    await mutate(db, ALICE, 'update_learning', { id: uuidOf(1), version: 2, title: '続き' }, { now: NOW })
    if (!first.ok) throw new Error('refused')
    await markRejected(db, first.mutationId, 'DXP090', '制約')
    expect(await records().get(uuidOf(1))).toMatchObject({ minutes: 60, title: '続き', version: 3 })
  })
})

describe('markApplied', () => {
  it('puts the server-decided registration in the replica when the seat is answered', async () => {
    db = freshDb()
    const made = await mutate(db, ALICE, 'register_session', { session_id: SESSION }, { now: NOW })
    if (!made.ok) throw new Error('refused')
    await markApplied(db, made.mutationId, {
      ...registration({ status: 'waitlisted', waitlist_position: 3 }),
    })
    expect(await db.replica('registrations').where({ session_id: SESSION }).toArray()).toMatchObject([
      { status: 'waitlisted', waitlist_position: 3 },
    ])
    expect(await outboxAbout(db, 'sessions', SESSION)).toEqual([])
  })

  it("does not put another employee's checked-in registration in a facilitator's replica", async () => {
    db = freshDb()
    const made = await mutate(db, BOB, 'check_in', { session_id: SESSION, employee_id: ALICE }, { now: NOW })
    if (!made.ok) throw new Error('refused')
    await markApplied(db, made.mutationId, {
      ...registration({ status: 'attended', checked_in_at: NOW.toISOString() }),
    })
    expect(await db.replica('registrations').count()).toBe(0)
  })

  it('clears the 送信待ち of an anonymous survey answer, which the server answers with no row', async () => {
    db = freshDb()
    const answers = { satisfaction: 4 }
    const made = await mutate(
      db,
      ALICE,
      'submit_survey',
      { id: uuidOf(7), session_id: SESSION, answers },
      { now: NOW },
    )
    if (!made.ok) throw new Error('refused')
    expect(await outboxAbout(db, 'sessions', SESSION)).toHaveLength(1)
    // 20260401001400_survey_writes.sql: the answer went into the ballot box, the ledger keeps no row.
    expect(await markApplied(db, made.mutationId, null)).toBe(true)
    expect(await outboxAbout(db, 'sessions', SESSION)).toEqual([])
    expect(await outboxAbout(db, 'survey_responses', uuidOf(7))).toEqual([])
    expect(await db.replica('survey_responses').count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('answers false for an entry another tab has already recorded', async () => {
    db = freshDb()
    expect(await markApplied(db, uuidOf(9), null)).toBe(false)
    expect(await markRejected(db, uuidOf(9), 'DXP013', 'x')).toBe(false)
  })
})

describe('the push queue', () => {
  it("hands out only the user's unanswered entries, oldest first, and counts attempts", async () => {
    db = freshDb()
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), {
      now: NOW,
      mutationId: uuidOf(101),
    })
    await mutate(db, BOB, 'record_learning', learningInput(uuidOf(2)), { now: NOW, mutationId: uuidOf(102) })
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(3)), {
      now: NOW,
      mutationId: uuidOf(103),
    })
    await mutate(
      db,
      ALICE,
      'register_session',
      { session_id: SESSION },
      { now: NOW, mutationId: uuidOf(104) },
    )
    await markRejected(db, uuidOf(103), 'DXP043', 'x')
    expect((await outboxToPush(db, ALICE)).map((entry) => entry.id)).toEqual([uuidOf(101), uuidOf(104)])
    expect((await outboxToPush(db, ALICE, 1)).map((entry) => entry.id)).toEqual([uuidOf(101)])

    expect(await countOutbox(db, ALICE)).toEqual({ pending: 2, rejected: 1 })
    await markInFlight(db, [uuidOf(101), uuidOf(103)])
    expect(await countOutbox(db, ALICE)).toEqual({ pending: 2, rejected: 1 })
    expect(await db.outbox.get({ id: uuidOf(101) })).toMatchObject({ status: 'in_flight', attempts: 1 })
    expect(await db.outbox.get({ id: uuidOf(103) })).toMatchObject({ status: 'rejected', attempts: 0 })
    // An entry in flight when the tab died is sent again: sync_push answers a replay as a duplicate.
    expect((await outboxToPush(db, ALICE)).map((entry) => entry.id)).toEqual([uuidOf(101), uuidOf(104)])

    await releaseInFlight(db, [uuidOf(101)], { code: 'network', message: 'offline' })
    expect(await db.outbox.get({ id: uuidOf(101) })).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error_code: 'network',
    })
  })

  it('lets the user dismiss a rejected entry, and nothing else', async () => {
    db = freshDb()
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), {
      now: NOW,
      mutationId: uuidOf(101),
    })
    expect(await dismissRejected(db, uuidOf(101))).toBe(false)
    await markRejected(db, uuidOf(101), 'DXP043', 'x')
    expect(await dismissRejected(db, uuidOf(101))).toBe(true)
    expect(await db.outbox.count()).toBe(0)
  })
})

describe('resetReplica', () => {
  it('empties the replica and the cursor but keeps the outbox and the pending rows', async () => {
    db = freshDb()
    await applyPullChanges(
      db,
      [
        upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1))),
        upsert('sessions', SESSION, { id: SESSION }),
      ],
      ALICE,
      { cursor: 'c9' },
    )
    await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(2)), { now: NOW })
    const rejected = await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(3)), { now: NOW })
    if (!rejected.ok) throw new Error('refused')
    await markRejected(db, rejected.mutationId, 'DXP043', 'x')

    await resetReplica(db, ALICE)
    expect((await records().toArray()).map((row) => row.id)).toEqual([uuidOf(2)])
    expect(await db.replica('sessions').count()).toBe(0)
    expect((await getSyncMeta(db, ALICE)).cursor).toBeNull()
    expect((await db.outbox.toArray()).map((entry) => entry.status)).toEqual(['pending', 'rejected'])
  })

  it('shows a pending edit again on the row the next pull brings back', async () => {
    db = freshDb()
    await applyPullChanges(db, [upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1)))], ALICE)
    await mutate(db, ALICE, 'update_learning', { id: uuidOf(1), version: 1, minutes: 90 }, { now: NOW })
    await resetReplica(db, ALICE)
    expect(await records().get(uuidOf(1))).toBeUndefined()
    await applyPullChanges(db, [upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1)))], ALICE)
    expect(await records().get(uuidOf(1))).toMatchObject({ minutes: 90, version: 2 })
  })
})

describe('clearUserData', () => {
  it("refuses while the user's outbox holds anything, and clears nothing", async () => {
    db = freshDb()
    await applyPullChanges(db, [upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1)))], ALICE, {
      cursor: 'c',
    })
    await mutate(db, ALICE, 'register_session', { session_id: SESSION }, { now: NOW })
    const rejected = await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(3)), { now: NOW })
    if (!rejected.ok) throw new Error('refused')
    await markRejected(db, rejected.mutationId, 'DXP043', 'x')

    expect(await clearUserData(db, ALICE)).toEqual({
      ok: false,
      reason: 'outbox_not_empty',
      pending: 1,
      rejected: 1,
    })
    expect(await records().count()).toBe(1)
    expect(await db.outbox.count()).toBe(2)
    expect((await getSyncMeta(db, ALICE)).cursor).toBe('c')
  })

  it("clears the user's rows and keeps another user's", async () => {
    db = freshDb()
    await applyPullChanges(
      db,
      [
        upsert('learning_records', uuidOf(1), serverRecord(uuidOf(1))),
        upsert('sessions', SESSION, { id: SESSION }),
      ],
      ALICE,
      { cursor: 'a' },
    )
    await applyPullChanges(
      db,
      [upsert('learning_records', uuidOf(2), serverRecord(uuidOf(2), { employee_id: BOB }))],
      BOB,
      { cursor: 'b' },
    )
    expect(await clearUserData(db, ALICE)).toEqual({ ok: true })
    expect((await records().toArray()).map((row) => row.employee_id)).toEqual([BOB])
    expect(await db.replica('sessions').count()).toBe(1)
    expect(await db.syncMeta.get(ALICE)).toBeUndefined()

    expect(await clearUserData(db, BOB)).toEqual({ ok: true })
    expect(await records().count()).toBe(0)
    expect(await db.replica('sessions').count()).toBe(0)
  })
})
