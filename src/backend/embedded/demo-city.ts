/**
 * The demo city: about 300 employees of a city like 厚木市, the FY2026–2028 training catalogue with
 * sessions (past ones closed, with attendance and survey answers; future ones with seats and
 * waitlists), learning records, leader candidacies and a few certifications, plus the five personas
 * the picker offers. Deterministic: the same seed, reference date and seed data build the same city.
 *
 * {@link generateDemoCity} is pure (rows as plain objects); {@link writeDemoCity} reads the seeded
 * reference data in the given transaction and inserts the rows set-based (one statement per table),
 * as the superuser: the schema installer's `demoData` seam, run in the seed's transaction.
 */
import { tokyoDateOf } from '@/domain/fiscal-year'
import type { SqlTx } from './execute-rpc'
import {
  ANONYMOUS_TEMPLATE,
  ANONYMOUS_TEMPLATE_ID,
  CATALOGUE,
  DEMO_PERSONAS,
  DX_DIVISION_DEPARTMENT,
  FREE_TEXT,
  STANDARD_TEMPLATE_ID,
  STUDY_TITLES,
  VENUES,
  type CatalogueEntry,
  type DxRole,
  type PersonaKey,
} from './demo-city-catalogue'
import { createRandom, drawName, type Random } from './demo-city-random'

export { DEMO_PERSONAS, type DemoPersona, type PersonaKey } from './demo-city-catalogue'

export interface DemoCityOptions {
  /** Default 0x0dc17e. */
  seed?: number
  /** "Today" in Asia/Tokyo ('YYYY-MM-DD'): sessions before it are past. Default 2026-11-25. */
  referenceDate?: string
  /** Employees including the personas. Default 300. */
  employees?: number
}

/** The seeded reference data the city is built on (read from the database). */
export interface DemoReference {
  departments: readonly string[]
  grades: readonly { code: string; supervisory: boolean; rank: number }[]
  areas: readonly string[]
  /** role → required area codes */
  roleAreas: Readonly<Record<string, readonly string[]>>
  /** The standard template's questions, or null when the seed has none. */
  standardQuestions: readonly SurveyQuestion[] | null
  /** The follow-up questions every template starts with (the column's default), or null. */
  followUpQuestions?: readonly SurveyQuestion[] | null
}

export interface SurveyQuestion {
  key: string
  type: string
  required: boolean
  options?: readonly { value: string }[]
  max_length?: number
}

type Row = Record<string, unknown>

export interface DemoCity {
  users: Row[]
  profiles: Row[]
  surveyTemplates: Row[]
  trainings: Row[]
  trainingAreas: Row[]
  trainingTargetRoles: Row[]
  sessions: Row[]
  registrations: Row[]
  learningRecords: Row[]
  surveyResponses: Row[]
  surveySubmissions: Row[]
  certifications: Row[]
}

export const DEMO_DEFAULTS = { seed: 0x0dc17e, referenceDate: '2026-11-25', employees: 300 } as const

// ---------------------------------------------------------------------------------------------
// Dates (Asia/Tokyo is UTC+9 all year)

