// The DX division's dashboard RPCs at city scale on PostgreSQL 17: 3,000 employees, 100,000 learning
// records, 20,000 survey responses (400 sessions of 40 trainings), generated set-based. Each RPC:
// median of 5 calls after one warm-up, budget 300 ms. PostgreSQL only: PGlite is the demo's engine,
// and generating this city row by row through its triggers would dominate the bench run.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { median, recordFigure } from './support/figures'

const ENGINE = process.env.DXP_DB_ENGINE === 'postgres' ? 'postgres17' : 'pglite'
const EMPLOYEES = 3_000
const LEARNING_RECORDS = 100_000
const TRAININGS = 40
const SESSIONS_PER_TRAINING = 10
const ATTENDEES_PER_SESSION = 60
const RESPONSES_PER_SESSION = 50 // 400 sessions × 50 = 20,000 responses
const CALLS = 5

let db: TestDb
let admin: UserClaims
let trainingId: string
let sessionId: string

/** The city, set-based: every table filled by one insert … select from generate_series. */
async function generateCity(): Promise<void> {
  await db.sql(
    `insert into auth.users (id, email)
     select md5('employee' || i)::uuid, 'bench' || i || '@dxp.test' from generate_series(1, $1) as i`,
    [EMPLOYEES],
  )
  await db.sql(
    `with d as (select array_agg(code order by sort_order) as codes from public.departments),
          g as (select array_agg(code order by rank) as codes from public.position_grades)
     insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code,
       position_grade_code, leader_candidacy_fy, leader_candidacy_method)
     select md5('employee' || i)::uuid, 'B' || lpad(i::text, 5, '0'), 'ベンチ 職員' || i, 'ベンチ ショクイン',
       d.codes[1 + i % cardinality(d.codes)], g.codes[1 + (i * 7) % cardinality(g.codes)],
       case when i % 10 = 0 then 2026 when i % 10 = 5 then 2027 end,
       case when i % 10 = 0 then 'volunteered' when i % 10 = 5 then 'nominated' end
     from generate_series(1, $1) as i, d, g`,
    [EMPLOYEES],
  )
  // An April transfer for one employee in ten.
  await db.sql(
    `update public.profile_department_history as h set valid_to = date '2026-04-01'
     where h.employee_id in (select md5('employee' || i)::uuid from generate_series(3, $1, 10) as i)`,
    [EMPLOYEES],
  )
  await db.sql(
    `insert into public.profile_department_history (employee_id, department_code, valid_from)
     select md5('employee' || i)::uuid, (select code from public.departments order by sort_order limit 1), date '2026-04-01'
     from generate_series(3, $1, 10) as i`,
    [EMPLOYEES],
  )
  await db.sql(
    `with a as (select array_agg(code order by sort_order) as codes from public.knowledge_areas)
     insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
     select md5('learning' || i)::uuid, md5('employee' || (1 + i % $2))::uuid, a.codes[1 + (i * 13 / $2) % 9],
       'self_study', '自己学習', 30 + i % 90, date '2025-04-01' + (i * 7919) % (private.tokyo_today() - date '2025-04-01')
     from generate_series(1, $1) as i, a`,
    [LEARNING_RECORDS, EMPLOYEES],
  )
  await db.sql(
    `insert into public.trainings (id, kind, title, fiscal_year, delivery, survey_template_id)
     select md5('training' || t)::uuid, case when t % 4 = 0 then 'dx_training' else 'workshop' end,
       'ベンチ研修 ' || t, 2025 + t % 2, 'in_person', '00000000-0000-4000-8000-000000000001'
     from generate_series(1, $1) as t`,
    [TRAININGS],
  )
  await db.sql(
    `insert into public.training_areas (training_id, area_code)
     select md5('training' || t)::uuid, a from generate_series(1, $1) as t, unnest(array['generative_ai', 'bpr']) as a`,
    [TRAININGS],
  )
  await db.sql(
    `insert into public.sessions (id, training_id, starts_at, ends_at, venue, capacity, registration_deadline, status)
     select md5('session' || s)::uuid, md5('training' || (1 + s % $1))::uuid,
       now() - (s || ' days')::interval, now() - (s || ' days')::interval + interval '2 hours', '本庁舎', 80,
       now() - (s || ' days')::interval - interval '1 day', 'closed'
     from generate_series(1, $2) as s`,
    [TRAININGS, TRAININGS * SESSIONS_PER_TRAINING],
  )
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, checked_in_at)
     select md5('session' || s)::uuid, md5('employee' || (1 + (s * 61 + k) % $3))::uuid,
       case when k % 12 = 11 then 'no_show' else 'attended' end,
       case when k % 12 = 11 then null else now() - (s || ' days')::interval end
     from generate_series(1, $1) as s, generate_series(0, $2 - 1) as k`,
    [TRAININGS * SESSIONS_PER_TRAINING, ATTENDEES_PER_SESSION, EMPLOYEES],
  )
  await db.sql(
    `insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_at)
     select md5('response' || s || ':' || k)::uuid, '00000000-0000-4000-8000-000000000001', md5('session' || s)::uuid,
       md5('employee' || (1 + (s * 61 + k) % $3))::uuid,
       jsonb_build_object('satisfaction', 1 + (s + k) % 5, 'understanding', 1 + (s * k) % 5,
         'usefulness', 1 + (k * 3) % 5, 'facilitation', 1 + (s * 7 + k) % 5, 'recommendation', (s + k * 3) % 11,
         'self_assessment', jsonb_build_object(
           'generative_ai', jsonb_build_object('before', 1 + k % 3, 'after', 3 + k % 3),
           'bpr', jsonb_build_object('before', 1 + s % 3, 'after', 2 + s % 4)),
         'good_points', 'グループワークが役に立った（' || k || '）', 'improvements', '', 'try_at_work', '議事録の要約'),
       md5('employee' || (1 + (s * 61 + k) % $3))::uuid, now() - (s || ' days')::interval + interval '3 hours'
     from generate_series(1, $1) as s, generate_series(0, $2 - 1) as k
     where k % 12 <> 11`,
    [TRAININGS * SESSIONS_PER_TRAINING, RESPONSES_PER_SESSION + 5, EMPLOYEES],
  )
  await db.sql(
    `insert into public.survey_submissions (session_id, employee_id)
     select r.session_id, r.respondent_id from public.survey_responses as r`,
  )
  // 40 certified leaders (600 candidates, one employee in five, of FY2026 and FY2027; 560 still in the queue).
  await db.sql(
    `insert into public.certifications (employee_id, fiscal_year, approved_by, approved_at)
     select md5('employee' || i)::uuid, 2026, md5('employee' || i)::uuid, now() - interval '10 days'
     from generate_series(20, 800, 20) as i`,
  )
  await db.sql('analyze')
}

beforeAll(async () => {
  if (ENGINE === 'pglite') return
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  const started = performance.now()
  await generateCity()
  console.log(`division-dashboard: city generated in ${Math.round(performance.now() - started)} ms`)
  trainingId = (await db.sql<{ id: string }>(`select md5('training' || 1)::uuid::text as id`))[0]!.id
  sessionId = (await db.sql<{ id: string }>(`select md5('session' || 40)::uuid::text as id`))[0]!.id
}, 600_000)
afterAll(async () => {
  await db?.close()
})

const RPCS: [string, () => Record<string, unknown>][] = [
  ['division_leader_targets', () => ({})],
  ['division_department_coverage', () => ({})],
  ['division_knowledge_areas', () => ({})],
  ['division_training_comparison', () => ({ training_kind: 'workshop' })],
  ['division_training_effect', () => ({ training_id: trainingId })],
  ['session_effect_summary', () => ({ session_id: sessionId })],
  ['division_certification_queue', () => ({})],
]

it.skipIf(ENGINE === 'pglite')(
  `answers each dashboard RPC within 300 ms for ${EMPLOYEES} employees, ${LEARNING_RECORDS} typed learning records and those attendance credits`,
  async () => {
    const [counts] = await db.sql<{
      typed: number
      credited: number
      attendedAreas: number
      responses: number
    }>(
      `select (select count(*)::int from public.learning_records where source <> 'session') as typed,
         (select count(*)::int from public.learning_records where source = 'session') as credited,
         (select count(*)::int from public.registrations as r
            join public.sessions as s on s.id = r.session_id
            join public.trainings as t on t.id = s.training_id and t.kind <> 'elearning'
            join public.training_areas as ta on ta.training_id = t.id
           where r.status = 'attended') as "attendedAreas",
         (select count(*)::int from public.survey_responses) as responses`,
    )
    expect(counts!.typed).toBe(LEARNING_RECORDS)
    // Attending is learning: one record per area of every attended session (attendance_learning.sql).
    expect(counts!.credited).toBe(counts!.attendedAreas)
    expect(counts!.credited).toBeGreaterThan(0)
    expect(counts!.responses).toBeGreaterThanOrEqual(20_000)
    for (const [fn, args] of RPCS) {
      await db.rpc(admin, fn, args()) // warm-up: plans and caches
      const times: number[] = []
      for (let i = 0; i < CALLS; i += 1) {
        const started = performance.now()
        await db.rpc(admin, fn, args())
        times.push(performance.now() - started)
      }
      const ms = median(times)
      console.log(`${fn}: ${ms.toFixed(1)} ms (median of ${CALLS})`)
      await recordFigure({
        name: `division-${fn.replace(/^division_/, '').replace(/_/g, '-')}-ms-${ENGINE}`,
        value: ms,
        unit: 'ms',
        // Issue #8's goal ("under 300 ms each"), reported; the run does not fail on a loaded machine.
        goal: { op: '<=', limit: 300 },
      })
    }
  },
)
