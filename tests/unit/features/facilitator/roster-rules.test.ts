// The rules the facilitator's session page is built on (src/composables/useFacilitatorRoster.ts and
// useFacilitatorSessions.ts): search, the check-in state of each person, counts, the check-in window.
import { describe, expect, it } from 'vitest'
import type { Roster, RosterPerson } from '@/contract'
import {
  matchesRosterQuery,
  normalizeForSearch,
  rosterCounts,
  rosterEntries,
} from '@/composables/useFacilitatorRoster'
import { isCheckInOpen } from '@/composables/useFacilitatorSessions'
import type { OutboxEntry } from '@/data'
import { navDestinationsFor } from '@/router'

const SESSION = '33333333-3333-4333-8333-333333333333'
const FACILITATOR = '11111111-1111-4111-8111-111111111111'
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

function person(n: number, overrides: Partial<RosterPerson> = {}): RosterPerson {
  return {
    registration_id: id(100 + n),
    employee_id: id(n),
    employee_number: `10${String(n).padStart(4, '0')}`,
    full_name: `職員 ${n}`,
    full_name_kana: `ショクイン ${n}`,
    department_name: '情報政策課',
    status: 'confirmed',
    waitlist_position: null,
    checked_in_at: null,
    walk_in: false,
    survey_submitted: false,
    ...overrides,
  }
}

function roster(people: RosterPerson[], responses = 0): Roster {
  return {
    session_id: SESSION,
    status: 'scheduled',
    starts_at: '2026-12-01T09:00:00+09:00',
    ends_at: '2026-12-01T12:30:00+09:00',
    as_of: '2026-12-01T08:50:00+09:00',
    counts: { capacity: 30, confirmed: 0, attended: 0, waitlisted: 0, no_show: 0, responses },
    people,
  }
}

function checkIn(seq: number, employeeId: string, status: OutboxEntry['status'] = 'pending'): OutboxEntry {
  return {
    seq,
    id: id(900 + seq),
    user_id: FACILITATOR,
    kind: 'check_in',
    args: { session_id: SESSION, employee_id: employeeId },
    attempts: 0,
    status,
    last_error_code: status === 'rejected' ? 'DXP031' : null,
    last_error_message: status === 'rejected' ? '受付できるのは開始 2 時間前から終了 7 日後までです。' : null,
    created_at: '2026-12-01T00:00:00Z',
    touches: [],
    subjects: [`sessions/${SESSION}`, `profiles/${employeeId}`],
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
    expect(normalizeForSearch('ﾔﾏﾀﾞ　ﾊﾅｺ')).toBe(normalizeForSearch('やまだ はなこ'))
  })
})

describe('the check-in state of each person', () => {
  it('shows the server’s attended as 確定, this device’s check-in as 送信待ち, a refused one as 却下 with why', () => {
    const entries = rosterEntries(
      roster([person(1, { status: 'attended' }), person(2), person(3), person(4)]),
      [],
      [checkIn(1, id(2)), checkIn(2, id(3), 'rejected')],
    )
    expect(entries.map((e) => [e.person.employee_id, e.state])).toEqual([
      [id(1), 'checked_in'],
      [id(2), 'pending'],
      [id(3), 'rejected'],
      [id(4), 'waiting'],
    ])
    expect(entries[2]?.rejection).toContain('受付できるのは')
  })

  it('takes the latest change about a person: a refused check-in tapped again is pending again', () => {
    const [entry] = rosterEntries(roster([person(1)]), [], [checkIn(1, id(1), 'rejected'), checkIn(2, id(1))])
    expect(entry?.state).toBe('pending')
  })

  it('lists a walk-in found on this device, sorted by kana among the registrants', () => {
    const entries = rosterEntries(
      roster([person(1, { full_name_kana: 'アベ' }), person(2, { full_name_kana: 'ワタナベ' })]),
      [
        {
          employee_id: id(3),
          employee_number: '100003',
          full_name: '森 五郎',
          full_name_kana: 'モリ ゴロウ',
          department_name: null,
        },
      ],
      [checkIn(1, id(3))],
    )
    expect(entries.map((e) => e.person.full_name_kana)).toEqual(['アベ', 'モリ ゴロウ', 'ワタナベ'])
    expect(entries[1]).toMatchObject({ state: 'pending', person: { walk_in: true } })
  })

  it('counts the pending check-ins as present and the response rate against them', () => {
    const people = [
      person(1, { status: 'attended' }),
      person(2),
      person(3),
      person(4, { status: 'waitlisted', waitlist_position: 1 }),
    ]
    const r = roster(people, 1)
    const counts = rosterCounts(r, rosterEntries(r, [], [checkIn(1, id(2))]))
    expect(counts).toEqual({
      capacity: 30,
      attended: 2,
      expected: 3,
      waitlisted: 1,
      responses: 1,
      responseRate: 50,
    })
    expect(
      rosterCounts(roster([person(1)]), rosterEntries(roster([person(1)]), [], [])).responseRate,
    ).toBeNull()
  })
})

describe('the check-in window', () => {
  const session = {
    starts_at: '2026-12-01T09:00:00+09:00',
    ends_at: '2026-12-01T12:30:00+09:00',
    status: 'scheduled' as const,
  }
  it.each([
    ['2026-12-01T06:59:00+09:00', false],
    ['2026-12-01T07:00:00+09:00', true],
    ['2026-12-08T12:30:00+09:00', true],
    ['2026-12-08T12:31:00+09:00', false],
  ])('at %s is %s', (at, open) => {
    expect(isCheckInOpen(session, Date.parse(at))).toBe(open)
  })
  it('is closed for a cancelled session', () => {
    expect(isCheckInOpen({ ...session, status: 'cancelled' }, Date.parse('2026-12-01T10:00:00+09:00'))).toBe(
      false,
    )
  })
})

describe('the navigation', () => {
  it('shows 担当 to facilitators and the DX division only', () => {
    const names = (role: Parameters<typeof navDestinationsFor>[0]) =>
      navDestinationsFor(role).map((d) => d.name)
    const everyone = ['home', 'areas', 'catalogue', 'route']
    expect(names('facilitator')).toEqual([...everyone, 'facilitator', 'settings'])
    expect(names('dx_admin')).toEqual([...everyone, 'facilitator', 'division', 'settings'])
    expect(names('employee')).toEqual([...everyone, 'settings'])
    expect(names(null)).toEqual([...everyone, 'settings'])
  })
})
