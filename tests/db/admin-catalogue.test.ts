// The DX division's catalogue and organisation kinds through sync_push: dx_admin only, audited,
// capacity changes that keep every confirmed seat and fill new ones from the waitlist in order.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshot } from '../support/attempt'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  createSession,
  createTraining,
  op,
  push,
  pushOne,
  registrationsOf,
  rejected,
  sessionInvariants,
  STANDARD_TEMPLATE_ID,
} from './write-support'

let db: TestDb
let admin: UserClaims
let employee: UserClaims
let facilitator: UserClaims

const inDays = (days: number, hour = 10) => {
  const d = new Date(Date.now() + days * 86_400_000)
  d.setUTCHours(hour - 9, 0, 0, 0)
  return d.toISOString().replace('Z', '+00:00')
}

function trainingArgs(id = randomUUID()) {
  return {
    id,
    kind: 'workshop',
    title: '生成AI活用ワークショップ',
    description: '業務での生成AIの使い方を学びます。',
    fiscal_year: 2026,
    delivery: 'in_person',
    area_codes: ['generative_ai', 'bpr'],
    target_roles: ['promoter', 'manager'],
    survey_template_id: STANDARD_TEMPLATE_ID,
  }
}

function sessionArgs(trainingId: string, id = randomUUID(), capacity = 3) {
  return {
    id,
    training_id: trainingId,
    starts_at: inDays(14),
    ends_at: inDays(14, 12),
    venue: '本庁舎 4階 大会議室',
    capacity,
    registration_deadline: inDays(10),
  }
}

const ADMIN_KINDS = (trainingId: string, sessionId: string) =>
  [
    ['save_training', trainingArgs()],
    ['save_session', sessionArgs(trainingId)],
    ['cancel_session', { session_id: sessionId, reason: '講師の都合' }],
    [
      'save_department',
      {
        code: 'test_new_ka',
        name: '新設課',
        division_name: '企画部',
        uses_information_systems: true,
        sort_order: 9001,
      },
    ],
    ['save_position_grade', { code: 'sanyo', name: '参与', rank: 50, supervisory: true }],
  ] as const

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  employee = await db.createUser({ appRole: 'employee' })
  facilitator = await db.createUser({ appRole: 'facilitator' })
})

afterAll(async () => {
  await db.close()
})

describe('who may edit the catalogue and the organisation', () => {
  it('refuses anon outright', async () => {
    const trainingId = await createTraining(db)
    for (const [kind, args] of ADMIN_KINDS(trainingId, randomUUID())) {
      await expect(push(db, null, [op(kind, args)]), kind).rejects.toMatchObject({ code: '42501' })
    }
  })

  it.each([
    ['an employee', () => employee],
    ['a facilitator', () => facilitator],
  ])('refuses %s every admin kind with DXP101 and changes no catalogue row', async (_who, claims) => {
    const trainingId = await createTraining(db)
    const sessionId = await createSession(db, { trainingId })
    const tables = [
      'trainings',
      'training_areas',
      'training_target_roles',
      'sessions',
      'departments',
      'position_grades',
      'audit_log',
    ]
    const before = await Promise.all(tables.map((t) => snapshot(db, t)))
    for (const [kind, args] of ADMIN_KINDS(trainingId, sessionId)) {
      expect(await pushOne(db, claims(), op(kind, args)), kind).toMatchObject(rejected('DXP101'))
    }
    expect(await Promise.all(tables.map((t) => snapshot(db, t)))).toEqual(before)
  })

  it('refuses a dx_admin who has left the directory', async () => {
    const gone = await db.createUser({ appRole: 'dx_admin' })
    await db.sql(`update public.profiles set left_on = '2026-04-01' where id = $1`, [gone.sub])
    await expect(push(db, gone, [op('save_training', trainingArgs())])).rejects.toMatchObject({
      message: 'DXP100',
    })
  })
})

