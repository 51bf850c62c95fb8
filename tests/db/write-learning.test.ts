import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  createSession,
  op,
  pushOne,
  rejected,
  snapshotAll,
  tokyoFiscalYear,
  tokyoToday,
} from './write-support'

let db: TestDb
let employee: UserClaims
let colleague: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  employee = await db.createUser()
  colleague = await db.createUser()
})
afterAll(() => db?.close())

const learning = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  area_code: 'generative_ai',
  source: 'self_study',
  title: '生成AIの基礎（動画）',
  minutes: 45,
  completed_on: tokyoToday(),
  note: '',
  ...overrides,
})

describe('record_learning', () => {
  it('stores the record under the caller with the client’s id and version 1', async () => {
    const args = learning({ note: 'プロンプトの書き方' })
    const result = await pushOne(db, employee, op('record_learning', args))
    expect(result).toMatchObject({ status: 'applied', code: null, message: null })
    expect(result.row).toMatchObject({ ...args, employee_id: employee.sub, version: 1, session_id: null })
    expect(result.row).not.toHaveProperty('_xid')
  })

  it('refuses a record of a session: attendance writes those (attendance-learning.test.ts)', async () => {
    const sessionId = await createSession(db)
    const before = await snapshotAll(db, ['learning_records'])
    const result = await pushOne(
      db,
      employee,
      op('record_learning', learning({ source: 'session', session_id: sessionId })),
    )
    expect(result).toMatchObject(rejected('DXP044'))
    expect(await snapshotAll(db, ['learning_records'])).toEqual(before)
  })

  it('refuses a completion date tomorrow in Tokyo', async () => {
    const before = await snapshotAll(db, ['learning_records'])
    const result = await pushOne(
      db,
      employee,
      op('record_learning', learning({ completed_on: tokyoToday(1) })),
    )
    expect(result).toMatchObject(rejected('DXP016'))
    expect(await snapshotAll(db, ['learning_records'])).toEqual(before)
  })

  it('refuses an id that is already taken, even by a colleague’s record', async () => {
    const args = learning()
    await pushOne(db, colleague, op('record_learning', args))
    expect(await pushOne(db, employee, op('record_learning', { ...args, title: '上書き' }))).toMatchObject(
      rejected('DXP042'),
    )
    expect(
      await db.sql('select employee_id, title from public.learning_records where id = $1', [args.id]),
    ).toEqual([{ employee_id: colleague.sub, title: args.title }])
  })
})

describe('update_learning', () => {
  it('applies a change made on the current version and increments it', async () => {
    const args = learning()
    await pushOne(db, employee, op('record_learning', args))
    const result = await pushOne(
      db,
      employee,
      op('update_learning', { id: args.id, version: 1, minutes: 90 }),
    )
    expect(result.row).toMatchObject({ id: args.id, version: 2, minutes: 90, title: args.title })
  })

  it('rejects a change made on a stale version and hands back the server’s record', async () => {
    const args = learning()
    await pushOne(db, employee, op('record_learning', args))
    await pushOne(db, employee, op('update_learning', { id: args.id, version: 1, title: '端末Aで編集' }))
    const result = await pushOne(
      db,
      employee,
      op('update_learning', { id: args.id, version: 1, title: '端末Bで編集' }),
    )
    expect(result).toMatchObject({ status: 'rejected', code: 'DXP041' })
    expect(result.row).toMatchObject({ id: args.id, version: 2, title: '端末Aで編集' })
  })

  it('does not let an employee change a colleague’s record, and does not reveal it exists', async () => {
    const args = learning()
    await pushOne(db, colleague, op('record_learning', args))
    const before = await snapshotAll(db, ['learning_records'])
    expect(
      await pushOne(db, employee, op('update_learning', { id: args.id, version: 1, minutes: 1 })),
    ).toMatchObject(rejected('DXP040'))
    expect(await snapshotAll(db, ['learning_records'])).toEqual(before)
  })
})

