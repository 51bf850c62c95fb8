// Notices (お知らせ, 20260401002200_notices.sql): each event writes exactly one notice to the person it
// happened to, in the event's transaction; a replay writes nothing twice; only the recipient reads
// them (RLS tried from every forbidden side); mark_notices_read marks only the caller's own, or
// nothing; and the reason of a return reaches the volunteer through sync_pull.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attempt } from '../support/attempt'
import { drain, expectReplicaToMatch, Replica, waitForHorizon } from '../support/sync-replica'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, createTraining, op, pushOne, rejected, snapshotAll } from './write-support'

interface NoticeRow {
  id: string
  employee_id: string
  kind: string
  session_id: string | null
  decision_id: string | null
  fiscal_year: number | null
  reason: string | null
  read_at: string | null
}

let db: TestDb
let admin: UserClaims
let facilitator: UserClaims
let currentFy: number

async function noticesOf(user: UserClaims): Promise<NoticeRow[]> {
  return db.sql<NoticeRow>(
    `select id, employee_id, kind, session_id, decision_id, fiscal_year, reason, read_at
       from public.notices where employee_id = $1 order by created_at, kind`,
    [user.sub],
  )
}

async function allNoticesAbout(sessionOrDecision: string): Promise<NoticeRow[]> {
  return db.sql<NoticeRow>(
    `select id, employee_id, kind, session_id, decision_id, fiscal_year, reason, read_at
       from public.notices where coalesce(session_id, decision_id) = $1 order by employee_id, kind`,
    [sessionOrDecision],
  )
}

const sessionInput = { startsIn: '7 days', deadlineIn: '3 days' }

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  facilitator = await db.createUser({ appRole: 'facilitator' })
  const [row] = await db.sql<{ fy: number }>('select private.fiscal_year_of(private.tokyo_today()) as fy')
  currentFy = row!.fy
})

afterAll(async () => {
  await db?.close()
})

