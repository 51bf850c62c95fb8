// The DX division's dashboard aggregates (leader targets, department coverage, knowledge areas)
// checked against a brute-force computation in TypeScript over the same seeded city: employees in
// departments, April transfers, learning records, e-learning and workshop attendance with surveys,
// candidacies and certifications.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { call, roundRatio, seeded } from './division-support'
import { createSession, createTraining } from './write-support'

interface Employee {
  id: string
  employeeNumber: string
  grade: string
  supervisory: boolean
  /** Department before the transfer, and after it (from 2026-04-01) if transferred. */
  before: string
  after: string
  candidacyFy: number | null
}
interface Learning {
  employeeId: string
  area: string
  minutes: number
  on: string
}
interface Attendance {
  employeeId: string
  sessionId: string
  kind: 'elearning' | 'workshop'
  fiscalYear: number
  on: string
  surveyed: boolean
}
interface Certification {
  employeeId: string
  fiscalYear: number
  approvedOn: string
  revokedOn: string | null
}

const TRANSFER_DAY = '2026-04-01'
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

let db: TestDb
let admin: UserClaims
let today: string
let departments: string[] // uses information systems
let fieldUnit: string // does not
let requirements: Record<string, string[]>
const employees: Employee[] = []
const learning: Learning[] = []
const attendance: Attendance[] = []
const certifications: Certification[] = []

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const fiscalYearOf = (iso: string) => Number(iso.slice(0, 4)) - (Number(iso.slice(5, 7)) < 4 ? 1 : 0)
const departmentOn = (e: Employee, on: string) => (on < TRANSFER_DAY ? e.before : e.after)
const randomDay = (random: ReturnType<typeof seeded>, from: string, to: string) => {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000
  return addDays(from, random.int(0, Math.max(0, span)))
}

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin', departmentCode: null, positionGradeCode: null })
  const [row] = await db.sql<{ today: string }>('select private.tokyo_today()::text as today')
  today = row!.today
  departments = (
    await db.sql<{ code: string }>(
      'select code from public.departments where uses_information_systems order by sort_order limit 6',
    )
  ).map((d) => d.code)
  fieldUnit = (
    await db.sql<{ code: string }>(
      'select code from public.departments where not uses_information_systems order by sort_order limit 1',
    )
  )[0]!.code
  requirements = {}
  for (const r of await db.sql<{ role_code: string; area_code: string }>(
    'select role_code, area_code from public.role_requirements',
  )) {
    ;(requirements[r.role_code] ??= []).push(r.area_code)
  }
  const grades = await db.sql<{ code: string; supervisory: boolean }>(
    'select code, supervisory from public.position_grades',
  )

  const random = seeded(8)
  const lastDay = addDays(today, -1)
  // Department sizes: the last department gets 3 people (suppressed), the field unit 6.
  const homes = [
    ...departments.slice(0, 5).flatMap((d) => Array<string>(12).fill(d)),
    ...Array<string>(3).fill(departments[5]!),
    ...Array<string>(6).fill(fieldUnit),
  ]
  for (const home of homes) {
    const grade = random.pick(grades)
    const candidacyFy = random.chance(0.35) ? random.pick([2025, 2026, 2026, 2027]) : null
    const user = await db.createUser({
      departmentCode: home,
      positionGradeCode: grade.code,
      leaderCandidacyFy: candidacyFy,
      leaderCandidacyMethod: candidacyFy === null ? null : random.pick(['volunteered', 'nominated'] as const),
    })
    const [profile] = await db.sql<{ employee_number: string }>(
      'select employee_number from public.profiles where id = $1',
      [user.sub],
    )
    const transferred = home !== fieldUnit && random.chance(0.2)
    const after = transferred ? random.pick(departments.slice(0, 5).filter((d) => d !== home)) : home
    employees.push({
      id: user.sub,
      employeeNumber: profile!.employee_number,
      grade: grade.code,
      supervisory: grade.supervisory,
      before: home,
      after,
      candidacyFy,
    })
  }
  // The April transfers, entered with their effective date.
  for (const e of employees.filter((x) => x.after !== x.before)) {
    await db.sql(
      `with s as (select set_config('dxp.department_effective_from', $3, true) as v)
       update public.profiles set department_code = $2 from s where id = $1`,
      [e.id, e.after, TRANSFER_DAY],
    )
  }

  // Learning: some complete every area, most some of them, across FY2025 and FY2026.
  for (const e of employees) {
    const full = random.chance(0.3)
    const areas = full ? AREAS : AREAS.filter(() => random.chance(0.4))
    for (const area of areas) {
      for (let k = random.int(1, 3); k > 0; k -= 1) {
        learning.push({
          employeeId: e.id,
          area,
          minutes: random.int(10, 240),
          on: randomDay(random, '2025-04-01', lastDay),
        })
      }
    }
  }
  await db.sql(
    `insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
     select gen_random_uuid(), r.employee_id, r.area, 'self_study', '自己学習', r.minutes, r.on_date
     from jsonb_to_recordset($1::jsonb) as r (employee_id uuid, area text, minutes int, on_date date)`,
    [
      JSON.stringify(
        learning.map((l) => ({ employee_id: l.employeeId, area: l.area, minutes: l.minutes, on_date: l.on })),
      ),
    ],
  )

  // E-learning of FY2025 and FY2026, two workshops of FY2026 (one survey each, submitted by most).
  const sessionOf: Record<string, { id: string; kind: 'elearning' | 'workshop'; fy: number }> = {}
  for (const [name, kind, fy] of [
    ['el2025', 'elearning', 2025],
    ['el2026', 'elearning', 2026],
    ['ws1', 'workshop', 2026],
    ['ws2', 'workshop', 2026],
  ] as const) {
    const trainingId = await createTraining(db, { kind, areas: ['dx_basics'], title: name })
    await db.sql('update public.trainings set fiscal_year = $2 where id = $1', [trainingId, fy])
    sessionOf[name] = {
      id: await createSession(db, { trainingId, startsIn: '-300 days', deadlineIn: '-301 days' }),
      kind,
      fy,
    }
  }
  for (const e of employees) {
    for (const s of Object.values(sessionOf)) {
      const likely = s.kind === 'elearning' ? (e.candidacyFy === s.fy ? 0.7 : 0.05) : 0.35
      if (!random.chance(likely)) continue
      const from = s.fy === 2025 ? '2025-04-01' : '2026-04-01'
      const to = s.fy === 2025 ? '2026-03-31' : lastDay
      attendance.push({
        employeeId: e.id,
        sessionId: s.id,
        kind: s.kind,
        fiscalYear: s.fy,
        on: randomDay(random, from, to),
        surveyed: s.kind === 'workshop' && random.chance(0.7),
      })
    }
  }
  await db.sql(
    `insert into public.registrations (session_id, employee_id, status, checked_in_at)
     select r.session_id, r.employee_id, 'attended', (r.on_date::text || 'T10:00:00+09:00')::timestamptz
     from jsonb_to_recordset($1::jsonb) as r (session_id uuid, employee_id uuid, on_date date)`,
    [
      JSON.stringify(
        attendance.map((a) => ({ session_id: a.sessionId, employee_id: a.employeeId, on_date: a.on })),
      ),
    ],
  )
  // Attending a workshop is learning: the server credits its area on the session's date.
  const [workshopDay] = await db.sql<{ on: string }>(
    `select (starts_at at time zone 'Asia/Tokyo')::date::text as on from public.sessions where id = $1`,
    [sessionOf.ws1!.id],
  )
  for (const a of attendance.filter((x) => x.kind === 'workshop')) {
    learning.push({ employeeId: a.employeeId, area: 'dx_basics', minutes: 120, on: workshopDay!.on })
  }
  await db.sql(
    `insert into public.survey_submissions (session_id, employee_id)
     select r.session_id, r.employee_id from jsonb_to_recordset($1::jsonb) as r (session_id uuid, employee_id uuid)`,
    [
      JSON.stringify(
        attendance
          .filter((a) => a.surveyed)
          .map((a) => ({ session_id: a.sessionId, employee_id: a.employeeId })),
      ),
    ],
  )

  // Certifications: approved in FY2025 or FY2026, one of them revoked since.
  const certified = employees.filter(() => random.chance(0.15))
  for (const [i, e] of certified.entries()) {
    const approvedOn = randomDay(random, '2025-06-01', lastDay)
    const revokedOn = i === 0 ? lastDay : null
    certifications.push({ employeeId: e.id, fiscalYear: fiscalYearOf(approvedOn), approvedOn, revokedOn })
    await db.sql(
      `insert into public.certifications (id, employee_id, fiscal_year, approved_by, approved_at, revoked_at, revoked_reason)
       values ($1, $2, $3, $4, ($5::text || 'T12:00:00+09:00')::timestamptz,
               ($6::text || 'T12:00:00+09:00')::timestamptz, case when $6::text is null then null else '取消しの理由' end)`,
      [randomUUID(), e.id, fiscalYearOf(approvedOn), admin.sub, approvedOn, revokedOn],
    )
  }
}, 120_000)
afterAll(() => db?.close())

