/**
 * Who registered for each session and what became of it: seats and waitlists (the pinned ones first),
 * attendance with its learning records and survey answers, and a few cancellations.
 */
import type { CatalogueEntry, DxRole } from './catalogue'
import { addDays, at, randomWeekday, toDays } from './dates'
import type { LearningLedger } from './learning'
import { personaId, type People } from './people'
import type { PinnedRegistrations, Forced } from './pinned-registrations'
import type { Random } from './random'
import { KIOSK_HALL_ANSWERED, type Catalogue } from './sessions'
import type { SurveyWriter } from './surveys'
import type { DemoCity } from './types'

export interface RegistrationContext {
  city: DemoCity
  random: Random
  today: string
  people: People
  catalogue: Catalogue
  pinned: PinnedRegistrations
  ledger: LearningLedger
  surveys: SurveyWriter
}

export function addRegistrations(context: RegistrationContext): void {
  const { city, random, today, ledger, surveys } = context
  const { staff, candidates } = context.people
  const { plans, trainingAreasOf } = context.catalogue
  const { forced, fullFuture } = context.pinned
  const eligible = (entry: CatalogueEntry) =>
    staff.filter(
      (e) =>
        (entry.roles.includes('leader') && e.candidate) ||
        entry.roles.includes((e.supervisory ? 'manager' : 'promoter') satisfies DxRole),
    )
  const usedPerTraining = new Map<string, Set<string>>()

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
          ledger.attended(reg.employeeId, area)
          continue
        }
        ledger.record(reg.employeeId, area, {
          source: 'e_learning',
          title: training.title,
          minutes: random.int(60, 240),
          completed_on: completedOn,
        })
      }
      if (reg.survey) surveys.answer(plan, reg.employeeId, areas)
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
}
