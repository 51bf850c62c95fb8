import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DxpErrorCode } from '@/contract'
import { RpcError } from '@/backend/embedded/execute-rpc'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  createSession,
  op,
  push,
  pushOne,
  rejected,
  snapshotAll,
  tokyoFiscalYear,
  tokyoToday,
  WRITE_TABLES,
} from './write-support'

const TEN_MB = 'あ'.repeat((10 * 1024 * 1024) / 3)
const TOMORROW = tokyoToday(1)
const IN_A_YEAR = new Date(Date.now() + 365 * 86_400_000).toISOString()

let db: TestDb
let employee: UserClaims
let colleague: UserClaims
let facilitator: UserClaims
let ids: {
  upcoming: string
  attended: string
  ownRecord: string
  colleagueRecord: string
  colleagueSession: string
  tomorrow: string
  foreignSession: string
}

beforeAll(async () => {
  db = await createTestDb()
  employee = await db.createUser()
  colleague = await db.createUser()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  const other = await db.createUser({ appRole: 'facilitator' })
  const upcoming = await createSession(db, {
    facilitatorId: facilitator.sub,
    startsIn: '1 hour',
    deadlineIn: '30 minutes',
  })
  const attended = await createSession(db, {
    facilitatorId: facilitator.sub,
    startsIn: '-1 hour',
    deadlineIn: '-1 day',
  })
  const colleagueSession = await createSession(db, {
    facilitatorId: facilitator.sub,
    startsIn: '-1 hour',
    deadlineIn: '-1 day',
  })
  await pushOne(db, facilitator, op('check_in', { session_id: attended, employee_id: employee.sub }))
  await pushOne(db, facilitator, op('check_in', { session_id: colleagueSession, employee_id: colleague.sub }))
  const record = (claims: UserClaims) => {
    const id = randomUUID()
    return pushOne(
      db,
      claims,
      op('record_learning', {
        id,
        area_code: 'bpr',
        source: 'other',
        title: '記録',
        minutes: 10,
        completed_on: tokyoToday(),
      }),
    ).then(() => id)
  }
  ids = {
    upcoming,
    attended,
    colleagueSession,
    ownRecord: await record(employee),
    colleagueRecord: await record(colleague),
    tomorrow: await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '1 day',
      deadlineIn: '1 hour',
    }),
    foreignSession: await createSession(db, {
      facilitatorId: other.sub,
      startsIn: '1 hour',
      deadlineIn: '30 minutes',
    }),
  }
})
afterAll(() => db?.close())

type Case = [label: string, args: () => unknown, code: DxpErrorCode, as?: () => UserClaims]

const learning = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  area_code: 'dx_basics',
  source: 'self_study',
  title: '自治体DXの動向',
  minutes: 30,
  completed_on: tokyoToday(),
  ...overrides,
})
const survey = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  session_id: ids.attended,
  answers: {
    satisfaction: 4,
    understanding: 4,
    usefulness: 4,
    facilitation: 4,
    recommendation: 8,
    self_assessment: { bpr: { before: 1, after: 2 }, generative_ai: { before: 1, after: 2 } },
  },
  ...overrides,
})

