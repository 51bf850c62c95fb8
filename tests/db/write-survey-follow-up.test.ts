// Follow-up surveys (20260401001400_survey_writes.sql): submit_survey with phase 'follow_up',
// due follow_up_weeks after the start, after the post-training survey, once; anonymous stays anonymous.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { createSession, createTraining, op, pushOne, rejected, snapshotAll } from './write-support'

let db: TestDb
let dueSession: string
let earlySession: string
let anonymousSession: string
let noFollowUpSession: string

const SURVEY_TABLES = ['survey_responses', 'survey_submissions', 'private.survey_ballot_boxes']

const post = {
  satisfaction: 5,
  understanding: 4,
  usefulness: 4,
  facilitation: 5,
  recommendation: 9,
  self_assessment: { bpr: { before: 2, after: 4 } },
}
const followUp = (overrides: Record<string, unknown> = {}) => ({
  applied: 'often',
  impact: 4,
  applied_what: '申請書の様式を見直し、記入項目を減らした。',
  ...overrides,
})

async function templateWithFollowUp(code: string, anonymous: boolean, weeks: number | null): Promise<string> {
  const [row] = await db.sql<{ id: string }>(
    `insert into public.survey_templates (code, title, anonymous, follow_up_weeks, questions)
     select $1, '事後アンケート付き', $2, $3, questions from public.survey_templates
     where code = 'standard_post_training' returning id`,
    [code, anonymous, weeks],
  )
  return row!.id
}

async function sessionOf(templateId: string, startsIn: string): Promise<string> {
  const trainingId = await createTraining(db, { areas: ['bpr'], templateId })
  return createSession(db, { trainingId, startsIn, deadlineIn: '-60 days', status: 'closed' })
}

