import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { ALICE, NOW, SESSION, freshDb, learningInput, serverRecord, uuidOf } from './support'

let db: DxpDatabase

afterEach(async () => {
  await db.delete()
})

describe('mutate', () => {
  it('writes the optimistic record and its outbox entry together', async () => {
    db = freshDb()
    const result = await mutate(
      db,
      ALICE,
      'record_learning',
      learningInput(uuidOf(1), { title: '  統計  ' }),
      {
        now: NOW,
        mutationId: uuidOf(100),
      },
    )
    expect(result.ok).toBe(true)
    const row = await db.replica('learning_records').get(uuidOf(1))
    expect(row).toMatchObject({ id: uuidOf(1), employee_id: ALICE, title: '統計', version: 1, note: '' })
    const entries = await db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      id: uuidOf(100),
      user_id: ALICE,
      kind: 'record_learning',
      status: 'pending',
      attempts: 0,
      args: { title: '統計' },
      touches: [`learning_records/${uuidOf(1)}`],
    })
  })

  it('leaves neither row nor entry when writing the row fails inside the transaction', async () => {
    db = freshDb()
    await db.open()
    db.replica('learning_records').hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(
      mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW }),
    ).rejects.toThrow()
    expect(await db.outbox.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)
    expect(await db.shadows.count()).toBe(0)
  })

  it('leaves neither row nor entry when writing the entry fails inside the transaction', async () => {
    db = freshDb()
    await db.open()
    db.outbox.hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(
      mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), { now: NOW }),
    ).rejects.toThrow()
    expect(await db.outbox.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)
  })

  it('queues changes in the order they were made', async () => {
    db = freshDb()
    for (let i = 1; i <= 5; i += 1) {
      await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(i)), {
        now: NOW,
        mutationId: uuidOf(100 + i),
      })
    }
    await mutate(db, ALICE, 'delete_learning', { id: uuidOf(2) }, { now: NOW, mutationId: uuidOf(106) })
    const ids = (await db.outbox.orderBy('seq').toArray()).map((entry) => entry.id)
    expect(ids).toEqual([101, 102, 103, 104, 105, 106].map(uuidOf))
    const seqs = (await db.outbox.orderBy('seq').toArray()).map((entry) => entry.seq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
  })

  it('shows an edit at once, with the version the server will give it', async () => {
    db = freshDb()
    await db.replica('learning_records').put(serverRecord(uuidOf(1), { version: 3 }))
    await mutate(db, ALICE, 'update_learning', { id: uuidOf(1), version: 3, minutes: 90 }, { now: NOW })
    expect(await db.replica('learning_records').get(uuidOf(1))).toMatchObject({ minutes: 90, version: 4 })
    expect(await db.shadows.get(`learning_records/${uuidOf(1)}`)).toMatchObject({
      row: { minutes: 60, version: 3 },
    })
  })

  it('removes a deleted record at once', async () => {
    db = freshDb()
    await db.replica('learning_records').put(serverRecord(uuidOf(1)))
    await mutate(db, ALICE, 'delete_learning', { id: uuidOf(1), version: 1 }, { now: NOW })
    expect(await db.replica('learning_records').get(uuidOf(1))).toBeUndefined()
    expect(await db.outbox.count()).toBe(1)
  })

  it('never pretends a seat is confirmed: a registration only marks its session as pending', async () => {
    db = freshDb()
    const result = await mutate(db, ALICE, 'register_session', { session_id: SESSION }, { now: NOW })
    expect(result.ok).toBe(true)
    expect(await db.replica('registrations').count()).toBe(0)
    const marked = await db.outbox.where('subjects').equals(`sessions/${SESSION}`).toArray()
    expect(marked.map((entry) => entry.kind)).toEqual(['register_session'])
    expect(marked[0]?.touches).toEqual([])
  })

  it.each([
    [
      'a missing title',
      'record_learning',
      learningInput(uuidOf(1), { title: undefined as unknown as string }),
      'DXP013',
    ],
    ['a blank title', 'record_learning', learningInput(uuidOf(1), { title: '   ' }), 'DXP015'],
    [
      'a title over 200 characters',
      'record_learning',
      learningInput(uuidOf(1), { title: 'あ'.repeat(201) }),
      'DXP014',
    ],
    ['0 minutes', 'record_learning', learningInput(uuidOf(1), { minutes: 0 }), 'DXP015'],
    ['a note with U+0000', 'record_learning', learningInput(uuidOf(1), { note: 'メモ\u0000です' }), 'DXP017'],
    [
      'a title with a lone surrogate',
      'record_learning',
      learningInput(uuidOf(1), { title: '学習\ud83d' }),
      'DXP017',
    ],
    [
      'a title with an escape character',
      'record_learning',
      learningInput(uuidOf(1), { title: '\u001b[31m' }),
      'DXP017',
    ],
    [
      'a survey answer keyed by a lone surrogate',
      'submit_survey',
      { id: uuidOf(1), session_id: SESSION, answers: { '\udc00': 'x' } },
      'DXP017',
    ],
    [
      'a free-text survey answer with U+0000',
      'submit_survey',
      { id: uuidOf(1), session_id: SESSION, answers: { comment: 'よかった\u0000' } },
      'DXP017',
    ],
    [
      'a cancellation reason with a vertical tab',
      'cancel_session',
      { session_id: SESSION, reason: '台風のため\u000b中止' },
      'DXP017',
    ],
    [
      'a date after today in Tokyo',
      'record_learning',
      learningInput(uuidOf(1), { completed_on: '2026-06-02' }),
      'DXP016',
    ],
    [
      'a session record: only attendance writes those',
      'record_learning',
      learningInput(uuidOf(1), { source: 'session' as 'other' }),
      'DXP044',
    ],
    [
      'an argument the kind does not have',
      'record_learning',
      { ...learningInput(uuidOf(1)), employee_id: ALICE },
      'DXP013',
    ],
    ['a session id that is not a UUID', 'register_session', { session_id: 'abc' }, 'DXP013'],
    [
      'an answer collected in the future',
      'submit_survey',
      { id: uuidOf(1), session_id: SESSION, answers: {}, collected_at: '2026-06-02T00:00:00+09:00' },
      'DXP016',
    ],
  ] as const)('refuses %s and writes nothing', async (_what, kind, input, code) => {
    db = freshDb()
    // The cast stands for a form that passes unchecked input: the runtime check is what is tested.
    const result = await mutate(db, ALICE, kind, input as never, { now: NOW })
    expect(result).toMatchObject({ ok: false, code })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)
    expect(await db.shadows.count()).toBe(0)
  })

  it('refuses a mutationId sync_push would not accept, and writes nothing', async () => {
    db = freshDb()
    const result = await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)), {
      now: NOW,
      mutationId: 'op-1',
    })
    expect(result).toMatchObject({ ok: false, code: 'DXP010' })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)
  })

  it('refuses a change without a signed-in user', async () => {
    db = freshDb()
    const result = await mutate(db, '', 'record_learning', learningInput(uuidOf(1)), { now: NOW })
    expect(result).toMatchObject({ ok: false, code: 'DXP001' })
    expect(await db.outbox.count()).toBe(0)
  })
})