const cases: Record<string, Case[]> = {
  record_learning: [
    ['no arguments', () => ({}), 'DXP013'],
    ['no title', () => ({ ...learning(), title: undefined }), 'DXP013'],
    ['an id that is not a UUID', () => learning({ id: 'record-1' }), 'DXP013'],
    ['minutes as text', () => learning({ minutes: '30' }), 'DXP013'],
    ['minutes as a fraction', () => learning({ minutes: 30.5 }), 'DXP013'],
    ['a date as a number', () => learning({ completed_on: 20260401 }), 'DXP013'],
    ['a date that does not exist', () => learning({ completed_on: '2026-02-30' }), 'DXP013'],
    ['a 10 MB title', () => learning({ title: TEN_MB }), 'DXP014'],
    ['a 10 MB note', () => learning({ note: TEN_MB }), 'DXP014'],
    ['a completion date tomorrow', () => learning({ completed_on: TOMORROW }), 'DXP016'],
    ['a completion date in 2999', () => learning({ completed_on: '2999-01-01' }), 'DXP016'],
    ['zero minutes', () => learning({ minutes: 0 }), 'DXP015'],
    ['more than a day of minutes', () => learning({ minutes: 1441 }), 'DXP015'],
    ['an unknown source', () => learning({ source: 'dream' }), 'DXP015'],
    ['a session source: only attendance writes those', () => learning({ source: 'session' }), 'DXP044'],
    ['an unknown area', () => learning({ area_code: 'astrology' }), 'DXP043'],
    ['a blank title', () => learning({ title: '   ' }), 'DXP015'],
    ['another person as owner', () => learning({ employee_id: colleague.sub }), 'DXP013'],
    // U+0000 and lone surrogates never get this far (the json layer refuses the call: sync-poisoned-change).
    ['a title with an escape character', () => learning({ title: '\u001b[31m研修' }), 'DXP017'],
    ['a note with a bell character', () => learning({ note: 'メモ\u0007' }), 'DXP017'],
  ],
  update_learning: [
    ['no version', () => ({ id: ids.ownRecord, minutes: 20 }), 'DXP013'],
    ['a version as text', () => ({ id: ids.ownRecord, version: '1', minutes: 20 }), 'DXP013'],
    ['a 10 MB title', () => ({ id: ids.ownRecord, version: 1, title: TEN_MB }), 'DXP014'],
    [
      'a completion date tomorrow',
      () => ({ id: ids.ownRecord, version: 1, completed_on: TOMORROW }),
      'DXP016',
    ],
    ['a colleague’s record', () => ({ id: ids.colleagueRecord, version: 1, minutes: 1 }), 'DXP040'],
    ['a change of owner', () => ({ id: ids.ownRecord, version: 1, employee_id: colleague.sub }), 'DXP013'],
  ],
  delete_learning: [
    ['no id', () => ({}), 'DXP013'],
    ['an id as a number', () => ({ id: 123 }), 'DXP013'],
    ['a 10 MB id', () => ({ id: TEN_MB }), 'DXP013'],
    ['a colleague’s record', () => ({ id: ids.colleagueRecord }), 'DXP040'],
  ],
  register_session: [
    ['no session', () => ({}), 'DXP013'],
    ['a session id as a number', () => ({ session_id: 42 }), 'DXP013'],
    ['a 10 MB session id', () => ({ session_id: TEN_MB }), 'DXP013'],
    ['a session that does not exist', () => ({ session_id: randomUUID() }), 'DXP020'],
    [
      'another person to register',
      () => ({ session_id: ids.upcoming, employee_id: colleague.sub }),
      'DXP013',
    ],
  ],
  cancel_registration: [
    ['no session', () => ({}), 'DXP013'],
    ['a session id as an object', () => ({ session_id: { id: ids.upcoming } }), 'DXP013'],
    ['a 10 MB session id', () => ({ session_id: TEN_MB }), 'DXP013'],
    [
      'another person’s registration',
      () => ({ session_id: ids.upcoming, employee_id: colleague.sub }),
      'DXP013',
    ],
    ['a session the caller never registered for', () => ({ session_id: ids.upcoming }), 'DXP024'],
  ],
  submit_survey: [
    ['no answers', () => ({ ...survey(), answers: undefined }), 'DXP013'],
    ['answers as a list', () => survey({ answers: [4, 4, 4] }), 'DXP013'],
    ['no session', () => ({ ...survey(), session_id: undefined }), 'DXP013'],
    [
      'a 10 MB free-text answer',
      () => survey({ answers: { ...survey().answers, good_points: TEN_MB } }),
      'DXP014',
    ],
    ['a 10 MB device name', () => survey({ collected_device: TEN_MB }), 'DXP014'],
    [
      'a free-text answer with a form feed',
      () => survey({ answers: { ...survey().answers, good_points: 'よかった\u000c' } }),
      'DXP017',
    ],
    ['a device name with a control character', () => survey({ collected_device: 'iPhone\u0001' }), 'DXP017'],
    ['a collection time a year ahead', () => survey({ collected_at: IN_A_YEAR }), 'DXP016'],
    ['a collection time without a zone', () => survey({ collected_at: '2026-04-01 10:00' }), 'DXP013'],
    ['another person as respondent', () => survey({ respondent_id: colleague.sub }), 'DXP013'],
    ['a session only a colleague attended', () => survey({ session_id: ids.colleagueSession }), 'DXP051'],
  ],
  check_in: [
    ['no employee', () => ({ session_id: ids.upcoming }), 'DXP013', () => facilitator],
    [
      'an employee id that is not a UUID',
      () => ({ session_id: ids.upcoming, employee_id: 'T00001' }),
      'DXP013',
      () => facilitator,
    ],
    [
      'a 10 MB employee id',
      () => ({ session_id: ids.upcoming, employee_id: TEN_MB }),
      'DXP013',
      () => facilitator,
    ],
    [
      'a session starting tomorrow',
      () => ({ session_id: ids.tomorrow, employee_id: employee.sub }),
      'DXP031',
      () => facilitator,
    ],
    [
      'another facilitator’s session',
      () => ({ session_id: ids.foreignSession, employee_id: employee.sub }),
      'DXP030',
      () => facilitator,
    ],
    [
      'an employee checking a colleague in',
      () => ({ session_id: ids.upcoming, employee_id: colleague.sub }),
      'DXP030',
    ],
  ],
  volunteer_candidacy: [
    ['no year', () => ({}), 'DXP013'],
    ['a year as text', () => ({ fiscal_year: String(tokyoFiscalYear()) }), 'DXP013'],
    ['a fractional year', () => ({ fiscal_year: tokyoFiscalYear() + 0.5 }), 'DXP013'],
    ['a 10 MB year', () => ({ fiscal_year: TEN_MB }), 'DXP013'],
    ['a year far ahead', () => ({ fiscal_year: 2999 }), 'DXP060'],
    [
      'another person as candidate',
      () => ({ fiscal_year: tokyoFiscalYear(), employee_id: colleague.sub }),
      'DXP013',
    ],
  ],
}