/** An employee checked in at the session (written directly: the check-in window is long past). */
async function attendee(...sessions: string[]): Promise<UserClaims> {
  const staff = await db.createUser()
  for (const session of sessions) {
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status, checked_in_at)
       select $1, $2, 'attended', starts_at from public.sessions where id = $1`,
      [session, staff.sub],
    )
  }
  return staff
}

const submit = (claims: UserClaims, session: string, args: Record<string, unknown>) =>
  pushOne(db, claims, op('submit_survey', { id: randomUUID(), session_id: session, ...args }))

beforeAll(async () => {
  db = await createTestDb()
  const weeks4 = await templateWithFollowUp('with_follow_up', false, 4)
  dueSession = await sessionOf(weeks4, '-29 days')
  earlySession = await sessionOf(weeks4, '-27 days')
  anonymousSession = await sessionOf(await templateWithFollowUp('anonymous_follow_up', true, 4), '-29 days')
  noFollowUpSession = await sessionOf(await templateWithFollowUp('no_follow_up', false, null), '-29 days')
})
afterAll(() => db?.close())

describe('submit_survey with phase follow_up', () => {
  it('records the follow-up of an attendee who answered the post-training survey, once its weeks have passed', async () => {
    const staff = await attendee(dueSession)
    expect(await submit(staff, dueSession, { answers: post })).toMatchObject({ status: 'applied' })
    const result = await submit(staff, dueSession, { answers: followUp(), phase: 'follow_up' })
    expect(result).toMatchObject({ status: 'applied', code: null })
    expect(result.row).toMatchObject({ phase: 'follow_up', respondent_id: staff.sub, answers: followUp() })
    const [submission] = await db.sql<{ follow_up_submitted_at: string | null }>(
      'select follow_up_submitted_at from public.survey_submissions where session_id = $1 and employee_id = $2',
      [dueSession, staff.sub],
    )
    expect(submission?.follow_up_submitted_at).not.toBeNull()
    const phases = await db.sql<{ phase: string }>(
      'select phase from public.survey_responses where session_id = $1 and respondent_id = $2 order by phase desc',
      [dueSession, staff.sub],
    )
    expect(phases.map((p) => p.phase)).toEqual(['post', 'follow_up'])
  })

  it('leaves an existing client’s survey as it was: no phase means the post-training survey', async () => {
    const staff = await attendee(dueSession)
    const result = await submit(staff, dueSession, { answers: post })
    expect(result.row).toMatchObject({ phase: 'post' })
    const [submission] = await db.sql<{ follow_up_submitted_at: string | null }>(
      'select follow_up_submitted_at from public.survey_submissions where session_id = $1 and employee_id = $2',
      [dueSession, staff.sub],
    )
    expect(submission).toEqual({ follow_up_submitted_at: null })
  })

  it('refuses a second follow-up, and writes nothing', async () => {
    const staff = await attendee(dueSession)
    await submit(staff, dueSession, { answers: post })
    await submit(staff, dueSession, { answers: followUp(), phase: 'follow_up' })
    const before = await snapshotAll(db, SURVEY_TABLES)
    expect(await submit(staff, dueSession, { answers: followUp(), phase: 'follow_up' })).toMatchObject(
      rejected('DXP057'),
    )
    expect(await snapshotAll(db, SURVEY_TABLES)).toEqual(before)
  })

  it('refuses a follow-up before its weeks have passed, naming the date', async () => {
    const staff = await attendee(earlySession)
    await submit(staff, earlySession, { answers: post })
    const result = await submit(staff, earlySession, { answers: followUp(), phase: 'follow_up' })
    expect(result).toMatchObject(rejected('DXP056'))
    expect(result.message).toMatch(/^事後アンケートは\d{4}年\d{1,2}月\d{1,2}日から回答できます。/)
  })

  it('refuses a follow-up before the post-training survey, and from someone who did not attend', async () => {
    const staff = await attendee(dueSession)
    expect(await submit(staff, dueSession, { answers: followUp(), phase: 'follow_up' })).toMatchObject(
      rejected('DXP058'),
    )
    const stranger = await db.createUser()
    expect(await submit(stranger, dueSession, { answers: followUp(), phase: 'follow_up' })).toMatchObject(
      rejected('DXP051'),
    )
  })

  it('refuses a follow-up of a template without follow_up_weeks', async () => {
    const staff = await attendee(noFollowUpSession)
    await submit(staff, noFollowUpSession, { answers: post })
    expect(await submit(staff, noFollowUpSession, { answers: followUp(), phase: 'follow_up' })).toMatchObject(
      rejected('DXP050'),
    )
  })

  it('checks the answers against the follow-up questions, not the post-training ones', async () => {
    const staff = await attendee(dueSession)
    await submit(staff, dueSession, { answers: post })
    for (const answers of [
      post,
      followUp({ applied: 'always' }),
      { impact: 3 },
      followUp({ satisfaction: 5 }),
    ]) {
      expect(await submit(staff, dueSession, { answers, phase: 'follow_up' })).toMatchObject(
        rejected('DXP053'),
      )
    }
    expect(await submit(staff, dueSession, { answers: followUp(), phase: 'later' })).toMatchObject(
      rejected('DXP013'),
    )
  })

  it('stores no respondent for an anonymous template’s follow-up, yet allows one only', async () => {
    const staff = await attendee(anonymousSession)
    await submit(staff, anonymousSession, { answers: post })
    const first = await submit(staff, anonymousSession, { answers: followUp(), phase: 'follow_up' })
    expect(first).toMatchObject({ status: 'applied', row: null })
    // Into the session's follow-up ballot box, apart from the post-training answers.
    expect(
      await db.sql(
        `select phase, jsonb_array_length(answers) as n from private.survey_ballot_boxes
         where session_id = $1 order by phase`,
        [anonymousSession],
      ),
    ).toEqual([
      { phase: 'follow_up', n: 1 },
      { phase: 'post', n: 1 },
    ])
    expect(
      await db.sql('select count(*)::int as n from public.survey_responses where session_id = $1', [
        anonymousSession,
      ]),
    ).toEqual([{ n: 0 }])
    expect(await submit(staff, anonymousSession, { answers: followUp(), phase: 'follow_up' })).toMatchObject(
      rejected('DXP057'),
    )
    // Nobody reads it row by row, not even its author.
    expect(await db.rpc(staff, 'sync_pull', { cursor: null })).not.toMatchObject({
      changes: expect.arrayContaining([expect.objectContaining({ key: first.row?.id })]),
    })
  })

  it('answers a replayed follow-up with its first result and writes nothing more', async () => {
    const staff = await attendee(dueSession)
    await submit(staff, dueSession, { answers: post })
    const mutation = op('submit_survey', {
      id: randomUUID(),
      session_id: dueSession,
      answers: followUp(),
      phase: 'follow_up',
    })
    const first = await pushOne(db, staff, mutation)
    const before = await snapshotAll(db, SURVEY_TABLES)
    const again = await pushOne(db, staff, mutation)
    expect(again).toMatchObject({ status: 'duplicate', row: first.row })
    expect(await snapshotAll(db, SURVEY_TABLES)).toEqual(before)
  })

  it('gives every template the standard follow-up questions, which the template check accepts', async () => {
    const rows = await db.sql<{ keys: string[] }>(
      `select array(select q ->> 'key' from jsonb_array_elements(follow_up_questions) as q) as keys
       from public.survey_templates where code = 'standard_post_training'`,
    )
    expect(rows[0]?.keys).toEqual(['applied', 'impact', 'applied_what', 'obstacles'])
    await expect(
      db.sql(
        `update public.survey_templates set follow_up_questions = '[]'::jsonb where code = 'no_follow_up'`,
      ),
    ).rejects.toThrow(/survey_templates_follow_up_questions_valid/)
  })
})