const DAY_MS = 86_400_000
const toDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
const fromDays = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10)
const addDays = (date: string, days: number) => fromDays(toDays(date) + days)
const minDate = (a: string, b: string) => (a < b ? a : b)
const maxDate = (a: string, b: string) => (a > b ? a : b)
const weekday = (date: string) => new Date(toDays(date) * DAY_MS).getUTCDay()
const at = (date: string, hour: number, minute = 0) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+09:00`

function randomWeekday(random: Random, from: string, to: string, avoid: string): string {
  // The demo is dated by the clock: on some days a range is empty (a July date asked for in June)
  // or has no working day. Then its last day, so the city is still built, never a hang, and nothing
  // that already happened is dated after `to`.
  const hi = toDays(to)
  const lo = Math.min(toDays(from), hi)
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const date = fromDays(random.int(lo, hi))
    // Weekdays outside the year-end holidays (12/29–1/3).
    const holiday = date.slice(5) >= '12-29' || date.slice(5) <= '01-03'
    if (weekday(date) !== 0 && weekday(date) !== 6 && !holiday && date !== avoid) return date
  }
  return fromDays(hi)
}

// ---------------------------------------------------------------------------------------------

/**
 * The facilitator persona's past anonymous workshop (the first 全庁横断DXワークショップ) is a full hall
 * whose answers are mostly still to be collected on the venue tablet (the kiosk journey): everyone
 * seated attended and only the first few seats answered already (enough for the summary, which hides
 * fewer than 5), so the server's cap on kiosk answers (never more answers than confirmed + attended,
 * DXP134) leaves room for 30 more.
 */
const KIOSK_HALL_SEATS = 40
const KIOSK_HALL_ANSWERED = 7

interface Employee {
  id: string
  departmentCode: string
  supervisory: boolean
  appRole: 'employee' | 'facilitator' | 'dx_admin'
  candidate: boolean
  persona: PersonaKey | null
}

interface SessionPlan {
  row: Row
  training: CatalogueEntry
  trainingId: string
  templateId: string | null
  date: string
  past: boolean
  capacity: number
  facilitatorId: string | null
  /** The kiosk hall (see KIOSK_HALL_SEATS). */
  kioskHall: boolean
}

/** A registration decided up front (personas, certified leaders), placed before the random ones. */
interface Forced {
  employeeId: string
  outcome: 'attended' | 'no_show' | 'confirmed' | 'waitlisted'
  survey?: boolean
}

function gradeMix(grades: DemoReference['grades']): string[] {
  // Rough shape of a city hall: many 主事/主任, fewer 係長 and above.
  const weights = [8, 25, 22, 10, 15, 8, 8, 2, 2]
  const byRank = [...grades].sort((a, b) => a.rank - b.rank)
  return byRank.flatMap((grade, i) => Array<string>(weights[i] ?? 2).fill(grade.code))
}

export function generateDemoCity(reference: DemoReference, options: DemoCityOptions = {}): DemoCity {
  const seed = options.seed ?? DEMO_DEFAULTS.seed
  const today = options.referenceDate ?? DEMO_DEFAULTS.referenceDate
  const total = Math.max(options.employees ?? DEMO_DEFAULTS.employees, DEMO_PERSONAS.length + 20)
  const random = createRandom(seed)
  // Follow-ups draw from their own stream, so adding them left the rest of the city as it was.
  const followUpRandom = createRandom(seed ^ 0xf0110)
  const supervisoryOf = new Map(reference.grades.map((g) => [g.code, g.supervisory]))
  const departments = reference.departments.filter((code) => code !== DX_DIVISION_DEPARTMENT)
  const dxDepartment = reference.departments.includes(DX_DIVISION_DEPARTMENT)
    ? DX_DIVISION_DEPARTMENT
    : (reference.departments[0] ?? null)
  const gradePool = gradeMix(reference.grades)
  const city: DemoCity = {
    users: [],
    profiles: [],
    surveyTemplates: [],
    trainings: [],
    trainingAreas: [],
    trainingTargetRoles: [],
    sessions: [],
    registrations: [],
    learningRecords: [],
    surveyResponses: [],
    surveySubmissions: [],
    certifications: [],
  }

  // --- Employees ---------------------------------------------------------------------------
  const employees: Employee[] = []
  const personaId = (key: PersonaKey) => DEMO_PERSONAS.find((p) => p.key === key)?.id ?? ''
  const addEmployee = (profile: Row & { id: string }, email: string, persona: PersonaKey | null) => {
    city.users.push({
      id: profile.id,
      email,
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: { full_name: profile.full_name },
      created_at: at('2026-04-01', 8, 30),
    })
    city.profiles.push({ ...profile, created_at: at('2026-04-01', 8, 30) })
    employees.push({
      id: profile.id,
      departmentCode: String(profile.department_code),
      supervisory: supervisoryOf.get(String(profile.position_grade_code)) ?? false,
      appRole: profile.app_role as Employee['appRole'],
      candidate: profile.leader_candidacy_fy !== null,
      persona,
    })
  }
  for (const p of DEMO_PERSONAS) {
    addEmployee(
      {
        id: p.id,
        employee_number: p.employeeNumber,
        full_name: p.fullName,
        full_name_kana: p.fullNameKana,
        department_code: reference.departments.includes(p.departmentCode) ? p.departmentCode : dxDepartment,
        position_grade_code: supervisoryOf.has(p.positionGradeCode) ? p.positionGradeCode : null,
        app_role: p.appRole,
        leader_candidacy_fy: p.leaderCandidacyFy,
        leader_candidacy_method: p.leaderCandidacyMethod,
      },
      p.email,
      p.key,
    )
  }
  const others = total - DEMO_PERSONAS.length
  for (let i = 0; i < others; i += 1) {
    const number = String(100001 + i)
    // The first few: the rest of the DX division (dx_admin), then three more facilitators.
    const dxDivision = i < 5
    const facilitator = !dxDivision && i < 8
    const grade = dxDivision
      ? random.pick(['shuji', 'shunin', 'fukushukan', 'kakaricho'])
      : random.pick(gradePool)
    const supervisory = supervisoryOf.get(grade) ?? false
    // About 45 FY2026 candidates: volunteers of any grade, and nominees.
    const candidate = !dxDivision && !facilitator && random.chance(supervisory ? 0.1 : 0.17)
    const { fullName, fullNameKana } = drawName(random)
    addEmployee(
      {
        id: random.uuid(),
        employee_number: number,
        full_name: fullName,
        full_name_kana: fullNameKana,
        department_code: dxDivision ? dxDepartment : (departments[i % departments.length] ?? dxDepartment),
        position_grade_code: grade,
        app_role: dxDivision ? 'dx_admin' : facilitator ? 'facilitator' : 'employee',
        leader_candidacy_fy: candidate ? 2026 : null,
        leader_candidacy_method: candidate ? (random.chance(0.6) ? 'volunteered' : 'nominated') : null,
      },
      `e${number}@demo.dx-passport.invalid`,
      null,
    )
  }
  const facilitators = employees.filter((e) => e.appRole === 'facilitator').map((e) => e.id)
  const staff = employees.filter((e) => e.appRole === 'employee' && e.persona === null)
  const candidates = staff.filter((e) => e.candidate)
  // A handful of FY2026 certified leaders: every step met, approved by the DX division persona.
  const certified = candidates.slice(0, 6).map((e) => e.id)
  // One more meets every step but the approval, so the DX division's work queue has someone to certify.
  const readyToCertify = candidates.slice(6, 7).map((e) => e.id)

  // --- Catalogue ---------------------------------------------------------------------------
  if (reference.standardQuestions) {
    city.surveyTemplates.push({
      ...ANONYMOUS_TEMPLATE,
      questions: ANONYMOUS_TEMPLATE.questions,
      created_at: at('2026-04-01', 9),
    })
  }
  const questionsOf = new Map<string, readonly SurveyQuestion[]>()
  if (reference.standardQuestions) {
    questionsOf.set(STANDARD_TEMPLATE_ID, reference.standardQuestions)
    questionsOf.set(ANONYMOUS_TEMPLATE_ID, ANONYMOUS_TEMPLATE.questions)
  }
  const areaSet = new Set(reference.areas)
  const plans: SessionPlan[] = []
  const trainingAreasOf = new Map<string, string[]>()
  let sessionTodayPlaced = false
  for (const entry of CATALOGUE) {
    const trainingId = random.uuid()
    const areas = entry.areas.filter((a) => areaSet.has(a))
    trainingAreasOf.set(trainingId, areas)
    const templateId = reference.standardQuestions
      ? entry.anonymous
        ? ANONYMOUS_TEMPLATE_ID
        : STANDARD_TEMPLATE_ID
      : null
    city.trainings.push({
      id: trainingId,
      kind: entry.kind,
      title: entry.title,
      description: entry.description,
      fiscal_year: entry.fiscalYear,
      delivery: entry.delivery,
      survey_template_id: templateId,
      created_at: at(`${entry.fiscalYear}-04-01`, 9),
    })
    for (const area of areas) city.trainingAreas.push({ training_id: trainingId, area_code: area })
    for (const role of entry.roles)
      city.trainingTargetRoles.push({ training_id: trainingId, role_code: role })

    const fy = entry.fiscalYear
    for (let s = 0; s < entry.sessions; s += 1) {
      let date: string
      let ends: string
      let deadline: string
      if (entry.kind === 'elearning') {
        date = `${fy}-06-01`
        ends = at(`${fy + 1}-01-29`, 17)
        deadline = at(`${fy}-05-25`, 17)
      } else {
        // FY2026: the first session in the past, the second ahead, the rest anywhere in the year.
        // A training with a follow-up survey holds its first session early enough for the follow-up
        // to have been answered (level 3 of its effect has figures to show).
        const weekAgo = addDays(today, -7)
        const lastPast = entry.anonymous
          ? minDate(
              maxDate(`${fy}-05-25`, addDays(today, -7 * (ANONYMOUS_TEMPLATE.follow_up_weeks + 4))),
              weekAgo,
            )
          : weekAgo
        date =
          fy === 2026 && s === 0
            ? randomWeekday(random, `${fy}-05-11`, lastPast, today)
            : fy === 2026 && s === 1
              ? randomWeekday(random, addDays(today, 3), `${fy + 1}-03-12`, today)
              : randomWeekday(random, `${fy}-05-11`, `${fy + 1}-03-12`, today)
        const hours = entry.kind === 'workshop' ? 3 : 2
        let startHour = random.pick([9, 10, 13, 14])
        if (fy === 2026 && s === 1 && entry.kind === 'workshop' && !sessionTodayPlaced) {
          // The facilitator persona's workshop of the day, at 09:00: check-in opens at 07:00.
          sessionTodayPlaced = true
          date = today
          startHour = 9
        }
        ends = at(date, startHour + hours, 30)
        deadline = at(addDays(date, -7), 17)
        date = `${date}T${String(startHour).padStart(2, '0')}`
      }
      const day = date.slice(0, 10)
      const starts = date.length > 10 ? `${date}:00:00+09:00` : at(day, 9)
      const past = day < today
      const drawnCapacity =
        entry.kind === 'elearning' ? 80 : entry.delivery === 'in_person' ? random.int(16, 30) : 40
      const kioskHall = entry.anonymous === true && fy === 2026 && s === 0
      const capacity = kioskHall ? KIOSK_HALL_SEATS : drawnCapacity
      const facilitatorId =
        entry.kind === 'elearning'
          ? null
          : (fy === 2026 && s < 2 && entry.kind === 'workshop') || random.chance(0.2)
            ? personaId('facilitator')
            : random.pick(facilitators)
      const row: Row = {
        id: random.uuid(),
        training_id: trainingId,
        starts_at: starts,
        ends_at: ends,
        venue: entry.delivery === 'in_person' ? random.pick(VENUES) : null,
        online_url:
          entry.delivery === 'in_person'
            ? null
            : `https://meet.demo.dx-passport.invalid/${random.uuid().slice(0, 8)}`,
        capacity,
        facilitator_id: facilitatorId,
        registration_deadline: deadline,
        status: starts.slice(0, 10) < today ? 'closed' : 'scheduled',
        created_at: at(`${fy}-04-01`, 9),
      }
      city.sessions.push(row)
      plans.push({
        row,
        training: entry,
        trainingId,
        templateId,
        date: day,
        past,
        capacity,
        facilitatorId,
        kioskHall,
      })
    }
  }

  // --- Forced registrations: personas and the certified leaders ----------------------------
  const forced = new Map<string, Forced[]>()
  const force = (plan: SessionPlan | undefined, entry: Forced) => {
    if (!plan) return
    forced.set(String(plan.row.id), [...(forced.get(String(plan.row.id)) ?? []), entry])
  }
  const nonElearning = plans.filter((p) => p.training.kind !== 'elearning' && p.training.fiscalYear === 2026)
  const pastWorkshops = nonElearning.filter((p) => p.past && p.training.kind === 'workshop')
  const pastStandardWorkshops = pastWorkshops.filter((p) => p.templateId !== ANONYMOUS_TEMPLATE_ID)
  const pastTrainings = nonElearning.filter((p) => p.past && p.training.kind === 'dx_training')
  const future = nonElearning.filter((p) => !p.past)
  const elearning2026 = plans.find((p) => p.training.kind === 'elearning' && p.training.fiscalYear === 2026)

  force(pastTrainings[0], { employeeId: personaId('promoter'), outcome: 'attended', survey: true })
  // A training the promoter attended but has not answered the survey of yet (効果測定アンケート 回答待ち).
  force(
    pastTrainings.find((p) => p.trainingId !== pastTrainings[0]?.trainingId),
    { employeeId: personaId('promoter'), outcome: 'attended' },
  )
  force(
    future.find((p) => p.training.kind === 'workshop'),
    {
      employeeId: personaId('promoter'),
      outcome: 'confirmed',
    },
  )
  force(pastTrainings[1] ?? pastTrainings[0], {
    employeeId: personaId('manager'),
    outcome: 'attended',
    survey: true,
  })
  force(pastWorkshops.at(-1), { employeeId: personaId('manager'), outcome: 'no_show' })
  const fullFuture = future.filter((p) => p.training.kind === 'workshop').at(-1)
  force(fullFuture, { employeeId: personaId('manager'), outcome: 'waitlisted' })
  // A persona holding a seat there, so a journey can free it and see the waitlist move up.
  force(fullFuture, { employeeId: personaId('leader_candidate'), outcome: 'confirmed' })
  force(pastStandardWorkshops[0], {
    employeeId: personaId('leader_candidate'),
    outcome: 'attended',
    survey: true,
  })
  // The e-learning done (its areas with it), so what the candidate still lacks is two areas they can
  // record themselves: a journey can take them to the DX division's decision in the app.
  force(elearning2026, { employeeId: personaId('leader_candidate'), outcome: 'attended' })
  ;[...certified, ...readyToCertify].forEach((id, i) => {
    force(pastWorkshops[i % Math.max(pastWorkshops.length, 1)], {
      employeeId: id,
      outcome: 'attended',
      survey: true,
    })
    force(elearning2026, { employeeId: id, outcome: 'attended' })
  })

  // --- Registrations, attendance, surveys, session learning records -------------------------
  const eligible = (entry: CatalogueEntry) =>
    staff.filter(
      (e) =>
        (entry.roles.includes('leader') && e.candidate) ||
        entry.roles.includes((e.supervisory ? 'manager' : 'promoter') satisfies DxRole),
    )
  const usedPerTraining = new Map<string, Set<string>>()
  const completedAreas = new Map<string, Set<string>>()
  const markArea = (employeeId: string, area: string) => {
    const set = completedAreas.get(employeeId) ?? new Set<string>()
    set.add(area)
    completedAreas.set(employeeId, set)
  }
  const learning = (employeeId: string, area: string, row: Row) => {
    markArea(employeeId, area)
    city.learningRecords.push({
      id: random.uuid(),
      employee_id: employeeId,
      area_code: area,
      session_id: null,
      note: '',
      ...row,
      created_at: at(String(row.completed_on), 18),
    })
  }

  for (const plan of plans) {
    const sessionId = String(plan.row.id)
    const { training } = plan
    const used = usedPerTraining.get(plan.trainingId) ?? new Set<string>()
    usedPerTraining.set(plan.trainingId, used)
    const pinned = forced.get(sessionId) ?? []
    for (const f of pinned) used.add(f.employeeId)
    const pool = random.shuffle(eligible(training).filter((e) => !used.has(e.id)))
    const areas = trainingAreasOf.get(plan.trainingId) ?? []

    let wanted: number
    let waitlist = 0
    if (training.kind === 'elearning') {
      wanted = training.fiscalYear === 2026 ? candidates.length + 1 : 0
    } else if (training.fiscalYear >= 2028) {
      wanted = 0
    } else if (training.fiscalYear === 2027) {
      wanted = random.int(0, 6)
    } else if (plan.past) {
      wanted = Math.round(plan.capacity * (0.6 + random.next() * 0.4))
      if (plan.kioskHall) wanted = plan.capacity
    } else {
      const full = plan === fullFuture || random.chance(0.5)
      wanted = full ? plan.capacity : Math.round(plan.capacity * (0.3 + random.next() * 0.5))
      waitlist = full ? random.int(2, 7) : 0
    }
    // Elearning: every candidate (the persona and the certified are pinned).
    const fill =
      training.kind === 'elearning' && training.fiscalYear === 2026
        ? candidates.filter((e) => !used.has(e.id))
        : pool
    const pinnedSeats = pinned.filter((f) => f.outcome !== 'waitlisted')
    const pinnedWaiting = pinned.filter((f) => f.outcome === 'waitlisted')
    const seated: Forced[] = [...pinnedSeats]
    const waiting: Forced[] = []
    let cursor = 0
    const nextRandom = () => {
      const employee = fill[cursor]
      cursor += 1
      if (employee) used.add(employee.id)
      return employee
    }
    while (seated.length < Math.min(wanted, plan.capacity)) {
      const employee = nextRandom()
      if (!employee) break
      // E-learning runs all year: some candidates have completed it, the others are still at it.
      const outcome: Forced['outcome'] =
        training.kind === 'elearning'
          ? random.chance(0.35)
            ? 'attended'
            : 'confirmed'
          : plan.past
            ? random.chance(0.88) || plan.kioskHall
              ? 'attended'
              : 'no_show'
            : 'confirmed'
      const survey =
        outcome === 'attended' &&
        (random.chance(0.8) || plan.kioskHall) &&
        (!plan.kioskHall || seated.length < KIOSK_HALL_ANSWERED)
      seated.push({ employeeId: employee.id, outcome, survey })
    }
    for (let i = 0; i < waitlist - pinnedWaiting.length; i += 1) {
      const employee = nextRandom()
      if (employee) waiting.push({ employeeId: employee.id, outcome: 'waitlisted' })
    }
    waiting.push(...pinnedWaiting)
    // A waitlist only behind a full session.
    if (seated.length < plan.capacity) {
      seated.push(...waiting.splice(0).map((w) => ({ ...w, outcome: 'confirmed' as const })))
    }

    // Registration times: in order of seat, all before the deadline (and before today).
    const beforeDeadline = addDays(plan.date, -8)
    const lastDay = plan.past || beforeDeadline < today ? beforeDeadline : addDays(today, -1)
    const firstDay = addDays(lastDay, -30)
    const ordered = [...seated, ...waiting]
    const times = ordered
      .map(() => random.int(toDays(firstDay) * 24 * 60, toDays(lastDay) * 24 * 60 + 9 * 60))
      .sort((a, b) => a - b)
      .map((minutes) => new Date(minutes * 60_000 - 9 * 3_600_000).toISOString())
    ordered.forEach((reg, i) => {
      const registeredAt = times[i] ?? at(lastDay, 9)
      const attended = reg.outcome === 'attended'
      const checkedInAt =
        training.kind === 'elearning'
          ? at(randomWeekday(random, `${training.fiscalYear}-07-01`, addDays(today, -1), today), 17)
          : String(plan.row.starts_at)
      city.registrations.push({
        id: random.uuid(),
        session_id: sessionId,
        employee_id: reg.employeeId,
        status: reg.outcome,
        waitlist_position: reg.outcome === 'waitlisted' ? i - seated.length + 1 : null,
        registered_at: registeredAt,
        cancelled_at: null,
        checked_in_at: attended ? checkedInAt : null,
        checked_in_by: attended ? (plan.facilitatorId ?? personaId('dx_division')) : null,
      })
      if (!attended) return
      const completedOn = checkedInAt.slice(0, 10)
      for (const area of areas) {
        // The server credits an attended session's areas itself (attendance_learning.sql); an
        // e-learning is credited by its completion, which the city reports as a record.
        if (training.kind !== 'elearning') {
          markArea(reg.employeeId, area)
          continue
        }
        learning(reg.employeeId, area, {
          source: 'e_learning',
          title: training.title,
          minutes: random.int(60, 240),
          completed_on: completedOn,
        })
      }
      const questions = plan.templateId ? questionsOf.get(plan.templateId) : undefined
      if (!reg.survey || !questions || training.kind === 'elearning') return
      const anonymous = plan.templateId === ANONYMOUS_TEMPLATE_ID
      const onTablet = !anonymous && random.chance(0.3)
      const collectedAt = new Date(
        Date.parse(String(plan.row.ends_at)) + random.int(1, 90) * 60_000,
      ).toISOString()
      city.surveyResponses.push({
        id: random.uuid(),
        template_id: plan.templateId,
        session_id: sessionId,
        respondent_id: anonymous ? null : reg.employeeId,
        answers: surveyAnswers(random, questions, areas),
        collected_by: anonymous ? null : onTablet ? plan.facilitatorId : reg.employeeId,
        collected_device: onTablet ? '会場の共用タブレット' : anonymous ? '会場の共用タブレット' : null,
        collected_at: collectedAt,
        submitted_at: collectedAt,
        phase: 'post',
      })
      // The follow-up, where the template asks for one and it has been due for a while: some answer it.
      const followUpWeeks = anonymous ? ANONYMOUS_TEMPLATE.follow_up_weeks : null
      const followUpDue = followUpWeeks
        ? addDays(String(plan.row.starts_at).slice(0, 10), followUpWeeks * 7)
        : null
      const followUpQuestions = reference.followUpQuestions
      const answeredFollowUp =
        followUpDue !== null &&
        followUpQuestions &&
        followUpDue < addDays(today, -14) &&
        followUpRandom.chance(0.6)
      const followUpAt = answeredFollowUp
        ? at(randomWeekday(followUpRandom, followUpDue, addDays(today, -1), today), 12)
        : null
      if (followUpAt && followUpQuestions) {
        city.surveyResponses.push({
          id: followUpRandom.uuid(),
          template_id: plan.templateId,
          session_id: sessionId,
          respondent_id: null,
          answers: surveyAnswers(followUpRandom, followUpQuestions, areas),
          collected_by: null,
          collected_device: null,
          collected_at: followUpAt,
          submitted_at: followUpAt,
          phase: 'follow_up',
        })
      }
      city.surveySubmissions.push({
        session_id: sessionId,
        employee_id: reg.employeeId,
        follow_up_submitted_at: followUpAt,
      })
    })

    // A few cancellations by people who then hold no seat here.
    if (wanted > 0 && (!plan.past || random.chance(0.5))) {
      for (let c = random.int(0, 2); c > 0; c -= 1) {
        const employee = nextRandom()
        if (!employee) break
        const registeredAt = at(addDays(lastDay, -random.int(10, 25)), 12)
        city.registrations.push({
          id: random.uuid(),
          session_id: sessionId,
          employee_id: employee.id,
          status: 'cancelled',
          waitlist_position: null,
          registered_at: registeredAt,
          cancelled_at: at(addDays(lastDay, -random.int(1, 9)), 12),
          checked_in_at: null,
          checked_in_by: null,
        })
      }
    }
  }

  // --- Self-study and other learning --------------------------------------------------------
  const fyStart = '2026-04-01'
  const studyDate = () => fromDays(random.int(toDays(fyStart), toDays(today)))
  const selfStudy = (employeeId: string, area: string) =>
    learning(employeeId, area, {
      source: random.pick(['self_study', 'self_study', 'e_learning', 'other']),
      title: random.pick(STUDY_TITLES[area] ?? ['自己学習']),
      minutes: random.pick([15, 30, 30, 45, 60, 90, 120]),
      completed_on: studyDate(),
      note: random.chance(0.2) ? '職場の勉強会で共有した。' : '',
    })
  for (const employee of employees) {
    if (employee.persona !== null) continue
    const role = employee.candidate ? 'leader' : employee.supervisory ? 'manager' : 'promoter'
    const required = reference.roleAreas[role] ?? reference.areas
    for (let n = random.int(0, employee.candidate ? 6 : 4); n > 0; n -= 1)
      selfStudy(employee.id, random.pick(required))
  }
  // The certified have every leader area. The leader-candidate persona studied the first three, which
  // with the e-learning and the workshop leaves 情報セキュリティ and 行政手続オンライン化 open.
  for (const id of [...certified, ...readyToCertify]) {
    for (const area of reference.roleAreas.leader ?? reference.areas) {
      if (!completedAreas.get(id)?.has(area)) selfStudy(id, area)
    }
  }
  const personaStudy: [PersonaKey, number][] = [
    ['promoter', 3],
    ['manager', 4],
    ['leader_candidate', 3],
    ['facilitator', 2],
    ['dx_division', 5],
  ]
  for (const [key, areasWanted] of personaStudy) {
    const id = personaId(key)
    for (const area of reference.areas.slice(0, areasWanted)) {
      if (!completedAreas.get(id)?.has(area)) selfStudy(id, area)
    }
  }

  // --- Certifications -----------------------------------------------------------------------
  for (const id of certified) {
    city.certifications.push({
      id: random.uuid(),
      employee_id: id,
      fiscal_year: 2026,
      approved_by: personaId('dx_division'),
      approved_at: at(randomWeekday(random, '2026-10-01', addDays(today, -1), today), 15),
    })
  }
  return city
}

