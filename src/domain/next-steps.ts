import type { AreaProgress } from './progress'
import type { KnowledgeAreaCode } from './types'

/**
 * One suggestion for the home screen's 「次にやること」, as data (the wording lives in i18n).
 * `required_area`: an area the roles require with no completed record yet; `candidate_route`: every
 * required area is done and the person is a leader candidate, whose other certification steps
 * (training, workshop, survey, the DX division's decision) are on the route page; `optional_area`:
 * every required area is done, this one is not required but open; `all_done`: nothing left in any area.
 */
export type NextStep =
  | { kind: 'required_area'; areaCode: KnowledgeAreaCode; sessionId: string | null }
  | { kind: 'candidate_route' }
  | { kind: 'optional_area'; areaCode: KnowledgeAreaCode; sessionId: string | null }
  | { kind: 'all_done' }

export interface NextStepsOptions {
  /** The soonest open session covering each area, if any: a session is the surest way to complete it. */
  upcomingSessionByArea?: ReadonlyMap<KnowledgeAreaCode, string>
  /** At most this many steps (default 2: a short list people act on). */
  max?: number
  /** A leader candidate not yet certified: with the areas done, the route's other steps come next. */
  leaderCandidate?: boolean
}

/**
 * The one or two most useful next steps, from the progress in area order. First the first required
 * area not completed (the plan lists basics first); then, of the other open required areas, one a
 * session is coming up for, else the next in order. With nothing required (no grade synced yet) there
 * is no honest suggestion, so none is made.
 */
export function chooseNextSteps(
  progress: readonly AreaProgress[],
  options: NextStepsOptions = {},
): NextStep[] {
  const max = options.max ?? 2
  const sessions = options.upcomingSessionByArea ?? new Map<KnowledgeAreaCode, string>()
  if (max <= 0 || !progress.some((area) => area.required)) return []
  const sessionOf = (code: KnowledgeAreaCode) => sessions.get(code) ?? null

  const openRequired = progress.filter((area) => area.required && !area.completed)
  if (openRequired.length > 0) {
    const [first, ...rest] = openRequired
    const ordered = first ? [first, ...rest.filter((a) => sessions.has(a.areaCode)), ...rest] : rest
    const unique = [...new Set(ordered)]
    return unique.slice(0, max).map((area) => ({
      kind: 'required_area',
      areaCode: area.areaCode,
      sessionId: sessionOf(area.areaCode),
    }))
  }
  const openOptional = progress.find((area) => !area.required && !area.completed)
  const optional: NextStep[] = openOptional
    ? [
        {
          kind: 'optional_area',
          areaCode: openOptional.areaCode,
          sessionId: sessionOf(openOptional.areaCode),
        },
      ]
    : []
  if (options.leaderCandidate) return [{ kind: 'candidate_route' } as NextStep, ...optional].slice(0, max)
  return optional.length > 0 ? optional : [{ kind: 'all_done' }]
}