describe('the events that write a notice', () => {
  it('tells the person promoted from the waitlist, and nobody else', async () => {
    const session = await createSession(db, { ...sessionInput, capacity: 1 })
    const [first, second, third] = [await db.createUser(), await db.createUser(), await db.createUser()]
    for (const who of [first!, second!, third!]) {
      await pushOne(db, who, op('register_session', { session_id: session }))
    }
    expect(await allNoticesAbout(session)).toEqual([])

    await pushOne(db, first!, op('cancel_registration', { session_id: session }))

    expect(await allNoticesAbout(session)).toEqual([
      expect.objectContaining({ employee_id: second!.sub, kind: 'waitlist_promoted', read_at: null }),
    ])
  })

  it('tells everyone still registered when a session moves, and when it is cancelled', async () => {
    const trainingId = await createTraining(db)
    const session = await createSession(db, { ...sessionInput, trainingId, capacity: 1 })
    const seated = await db.createUser()
    const waiting = await db.createUser()
    const cancelled = await db.createUser()
    for (const who of [cancelled, seated, waiting]) {
      await pushOne(db, who, op('register_session', { session_id: session }))
    }
    await pushOne(db, cancelled, op('cancel_registration', { session_id: session }))
    const promoted = await allNoticesAbout(session)
    expect(promoted.map((n) => [n.employee_id, n.kind])).toEqual([[seated.sub, 'waitlist_promoted']])

    const [s] = await db.sql<Record<string, string>>(
      `select to_jsonb(starts_at + interval '1 day') #>> '{}' as starts_at,
              to_jsonb(ends_at + interval '1 day') #>> '{}' as ends_at,
              to_jsonb(registration_deadline) #>> '{}' as registration_deadline
         from public.sessions where id = $1`,
      [session],
    )
    const save = {
      id: session,
      training_id: trainingId,
      starts_at: s!.starts_at,
      ends_at: s!.ends_at,
      venue: '本庁舎 5階 大会議室',
      capacity: 1,
      registration_deadline: s!.registration_deadline,
    }
    expect(await pushOne(db, admin, op('save_session', save))).toMatchObject({ status: 'applied' })
    const changed = (await allNoticesAbout(session)).filter((n) => n.kind === 'session_changed')
    expect(changed.map((n) => n.employee_id).sort()).toEqual([seated.sub, waiting.sub].sort())

    // The same values again change nothing, so nobody is told anything.
    const before = await allNoticesAbout(session)
    expect(await pushOne(db, admin, op('save_session', save))).toMatchObject({ status: 'applied' })
    expect(await allNoticesAbout(session)).toEqual(before)

    await pushOne(db, admin, op('cancel_session', { session_id: session, reason: '講師の急病のため' }))
    const cancellations = (await allNoticesAbout(session)).filter((n) => n.kind === 'session_cancelled')
    expect(cancellations.map((n) => n.employee_id).sort()).toEqual([seated.sub, waiting.sub].sort())
    expect(await allNoticesAbout(session)).not.toContainEqual(
      expect.objectContaining({ employee_id: cancelled.sub }),
    )
  })

  it('asks an attendee checked in to a training with a survey for the survey, once, until it is sent', async () => {
    const session = await createSession(db, {
      facilitatorId: facilitator.sub,
      startsIn: '-1 hour',
      deadlineIn: '-1 day',
    })
    const noSurvey = await createSession(db, {
      trainingId: await createTraining(db, { templateId: null }),
      facilitatorId: facilitator.sub,
      startsIn: '-1 hour',
      deadlineIn: '-1 day',
    })
    const attendee = await db.createUser()
    const checkIn = op('check_in', { session_id: session, employee_id: attendee.sub })
    await pushOne(db, facilitator, checkIn)
    await pushOne(db, facilitator, checkIn)
    await pushOne(db, facilitator, op('check_in', { session_id: session, employee_id: attendee.sub }))
    await pushOne(db, facilitator, op('check_in', { session_id: noSurvey, employee_id: attendee.sub }))
    expect(await noticesOf(attendee)).toEqual([
      expect.objectContaining({ kind: 'survey_due', session_id: session, read_at: null }),
    ])

    // Undone, the attendance asks for nothing; recorded again, it asks once more.
    await pushOne(db, facilitator, op('undo_check_in', { session_id: session, employee_id: attendee.sub }))
    expect(await noticesOf(attendee)).toEqual([])
    await pushOne(db, facilitator, op('check_in', { session_id: session, employee_id: attendee.sub }))
    expect(await noticesOf(attendee)).toHaveLength(1)

    await db.sql('insert into public.survey_submissions (session_id, employee_id) values ($1, $2)', [
      session,
      attendee.sub,
    ])
    expect(await noticesOf(attendee)).toEqual([
      expect.objectContaining({ kind: 'survey_due', read_at: expect.anything() }),
    ])
  })

  it('tells the employee of each certification decision, with the reason where there is one', async () => {
    const volunteer = await db.createUser({
      leaderCandidacyFy: currentFy,
      leaderCandidacyMethod: 'volunteered',
    })
    const other = await db.createUser({ leaderCandidacyFy: currentFy, leaderCandidacyMethod: 'volunteered' })
    expect(
      await pushOne(db, admin, op('acknowledge_volunteer', { employee_id: volunteer.sub })),
    ).toMatchObject({ status: 'applied' })
    const returned = await pushOne(
      db,
      admin,
      op('return_candidate', {
        employee_id: volunteer.sub,
        reason: '  情報セキュリティの研修を先に修了してください  ',
      }),
    )
    const outsider = await db.createUser()
    await pushOne(db, admin, op('nominate_candidate', { employee_id: outsider.sub, fiscal_year: currentFy }))
    // Approval and revocation of a certification made as the superuser (the rules are tested elsewhere).
    const leader = await db.createUser({ leaderCandidacyFy: currentFy, leaderCandidacyMethod: 'nominated' })
    const [cert] = await db.sql<{ id: string }>(
      `insert into public.certifications (employee_id, fiscal_year, approved_by) values ($1, $2, $3) returning id`,
      [leader.sub, currentFy, admin.sub],
    )
    await db.sql(
      `insert into public.certification_decisions (employee_id, decision, fiscal_year, certification_id, decided_by)
       values ($1, 'approved', $2, $3, $4)`,
      [leader.sub, currentFy, cert!.id, admin.sub],
    )
    await pushOne(
      db,
      admin,
      op('revoke_certification', { certification_id: cert!.id, reason: '退職予定のため' }),
    )

    expect(await noticesOf(volunteer)).toEqual([
      expect.objectContaining({ kind: 'decision_acknowledged', fiscal_year: currentFy, reason: null }),
      expect.objectContaining({
        kind: 'decision_returned',
        decision_id: returned.row!.id,
        fiscal_year: currentFy,
        reason: '情報セキュリティの研修を先に修了してください',
      }),
    ])
    expect(await noticesOf(outsider)).toEqual([
      expect.objectContaining({ kind: 'decision_nominated', fiscal_year: currentFy }),
    ])
    expect((await noticesOf(leader)).map((n) => [n.kind, n.reason])).toEqual([
      ['decision_approved', null],
      ['decision_revoked', '退職予定のため'],
    ])
    expect(await noticesOf(other)).toEqual([])
  })

  it('writes nothing twice when a change is sent again', async () => {
    const volunteer = await db.createUser({
      leaderCandidacyFy: currentFy,
      leaderCandidacyMethod: 'volunteered',
    })
    const returnIt = op('return_candidate', { employee_id: volunteer.sub, reason: '要件を確認してください' })
    await pushOne(db, admin, returnIt)
    const once = await noticesOf(volunteer)
    expect(await pushOne(db, admin, returnIt)).toMatchObject({ status: 'duplicate' })
    expect(await noticesOf(volunteer)).toEqual(once)
    expect(once).toHaveLength(1)
  })
})

