// The DX division's certification decisions on the device: queued in the outbox like every change,
// predicting nothing (the server re-checks every rule), marking the employee or certification pending.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { ALICE, NOW, freshDb, uuidOf } from './support'

let db: DxpDatabase

afterEach(async () => {
  await db.delete()
})

const EMPLOYEE = uuidOf(7)
const CERTIFICATION = uuidOf(8)

describe('certification decisions', () => {
  it.each([
    ['approve_certification', { employee_id: EMPLOYEE, fiscal_year: 2026 }, `profiles/${EMPLOYEE}`],
    ['return_candidate', { employee_id: EMPLOYEE, reason: '記録が不足しています' }, `profiles/${EMPLOYEE}`],
    ['nominate_candidate', { employee_id: EMPLOYEE, fiscal_year: 2027 }, `profiles/${EMPLOYEE}`],
    ['acknowledge_volunteer', { employee_id: EMPLOYEE }, `profiles/${EMPLOYEE}`],
    [
      'revoke_certification',
      { certification_id: CERTIFICATION, reason: '誤りがあったため' },
      `certifications/${CERTIFICATION}`,
    ],
  ] as const)('queues %s touching no row, its subject marked pending', async (kind, args, subject) => {
    db = freshDb()
    const result = await mutate(db, ALICE, kind, args, { now: NOW })
    expect(result.ok).toBe(true)
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ kind, status: 'pending', touches: [], subjects: [subject] })
    expect(await db.replica('certifications').count()).toBe(0)
    expect(await db.replica('certification_decisions').count()).toBe(0)
  })

  it('refuses a return without a reason before queueing it', async () => {
    db = freshDb()
    const result = await mutate(
      db,
      ALICE,
      'return_candidate',
      { employee_id: EMPLOYEE, reason: '  ' },
      { now: NOW },
    )
    expect(result.ok).toBe(false)
    expect(await db.outbox.count()).toBe(0)
  })
})
