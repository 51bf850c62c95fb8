import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  createSession,
  op,
  push,
  pushOne,
  snapshotAll,
  tokyoFiscalYear,
  tokyoToday,
  type Mutation,
} from './write-support'

let db: TestDb
let facilitator: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
})
afterAll(() => db?.close())

const learning = () => ({
  id: randomUUID(),
  area_code: 'bpr',
  source: 'e_learning',
  title: 'BPR入門',
  minutes: 30,
  completed_on: tokyoToday(),
})

/** Each case arranges what its kind needs and returns who pushes which mutation. */
const cases: Record<string, () => Promise<{ claims: UserClaims; mutation: Mutation }>> = {
  record_learning: async () => ({
    claims: await db.createUser(),
    mutation: op('record_learning', learning()),
  }),
  update_learning: async () => {
    const claims = await db.createUser()
    const args = learning()
    await pushOne(db, claims, op('record_learning', args))
    return { claims, mutation: op('update_learning', { id: args.id, version: 1, minutes: 60 }) }
  },
  delete_learning: async () => {
    const claims = await db.createUser()
    const args = learning()
    await pushOne(db, claims, op('record_learning', args))
    return { claims, mutation: op('delete_learning', { id: args.id }) }
  },
  register_session: async () => ({
    claims: await db.createUser(),
    mutation: op('register_session', { session_id: await createSession(db, { capacity: 1 }) }),
  }),
  cancel_registration: async () => {
    const claims = await db.createUser()
    const sessionId = await createSession(db, { capacity: 1 })
    await pushOne(db, await db.createUser(), op('register_session', { session_id: sessionId }))
    await pushOne(db, claims, op('register_session', { session_id: sessionId }))
    return { claims, mutation: op('cancel_registration', { session_id: sessionId }) }
  },
  submit_survey: async () => {
    const claims = await db.createUser()
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '-1 hour',
      deadlineIn: '-1 day',
    })
    await pushOne(db, facilitator, op('check_in', { session_id: sessionId, employee_id: claims.sub }))
    return {
      claims,
      mutation: op('submit_survey', {
        id: randomUUID(),
        session_id: sessionId,
        answers: {
          satisfaction: 4,
          understanding: 4,
          usefulness: 3,
          facilitation: 4,
          recommendation: 7,
          self_assessment: { bpr: { before: 2, after: 3 }, generative_ai: { before: 2, after: 3 } },
        },
      }),
    }
  },
  check_in: async () => {
    const sessionId = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 hour',
      deadlineIn: '10 minutes',
    })
    const staff = await db.createUser()
    return {
      claims: facilitator,
      mutation: op('check_in', { session_id: sessionId, employee_id: staff.sub }),
    }
  },
  volunteer_candidacy: async () => ({
    claims: await db.createUser(),
    mutation: op('volunteer_candidacy', { fiscal_year: tokyoFiscalYear() }),
  }),
}

describe.each(Object.keys(cases))('%s replayed', (kind) => {
  it('returns the first result as a duplicate and writes nothing more', async () => {
    const { claims, mutation } = await cases[kind]!()
    const first = await pushOne(db, claims, mutation)
    expect(first).toMatchObject({ mutation_id: mutation.mutation_id, status: 'applied', code: null })
    const before = await snapshotAll(db)
    const replays = [await pushOne(db, claims, mutation), ...(await push(db, claims, [mutation, mutation]))]
    for (const replay of replays) expect(replay).toEqual({ ...first, status: 'duplicate' })
    expect(await snapshotAll(db)).toEqual(before)
  })
})

describe('the ledger', () => {
  it('answers a replayed rejection with the same code, even after the cause is gone', async () => {
    const claims = await db.createUser()
    const sessionId = await createSession(db, { status: 'closed' })
    const mutation = op('register_session', { session_id: sessionId })
    const first = await pushOne(db, claims, mutation)
    expect(first).toMatchObject({ status: 'rejected', code: 'DXP022' })
    await db.sql(`update public.sessions set status = 'scheduled' where id = $1`, [sessionId])
    expect(await pushOne(db, claims, mutation)).toEqual({ ...first, status: 'duplicate' })
    expect(await db.sql('select id from public.registrations where session_id = $1', [sessionId])).toEqual([])
  })

  it('rejects a mutation_id another user has used, without revealing or changing anything', async () => {
    const owner = await db.createUser()
    const intruder = await db.createUser()
    const mutation = op('record_learning', learning())
    const first = await pushOne(db, owner, mutation)
    const before = await snapshotAll(db)
    const result = await pushOne(db, intruder, { ...mutation, args: { ...learning(), id: randomUUID() } })
    expect(result).toMatchObject({
      mutation_id: mutation.mutation_id,
      status: 'rejected',
      code: 'DXP011',
      row: null,
    })
    expect(JSON.stringify(result)).not.toContain(String(first.row?.id))
    expect(await snapshotAll(db)).toEqual(before)
  })

  it('applies the mutations of one push in order, one rejection stopping none of the others', async () => {
    const claims = await db.createUser()
    const sessionId = await createSession(db, { capacity: 5 })
    const good = op('record_learning', learning())
    const results = await push(db, claims, [
      good,
      op('record_learning', { ...learning(), minutes: 0 }),
      op('register_session', { session_id: sessionId }),
      op('register_session', { session_id: sessionId }),
      op('cancel_registration', { session_id: sessionId }),
    ])
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['applied', null],
      ['rejected', 'DXP015'],
      ['applied', null],
      ['rejected', 'DXP023'],
      ['applied', null],
    ])
    expect(results[0]?.mutation_id).toBe(good.mutation_id)
  })

  it('gives two concurrent pushes of the same mutation one application between them', async () => {
    const claims = await db.createUser()
    const sessionId = await createSession(db, { capacity: 5 })
    const mutation = op('register_session', { session_id: sessionId })
    const results = await Promise.all([pushOne(db, claims, mutation), pushOne(db, claims, mutation)])
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'duplicate'])
    expect(
      await db.sql('select count(*)::int as n from public.registrations where session_id = $1', [sessionId]),
    ).toEqual([{ n: 1 }])
  })
})