// ---------------------------------------------------------------------------------------------
// Brute force: the definitions of supabase/README.md, over the arrays the data was made from
// ---------------------------------------------------------------------------------------------

const activeCertification = (employeeId: string) =>
  certifications.some((c) => c.employeeId === employeeId && c.revokedOn === null)

function steps(e: Employee) {
  const done = new Set(learning.filter((l) => l.employeeId === e.id && l.on <= today).map((l) => l.area))
  const mine = attendance.filter((a) => a.employeeId === e.id)
  const met = [
    e.candidacyFy !== null,
    requirements.leader!.every((area) => done.has(area)),
    mine.some((a) => a.kind === 'elearning' && a.fiscalYear === e.candidacyFy),
    new Set(mine.filter((a) => a.kind === 'workshop' && a.surveyed).map((a) => a.sessionId)).size >= 1,
    activeCertification(e.id),
  ]
  return { met: met.filter(Boolean).length, ready: met.slice(0, 4).every(Boolean) }
}
const candidates = () => employees.filter((e) => e.candidacyFy !== null && !activeCertification(e.id))

function suppression(groups: Record<string, number>): Record<string, string | null> {
  const entries = Object.entries(groups)
  const smallSum = entries.filter(([, n]) => n < 5).reduce((a, [, n]) => a + n, 0)
  const smallestBig = entries
    .filter(([, n]) => n >= 5)
    .sort(([ka, a], [kb, b]) => a - b || (ka < kb ? -1 : ka > kb ? 1 : 0))[0]?.[0]
  return Object.fromEntries(
    entries.map(([key, n]) => [
      key,
      n < 5
        ? 'below_threshold'
        : smallSum >= 1 && smallSum <= 4 && key === smallestBig
          ? 'complementary'
          : null,
    ]),
  )
}

