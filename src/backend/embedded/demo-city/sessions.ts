/** The catalogue written as trainings, and their sessions: past ones closed, future ones open. */
import { CATALOGUE, VENUES, type CatalogueEntry } from './catalogue'
import { addDays, at, maxDate, minDate, randomWeekday } from './dates'
import { personaId } from './people'
import type { Random } from './random'
import { ANONYMOUS_TEMPLATE, ANONYMOUS_TEMPLATE_ID, STANDARD_TEMPLATE_ID } from './survey-templates'
import type { DemoCity, DemoReference, Row } from './types'

/**
 * The facilitator persona's past anonymous workshop (the first 全庁横断DXワークショップ) is a full hall
 * whose answers are mostly still to be collected on the venue tablet (the kiosk journey): everyone
 * seated attended and only the first few seats answered already (enough for the summary, which hides
 * fewer than 5), so the server's cap on kiosk answers (never more answers than confirmed + attended,
 * DXP134) leaves room for 30 more.
 */
const KIOSK_HALL_SEATS = 40
export const KIOSK_HALL_ANSWERED = 7

export interface SessionPlan {
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

export interface Catalogue {
  plans: SessionPlan[]
  /** training id → the area codes it covers (those the seed knows) */
  trainingAreasOf: Map<string, string[]>
}

/** Writes the catalogue's trainings and sessions into the city; the sessions, planned for filling. */
export function addCatalogue(
  city: DemoCity,
  reference: DemoReference,
  random: Random,
  today: string,
  facilitators: readonly string[],
): Catalogue {
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
  return { plans, trainingAreasOf }
}
