// The DX division's certification decisions (sync_push kinds) and its work queue: dx_admin only,
// every rule re-checked in SQL on approval, the fiscal year of the approval date, reasons, audit
// rows, the employee's view through sync_pull, and idempotent replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { drain, expectReplicaToMatch, Replica, waitForHorizon } from '../support/sync-replica'
import { call } from './division-support'
import {
  createSession,
  createTraining,
  op,
  push,
  pushOne,
  rejected,
  snapshotAll,
  WRITE_TABLES,
} from './write-support'

const AREAS = [
  'dx_basics',
  'design_thinking',
  'bpr',
  'generative_ai',
  'information_security',
  'online_procedures',
  'it_governance',
  'system_management',
  'cross_org_dx',
]
const TABLES = [...WRITE_TABLES, 'certification_decisions']

let db: TestDb
let admin: UserClaims
let facilitator: UserClaims
let currentFy: number
let elearningSession: string
let elearningLastYear: string
let workshopSession: string

type Missing = 'candidacy' | 'area' | 'elearning' | 'workshop' | 'survey' | 'elearning_year' | null

/** A leader candidate of the current FY who meets every rule, except the one named. */
async function candidate(missing: Missing = null, method: 'volunteered' | 'nominated' = 'volunteered') {
  const user = await db.createUser({
    leaderCandidacyFy: missing === 'candidacy' ? null : currentFy,
    leaderCandidacyMethod: missing === 'candidacy' ? null : method,
  })
  const areas = missing === 'area' ? AREAS.filter((a) => a !== 'cross_org_dx') : AREAS
  await db.sql(
    `insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
     select gen_random_uuid(), $1, a, 'self_study', '自己学習', 60, private.tokyo_today() - 1 from unnest($2::text[]) as a`,
    [user.sub, areas],
  )
  const attended = [
    ...(missing === 'elearning' ? [] : [missing === 'elearning_year' ? elearningLastYear : elearningSession]),
    ...(missing === 'workshop' ? [] : [workshopSession]),
  ]
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, checked_in_at)
     select s, $1, 'attended', now() - interval '1 day' from unnest($2::uuid[]) as s`,
    [user.sub, attended],
  )
  if (missing !== 'workshop' && missing !== 'survey') {
    await db.sql('insert into public.survey_submissions (session_id, employee_id) values ($1, $2)', [
      workshopSession,
      user.sub,
    ])
  }
  return user
}

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  facilitator = await db.createUser({ appRole: 'facilitator' })
  const [row] = await db.sql<{ fy: number }>('select private.fiscal_year_of(private.tokyo_today()) as fy')
  currentFy = row!.fy
  const training = async (kind: string, fy: number) => {
    const id = await createTraining(db, { kind, areas: ['dx_basics'] })
    await db.sql('update public.trainings set fiscal_year = $2 where id = $1', [id, fy])
    return createSession(db, { trainingId: id, startsIn: '-10 days', deadlineIn: '-11 days' })
  }
  elearningSession = await training('elearning', currentFy)
  elearningLastYear = await training('elearning', currentFy - 1)
  workshopSession = await training('workshop', currentFy)
})
afterAll(() => db?.close())

const approve = (employeeId: string, extra: Record<string, unknown> = {}) =>
  op('approve_certification', { employee_id: employeeId, ...extra })

async function auditOf(action: string, key: string) {
  return db.sql<{ actor_id: string; details: Record<string, unknown> }>(
    'select actor_id, details from public.audit_log where action = $1 and target_key = $2',
    [action, key],
  )
}

describe('approve_certification', () => {
  it('is refused to an employee and a facilitator (DXP080), writing nothing', async () => {
    const ready = await candidate()
    const before = await snapshotAll(db, TABLES)
    for (const who of [ready, facilitator]) {
      expect(await pushOne(db, who, approve(ready.sub))).toMatchObject(rejected('DXP080'))
    }
    // The ledger keeps the rejections; nothing else changes.
    const after = await snapshotAll(db, TABLES)
    expect(after.filter((_, i) => TABLES[i] !== 'applied_ops')).toEqual(
      before.filter((_, i) => TABLES[i] !== 'applied_ops'),
    )
  })

  it.each([
    ['candidacy', '立候補または指名によるリーダー候補であること'],
    ['area', '9つの知識分野すべての修了'],
    ['elearning', 'デジタル人材育成研修'],
    ['elearning_year', 'デジタル人材育成研修'],
    ['workshop', 'DXワークショップ'],
    ['survey', 'DXワークショップ'],
  ] as const)('refuses a candidate missing the %s rule with DXP082 naming it', async (missing, ruleName) => {
    const short = await candidate(missing)
    const before = await snapshotAll(db, ['certifications', 'certification_decisions', 'audit_log'])
    const result = await pushOne(db, admin, approve(short.sub))
    expect(result).toMatchObject(rejected('DXP082'))
    expect(result.message).toContain(ruleName)
    expect(await snapshotAll(db, ['certifications', 'certification_decisions', 'audit_log'])).toEqual(before)
  })

  it('certifies a candidate who meets every rule, toward the fiscal year of the approval date, audited', async () => {
    const ready = await candidate()
    const result = await pushOne(db, admin, approve(ready.sub))
    expect(result).toMatchObject({ status: 'applied', code: null })
    expect(result.row).toMatchObject({
      employee_id: ready.sub,
      fiscal_year: currentFy,
      approved_by: admin.sub,
      revoked_at: null,
    })
    const decisions = await db.sql(
      'select decision, fiscal_year, certification_id, decided_by from public.certification_decisions where employee_id = $1',
      [ready.sub],
    )
    expect(decisions).toEqual([
      {
        decision: 'approved',
        fiscal_year: currentFy,
        certification_id: result.row!.id,
        decided_by: admin.sub,
      },
    ])
    expect(await auditOf('approve_certification', String(result.row!.id))).toEqual([
      {
        actor_id: admin.sub,
        details: expect.objectContaining({ employee_id: ready.sub, fiscal_year: currentFy }),
      },
    ])
    // The leader's own replica receives the certification and the decision, and only their own.
    await waitForHorizon(db)
    const replica = new Replica()
    await drain(db, ready, replica)
    await expectReplicaToMatch(db, ready, replica)
    expect(Object.keys(replica.state().certifications ?? {})).toEqual([result.row!.id])
    expect(Object.values(replica.state().certification_decisions ?? {})).toMatchObject([
      { decision: 'approved' },
    ])
  })

  it('answers a replay with the first result and certifies once', async () => {
    const ready = await candidate()
    const mutation = approve(ready.sub, { fiscal_year: currentFy })
    const [first] = await push(db, admin, [mutation])
    const [again] = await push(db, admin, [mutation])
    expect(first).toMatchObject({ status: 'applied' })
    expect(again).toEqual({ ...first, status: 'duplicate' })
    const counts = await db.sql<{ certifications: number; decisions: number; audits: number }>(
      `select (select count(*)::int from public.certifications where employee_id = $1) as certifications,
         (select count(*)::int from public.certification_decisions where employee_id = $1) as decisions,
         (select count(*)::int from public.audit_log where action = 'approve_certification' and details ->> 'employee_id' = $1::text) as audits`,
      [ready.sub],
    )
    expect(counts).toEqual([{ certifications: 1, decisions: 1, audits: 1 }])
  })

  it('refuses a second approval of a certified leader (DXP083)', async () => {
    const ready = await candidate()
    expect(await pushOne(db, admin, approve(ready.sub))).toMatchObject({ status: 'applied' })
    expect(await pushOne(db, admin, approve(ready.sub))).toMatchObject(rejected('DXP083'))
  })

  it('refuses an approval meant for another fiscal year than that of the approval date (DXP087)', async () => {
    const ready = await candidate()
    expect(await pushOne(db, admin, approve(ready.sub, { fiscal_year: currentFy - 1 }))).toMatchObject(
      rejected('DXP087'),
    )
  })

  it('refuses an unknown employee (DXP081) and an unknown argument (DXP013)', async () => {
    expect(await pushOne(db, admin, approve('00000000-0000-4000-8000-00000000dead'))).toMatchObject(
      rejected('DXP081'),
    )
    const ready = await candidate()
    expect(await pushOne(db, admin, approve(ready.sub, { approved_at: '2026-04-01' }))).toMatchObject(
      rejected('DXP013'),
    )
  })
})

describe('revoke_certification', () => {
  it('revokes with the reason, shown to the employee, audited; a second revoke finds nothing (DXP084)', async () => {
    const ready = await candidate()
    const approved = await pushOne(db, admin, approve(ready.sub))
    const certificationId = String(approved.row!.id)
    expect(
      await pushOne(
        db,
        admin,
        op('revoke_certification', { certification_id: certificationId, reason: '  ' }),
      ),
    ).toMatchObject(rejected('DXP088'))
    const result = await pushOne(
      db,
      admin,
      op('revoke_certification', {
        certification_id: certificationId,
        reason: '認定要件の記録に誤りがあったため',
      }),
    )
    expect(result).toMatchObject({ status: 'applied' })
    expect(result.row).toMatchObject({
      id: certificationId,
      revoked_reason: '認定要件の記録に誤りがあったため',
    })
    expect(result.row!.revoked_at).not.toBeNull()
    expect(await auditOf('revoke_certification', certificationId)).toEqual([
      {
        actor_id: admin.sub,
        details: expect.objectContaining({ reason: '認定要件の記録に誤りがあったため' }),
      },
    ])
    const [decision] = await db.sql(
      `select decision, reason from public.certification_decisions where certification_id = $1 and decision = 'revoked'`,
      [certificationId],
    )
    expect(decision).toEqual({ decision: 'revoked', reason: '認定要件の記録に誤りがあったため' })
    expect(
      await pushOne(
        db,
        admin,
        op('revoke_certification', { certification_id: certificationId, reason: '再度' }),
      ),
    ).toMatchObject(rejected('DXP084'))
    // Revoked, the leader no longer counts, and can be approved again later.
    expect(await pushOne(db, admin, approve(ready.sub))).toMatchObject({ status: 'applied' })
  })

  it('is refused to a non-admin (DXP080)', async () => {
    const ready = await candidate()
    const approved = await pushOne(db, admin, approve(ready.sub))
    expect(
      await pushOne(
        db,
        ready,
        op('revoke_certification', { certification_id: approved.row!.id, reason: '自分で' }),
      ),
    ).toMatchObject(rejected('DXP080'))
  })
})

describe('return_candidate', () => {
  it('sends a candidate back with a reason the employee sees, keeping the candidacy', async () => {
    const short = await candidate('area')
    const result = await pushOne(
      db,
      admin,
      op('return_candidate', { employee_id: short.sub, reason: '全庁横断的なDX推進の学習記録がありません' }),
    )
    expect(result).toMatchObject({ status: 'applied' })
    expect(result.row).toMatchObject({ employee_id: short.sub, decision: 'returned', fiscal_year: currentFy })
    expect(await auditOf('return_candidate', short.sub)).toHaveLength(1)
    const [profile] = await db.sql('select leader_candidacy_fy from public.profiles where id = $1', [
      short.sub,
    ])
    expect(profile).toEqual({ leader_candidacy_fy: currentFy })
    await waitForHorizon(db)
    const replica = new Replica()
    await drain(db, short, replica)
    expect(Object.values(replica.state().certification_decisions ?? {})).toMatchObject([
      { decision: 'returned', reason: '全庁横断的なDX推進の学習記録がありません' },
    ])
  })

  it('refuses someone who is not a candidate (DXP085) and an empty reason (DXP088)', async () => {
    const staff = await db.createUser()
    expect(
      await pushOne(db, admin, op('return_candidate', { employee_id: staff.sub, reason: '理由' })),
    ).toMatchObject(rejected('DXP085'))
    const short = await candidate('area')
    expect(
      await pushOne(db, admin, op('return_candidate', { employee_id: short.sub, reason: '' })),
    ).toMatchObject(rejected('DXP088'))
  })
})

describe('nominate_candidate', () => {
  it('makes an employee a nominated candidate of the year, audited, and refuses a second nomination', async () => {
    const staff = await db.createUser()
    const result = await pushOne(
      db,
      admin,
      op('nominate_candidate', { employee_id: staff.sub, fiscal_year: currentFy + 1 }),
    )
    expect(result).toMatchObject({ status: 'applied' })
    expect(result.row).toMatchObject({ decision: 'nominated', fiscal_year: currentFy + 1 })
    const [profile] = await db.sql(
      'select leader_candidacy_fy, leader_candidacy_method from public.profiles where id = $1',
      [staff.sub],
    )
    expect(profile).toEqual({ leader_candidacy_fy: currentFy + 1, leader_candidacy_method: 'nominated' })
    expect(await auditOf('nominate_candidate', staff.sub)).toHaveLength(1)
    expect(
      await pushOne(db, admin, op('nominate_candidate', { employee_id: staff.sub, fiscal_year: currentFy })),
    ).toMatchObject(rejected('DXP089'))
  })

  it('refuses a year other than the current or the next (DXP086)', async () => {
    const staff = await db.createUser()
    for (const fy of [currentFy - 1, currentFy + 2]) {
      expect(
        await pushOne(db, admin, op('nominate_candidate', { employee_id: staff.sub, fiscal_year: fy })),
      ).toMatchObject(rejected('DXP086'))
    }
  })
})

describe('acknowledge_volunteer', () => {
  it('acknowledges a volunteer once (DXP075 the second time), and not a nominee (DXP085)', async () => {
    const volunteer = await candidate('area', 'volunteered')
    const result = await pushOne(db, admin, op('acknowledge_volunteer', { employee_id: volunteer.sub }))
    expect(result).toMatchObject({ status: 'applied' })
    expect(result.row).toMatchObject({
      decision: 'acknowledged',
      fiscal_year: currentFy,
      decided_by: admin.sub,
    })
    expect(await auditOf('acknowledge_volunteer', volunteer.sub)).toHaveLength(1)
    expect(
      await pushOne(db, admin, op('acknowledge_volunteer', { employee_id: volunteer.sub })),
    ).toMatchObject(rejected('DXP075'))
    const nominee = await candidate('area', 'nominated')
    expect(await pushOne(db, admin, op('acknowledge_volunteer', { employee_id: nominee.sub }))).toMatchObject(
      rejected('DXP085'),
    )
  })
})

describe('division_certification_queue', () => {
  it('is the DX division’s alone', async () => {
    expect(await call(db, null, 'division_certification_queue')).toEqual({ ok: false, code: '42501' })
    for (const who of [facilitator, await db.createUser()]) {
      expect(await call(db, who, 'division_certification_queue')).toEqual({ ok: false, code: 'DXP070' })
    }
  })

  it('lists the candidates who meet every rule first, with each rule and its evidence', async () => {
    const ready = await candidate()
    const short = await candidate('survey')
    const result = await call<{ candidates: Record<string, unknown>[] }>(
      db,
      admin,
      'division_certification_queue',
    )
    if (!result.ok) throw new Error(result.code)
    const list = result.value.candidates
    const readyAt = list.findIndex((c) => c.employee_id === ready.sub)
    const shortAt = list.findIndex((c) => c.employee_id === short.sub)
    expect(readyAt).toBeGreaterThanOrEqual(0)
    expect(shortAt).toBeGreaterThan(readyAt)
    expect(list.slice(0, readyAt + 1).every((c) => c.ready === true)).toBe(true)
    expect(list[readyAt]).toMatchObject({
      ready: true,
      steps_met: 4,
      steps_total: 5,
      rules: [
        { code: 'candidacy', met: true },
        { code: 'all_areas', met: true },
        { code: 'elearning', met: true },
        { code: 'workshop', met: true },
        { code: 'approval', met: false },
      ],
    })
    const evidence = list[shortAt]!.evidence as {
      areas: { records: number }[]
      trainings: { kind: string; survey_submitted: boolean }[]
    }
    expect(evidence.areas).toHaveLength(9)
    // One typed record per area, and the workshop's area (dx_basics) credited by the attendance too.
    expect(evidence.areas).toEqual(
      AREAS.map((area_code) =>
        expect.objectContaining({ area_code, records: area_code === 'dx_basics' ? 2 : 1 }),
      ),
    )
    expect(evidence.trainings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'elearning', survey_submitted: false }),
        expect.objectContaining({ kind: 'workshop', survey_submitted: false }),
      ]),
    )
    expect(list[shortAt]).toMatchObject({ ready: false, steps_met: 3 })
    // Certified leaders leave the queue.
    await pushOne(db, admin, approve(ready.sub))
    const after = await call<{ candidates: { employee_id: string }[] }>(
      db,
      admin,
      'division_certification_queue',
    )
    if (!after.ok) throw new Error(after.code)
    expect(after.value.candidates.map((c) => c.employee_id)).not.toContain(ready.sub)
  })
})