function surveyAnswers(random: Random, questions: readonly SurveyQuestion[], areas: readonly string[]): Row {
  const mood = random.int(3, 5)
  const answers: Row = {}
  for (const q of questions) {
    if (!q.required && !random.chance(0.45)) continue
    switch (q.type) {
      case 'likert_5':
        answers[q.key] = Math.max(1, Math.min(5, mood + random.int(-1, 1)))
        break
      case 'scale_0_10':
        answers[q.key] = Math.max(0, Math.min(10, mood * 2 + random.int(-2, 1)))
        break
      case 'single_choice':
        answers[q.key] = random.pick(q.options ?? [{ value: '' }]).value
        break
      case 'free_text':
        answers[q.key] = random
          .pick(FREE_TEXT[q.key] ?? FREE_TEXT.comments ?? ['よかった。'])
          .slice(0, q.max_length ?? 1000)
        break
      case 'area_self_assessment':
        answers[q.key] = Object.fromEntries(
          areas.map((area) => {
            const before = random.int(1, 3)
            return [area, { before, after: Math.min(5, before + random.pick([0, 1, 1, 1, 2, 2])) }]
          }),
        )
        break
    }
  }
  return answers
}

// ---------------------------------------------------------------------------------------------
// Writing

// Each table the city writes, with its columns and their SQL types, in dependency order.
const COLUMNS: Record<keyof DemoCity, { table: string; columns: Record<string, string> }> = {
  users: {
    table: 'auth.users',
    columns: {
      id: 'uuid',
      email: 'text',
      raw_app_meta_data: 'jsonb',
      raw_user_meta_data: 'jsonb',
      created_at: 'timestamptz',
    },
  },
  profiles: {
    table: 'public.profiles',
    columns: {
      id: 'uuid',
      employee_number: 'text',
      full_name: 'text',
      full_name_kana: 'text',
      department_code: 'text',
      position_grade_code: 'text',
      app_role: 'text',
      leader_candidacy_fy: 'integer',
      leader_candidacy_method: 'text',
      created_at: 'timestamptz',
    },
  },
  surveyTemplates: {
    table: 'public.survey_templates',
    columns: {
      id: 'uuid',
      code: 'text',
      title: 'text',
      questions: 'jsonb',
      anonymous: 'boolean',
      follow_up_weeks: 'integer',
      created_at: 'timestamptz',
    },
  },
  trainings: {
    table: 'public.trainings',
    columns: {
      id: 'uuid',
      kind: 'text',
      title: 'text',
      description: 'text',
      fiscal_year: 'integer',
      delivery: 'text',
      survey_template_id: 'uuid',
      created_at: 'timestamptz',
    },
  },
  trainingAreas: { table: 'public.training_areas', columns: { training_id: 'uuid', area_code: 'text' } },
  trainingTargetRoles: {
    table: 'public.training_target_roles',
    columns: { training_id: 'uuid', role_code: 'text' },
  },
  sessions: {
    table: 'public.sessions',
    columns: {
      id: 'uuid',
      training_id: 'uuid',
      starts_at: 'timestamptz',
      ends_at: 'timestamptz',
      venue: 'text',
      online_url: 'text',
      capacity: 'integer',
      facilitator_id: 'uuid',
      registration_deadline: 'timestamptz',
      status: 'text',
      created_at: 'timestamptz',
    },
  },
  registrations: {
    table: 'public.registrations',
    columns: {
      id: 'uuid',
      session_id: 'uuid',
      employee_id: 'uuid',
      status: 'text',
      waitlist_position: 'integer',
      registered_at: 'timestamptz',
      cancelled_at: 'timestamptz',
      checked_in_at: 'timestamptz',
      checked_in_by: 'uuid',
    },
  },
  learningRecords: {
    table: 'public.learning_records',
    columns: {
      id: 'uuid',
      employee_id: 'uuid',
      area_code: 'text',
      source: 'text',
      session_id: 'uuid',
      title: 'text',
      minutes: 'integer',
      completed_on: 'date',
      note: 'text',
      created_at: 'timestamptz',
    },
  },
  surveyResponses: {
    table: 'public.survey_responses',
    columns: {
      id: 'uuid',
      template_id: 'uuid',
      session_id: 'uuid',
      respondent_id: 'uuid',
      answers: 'jsonb',
      collected_by: 'uuid',
      collected_device: 'text',
      collected_at: 'timestamptz',
      submitted_at: 'timestamptz',
      phase: 'text',
    },
  },
  surveySubmissions: {
    table: 'public.survey_submissions',
    columns: { session_id: 'uuid', employee_id: 'uuid', follow_up_submitted_at: 'timestamptz' },
  },
  certifications: {
    table: 'public.certifications',
    columns: {
      id: 'uuid',
      employee_id: 'uuid',
      fiscal_year: 'integer',
      approved_by: 'uuid',
      approved_at: 'timestamptz',
    },
  },
}

