// The demo city (src/backend/embedded/demo-city/) on a fresh database: it satisfies every check
// and rule of record, is the same on every install, and gives the persona picker its five people.
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteExecutor } from '@/backend/embedded/pglite-executor'
import { installSchema } from '@/backend/embedded/schema-installer'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { demoData, DEMO_PERSONAS, writeDemoCity, type DemoCity } from '@/backend/embedded/demo-city'
import { createTestDb, dbEngine, type TestDb } from '../support/test-db'
import { loadSchemaFiles } from '../support/schema-files'
import { drain, expectReplicaToMatch, Replica, waitForHorizon } from '../support/sync-replica'

const id = (key: string) => DEMO_PERSONAS.find((p) => p.key === key)?.id ?? ''

/** A digest of every row the demo city wrote, less the columns the clock fills (now(), xids). */
const CONTENT_HASH_SQL = `
  select t, md5(string_agg(r, E'\\n' order by r)) as hash from (
    select 'users' as t, (to_jsonb(x) - 'updated_at' - 'email_confirmed_at')::text as r from auth.users as x
    union all select 'profiles', (to_jsonb(x) - '_xid' - 'updated_at')::text from public.profiles as x
    union all select 'templates', (to_jsonb(x) - '_xid' - 'updated_at' - 'created_at')::text from public.survey_templates as x
    union all select 'trainings', (to_jsonb(x) - '_xid' - 'updated_at')::text from public.trainings as x
    union all select 'areas', (to_jsonb(x) - '_xid')::text from public.training_areas as x
    union all select 'roles', (to_jsonb(x) - '_xid')::text from public.training_target_roles as x
    union all select 'sessions', (to_jsonb(x) - '_xid' - 'updated_at')::text from public.sessions as x
    union all select 'registrations', (to_jsonb(x) - '_xid' - 'updated_at')::text from public.registrations as x
    union all select 'learning', (to_jsonb(x) - '_xid' - 'updated_at')::text from public.learning_records as x
    union all select 'responses', (to_jsonb(x) - '_xid')::text from public.survey_responses as x
    union all select 'ballots', to_jsonb(x)::text from private.survey_ballot_boxes as x
    union all select 'submissions', (to_jsonb(x) - '_xid')::text from public.survey_submissions as x
    union all select 'certifications', (to_jsonb(x) - '_xid')::text from public.certifications as x
  ) as rows group by t order by t`

async function install(db: TestDb): Promise<{ city: DemoCity; ms: number }> {
  const started = performance.now()
  const city = await db.executor.transaction((tx) => writeDemoCity(tx))
  return { city, ms: performance.now() - started }
}

