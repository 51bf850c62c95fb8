// The facilitator's roster rules (src/domain/roster.ts): search, the check-in state of each person,
// the counts above the roster, and the walk-in's employee number.
import { describe, expect, it } from 'vitest'
import {
  matchesRosterQuery,
  normalizeRosterSearch,
  rosterCounts,
  rosterEntries,
  walkInNumber,
  type RosterCheckIn,
  type RosterPersonFields,
} from '@/domain/roster'

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

function person(n: number, overrides: Partial<RosterPersonFields> = {}): RosterPersonFields {
  return {
    employee_id: id(n),
    employee_number: `10${String(n).padStart(4, '0')}`,
    full_name: `職員 ${n}`,
    full_name_kana: `ショクイン ${n}`,
    status: 'confirmed',
    ...overrides,
  }
}

function checkIn(employeeId: string, rejected = false): RosterCheckIn {
  return {
    employee_id: employeeId,
    undo: false,
    rejected,
    error_code: rejected ? 'DXP031' : null,
    error_message: rejected ? '受付できるのは開始 2 時間前から終了 7 日後までです。' : null,
  }
}

describe('the roster search box', () => {
  const yamada = person(1, {
    full_name: '山田 花子',
    full_name_kana: 'ヤマダ ハナコ',
    employee_number: 'A01234',
  })

  it.each(['ヤマダ', 'やまだ', 'ﾔﾏﾀﾞ', 'やまだはなこ', '山田', 'a01234', 'Ａ０１２３４', '1234'])(
    'finds ヤマダ ハナコ by %s',
    (query) => {
      expect(matchesRosterQuery(yamada, query)).toBe(true)
    },
  )

  it('finds everyone with an empty query and nobody with an unrelated one', () => {
    expect(matchesRosterQuery(yamada, '  ')).toBe(true)
    expect(matchesRosterQuery(yamada, 'サトウ')).toBe(false)
  })

  it('folds width, kana and spaces', () => {
    expect(normalizeRosterSearch('ﾔﾏﾀﾞ　ﾊﾅｺ')).toBe(normalizeRosterSearch('やまだ はなこ'))
  })
})

function undo(employeeId: string, rejected = false): RosterCheckIn {
  return {
    employee_id: employeeId,
    undo: true,
    rejected,
    error_code: rejected ? 'DXP033' : null,
    error_message: rejected ? 'この職員の出席は記録されていません。名簿を更新してご確認ください。' : null,
  }
}

describe('the check-in state of each person', () => {
  it('shows the server’s attended as 確定, this device’s check-in as 送信待ち, a refused one as 却下 with why', () => {
    const entries = rosterEntries(
      [person(1, { status: 'attended' }), person(2), person(3), person(4)],
      [],
      [checkIn(id(2)), checkIn(id(3), true)],
    )
    expect(entries.map((e) => [e.person.employee_id, e.state])).toEqual([
      [id(1), 'checked_in'],
      [id(2), 'pending'],
      [id(3), 'rejected'],
      [id(4), 'waiting'],
    ])
    expect(entries[2]).toMatchObject({ rejectionCode: 'DXP031' })
    expect(entries[2]?.rejection).toContain('受付できるのは')
  })

  it('takes the latest change about a person: a refused check-in tapped again is pending again', () => {
    const [entry] = rosterEntries([person(1)], [], [checkIn(id(1), true), checkIn(id(1))])
    expect(entry?.state).toBe('pending')
  })

  it('shows an undo waiting to be sent, over the server’s attended or this device’s pending check-in', () => {
    const entries = rosterEntries(
      [person(1, { status: 'attended' }), person(2)],
      [],
      [checkIn(id(2)), undo(id(1)), undo(id(2))],
    )
    expect(entries.map((e) => [e.state, e.present])).toEqual([
      ['undo_pending', false],
      ['undo_pending', false],
    ])
  })

  it('shows a refused undo with why, the server’s attendance standing, and a new check-in over it', () => {
    const entries = rosterEntries(
      [person(1, { status: 'attended' }), person(2), person(3)],
      [],
      [undo(id(1), true), undo(id(2), true), undo(id(3), true), checkIn(id(3))],
    )
    expect(entries.map((e) => [e.state, e.present, e.rejectionCode])).toEqual([
      ['undo_rejected', true, 'DXP033'],
      ['undo_rejected', false, 'DXP033'],
      ['pending', true, null],
    ])
    expect(entries[0]?.rejection).toContain('出席は記録されていません')
  })

  it('marks who is present: attended or checked in here, not refused, not undone', () => {
    const entries = rosterEntries(
      [person(1, { status: 'attended' }), person(2), person(3), person(4)],
      [],
      [checkIn(id(2)), checkIn(id(3), true)],
    )
    expect(entries.map((e) => e.present)).toEqual([true, true, false, false])
  })

  it('lists a walk-in found on this device once, sorted by kana among the registrants', () => {
    const walkIn = person(3, { full_name_kana: 'モリ ゴロウ' })
    const entries = rosterEntries(
      [person(1, { full_name_kana: 'アベ' }), person(2, { full_name_kana: 'ワタナベ' })],
      [walkIn, walkIn],
      [checkIn(id(3))],
    )
    expect(entries.map((e) => e.person.full_name_kana)).toEqual(['アベ', 'モリ ゴロウ', 'ワタナベ'])
    expect(entries[1]).toMatchObject({ state: 'pending', person: walkIn })
  })

  it('does not list a walk-in again once the server’s roster has them', () => {
    const entries = rosterEntries([person(1, { status: 'attended' })], [person(1)], [])
    expect(entries.map((e) => e.state)).toEqual(['checked_in'])
  })

  it('counts the pending check-ins as present and the response rate against them', () => {
    const people = [
      person(1, { status: 'attended' }),
      person(2),
      person(3),
      person(4, { status: 'waitlisted' }),
    ]
    const counts = rosterCounts({ capacity: 30, responses: 1 }, rosterEntries(people, [], [checkIn(id(2))]))
    expect(counts).toEqual({
      capacity: 30,
      attended: 2,
      expected: 3,
      waitlisted: 1,
      responses: 1,
      responseRate: 50,
    })
    expect(
      rosterCounts({ capacity: 30, responses: 0 }, rosterEntries([person(1)], [], [])).responseRate,
    ).toBeNull()
    const undone = rosterEntries(people, [], [checkIn(id(2)), undo(id(1))])
    expect(rosterCounts({ capacity: 30, responses: 1 }, undone).attended).toBe(1)
    expect(rosterCounts(null, [])).toMatchObject({ capacity: 0, responses: 0, responseRate: null })
  })
})

describe('the walk-in’s employee number', () => {
  it.each([
    ['100123', '100123'],
    [' ｅ００１２３ ', 'E00123'],
    ['a-0001', 'A-0001'],
  ])('reads %j as %s', (input, number) => {
    expect(walkInNumber(input)).toBe(number)
  })

  it.each(['', '12', '-10012', '1001 23', 'ABCDEFGHIJKLMNOPQRSTU'])('refuses %j', (input) => {
    expect(walkInNumber(input)).toBeNull()
  })
})