/** Reads the seeded reference data the city is built on. */
export async function readDemoReference(tx: Pick<SqlTx, 'query'>): Promise<DemoReference> {
  // One query at a time: a transaction is one connection.
  const departments = await tx.query<{ code: string }>(
    'select code from public.departments order by sort_order',
  )
  const grades = await tx.query<{ code: string; supervisory: boolean; rank: number }>(
    'select code, supervisory, rank from public.position_grades order by rank',
  )
  const areas = await tx.query<{ code: string }>(
    'select code from public.knowledge_areas order by sort_order',
  )
  const requirements = await tx.query<{ role_code: string; area_code: string }>(
    `select r.role_code, r.area_code from public.role_requirements as r
     join public.knowledge_areas as a on a.code = r.area_code order by r.role_code, a.sort_order`,
  )
  const template = await tx.query<{
    questions: SurveyQuestion[] | string
    follow_up_questions: SurveyQuestion[] | string
  }>('select questions, follow_up_questions from public.survey_templates where id = $1', [
    STANDARD_TEMPLATE_ID,
  ])
  const roleAreas: Record<string, string[]> = {}
  for (const { role_code, area_code } of requirements.rows) (roleAreas[role_code] ??= []).push(area_code)
  const questions = template.rows[0]?.questions
  const followUp = template.rows[0]?.follow_up_questions
  const parsed = <T>(value: T | string | undefined): T | null =>
    value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : value
  return {
    departments: departments.rows.map((r) => r.code),
    grades: grades.rows.map((r) => ({ code: r.code, supervisory: r.supervisory, rank: Number(r.rank) })),
    areas: areas.rows.map((r) => r.code),
    roleAreas,
    standardQuestions: parsed(questions),
    followUpQuestions: parsed(followUp),
  }
}