describe('the demo city', () => {
  let db: TestDb
  let city: DemoCity

  beforeAll(async () => {
    db = await createTestDb()
    const result = await install(db)
    city = result.city
    console.info(`demo city on ${db.engine}: ${Math.round(result.ms)} ms`)
  })
  afterAll(async () => {
    await db?.close()
  })

  it('writes about 300 employees and a year of trainings, records and surveys', async () => {
    const [counts] = await db.sql<Record<string, number>>(`select
      (select count(*)::int from auth.users) as users,
      (select count(*)::int from public.profiles) as profiles,
      (select count(*)::int from public.profiles where app_role = 'dx_admin') as dx_admins,
      (select count(*)::int from public.profiles where app_role = 'facilitator') as facilitators,
      (select count(*)::int from public.profiles where leader_candidacy_fy = 2026 and leader_candidacy_method = 'volunteered') as volunteered,
      (select count(*)::int from public.profiles where leader_candidacy_fy = 2026 and leader_candidacy_method = 'nominated') as nominated,
      (select count(distinct department_code)::int from public.profiles) as departments,
      (select count(distinct position_grade_code)::int from public.profiles) as grades,
      (select count(*)::int from public.trainings) as trainings,
      (select count(distinct kind)::int from public.trainings) as kinds,
      (select count(distinct fiscal_year)::int from public.trainings) as fiscal_years,
      (select count(distinct area_code)::int from public.training_areas) as areas_covered,
      (select count(*)::int from public.sessions where status = 'closed') as closed_sessions,
      (select count(*)::int from public.sessions where status = 'scheduled') as scheduled_sessions,
      (select count(*)::int from public.registrations) as registrations,
      (select count(*)::int from public.registrations where status = 'attended') as attended,
      (select count(*)::int from public.registrations where status = 'no_show') as no_shows,
      (select count(*)::int from public.registrations where status = 'waitlisted') as waitlisted,
      (select count(*)::int from public.registrations where status = 'cancelled') as cancelled,
      (select count(*)::int from public.learning_records) as learning_records,
      (select count(distinct source)::int from public.learning_records) as sources,
      (select count(*)::int from private.survey_answers where phase = 'post') as responses,
      (select count(*)::int from public.survey_responses where respondent_id is null) as unnamed_rows,
      (select coalesce(sum(jsonb_array_length(answers)), 0)::int from private.survey_ballot_boxes) as anonymous_answers,
      (select count(*)::int from public.survey_submissions) as submissions,
      (select count(*)::int from public.certifications where fiscal_year = 2026) as certifications`)
    console.info(`demo city counts: ${JSON.stringify(counts)}`)
    expect(counts).toMatchObject({
      users: 300,
      profiles: 300,
      kinds: 3,
      fiscal_years: 3,
      areas_covered: 9,
      sources: 4,
    })
    const c = counts as Record<string, number>
    expect(c.departments).toBeGreaterThanOrEqual(80)
    expect(c.grades).toBe(9)
    expect(c.dx_admins).toBeGreaterThanOrEqual(4)
    expect(c.dx_admins).toBeLessThanOrEqual(10)
    expect(c.facilitators).toBeGreaterThanOrEqual(3)
    expect(c.volunteered).toBeGreaterThanOrEqual(10)
    expect(c.nominated).toBeGreaterThanOrEqual(5)
    expect(c.trainings).toBeGreaterThanOrEqual(12)
    expect(c.closed_sessions).toBeGreaterThanOrEqual(8)
    expect(c.scheduled_sessions).toBeGreaterThanOrEqual(10)
    expect(c.attended).toBeGreaterThanOrEqual(150)
    expect(c.no_shows).toBeGreaterThan(0)
    expect(c.waitlisted).toBeGreaterThanOrEqual(5)
    expect(c.cancelled).toBeGreaterThan(0)
    expect(c.learning_records).toBeGreaterThanOrEqual(600)
    expect(c.responses).toBeGreaterThanOrEqual(100)
    // Anonymous answers are in ballot boxes only, never rows of survey_responses.
    expect(c.anonymous_answers).toBeGreaterThan(0)
    expect(c.unnamed_rows).toBe(0)
    expect(c.submissions).toBe(c.responses)
    expect(c.certifications).toBeGreaterThanOrEqual(3)
    expect(c.certifications).toBeLessThanOrEqual(10)
    expect(city.profiles).toHaveLength(300)
  })

  it('never overbooks a session, keeps waitlists contiguous from 1 and only behind a full session', async () => {
    const overbooked = await db.sql(`
      select s.id from public.sessions as s
      where (select count(*) from public.registrations as r
             where r.session_id = s.id and r.status in ('confirmed', 'attended', 'no_show')) > s.capacity`)
    expect(overbooked).toEqual([])
    const gaps = await db.sql(`
      select session_id from public.registrations where status = 'waitlisted'
      group by session_id having min(waitlist_position) <> 1 or max(waitlist_position) <> count(*)`)
    expect(gaps).toEqual([])
    const notFull = await db.sql(`
      select s.id from public.sessions as s
      where exists (select 1 from public.registrations as r where r.session_id = s.id and r.status = 'waitlisted')
        and (select count(*) from public.registrations as r
             where r.session_id = s.id and r.status in ('confirmed', 'attended', 'no_show')) < s.capacity`)
    expect(notFull).toEqual([])
    const [twice] = await db.sql<{ n: number }>(`select count(*)::int as n from (
      select session_id, employee_id from public.registrations where status <> 'cancelled'
      group by 1, 2 having count(*) > 1) as x`)
    expect(twice?.n).toBe(0)
  })

  it('keeps attendance to past sessions and open seats to future ones', async () => {
    const wrong = await db.sql(`
      select r.id, r.status, s.status as session_status from public.registrations as r
      join public.sessions as s on s.id = r.session_id join public.trainings as t on t.id = s.training_id
      where t.kind <> 'elearning' and (
        (s.starts_at < date '2026-11-25' and r.status in ('confirmed', 'waitlisted'))
        or (s.starts_at >= date '2026-11-25' and r.status in ('attended', 'no_show'))
        or (r.status = 'attended' and r.checked_in_by is null)
        or r.registered_at > s.registration_deadline)`)
    expect(wrong).toEqual([])
    const [future] = await db.sql<{ n: number }>(
      `select count(*)::int as n from public.learning_records where completed_on > date '2026-11-25'`,
    )
    expect(future?.n).toBe(0)
  })

  it('answers every survey as the server would accept it, with a plausible self-assessed gain', async () => {
    // The validator sync_push runs on a submitted survey: raises on the first bad response.
    await db.sql(`
      select private.check_survey_answers(
        case r.phase when 'post' then t.questions else t.follow_up_questions end,
        array(select ta.area_code from public.training_areas as ta
              join public.sessions as s on s.training_id = ta.training_id where s.id = r.session_id),
        r.answers)
      from private.survey_answers as r join public.survey_templates as t on t.id = r.template_id`)
    const [gain] = await db.sql<{ before: number; after: number; lower: number }>(`
      select avg((v ->> 'before')::numeric)::float8 as before, avg((v ->> 'after')::numeric)::float8 as after,
             count(*) filter (where (v ->> 'after')::int < (v ->> 'before')::int)::int as lower
      from private.survey_answers as r, jsonb_each(r.answers -> 'self_assessment') as e (k, v)`)
    expect(gain?.lower).toBe(0)
    expect((gain?.after ?? 0) - (gain?.before ?? 0)).toBeGreaterThan(0.5)
    const mismatched = await db.sql(`
      select r.id from public.survey_responses as r join public.survey_templates as t on t.id = r.template_id
      join public.sessions as s on s.id = r.session_id join public.trainings as tr on tr.id = s.training_id
      where tr.survey_template_id is distinct from r.template_id or t.anonymous or r.respondent_id is null
        or (not exists (
          select 1 from public.registrations as g where g.session_id = r.session_id
            and g.employee_id = r.respondent_id and g.status = 'attended'))`)
    expect(mismatched).toEqual([])
    const misfiled = await db.sql(`
      select b.session_id from private.survey_ballot_boxes as b join public.survey_templates as t on t.id = b.template_id
      join public.sessions as s on s.id = b.session_id join public.trainings as tr on tr.id = s.training_id
      where tr.survey_template_id is distinct from b.template_id or not t.anonymous`)
    expect(misfiled).toEqual([])
  })

  it('has follow-up answers where the template asks for one, which the DX division sees as level 3', async () => {
    const [row] = await db.sql<{ training_id: string; n: number; marked: number }>(`
      select s.training_id, count(*)::int as n,
        (select count(*)::int from public.survey_submissions as ss join public.sessions as s2 on s2.id = ss.session_id
         where s2.training_id = s.training_id and ss.follow_up_submitted_at is not null) as marked
      from private.survey_answers as r join public.sessions as s on s.id = r.session_id
      where r.phase = 'follow_up' group by s.training_id order by count(*) desc limit 1`)
    expect(row?.n).toBeGreaterThanOrEqual(5)
    // THAT they answered is on the submission, as submit_survey records it; not what.
    expect(row?.marked).toBe(row?.n)
    const [admin] = await db.sql<{ id: string }>(
      `select id from public.profiles where app_role = 'dx_admin' limit 1`,
    )
    const effect = (await db.rpc({ sub: admin!.id, role: 'authenticated' }, 'division_training_effect', {
      training_id: row!.training_id,
    })) as { total: { behaviour: { follow_up: { responses: unknown; choices: unknown[] } | null } } }
    expect(effect.total.behaviour.follow_up?.responses).toBe(row?.n)
    expect(effect.total.behaviour.follow_up?.choices).toHaveLength(1)
  })

  it('gives the picker exactly the five personas, in the intended roles and states', async () => {
    const backend = createEmbeddedBackend({ executor: db.executor })
    const personas = await backend.listPersonas()
    expect(personas.map((p) => [p.kind, p.id, p.email])).toEqual([
      ['promoter', id('promoter'), 'persona+promoter@demo.dx-passport.invalid'],
      ['manager', id('manager'), 'persona+manager@demo.dx-passport.invalid'],
      ['leader_candidate', id('leader_candidate'), 'persona+leader-candidate@demo.dx-passport.invalid'],
      ['facilitator', id('facilitator'), 'persona+facilitator@demo.dx-passport.invalid'],
      ['dx_division', id('dx_division'), 'persona+dx-division@demo.dx-passport.invalid'],
    ])
    expect(personas.find((p) => p.kind === 'dx_division')).toMatchObject({
      appRole: 'dx_admin',
      departmentCode: 'kikaku_dx',
    })
    expect(personas.find((p) => p.kind === 'manager')?.supervisory).toBe(true)
    expect(personas.find((p) => p.kind === 'promoter')?.supervisory).toBe(false)

    // The leader candidate: candidacy, the e-learning and a workshop with its survey done; two areas
    // still missing (情報セキュリティ, 行政手続オンライン化), which they can record themselves; no
    // certification yet.
    const [candidate] = await db.sql<Record<string, unknown>>(
      `select p.leader_candidacy_fy as fy,
        (select array_agg(distinct area_code order by area_code) from public.learning_records where employee_id = p.id) as areas,
        (select count(*)::int from public.registrations as r join public.sessions as s on s.id = r.session_id
           join public.trainings as t on t.id = s.training_id
           join public.survey_submissions as ss on ss.session_id = r.session_id and ss.employee_id = r.employee_id
           where r.employee_id = p.id and t.kind = 'workshop' and r.status = 'attended') as workshops_surveyed,
        (select r.status from public.registrations as r join public.sessions as s on s.id = r.session_id
           join public.trainings as t on t.id = s.training_id
           where r.employee_id = p.id and t.kind = 'elearning' and t.fiscal_year = 2026) as elearning,
        (select count(*)::int from public.certifications where employee_id = p.id) as certifications
       from public.profiles as p where p.id = $1`,
      [id('leader_candidate')],
    )
    expect(candidate).toMatchObject({
      fy: 2026,
      workshops_surveyed: 1,
      elearning: 'attended',
      certifications: 0,
    })
    expect(candidate?.areas).toHaveLength(7)
    expect(candidate?.areas).not.toContain('information_security')
    expect(candidate?.areas).not.toContain('online_procedures')

    const [facilitator] = await db.sql<{ past: number; future: number }>(
      `select count(*) filter (where starts_at < date '2026-11-25')::int as past,
              count(*) filter (where starts_at >= date '2026-11-25')::int as future
       from public.sessions where facilitator_id = $1`,
      [id('facilitator')],
    )
    expect(facilitator?.past).toBeGreaterThanOrEqual(2)
    expect(facilitator?.future).toBeGreaterThanOrEqual(1)
    const [manager] = await db.sql<{ statuses: string[] }>(
      `select array_agg(distinct status order by status) as statuses from public.registrations where employee_id = $1`,
      [id('manager')],
    )
    expect(manager?.statuses).toEqual(['attended', 'no_show', 'waitlisted'])
  })

  it('certifies only candidates who meet every step, approved by the DX division', async () => {
    const wrong = await db.sql(`
      select c.employee_id from public.certifications as c join public.profiles as p on p.id = c.employee_id
      join public.profiles as a on a.id = c.approved_by
      where a.app_role <> 'dx_admin' or p.leader_candidacy_fy is null
        or c.approved_at >= timestamptz '2026-11-25 00:00+09'
        or (select count(distinct area_code) from public.learning_records where employee_id = p.id) < 9
        or not exists (select 1 from public.registrations as r join public.sessions as s on s.id = r.session_id
          join public.trainings as t on t.id = s.training_id
          where r.employee_id = p.id and r.status = 'attended' and t.kind = 'elearning' and t.fiscal_year = 2026)
        or not exists (select 1 from public.registrations as r join public.sessions as s on s.id = r.session_id
          join public.trainings as t on t.id = s.training_id
          join public.survey_submissions as ss on ss.session_id = r.session_id and ss.employee_id = r.employee_id
          where r.employee_id = p.id and r.status = 'attended' and t.kind = 'workshop')`)
    expect(wrong).toEqual([])
  })

  it('tells the story of the decisions: an approval behind every certificate, a volunteer returned with a reason, notices for them', async () => {
    const [unapproved] = await db.sql<{ n: number }>(
      `select count(*)::int as n from public.certifications as c
       where not exists (select 1 from public.certification_decisions as d
                         where d.certification_id = c.id and d.decision = 'approved')`,
    )
    expect(unapproved).toEqual({ n: 0 })
    const returned = await db.sql<{
      method: string
      reason: string
      notice_reason: string
      persona: boolean
    }>(
      `select p.leader_candidacy_method as method, d.reason, n.reason as notice_reason,
              p.id = any($1::uuid[]) as persona
       from public.certification_decisions as d
       join public.profiles as p on p.id = d.employee_id
       join public.notices as n on n.decision_id = d.id and n.kind = 'decision_returned'
       where d.decision = 'returned'`,
      [DEMO_PERSONAS.map((p) => p.id)],
    )
    expect(returned).toHaveLength(1)
    expect(returned[0]).toMatchObject({ method: 'volunteered', persona: false })
    expect(returned[0]!.notice_reason).toBe(returned[0]!.reason)
    const unread = await db.sql<{ kind: string }>(
      `select n.kind from public.notices as n
       join public.sessions as s on s.id = n.session_id
       join public.registrations as r on r.session_id = s.id and r.employee_id = n.employee_id
       where n.employee_id = $1 and n.read_at is null and r.status = 'confirmed'`,
      [id('promoter')],
    )
    expect(unread.map((n) => n.kind)).toContain('session_changed')
  })

  it('lets a persona pull its own replica, holding only its own records', async () => {
    await waitForHorizon(db)
    for (const key of ['leader_candidate', 'facilitator'] as const) {
      const claims = { sub: id(key), role: 'authenticated' as const, aud: 'authenticated' }
      const replica = new Replica()
      await drain(db, claims, replica)
      await expectReplicaToMatch(db, claims, replica)
      const owned = replica.state()
      expect(Object.keys(owned.profiles ?? {})).toEqual([id(key)])
      for (const table of ['registrations', 'learning_records', 'survey_submissions'] as const) {
        for (const row of Object.values(owned[table] ?? {})) expect(row.employee_id).toBe(id(key))
      }
      if (key === 'leader_candidate')
        expect(Object.keys(owned.learning_records ?? {}).length).toBeGreaterThan(5)
    }
  })

  it('builds the same city on every install', async () => {
    const other = await createTestDb()
    try {
      await install(other)
      const a = await db.sql<{ t: string; hash: string }>(CONTENT_HASH_SQL)
      const b = await other.sql<{ t: string; hash: string }>(CONTENT_HASH_SQL)
      expect(a).toHaveLength(13)
      expect(b).toEqual(a)
    } finally {
      await other.close()
    }
  })
})

describe.skipIf(dbEngine() !== 'pglite')('the demo city through the schema installer', () => {
  it('is written once, with the seed, on a fresh install, and not again on the next start', async () => {
    const files = await loadSchemaFiles()
    const timed = async (withDemo: boolean) => {
      const db = await PGlite.create()
      const started = performance.now()
      await installSchema(pgliteExecutor(db), files, withDemo ? { demoData } : {})
      return { db, ms: performance.now() - started }
    }
    const plain = await timed(false)
    await plain.db.close()
    const { db, ms } = await timed(true)
    try {
      console.info(
        `install on PGlite: ${Math.round(plain.ms)} ms without the demo city, ${Math.round(ms)} ms with it`,
      )
      const executor = pgliteExecutor(db)
      expect((await createEmbeddedBackend({ executor }).listPersonas()).map((p) => p.id)).toEqual(
        DEMO_PERSONAS.map((p) => p.id),
      )
      const again = await installSchema(executor, files, { demoData })
      expect(again.applied).toEqual([])
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from public.profiles')
      expect(rows[0]?.n).toBe(300)
    } finally {
      await db.close()
    }
  })
})