function areasAsOf(asOf: string) {
  const roles = (e: Employee) => {
    const base = e.supervisory ? 'manager' : 'promoter'
    const leader = certifications.some(
      (c) => c.employeeId === e.id && c.approvedOn <= asOf && (c.revokedOn === null || c.revokedOn > asOf),
    )
    return leader ? [base, 'leader'] : [base]
  }
  const firstOn = (e: Employee, area: string) =>
    learning
      .filter((l) => l.employeeId === e.id && l.area === area && l.on <= asOf)
      .map((l) => l.on)
      .sort()[0]
  const need = (e: Employee) => [...new Set(roles(e).flatMap((r) => requirements[r]!))]
  const fullOn = (e: Employee) => {
    const firsts = need(e).map((a) => firstOn(e, a))
    return firsts.every((f) => f !== undefined) ? (firsts as string[]).sort().at(-1)! : null
  }
  return { roles, firstOn, need, fullOn }
}

describe('who may read the dashboard', () => {
  it('gives the DX division every aggregate of this city', async () => {
    for (const fn of [
      'division_leader_targets',
      'division_department_coverage',
      'division_knowledge_areas',
    ]) {
      expect((await call(db, admin, fn)).ok, fn).toBe(true)
    }
  })
})

describe('division_leader_targets', () => {
  it('counts certified leaders per fiscal year and cumulatively against the targets, as computed by hand', async () => {
    const result = await call<{
      goal: number
      certified_total: number
      current_fiscal_year: number
      fiscal_years: Record<string, unknown>[]
    }>(db, admin, 'division_leader_targets')
    if (!result.ok) throw new Error(result.code)
    const targets: Record<number, number> = { 2026: 30, 2027: 30, 2028: 20 }
    const currentFy = fiscalYearOf(today)
    let cumulativeTarget = 0
    let cumulativeCertified = 0
    const expected = Object.entries(targets).map(([fyText, target]) => {
      const fy = Number(fyText)
      const certified = certifications.filter((c) => c.fiscalYear === fy && c.revokedOn === null).length
      cumulativeTarget += target
      cumulativeCertified += certified
      const start = `${fy}-04-01`
      const daysTotal = (Date.parse(`${fy + 1}-04-01`) - Date.parse(start)) / 86_400_000
      const daysElapsed = Math.min(
        Math.max((Date.parse(today) - Date.parse(start)) / 86_400_000 + 1, 0),
        daysTotal,
      )
      const mine = candidates().filter((e) => e.candidacyFy === fy)
      const bySteps: Record<string, number> = {}
      for (const e of mine) bySteps[String(steps(e).met)] = (bySteps[String(steps(e).met)] ?? 0) + 1
      return {
        fiscal_year: fy,
        target,
        certified,
        cumulative_target: cumulativeTarget,
        cumulative_certified: cumulativeCertified,
        days_total: daysTotal,
        days_elapsed: daysElapsed,
        status: fy < currentFy ? 'past' : fy === currentFy ? 'current' : 'future',
        projected_certified:
          fy < currentFy
            ? certified
            : fy === currentFy
              ? roundRatio(certified * daysTotal, daysElapsed, 1)
              : null,
        candidates: mine.length,
        candidates_ready: mine.filter((e) => steps(e).ready).length,
        candidates_by_steps_met: bySteps,
        steps_total: 5,
      }
    })
    expect(result.value.fiscal_years).toEqual(expected)
    expect(result.value.goal).toBe(80)
    expect(result.value.certified_total).toBe(certifications.filter((c) => c.revokedOn === null).length)
    // The data must exercise the pipeline, or the comparison proves little.
    expect(candidates().filter((e) => e.candidacyFy === 2026).length).toBeGreaterThan(3)
    const current = expected.find((y) => y.fiscal_year === 2026)!
    expect(Object.keys(current.candidates_by_steps_met).length).toBeGreaterThan(1)
    expect(current.certified).toBeGreaterThan(0)
  })
})