describe('who reads notices', () => {
  let owner: UserClaims
  let noticeId: string

  beforeAll(async () => {
    owner = await db.createUser({ leaderCandidacyFy: currentFy, leaderCandidacyMethod: 'volunteered' })
    await pushOne(db, admin, op('return_candidate', { employee_id: owner.sub, reason: '理由A' }))
    noticeId = (await noticesOf(owner))[0]!.id
  })

  it('lets the recipient read their own notices through the table', async () => {
    expect(await attempt(db, owner, 'select id from public.notices')).toEqual({
      ok: true,
      rows: [{ id: noticeId }],
    })
  })

  it.each([
    ['another employee', () => db.createUser()],
    ['a facilitator', () => Promise.resolve(facilitator)],
    ['the DX division', () => Promise.resolve(admin)],
  ])('shows %s none of them', async (_who, who) => {
    expect(await attempt(db, await who(), 'select id from public.notices where id = $1', [noticeId])).toEqual(
      {
        ok: true,
        rows: [],
      },
    )
  })

  it('shows anon none of them', async () => {
    // anon holds no grant on any table (20260401005000_active_access.sql).
    expect(await attempt(db, null, 'select id from public.notices')).toMatchObject({
      ok: false,
      code: '42501',
    })
  })

  it('lets nobody write a notice through the table, the recipient included', async () => {
    for (const who of [owner, admin]) {
      expect(
        await attempt(db, who, 'update public.notices set read_at = now() where id = $1', [noticeId]),
      ).toMatchObject({ ok: false, code: '42501' })
    }
  })

  it('hands the return and its reason to the volunteer through sync_pull, and to nobody else', async () => {
    await waitForHorizon(db)
    const replica = new Replica()
    await drain(db, owner, replica)
    await expectReplicaToMatch(db, owner, replica)
    expect(Object.values(replica.state().notices ?? {})).toEqual([
      expect.objectContaining({ id: noticeId, kind: 'decision_returned', reason: '理由A', read_at: null }),
    ])
    const stranger = new Replica()
    await drain(db, await db.createUser(), stranger)
    expect(stranger.state().notices).toEqual({})
  })
})

describe('mark_notices_read', () => {
  let owner: UserClaims
  let ids: string[]

  beforeAll(async () => {
    owner = await db.createUser({ leaderCandidacyFy: currentFy, leaderCandidacyMethod: 'volunteered' })
    await pushOne(db, admin, op('acknowledge_volunteer', { employee_id: owner.sub }))
    await pushOne(db, admin, op('return_candidate', { employee_id: owner.sub, reason: '理由B' }))
    ids = (await noticesOf(owner)).map((n) => n.id)
  })

  it('marks only the ids given, and keeps the first time a notice was read', async () => {
    expect(await pushOne(db, owner, op('mark_notices_read', { ids: [ids[0]] }))).toMatchObject({
      status: 'applied',
      row: null,
    })
    const [first] = await noticesOf(owner)
    expect(first!.read_at).not.toBeNull()
    expect((await noticesOf(owner))[1]!.read_at).toBeNull()

    await pushOne(db, owner, op('mark_notices_read', { ids }))
    const after = await noticesOf(owner)
    expect(after[0]!.read_at).toEqual(first!.read_at)
    expect(after[1]!.read_at).not.toBeNull()
  })

  it.each([
    ['another employee’s notice', () => ({ ids: [ids[0]] }), 'stranger', 'DXP150'],
    ['an id of no notice', () => ({ ids: [randomUUID()] }), 'owner', 'DXP150'],
    ['an empty list', () => ({ ids: [] }), 'owner', 'DXP015'],
    ['an id that is not a uuid', () => ({ ids: ['not-a-uuid'] }), 'owner', 'DXP013'],
    ['an unknown argument', () => ({ ids: [ids[0]], all: true }), 'owner', 'DXP013'],
  ] as const)('refuses %s and changes nothing', async (_case, args, by, code) => {
    await db.sql('update public.notices set read_at = null where employee_id = $1', [owner.sub])
    const who = by === 'owner' ? owner : await db.createUser()
    const before = await snapshotAll(db, ['notices', 'sync_tombstones'])
    expect(await pushOne(db, who, op('mark_notices_read', args()))).toMatchObject(rejected(code))
    expect(await snapshotAll(db, ['notices', 'sync_tombstones'])).toEqual(before)
  })

  it('refuses a list mixing the caller’s notices with another’s, marking none of them', async () => {
    const stranger = await db.createUser({
      leaderCandidacyFy: currentFy,
      leaderCandidacyMethod: 'volunteered',
    })
    await pushOne(db, admin, op('acknowledge_volunteer', { employee_id: stranger.sub }))
    const theirs = (await noticesOf(stranger))[0]!.id
    await db.sql('update public.notices set read_at = null where employee_id = $1', [owner.sub])
    expect(await pushOne(db, owner, op('mark_notices_read', { ids: [...ids, theirs] }))).toMatchObject(
      rejected('DXP150'),
    )
    expect((await noticesOf(owner)).every((n) => n.read_at === null)).toBe(true)
    expect((await noticesOf(stranger))[0]!.read_at).toBeNull()
  })
})
