// Marking notices read on the device: shown read at once, still read once the server applied it
// (its answer carries no row), unread again if the server refused it.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { markApplied, markRejected } from '@/data/outbox'
import { applyPullChanges } from '@/data/replica'
import type { NoticeRow } from '@/data/rows'
import { ALICE, NOW, SESSION, freshDb, uuidOf } from './support'

let db: DxpDatabase

afterEach(async () => {
  await db.delete()
})

function notice(n: number, overrides: Partial<NoticeRow> = {}): NoticeRow {
  return {
    id: uuidOf(n),
    employee_id: ALICE,
    kind: 'waitlist_promoted',
    session_id: SESSION,
    decision_id: null,
    fiscal_year: null,
    reason: null,
    created_at: '2026-05-30T01:00:00+00:00',
    read_at: null,
    ...overrides,
  }
}

async function seed(...rows: NoticeRow[]) {
  db = freshDb()
  await applyPullChanges(
    db,
    rows.map((row) => ({ table: 'notices', key: row.id, op: 'upsert', row })),
    ALICE,
    { cursor: 'c1' },
  )
}

const readAt = async (n: number) => (await db.replica('notices').get(uuidOf(n)))?.read_at

describe('mark_notices_read on the device', () => {
  it('shows the notices read at once, and keeps them read when the server applies it', async () => {
    await seed(notice(1), notice(2), notice(3, { read_at: '2026-05-31T00:00:00+00:00' }))
    const result = await mutate(
      db,
      ALICE,
      'mark_notices_read',
      { ids: [uuidOf(1), uuidOf(3)] },
      { now: NOW, mutationId: uuidOf(100) },
    )
    expect(result.ok).toBe(true)
    expect(await readAt(1)).toBe(NOW.toISOString())
    expect(await readAt(2)).toBeNull()
    expect(await readAt(3)).toBe('2026-05-31T00:00:00+00:00')

    await markApplied(db, uuidOf(100), null)
    expect(await readAt(1)).toBe(NOW.toISOString())
    expect(await db.shadows.count()).toBe(0)
  })

  it('shows them unread again when the server refuses', async () => {
    await seed(notice(1))
    await mutate(db, ALICE, 'mark_notices_read', { ids: [uuidOf(1)] }, { now: NOW, mutationId: uuidOf(100) })
    await markRejected(db, uuidOf(100), 'DXP150', 'お知らせが見つかりません。')
    expect(await readAt(1)).toBeNull()
  })

  it('refuses an empty list on the device, as the server would', async () => {
    await seed(notice(1))
    expect(await mutate(db, ALICE, 'mark_notices_read', { ids: [] })).toMatchObject({
      ok: false,
      code: 'DXP015',
    })
  })
})