describe('division_department_coverage', () => {
  it('lists every department that uses information systems with leaders, candidates and the closest candidates', async () => {
    const result = await call<{
      departments_total: number
      departments_covered: number
      coverage_rate: number
      departments: Record<string, unknown>[]
    }>(db, admin, 'division_department_coverage', { fiscal_year: 2026 })
    if (!result.ok) throw new Error(result.code)
    const all = await db.sql<{ code: string }>(
      'select code from public.departments where uses_information_systems order by sort_order',
    )
    expect(result.value.departments.map((d) => d.department_code)).toEqual(all.map((d) => d.code))
    expect(result.value.departments.map((d) => d.department_code)).not.toContain(fieldUnit)
    for (const d of result.value.departments) {
      const code = d.department_code as string
      const members = employees.filter((e) => e.after === code)
      const leaders = members.filter((e) => activeCertification(e.id)).length
      const inPipeline = candidates().filter((e) => e.after === code)
      const closest =
        leaders > 0
          ? []
          : [...inPipeline]
              .map((e) => ({ e, ...steps(e) }))
              .sort(
                (a, b) =>
                  Number(b.ready) - Number(a.ready) ||
                  b.met - a.met ||
                  (a.e.employeeNumber < b.e.employeeNumber ? -1 : 1),
              )
              .slice(0, 3)
              .map((x) => ({
                employee_id: x.e.id,
                employee_number: x.e.employeeNumber,
                fiscal_year: x.e.candidacyFy,
                steps_met: x.met,
                steps_total: 5,
                ready: x.ready,
              }))
      // Learning and attendance of FY2026 count toward the department of the day.
      const fyLearning = learning.filter(
        (l) =>
          l.on >= '2026-04-01' &&
          l.on <= '2027-03-31' &&
          departmentOn(
            employees.find((e) => e.id === l.employeeId)!,
            l.on,
          ) === code,
      )
      const fyAttendance = attendance.filter(
        (a) =>
          a.on >= '2026-04-01' &&
          departmentOn(
            employees.find((e) => e.id === a.employeeId)!,
            a.on,
          ) === code,
      )
      expect(d, code).toMatchObject({
        members: members.length,
        certified_leaders: leaders,
        candidates: inPipeline.length,
        covered: leaders > 0,
        closest_candidates: closest,
        learning_records: fyLearning.length,
        learning_minutes: fyLearning.reduce((n, l) => n + l.minutes, 0),
        learners: new Set(fyLearning.map((l) => l.employeeId)).size,
        attendances: fyAttendance.length,
        attendees: new Set(fyAttendance.map((a) => a.employeeId)).size,
      })
    }
    // The data must hold both kinds of department, or the comparison proves little.
    expect(result.value.departments.some((d) => d.covered)).toBe(true)
    expect(result.value.departments.some((d) => (d.closest_candidates as unknown[]).length > 1)).toBe(true)
    expect(result.value.departments.some((d) => (d.learning_records as number) > 0)).toBe(true)
    expect(result.value.departments.some((d) => (d.attendances as number) > 0)).toBe(true)
    const covered = result.value.departments.filter((d) => d.covered).length
    expect(result.value.departments_covered).toBe(covered)
    expect(result.value.coverage_rate).toBe(roundRatio(covered, all.length, 4))
  })

  it('counts FY2025 learning toward the department before the April transfer', async () => {
    const result = await call<{ departments: { department_code: string; learning_records: number }[] }>(
      db,
      admin,
      'division_department_coverage',
      { fiscal_year: 2025 },
    )
    if (!result.ok) throw new Error(result.code)
    const moved = employees.filter((e) => e.after !== e.before)
    expect(moved.length).toBeGreaterThan(0)
    for (const d of result.value.departments.filter((x) => departments.includes(x.department_code))) {
      const expected = learning.filter(
        (l) =>
          l.on < '2026-04-01' && employees.find((e) => e.id === l.employeeId)!.before === d.department_code,
      ).length
      expect(d.learning_records, d.department_code).toBe(expected)
    }
  })

  it('records the transfer as two stays in the department history', async () => {
    const moved = employees.find((e) => e.after !== e.before)!
    const stays = await db.sql<{ department_code: string; valid_from: string; valid_to: string | null }>(
      `select department_code, valid_from::text, valid_to::text from public.profile_department_history
       where employee_id = $1 order by valid_from`,
      [moved.id],
    )
    expect(stays).toEqual([
      { department_code: moved.before, valid_from: '2000-01-01', valid_to: TRANSFER_DAY },
      { department_code: moved.after, valid_from: TRANSFER_DAY, valid_to: null },
    ])
  })
})

