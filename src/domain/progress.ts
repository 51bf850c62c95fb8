import { isIsoDate } from './fiscal-year'
import { byAreaOrder } from './requirements'
import type { IsoDate, KnowledgeArea, KnowledgeAreaCode, LearningRecord } from './types'

export interface AreaProgress {
  areaCode: KnowledgeAreaCode
  required: boolean
  recordCount: number
  minutes: number
  /** At least one record completed on or before today. */
  completed: boolean
  lastCompletedOn: IsoDate | null
}

export interface ProgressSummary {
  requiredDone: number
  requiredTotal: number
  /** Areas completed beyond what the roles require. */
  optionalDone: number
  /** requiredDone / requiredTotal; null when nothing is required (no grade yet), rather than a false 100 %. */
  ratio: number | null
}

/**
 * Progress in every reference area, in area order. Only records dated on or before `today` count (a
 * future date is a plan or a typo, not learning done); a record id seen twice counts once; records in
 * areas the reference data does not know are ignored.
 */
export function areaProgress(
  areas: readonly KnowledgeArea[],
  requiredAreaCodes: readonly KnowledgeAreaCode[],
  records: readonly LearningRecord[],
  today: IsoDate,
): AreaProgress[] {
  const seen = new Set<string>()
  const byArea = new Map<KnowledgeAreaCode, LearningRecord[]>()
  for (const record of records) {
    if (seen.has(record.id) || !isIsoDate(record.completed_on) || record.completed_on > today) continue
    seen.add(record.id)
    byArea.set(record.area_code, [...(byArea.get(record.area_code) ?? []), record])
  }
  return [...areas].sort(byAreaOrder).map((area) => {
    const done = byArea.get(area.code) ?? []
    const dates = done.map((record) => record.completed_on).sort()
    return {
      areaCode: area.code,
      required: requiredAreaCodes.includes(area.code),
      recordCount: done.length,
      minutes: done.reduce((sum, record) => sum + validMinutes(record.minutes), 0),
      completed: done.length > 0,
      lastCompletedOn: dates.at(-1) ?? null,
    }
  })
}

// Minutes are self-reported; a negative or non-numeric value must not cancel real study time.
function validMinutes(minutes: number): number {
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 0
}

export function summarizeProgress(progress: readonly AreaProgress[]): ProgressSummary {
  const required = progress.filter((area) => area.required)
  const requiredDone = required.filter((area) => area.completed).length
  const optionalDone = progress.filter((area) => !area.required && area.completed).length
  return {
    requiredDone,
    requiredTotal: required.length,
    optionalDone,
    ratio: required.length === 0 ? null : requiredDone / required.length,
  }
}

/** The codes of completed areas, as the certification route expects them. */
export function completedAreaCodes(progress: readonly AreaProgress[]): KnowledgeAreaCode[] {
  return progress.filter((area) => area.completed).map((area) => area.areaCode)
}
