import { describe, expect, it } from 'vitest'
import {
  registrationState,
  seatsLeft,
  type MyChangeFacts,
  type MyRegistrationFacts,
  type RegistrationState,
  type SessionFacts,
} from '@/domain/registration-state'

const NOW = new Date('2026-12-01T10:00:00+09:00')
const session = (overrides: Partial<SessionFacts> = {}): SessionFacts => ({
  status: 'scheduled',
  starts_at: '2027-01-21T09:00:00+09:00',
  registration_deadline: '2027-01-14T17:00:00+09:00',
  capacity: 20,
  confirmed_count: 5,
  waitlist_count: 0,
  ...overrides,
})
const mine = (status: MyRegistrationFacts['status'], waitlist_position: number | null = null) => ({
  status,
  waitlist_position,
  registered_at: '2026-11-20T12:00:00+09:00',
})
const change = (
  seq: number,
  kind: MyChangeFacts['kind'],
  status: MyChangeFacts['status'] = 'pending',
  last_error_code: string | null = null,
): MyChangeFacts => ({ seq, id: `op-${seq}`, kind, status, last_error_code })

type Case = [
  string,
  SessionFacts,
  MyRegistrationFacts[],
  MyChangeFacts[],
  Pick<RegistrationState, 'view' | 'action'>,
]

describe('registrationState', () => {
  it.each<Case>([
    [
      'open with seats left',
      session(),
      [],
      [],
      { view: { kind: 'open', seatsLeft: 15 }, action: 'register' },
    ],
    [
      'full: registering will waitlist, and says behind how many',
      session({ confirmed_count: 20, waitlist_count: 3 }),
      [],
      [],
      { view: { kind: 'full', waitlistLength: 3 }, action: 'join_waitlist' },
    ],
    [
      'full while people wait, even with a seat free (the server promotes them first)',
      session({ confirmed_count: 19, waitlist_count: 1 }),
      [],
      [],
      { view: { kind: 'full', waitlistLength: 1 }, action: 'join_waitlist' },
    ],
    [
      'a registration waiting in the outbox: 申込み送信待ち, no button',
      session(),
      [],
      [change(1, 'register_session', 'pending')],
      { view: { kind: 'sending_registration' }, action: null },
    ],
    [
      'a registration sent but not answered yet is still 送信待ち',
      session(),
      [],
      [change(1, 'register_session', 'in_flight')],
      { view: { kind: 'sending_registration' }, action: null },
    ],
    [
      'a cancellation waiting in the outbox: キャンセル送信待ち, over the confirmed seat it cancels',
      session(),
      [mine('confirmed')],
      [change(2, 'cancel_registration')],
      { view: { kind: 'sending_cancellation' }, action: null },
    ],
    [
      'confirmed by the server: 確定, may cancel',
      session(),
      [mine('cancelled'), mine('confirmed')],
      [],
      { view: { kind: 'confirmed' }, action: 'cancel' },
    ],
    [
      'waitlisted: its position, may cancel',
      session({ confirmed_count: 20, waitlist_count: 4 }),
      [mine('waitlisted', 3)],
      [],
      { view: { kind: 'waitlisted', position: 3 }, action: 'cancel' },
    ],
    [
      'confirmed in a session that has started: no cancelling any more',
      session({ starts_at: '2026-12-01T09:00:00+09:00', registration_deadline: '2026-11-24T17:00:00+09:00' }),
      [mine('confirmed')],
      [],
      { view: { kind: 'confirmed' }, action: null },
    ],
    [
      'deadline passed: 締切',
      session({ registration_deadline: '2026-12-01T09:59:00+09:00' }),
      [],
      [],
      { view: { kind: 'closed' }, action: null },
    ],
    [
      'closed by the division: 締切',
      session({ status: 'closed' }),
      [],
      [],
      { view: { kind: 'closed' }, action: null },
    ],
    [
      'a cancelled registration only: as if never registered',
      session(),
      [mine('cancelled')],
      [],
      { view: { kind: 'open', seatsLeft: 15 }, action: 'register' },
    ],
    [
      'cancelled session: 中止, even for my confirmed seat',
      session({ status: 'cancelled' }),
      [mine('confirmed')],
      [],
      { view: { kind: 'session_cancelled' }, action: null },
    ],
    [
      'attended',
      session({ status: 'closed' }),
      [mine('attended')],
      [],
      { view: { kind: 'attended' }, action: null },
    ],
    [
      'no-show',
      session({ status: 'closed' }),
      [mine('no_show')],
      [],
      { view: { kind: 'no_show' }, action: null },
    ],
    [
      'the last of several pending changes decides',
      session(),
      [],
      [change(2, 'cancel_registration'), change(1, 'register_session')],
      { view: { kind: 'sending_cancellation' }, action: null },
    ],
  ])('%s', (_name, s, registrations, changes, expected) => {
    expect(registrationState(s, registrations, changes, NOW)).toMatchObject(expected)
  })

  it('shows a rejection with its code, over the server state it fell back to', () => {
    const state = registrationState(
      session({ status: 'closed' }),
      [],
      [change(1, 'register_session', 'rejected', 'DXP022')],
      NOW,
    )
    expect(state).toEqual({
      view: { kind: 'closed' },
      action: null,
      rejection: { mutationId: 'op-1', kind: 'register_session', code: 'DXP022' },
    })
  })

  it('lets a newer change hide an older rejection, but not an older change a newer one', () => {
    const retried = registrationState(
      session(),
      [],
      [change(1, 'register_session', 'rejected', 'DXP090'), change(2, 'register_session')],
      NOW,
    )
    expect(retried.rejection).toBeNull()
    const after = registrationState(
      session(),
      [mine('confirmed')],
      [change(3, 'cancel_registration', 'rejected', 'DXP025')],
      NOW,
    )
    expect(after).toMatchObject({ view: { kind: 'confirmed' }, rejection: { code: 'DXP025' } })
  })

  it('has no rejection when nothing was refused', () => {
    expect(registrationState(session(), [], [], NOW).rejection).toBeNull()
  })
})

describe('seatsLeft', () => {
  it.each([
    [20, 5, 15],
    [20, 20, 0],
    [20, 22, 0],
  ])('of %i seats with %i taken is %i', (capacity, taken, left) => {
    expect(seatsLeft({ capacity, confirmed_count: taken })).toBe(left)
  })
})