describe('division_knowledge_areas', () => {
  for (const fy of [2025, 2026]) {
    it(`reports completion by role, by department of the day and by month for FY${fy}, as computed by hand`, async () => {
      const result = await call<{
        as_of: string
        staff: number
        by_role: Record<string, unknown>[]
        by_department: Record<string, unknown>[]
        trend: Record<string, unknown>[]
      }>(db, admin, 'division_knowledge_areas', { fiscal_year: fy })
      if (!result.ok) throw new Error(result.code)
      const asOf = fy === 2025 ? '2026-03-31' : today
      expect(result.value.as_of).toBe(asOf)
      const { roles, firstOn, need, fullOn } = areasAsOf(asOf)
      expect(result.value.staff).toBe(employees.length)

      const roleMembers = Object.fromEntries(
        ['leader', 'manager', 'promoter'].map((r) => [
          r,
          employees.filter((e) => roles(e).includes(r)).length,
        ]),
      )
      const roleHidden = suppression(roleMembers)
      expect(result.value.by_role).toEqual(
        ['leader', 'manager', 'promoter'].map((role) => {
          const members = employees.filter((e) => roles(e).includes(role))
          const hidden = roleHidden[role]
          return {
            role_code: role,
            members: hidden === null ? members.length : hidden === 'below_threshold' ? '<5' : null,
            suppressed: hidden,
            fully_completed:
              hidden === null
                ? members.filter((e) => requirements[role]!.every((a) => firstOn(e, a))).length
                : null,
            areas:
              hidden === null
                ? AREAS.filter((a) => requirements[role]!.includes(a)).map((a) => ({
                    area_code: a,
                    completed: members.filter((e) => firstOn(e, a)).length,
                  }))
                : null,
          }
        }),
      )

      const deptOf = (e: Employee) => departmentOn(e, asOf)
      const deptMembers: Record<string, number> = {}
      for (const e of employees) deptMembers[deptOf(e)] = (deptMembers[deptOf(e)] ?? 0) + 1
      const deptHidden = suppression(deptMembers)
      expect(Object.values(deptHidden).filter((x) => x === 'below_threshold')).toHaveLength(1)
      expect(Object.values(deptHidden).filter((x) => x === 'complementary')).toHaveLength(1)
      const byDept = new Map(result.value.by_department.map((d) => [d.department_code as string, d]))
      expect([...byDept.keys()].sort()).toEqual(Object.keys(deptMembers).sort())
      for (const [code, n] of Object.entries(deptMembers)) {
        const members = employees.filter((e) => deptOf(e) === code)
        const hidden = deptHidden[code]
        const needs = members.flatMap((e) => need(e).map((a) => ({ e, a })))
        expect(byDept.get(code), code).toEqual({
          department_code: code,
          members: hidden === null ? n : hidden === 'below_threshold' ? '<5' : null,
          suppressed: hidden,
          required: hidden === null ? needs.length : null,
          completed: hidden === null ? needs.filter(({ e, a }) => firstOn(e, a)).length : null,
          fully_completed: hidden === null ? members.filter((e) => fullOn(e) !== null).length : null,
          areas:
            hidden === null
              ? AREAS.filter((a) => needs.some((x) => x.a === a)).map((a) => ({
                  area_code: a,
                  required: needs.filter((x) => x.a === a).length,
                  completed: needs.filter((x) => x.a === a && firstOn(x.e, a)).length,
                }))
              : null,
        })
      }

      const months: string[] = []
      for (let m = `${fy}-04-01`; m <= asOf; m = addDays(m, 32).slice(0, 8) + '01') months.push(m)
      expect(result.value.trend).toEqual(
        months.map((start) => {
          const next = addDays(start, 32).slice(0, 8) + '01'
          const end = addDays(next, -1) < asOf ? addDays(next, -1) : asOf
          const inMonth = learning.filter((l) => l.on >= start && l.on <= end)
          return {
            month: start.slice(0, 7),
            records: inMonth.length,
            learners: new Set(inMonth.map((l) => l.employeeId)).size,
            fully_completed: employees.filter((e) => {
              const f = fullOn(e)
              return f !== null && f <= end
            }).length,
            areas: AREAS.map((a) => ({
              area_code: a,
              completed: employees.filter((e) => need(e).includes(a) && (firstOn(e, a) ?? '9999') <= end)
                .length,
            })),
          }
        }),
      )
    })
  }

  it('does not let the smallest department be recovered from the role totals minus the shown departments', async () => {
    const result = await call<{
      by_role: { role_code: string; members: number | string | null }[]
      by_department: { members: number | string | null; suppressed: string | null }[]
    }>(db, admin, 'division_knowledge_areas', { fiscal_year: 2026 })
    if (!result.ok) throw new Error(result.code)
    // manager + promoter partition the staff, so their sum is the whole city.
    const city = result.value.by_role
      .filter((r) => r.role_code !== 'leader')
      .reduce((n, r) => n + (r.members as number), 0)
    const shown = result.value.by_department
      .filter((d) => d.suppressed === null)
      .reduce((n, d) => n + (d.members as number), 0)
    expect(city - shown).toBeGreaterThanOrEqual(5)
    expect(result.value.by_department.some((d) => d.members === '<5')).toBe(true)
  })

  it('refuses a fiscal year outside 2000–2100 with DXP074', async () => {
    expect(await call(db, admin, 'division_knowledge_areas', { fiscal_year: 1999 })).toEqual({
      ok: false,
      code: 'DXP074',
    })
    expect(await call(db, admin, 'division_department_coverage', { fiscal_year: 2101 })).toEqual({
      ok: false,
      code: 'DXP074',
    })
  })
})