describe('delete_learning', () => {
  it('deletes the caller’s record and leaves a tombstone for their replicas', async () => {
    const args = learning()
    await pushOne(db, employee, op('record_learning', args))
    const result = await pushOne(db, employee, op('delete_learning', { id: args.id, version: 1 }))
    expect(result).toMatchObject({ status: 'applied', row: null })
    expect(await db.sql('select id from public.learning_records where id = $1', [args.id])).toEqual([])
    expect(
      await db.sql(
        `select owner_id from public.sync_tombstones where table_name = 'learning_records' and row_key = $1`,
        [args.id],
      ),
    ).toEqual([{ owner_id: employee.sub }])
  })

  it('refuses to delete a colleague’s record or a stale version', async () => {
    const theirs = learning()
    const mine = learning()
    await pushOne(db, colleague, op('record_learning', theirs))
    await pushOne(db, employee, op('record_learning', mine))
    await pushOne(db, employee, op('update_learning', { id: mine.id, version: 1, note: '追記' }))
    const before = await snapshotAll(db, ['learning_records'])
    expect(await pushOne(db, employee, op('delete_learning', { id: theirs.id }))).toMatchObject(
      rejected('DXP040'),
    )
    expect(await pushOne(db, employee, op('delete_learning', { id: mine.id, version: 1 }))).toMatchObject({
      status: 'rejected',
      code: 'DXP041',
    })
    expect(await snapshotAll(db, ['learning_records'])).toEqual(before)
  })
})

describe('volunteer_candidacy', () => {
  it('makes the caller a volunteered leader candidate for this fiscal year', async () => {
    const staff = await db.createUser()
    const result = await pushOne(db, staff, op('volunteer_candidacy', { fiscal_year: tokyoFiscalYear() }))
    expect(result.row).toMatchObject({
      id: staff.sub,
      leader_candidacy_fy: tokyoFiscalYear(),
      leader_candidacy_method: 'volunteered',
    })
  })

  it('accepts next fiscal year and refuses last year or the year after next', async () => {
    const staff = await db.createUser()
    const fy = tokyoFiscalYear()
    expect(await pushOne(db, staff, op('volunteer_candidacy', { fiscal_year: fy - 1 }))).toMatchObject(
      rejected('DXP060'),
    )
    expect(await pushOne(db, staff, op('volunteer_candidacy', { fiscal_year: fy + 2 }))).toMatchObject(
      rejected('DXP060'),
    )
    expect(await pushOne(db, staff, op('volunteer_candidacy', { fiscal_year: fy + 1 }))).toMatchObject({
      status: 'applied',
    })
  })

  it('refuses a second candidacy while one is current, and a certified leader', async () => {
    const nominated = await db.createUser({
      leaderCandidacyFy: tokyoFiscalYear(),
      leaderCandidacyMethod: 'nominated',
    })
    const before = await snapshotAll(db, ['profiles'])
    expect(
      await pushOne(db, nominated, op('volunteer_candidacy', { fiscal_year: tokyoFiscalYear() + 1 })),
    ).toMatchObject(rejected('DXP061'))
    expect(await snapshotAll(db, ['profiles'])).toEqual(before)

    const leader = await db.createUser()
    const admin = await db.createUser({ appRole: 'dx_admin' })
    await db.sql(
      'insert into public.certifications (employee_id, fiscal_year, approved_by) values ($1, $2, $3)',
      [leader.sub, tokyoFiscalYear(), admin.sub],
    )
    expect(
      await pushOne(db, leader, op('volunteer_candidacy', { fiscal_year: tokyoFiscalYear() })),
    ).toMatchObject(rejected('DXP062'))
  })

  it('lets a candidate of a past year volunteer again', async () => {
    const staff = await db.createUser({
      leaderCandidacyFy: tokyoFiscalYear() - 1,
      leaderCandidacyMethod: 'nominated',
    })
    expect(
      await pushOne(db, staff, op('volunteer_candidacy', { fiscal_year: tokyoFiscalYear() })),
    ).toMatchObject({
      status: 'applied',
    })
  })
})
