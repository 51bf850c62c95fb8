/** Learning records: e-learning completions, self-study of every employee, and what each has completed. */
import { at, fromDays, toDays } from './dates'
import type { Employee } from './people'
import { personaId } from './people'
import type { PersonaKey } from './personas'
import type { Random } from './random'
import { STUDY_TITLES } from './texts'
import type { DemoCity, DemoReference, Row } from './types'

export interface LearningLedger {
  /** Writes one learning record (its id drawn from the stream) and marks the area completed. */
  record(employeeId: string, area: string, row: Row): void
  /** Marks an area completed by attending a session: the server writes that record itself. */
  attended(employeeId: string, area: string): void
  completed(employeeId: string): ReadonlySet<string> | undefined
}

export function createLearningLedger(city: DemoCity, random: Random): LearningLedger {
  const completedAreas = new Map<string, Set<string>>()
  const markArea = (employeeId: string, area: string) => {
    const set = completedAreas.get(employeeId) ?? new Set<string>()
    set.add(area)
    completedAreas.set(employeeId, set)
  }
  return {
    record(employeeId, area, row) {
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
    },
    attended: markArea,
    completed: (employeeId) => completedAreas.get(employeeId),
  }
}

/**
 * Self-study and other learning this fiscal year: a few records for everyone, every leader area for
 * the leaders-to-be (`leaders`), and the personas' first few areas.
 */
export function addSelfStudy(
  ledger: LearningLedger,
  reference: DemoReference,
  random: Random,
  today: string,
  employees: readonly Employee[],
  leaders: readonly string[],
): void {
  const fyStart = '2026-04-01'
  const studyDate = () => fromDays(random.int(toDays(fyStart), toDays(today)))
  const selfStudy = (employeeId: string, area: string) =>
    ledger.record(employeeId, area, {
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
  for (const id of leaders) {
    for (const area of reference.roleAreas.leader ?? reference.areas) {
      if (!ledger.completed(id)?.has(area)) selfStudy(id, area)
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
      if (!ledger.completed(id)?.has(area)) selfStudy(id, area)
    }
  }
}
