/**
 * The FY2026 leaders: a few certified already, and one ready for the DX division's decision; the
 * division's decisions behind them, and a volunteer it returned with a reason.
 */
import { addDays, at, randomWeekday } from './dates'
import { personaId, type Employee } from './people'
import type { Random } from './random'
import type { DemoCity } from './types'

export interface Leaders {
  /** Every step met, approved by the DX division persona. */
  certified: string[]
  /** Every step met but the approval, so the DX division's work queue has someone to certify. */
  readyToCertify: string[]
}

export function chooseLeaders(candidates: readonly Employee[]): Leaders {
  return {
    certified: candidates.slice(0, 6).map((e) => e.id),
    readyToCertify: candidates.slice(6, 7).map((e) => e.id),
  }
}

export function addCertifications(
  city: DemoCity,
  random: Random,
  today: string,
  certified: readonly string[],
): void {
  for (const id of certified) {
    city.certifications.push({
      id: random.uuid(),
      employee_id: id,
      fiscal_year: 2026,
      approved_by: personaId('dx_division'),
      approved_at: at(randomWeekday(random, '2026-10-01', addDays(today, -1), today), 15),
    })
  }
}

/** What the division wrote to the volunteer it returned (shown to them on ホーム and on the route). */
export const RETURN_REASON =
  '今年度の必須分野（情報セキュリティ）の学習がまだ記録されていません。学習を記録してから、来年度に改めて申し出てください。'

/** An approval behind each certificate, and one volunteer (not a persona) returned with a reason. */
export function addDecisions(
  city: DemoCity,
  random: Random,
  today: string,
  leaders: Leaders,
  candidates: readonly Employee[],
): void {
  const division = personaId('dx_division')
  for (const certification of city.certifications) {
    city.certificationDecisions.push({
      id: random.uuid(),
      employee_id: certification.employee_id,
      decision: 'approved',
      fiscal_year: certification.fiscal_year,
      certification_id: certification.id,
      reason: null,
      decided_by: division,
      decided_at: certification.approved_at,
    })
  }
  const decided = new Set([...leaders.certified, ...leaders.readyToCertify])
  const volunteered = new Set(
    city.profiles.filter((p) => p.leader_candidacy_method === 'volunteered').map((p) => p.id as string),
  )
  const returned = candidates.find((e) => e.persona === null && !decided.has(e.id) && volunteered.has(e.id))
  if (!returned) return
  city.certificationDecisions.push({
    id: random.uuid(),
    employee_id: returned.id,
    decision: 'returned',
    fiscal_year: 2026,
    certification_id: null,
    reason: RETURN_REASON,
    decided_by: division,
    decided_at: at(randomWeekday(random, addDays(today, -10), addDays(today, -1), today), 16),
  })
}

/**
 * An unread notice waiting for the promoter persona on ホーム: a session from today on they are registered for
 * moved (as the server writes it when the division edits a session). Written as data: the demo
 * never edits its sessions after generating them.
 */
export function addPersonaNotices(city: DemoCity, random: Random, today: string): void {
  const promoter = personaId('promoter')
  const upcoming = new Set(
    city.sessions
      .filter((s) => (s.starts_at as string) >= `${today}T00:00:00+09:00`)
      .map((s) => s.id as string),
  )
  const registration = city.registrations.find(
    (r) => r.employee_id === promoter && r.status === 'confirmed' && upcoming.has(r.session_id as string),
  )
  if (!registration) return
  city.notices.push({
    id: random.uuid(),
    employee_id: promoter,
    kind: 'session_changed',
    session_id: registration.session_id,
    created_at: at(addDays(today, -1), 17),
  })
}