describe('trainings', () => {
  it('creates a training with its areas and target roles, then updates it in place, audited', async () => {
    const args = trainingArgs()
    const created = await pushOne(db, admin, op('save_training', args))
    expect(created).toMatchObject({
      status: 'applied',
      row: { id: args.id, title: args.title, kind: 'workshop' },
    })
    const updated = await pushOne(
      db,
      admin,
      op('save_training', {
        ...args,
        title: '生成AI活用ワークショップ（応用）',
        area_codes: ['generative_ai'],
        target_roles: ['leader'],
      }),
    )
    expect(updated).toMatchObject({ status: 'applied', row: { title: '生成AI活用ワークショップ（応用）' } })
    expect(
      await db.sql('select area_code from public.training_areas where training_id = $1', [args.id]),
    ).toEqual([{ area_code: 'generative_ai' }])
    expect(
      await db.sql('select role_code from public.training_target_roles where training_id = $1', [args.id]),
    ).toEqual([{ role_code: 'leader' }])
    const audit = await db.sql<{ action: string }>(
      `select action from public.audit_log where target_key = $1 order by id`,
      [args.id],
    )
    expect(audit.map((a) => a.action)).toEqual(['create_training', 'update_training'])
  })

  it('refuses an unknown area, kind or template with DXP112, and a blank title with DXP015', async () => {
    expect(
      await pushOne(db, admin, op('save_training', { ...trainingArgs(), area_codes: ['cooking'] })),
    ).toMatchObject(rejected('DXP112'))
    expect(
      await pushOne(db, admin, op('save_training', { ...trainingArgs(), kind: 'seminar' })),
    ).toMatchObject(rejected('DXP112'))
    expect(
      await pushOne(db, admin, op('save_training', { ...trainingArgs(), survey_template_id: randomUUID() })),
    ).toMatchObject(rejected('DXP112'))
    expect(await pushOne(db, admin, op('save_training', { ...trainingArgs(), title: '   ' }))).toMatchObject(
      rejected('DXP015'),
    )
    expect(
      await pushOne(db, admin, op('save_training', { ...trainingArgs(), employee_id: admin.sub })),
    ).toMatchObject(rejected('DXP013'))
  })
})