const OBSERVED = WRITE_TABLES.filter((table) => table !== 'applied_ops')

describe.each(Object.entries(cases))('%s', (kind, kindCases) => {
  it.each(kindCases)(
    'rejects %s with %s and writes nothing but the ledger entry',
    async (_label, args, code, as) => {
      const claims = as?.() ?? employee
      const before = await snapshotAll(db, OBSERVED)
      const mutation = op(kind, args())
      const result = await pushOne(db, claims, mutation)
      expect(result).toMatchObject({ mutation_id: mutation.mutation_id, ...rejected(code) })
      expect(await snapshotAll(db, OBSERVED)).toEqual(before)
      const ledger = await db.sql<{ result: unknown }>(
        'select result from public.applied_ops where mutation_id = $1',
        [mutation.mutation_id],
      )
      expect(ledger).toEqual([{ result }])
    },
  )
})

describe('malformed pushes', () => {
  const callError = async (claims: UserClaims | null, mutations: unknown) => {
    try {
      await push(db, claims, mutations)
      return 'no error'
    } catch (error) {
      if (!(error instanceof RpcError)) throw error
      return { code: error.code, message: error.message, details: error.details }
    }
  }

  it('refuses anon outright: it may not even call sync_push', async () => {
    const before = await snapshotAll(db)
    expect(await callError(null, [op('register_session', { session_id: ids.upcoming })])).toMatchObject({
      code: '42501',
    })
    expect(await snapshotAll(db)).toEqual(before)
  })

  it.each<[string, DxpErrorCode, () => Promise<[UserClaims, unknown]>]>([
    [
      'a signed-in user without a profile',
      'DXP002',
      async () => [await db.createUser({ withProfile: false }), []],
    ],
    ['mutations that are not a list', 'DXP003', async () => [employee, { id: randomUUID() }]],
    [
      'more than 100 mutations',
      'DXP004',
      async () => [
        employee,
        Array.from({ length: 101 }, () => op('volunteer_candidacy', { fiscal_year: 2026 })),
      ],
    ],
  ])('fails the whole call for %s with %s', async (_label, code, arrange) => {
    const [claims, mutations] = await arrange()
    const before = await snapshotAll(db)
    expect(await callError(claims, mutations)).toMatchObject({
      code: 'P0001',
      message: code,
      details: expect.stringMatching(/。$/),
    })
    expect(await snapshotAll(db)).toEqual(before)
  })

  it('rejects entries that are not mutations without storing them', async () => {
    const before = await snapshotAll(db)
    const results = await push(db, employee, [
      'register',
      { mutation_id: 'op-1', kind: 'check_in', args: {} },
      { kind: 'x' },
    ])
    expect(results).toEqual([
      { mutation_id: null, ...rejected('DXP010') },
      { mutation_id: 'op-1', ...rejected('DXP010') },
      { mutation_id: null, ...rejected('DXP010') },
    ])
    expect(await snapshotAll(db)).toEqual(before)
  })

  it('rejects an unknown kind and arguments that are not an object', async () => {
    const results = await push(db, employee, [
      op('drop_all_tables', {}),
      op('register_session', null),
      op('register_session', [ids.upcoming]),
    ])
    expect(results.map((r) => r.code)).toEqual(['DXP012', 'DXP013', 'DXP013'])
  })
})
