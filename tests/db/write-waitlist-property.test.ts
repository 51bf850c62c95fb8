// Random sequences of registrations, cancellations and check-ins against one small session, compared
// step by step with a model of the rules: seats go first come first served, a freed seat goes to the
// head of the waitlist, positions stay 1…n, and the server's answer is the model's.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, op, pushOne, registrationsOf } from './write-support'

const CAPACITY = 2
const PEOPLE = 5

let db: TestDb
let facilitator: UserClaims
let people: UserClaims[]

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  people = []
  for (let i = 0; i < PEOPLE; i += 1) people.push(await db.createUser())
})
afterAll(() => db?.close())

type Step = { kind: 'register_session' | 'cancel_registration' | 'check_in'; who: number }
type State = { status: Map<number, 'confirmed' | 'attended'>; waitlist: number[] }

/** The rules as a few lines of TypeScript: returns the expected code (null = applied) and changes `s`. */
function model(s: State, { kind, who }: Step): string | null {
  const seated = () => s.status.size
  const active = s.status.has(who) || s.waitlist.includes(who)
  const promote = () => {
    while (seated() < CAPACITY && s.waitlist.length > 0) s.status.set(s.waitlist.shift()!, 'confirmed')
  }
  if (kind === 'register_session') {
    if (active) return 'DXP023'
    if (seated() < CAPACITY && s.waitlist.length === 0) s.status.set(who, 'confirmed')
    else s.waitlist.push(who)
    return null
  }
  if (kind === 'cancel_registration') {
    if (!active) return 'DXP024'
    if (s.status.get(who) === 'attended') return 'DXP025'
    s.status.delete(who)
    s.waitlist = s.waitlist.filter((w) => w !== who)
    promote()
    return null
  }
  // check_in: attended stays attended; anyone else (waitlisted, confirmed, walk-in) is now attended.
  s.waitlist = s.waitlist.filter((w) => w !== who)
  s.status.set(who, 'attended')
  return null
}

const who = fc.integer({ min: 0, max: PEOPLE - 1 })
// Weighted towards registrations so that queues form and cancellations have someone to promote.
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('register_session' as const), who }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('cancel_registration' as const), who }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('check_in' as const), who }), weight: 1 },
)
const promotion: Step[] = [
  { kind: 'register_session', who: 0 },
  { kind: 'register_session', who: 1 },
  { kind: 'register_session', who: 2 },
  { kind: 'register_session', who: 3 },
  { kind: 'cancel_registration', who: 0 },
]

it('keeps capacity, waitlist order and contiguous positions through any sequence of changes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 16 }), async (steps) => {
      const sessionId = await createSession(db, {
        capacity: CAPACITY,
        facilitatorId: facilitator.sub,
        startsIn: '1 hour',
        deadlineIn: '30 minutes',
      })
      const state: State = { status: new Map(), waitlist: [] }
      for (const step of steps) {
        const expectedCode = model(state, step)
        const person = people[step.who]!
        const result =
          step.kind === 'check_in'
            ? await pushOne(
                db,
                facilitator,
                op('check_in', { session_id: sessionId, employee_id: person.sub }),
              )
            : await pushOne(db, person, op(step.kind, { session_id: sessionId }))
        expect({ step, code: result.code }).toEqual({ step, code: expectedCode })
      }
      const rows = (await registrationsOf(db, sessionId)).filter((r) => r.status !== 'cancelled')
      const actual = Object.fromEntries(rows.map((r) => [r.employee_id, [r.status, r.waitlist_position]]))
      const expected = Object.fromEntries([
        ...[...state.status].map(([who, status]) => [people[who]!.sub, [status, null]]),
        ...state.waitlist.map((who, i) => [people[who]!.sub, ['waitlisted', i + 1]]),
      ])
      expect(actual).toEqual(expected)
    }),
    { numRuns: 40, examples: [[promotion]] },
  )
})