describe('sessions', () => {
  async function fullSession(capacity: number, waiting: number) {
    const trainingId = await createTraining(db)
    const sessionId = await createSession(db, { trainingId, capacity })
    const people: UserClaims[] = []
    for (let i = 0; i < capacity + waiting; i += 1) {
      const person = await db.createUser()
      people.push(person)
      expect((await pushOne(db, person, op('register_session', { session_id: sessionId }))).status).toBe(
        'applied',
      )
    }
    const [row] = await db.sql<Record<string, unknown>>(
      `select training_id, starts_at, ends_at, venue, capacity, registration_deadline from public.sessions where id = $1`,
      [sessionId],
    )
    const args = (cap: number) => ({
      id: sessionId,
      training_id: trainingId,
      starts_at: (row!.starts_at as Date).toISOString(),
      ends_at: (row!.ends_at as Date).toISOString(),
      venue: row!.venue as string,
      capacity: cap,
      registration_deadline: (row!.registration_deadline as Date).toISOString(),
    })
    return { sessionId, people, args }
  }

  it('creates a session for a training', async () => {
    const trainingId = await createTraining(db)
    const args = sessionArgs(trainingId)
    expect(await pushOne(db, admin, op('save_session', args))).toMatchObject({
      status: 'applied',
      row: { id: args.id, capacity: 3, status: 'scheduled', venue: '本庁舎 4階 大会議室' },
    })
    expect(await pushOne(db, admin, op('save_session', sessionArgs(randomUUID())))).toMatchObject(
      rejected('DXP111'),
    )
    expect(
      await pushOne(db, admin, op('save_session', { ...sessionArgs(trainingId), ends_at: inDays(13) })),
    ).toMatchObject(rejected('DXP015'))
  })

  it('refuses a capacity below the confirmed count, in Japanese, and changes nothing', async () => {
    const { sessionId, args } = await fullSession(3, 1)
    const before = await registrationsOf(db, sessionId)
    const result = await pushOne(db, admin, op('save_session', args(2)))
    expect(result).toMatchObject(rejected('DXP110'))
    expect(result.message).toContain('すでに 3 人の参加が確定しています')
    expect(await registrationsOf(db, sessionId)).toEqual(before)
    const [s] = await db.sql<{ capacity: number }>('select capacity from public.sessions where id = $1', [
      sessionId,
    ])
    expect(s!.capacity).toBe(3)
  })

  it('promotes waitlisted people in their order when the capacity grows', async () => {
    const { sessionId, people, args } = await fullSession(2, 3)
    const statusOf = async () =>
      new Map(
        (await registrationsOf(db, sessionId)).map((r) => [r.employee_id, [r.status, r.waitlist_position]]),
      )
    const result = await pushOne(db, admin, op('save_session', args(4)))
    expect(result).toMatchObject({ status: 'applied', row: { capacity: 4 } })
    const after = await statusOf()
    expect(people.map((p) => after.get(p.sub))).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['confirmed', null], // waitlist 1
      ['confirmed', null], // waitlist 2
      ['waitlisted', 1], // was 3, now first in line
    ])
    expect(await sessionInvariants(db, sessionId)).toMatchObject({
      capacity: 4,
      seated: 4,
      waitlisted: 1,
      positions_ok: true,
    })
  })

  it('cancels a session with a reason: registrations stay, the audit keeps the reason, a second cancel is refused', async () => {
    const { sessionId } = await fullSession(1, 1)
    const before = await registrationsOf(db, sessionId)
    expect(
      await pushOne(
        db,
        admin,
        op('cancel_session', { session_id: sessionId, reason: '講師の都合により中止' }),
      ),
    ).toMatchObject({
      status: 'applied',
      row: { id: sessionId, status: 'cancelled' },
    })
    expect(await registrationsOf(db, sessionId)).toEqual(before)
    const [audit] = await db.sql<{ details: { reason: string } }>(
      `select details from public.audit_log where action = 'cancel_session' and target_key = $1`,
      [sessionId],
    )
    expect(audit!.details.reason).toBe('講師の都合により中止')
    expect(
      await pushOne(db, admin, op('cancel_session', { session_id: sessionId, reason: '再送' })),
    ).toMatchObject(rejected('DXP113'))
    expect(
      await pushOne(db, admin, op('cancel_session', { session_id: randomUUID(), reason: '不明' })),
    ).toMatchObject(rejected('DXP020'))
  })
})

describe('departments and position grades', () => {
  it('adds a department for an April reorganisation and renames it, keeping its code', async () => {
    const args = {
      code: 'kikaku_ai',
      name: 'AI推進課',
      division_name: '企画部',
      uses_information_systems: true,
      sort_order: 9100,
    }
    expect(await pushOne(db, admin, op('save_department', args))).toMatchObject({
      status: 'applied',
      row: args,
    })
    expect(
      await pushOne(db, admin, op('save_department', { ...args, name: 'AI・データ推進課' })),
    ).toMatchObject({
      status: 'applied',
      row: { code: 'kikaku_ai', name: 'AI・データ推進課' },
    })
    expect(
      await pushOne(db, admin, op('save_department', { ...args, code: 'kikaku_ai2', sort_order: 9100 })),
    ).toMatchObject(rejected('DXP015'))
  })

  it('adds a grade and refuses a rank another grade holds', async () => {
    expect(
      await pushOne(
        db,
        admin,
        op('save_position_grade', { code: 'sanji', name: '参事', rank: 60, supervisory: true }),
      ),
    ).toMatchObject({
      status: 'applied',
      row: { code: 'sanji', rank: 60 },
    })
    expect(
      await pushOne(
        db,
        admin,
        op('save_position_grade', { code: 'other', name: '別職', rank: 1, supervisory: false }),
      ),
    ).toMatchObject(rejected('DXP015'))
  })
})
