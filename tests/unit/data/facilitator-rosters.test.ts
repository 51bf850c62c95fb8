// The facilitator's rosters on the device (src/data/facilitator-rosters.ts): the server's answer kept
// with this device's walk-ins and noted numbers, and the check-ins confirmed on it.
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import type { Roster } from '@/contract'
import type { OutboxEntry } from '@/data/db'
import {
  addWalkIn,
  loadRoster,
  noteWalkInNumber,
  recordConfirmedCheckIns,
  rosterCheckIns,
  saveRoster,
  settleNotedNumber,
  walkInPerson,
} from '@/data/facilitator-rosters'
import { ALICE, NOW, SESSION, freshDb, uuidOf } from './support'

const REGISTRANT = uuidOf(1)
const WALK_IN = {
  employee_id: uuidOf(2),
  employee_number: '100002',
  full_name: '森 五郎',
  full_name_kana: 'モリ ゴロウ',
  department_name: null,
}

const roster = (people: Roster['people'] = []): Roster => ({
  session_id: SESSION,
  status: 'scheduled',
  starts_at: '2026-12-01T09:00:00+09:00',
  ends_at: '2026-12-01T12:30:00+09:00',
  as_of: '2026-12-01T08:50:00+09:00',
  counts: { capacity: 30, confirmed: 1, attended: 0, waitlisted: 0, no_show: 0, responses: 0 },
  people,
})
// A registrant is listed as a walk-in would be, less the walk-in mark and with a registration of their own.
const registrant = {
  ...walkInPerson({ ...WALK_IN, employee_id: REGISTRANT, employee_number: '100001' }, 'confirmed', null),
  registration_id: uuidOf(101),
  walk_in: false,
}

const checkedIn = (employee_id: string) => ({ employee_id, undo: false })
const undone = (employee_id: string) => ({ employee_id, undo: true })

/** The cached roster's people after `changes` were confirmed on a roster of the registrant and a walk-in. */
async function peopleAfter(changes: { employee_id: string; undo: boolean }[]) {
  const db = freshDb()
  await saveRoster(db, ALICE, SESSION, roster([registrant]))
  await addWalkIn(db, ALICE, SESSION, WALK_IN)
  await recordConfirmedCheckIns(db, ALICE, SESSION, changes, NOW)
  const cached = await loadRoster(db, ALICE, SESSION)
  expect(cached?.walk_ins).toEqual([])
  return cached?.roster.people.map((p) => [p.employee_id, p.status, p.checked_in_at, p.walk_in])
}

describe('the cached roster', () => {
  it('confirms this device’s check-ins on it: the registrant attended, the walk-in listed as attended', async () => {
    expect(await peopleAfter([checkedIn(REGISTRANT), checkedIn(WALK_IN.employee_id)])).toEqual([
      [REGISTRANT, 'attended', NOW.toISOString(), false],
      [WALK_IN.employee_id, 'attended', NOW.toISOString(), true],
    ])
  })

  it('confirms this device’s undos on it, in order: the registrant confirmed again, the walk-in gone', async () => {
    const walkIn = WALK_IN.employee_id
    expect(
      await peopleAfter([checkedIn(REGISTRANT), checkedIn(walkIn), undone(REGISTRANT), undone(walkIn)]),
    ).toEqual([[REGISTRANT, 'confirmed', null, false]])
  })

  it('puts an undone registrant down as absent once the session is closed', async () => {
    const db = freshDb()
    const attended = { ...registrant, status: 'attended' as const, checked_in_at: NOW.toISOString() }
    await saveRoster(db, ALICE, SESSION, { ...roster([attended]), status: 'closed' })
    await recordConfirmedCheckIns(db, ALICE, SESSION, [undone(REGISTRANT)], NOW)
    expect((await loadRoster(db, ALICE, SESSION))?.roster.people.map((p) => p.status)).toEqual(['no_show'])
  })

  it('drops a walk-in once the server lists them, and keeps the numbers noted offline', async () => {
    const db = freshDb()
    await saveRoster(db, ALICE, SESSION, roster())
    await addWalkIn(db, ALICE, SESSION, WALK_IN)
    expect(await noteWalkInNumber(db, ALICE, SESSION, '100009', NOW)).toBe(true)
    expect(await noteWalkInNumber(db, ALICE, SESSION, '100009', NOW)).toBe(true)
    await saveRoster(db, ALICE, SESSION, roster([{ ...registrant, employee_id: WALK_IN.employee_id }]))
    const cached = await loadRoster(db, ALICE, SESSION)
    expect(cached?.walk_ins).toEqual([])
    expect(cached?.noted_numbers).toEqual([
      { number: '100009', noted_at: NOW.toISOString(), not_found: false },
    ])
  })

  it('notes nothing without a roster on the device', async () => {
    expect(await noteWalkInNumber(freshDb(), ALICE, SESSION, '100009', NOW)).toBe(false)
  })

  it('forgets a noted number once found, marks it when nobody has it, and forgets it when asked', async () => {
    const db = freshDb()
    await saveRoster(db, ALICE, SESSION, roster())
    for (const number of ['100007', '100008', '100009'])
      await noteWalkInNumber(db, ALICE, SESSION, number, NOW)
    await settleNotedNumber(db, ALICE, SESSION, '100007', true)
    await settleNotedNumber(db, ALICE, SESSION, '100008', false)
    expect(
      (await loadRoster(db, ALICE, SESSION))?.noted_numbers?.map((n) => [n.number, n.not_found]),
    ).toEqual([
      ['100008', true],
      ['100009', false],
    ])
    await settleNotedNumber(db, ALICE, SESSION, '100008', null)
    expect((await loadRoster(db, ALICE, SESSION))?.noted_numbers?.map((n) => n.number)).toEqual(['100009'])
  })
})

describe('this device’s check-ins', () => {
  const entry = (
    seq: number,
    kind: 'check_in' | 'undo_check_in' | 'close_session',
    status: OutboxEntry['status'],
  ) =>
    ({
      seq,
      id: uuidOf(900 + seq),
      user_id: ALICE,
      kind,
      args:
        kind === 'close_session'
          ? { session_id: SESSION }
          : { session_id: SESSION, employee_id: uuidOf(seq) },
      attempts: 0,
      status,
      last_error_code: status === 'rejected' ? 'DXP031' : null,
      last_error_message: status === 'rejected' ? '受付時間外です。' : null,
      created_at: NOW.toISOString(),
      touches: [],
      subjects: [],
    }) as unknown as OutboxEntry

  it('are the check_in and undo_check_in entries in order, refused ones with the server’s reason', () => {
    expect(
      rosterCheckIns([
        entry(1, 'check_in', 'pending'),
        entry(2, 'close_session', 'pending'),
        entry(3, 'check_in', 'rejected'),
        entry(4, 'undo_check_in', 'pending'),
      ]),
    ).toEqual([
      { employee_id: uuidOf(1), undo: false, rejected: false, error_code: null, error_message: null },
      {
        employee_id: uuidOf(3),
        undo: false,
        rejected: true,
        error_code: 'DXP031',
        error_message: '受付時間外です。',
      },
      { employee_id: uuidOf(4), undo: true, rejected: false, error_code: null, error_message: null },
    ])
  })
})
