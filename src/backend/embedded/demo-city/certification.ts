/** The FY2026 leaders: a few certified already, and one ready for the DX division's decision. */
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