/** Inserts a generated city, one set-based statement per table, in dependency order. */
export async function insertDemoCity(tx: Pick<SqlTx, 'query'>, city: DemoCity): Promise<void> {
  for (const key of Object.keys(COLUMNS) as (keyof DemoCity)[]) {
    const rows = city[key]
    if (rows.length === 0) continue
    const { table, columns } = COLUMNS[key]
    const names = Object.keys(columns).join(', ')
    const recordType = Object.entries(columns)
      .map(([name, type]) => `${name} ${type}`)
      .join(', ')
    // Column names and types are this module's constants; the data travels as one jsonb parameter.
    await tx.query(
      `insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as r(${recordType})`,
      [JSON.stringify(rows)],
    )
  }
}

/** Builds the demo city on the database's seed data and writes it (as the superuser, in `tx`). */
export async function writeDemoCity(
  tx: Pick<SqlTx, 'query'>,
  options: DemoCityOptions = {},
): Promise<DemoCity> {
  const city = generateDemoCity(await readDemoReference(tx), options)
  await insertDemoCity(tx, city)
  return city
}

/**
 * The demo's "today" when it is installed: the Tokyo date 7 hours ago, so that the facilitator
 * persona's 09:00 workshop of that day is inside its check-in window (from 2 h before the start)
 * at whatever hour the demo is installed, and the catalogue's past and future match the clock.
 */
export function demoReferenceDate(now: Date = new Date()): string {
  return tokyoDateOf(new Date(now.getTime() - 7 * 3_600_000))
}

/** The schema installer's `demoData` seam. */
export async function demoData(tx: Pick<SqlTx, 'query'>): Promise<void> {
  await writeDemoCity(tx, { referenceDate: demoReferenceDate() })
}
