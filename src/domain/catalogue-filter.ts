/**
 * The catalogue's filters: by training kind, knowledge area, month (in Japan) and "required for
 * me", plus the title search. Pure, so the page only lays out what this returns; the filter lives
 * in the URL query (`?kind=workshop&area=bpr&month=2027-01&required=1&q=生成`), so back, forward and
 * reload keep it.
 */
import { matchesSearch } from './text-search'

export interface CatalogueFilter {
  kind: string | null
  area: string | null
  /** 'YYYY-MM' in Japan. */
  month: string | null
  /** Only trainings covering an area one of my roles requires. */
  requiredOnly: boolean
  query: string
}

export const EMPTY_CATALOGUE_FILTER: CatalogueFilter = {
  kind: null,
  area: null,
  month: null,
  requiredOnly: false,
  query: '',
}

export interface CatalogueSessionFacts {
  id: string
  starts_at: string
  ends_at: string
}

export interface CatalogueTrainingFacts<S extends CatalogueSessionFacts = CatalogueSessionFacts> {
  id: string
  kind: string
  title: string
  areaCodes: readonly string[]
  sessions: readonly S[]
}

const JST_OFFSET_MS = 9 * 3_600_000
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const CODE = /^[a-z][a-z0-9_]{0,39}$/
const MAX_QUERY = 100

/** The month of an instant in Japan, 'YYYY-MM'. */
export function tokyoMonthOf(iso: string): string {
  return new Date(Date.parse(iso) + JST_OFFSET_MS).toISOString().slice(0, 7)
}

/** The month a session is listed under: when it starts, or this month for one already under way. */
export function listingMonthOf(session: CatalogueSessionFacts, now: Date): string {
  return tokyoMonthOf(new Date(Math.max(Date.parse(session.starts_at), now.getTime())).toISOString())
}

/** Sessions still to come (or under way): those that have not ended. */
export function isUpcoming(session: CatalogueSessionFacts, now: Date): boolean {
  return Date.parse(session.ends_at) > now.getTime()
}

function first(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : null
}

/** Reads the filter from a route query; anything malformed is left out rather than trusted. */
export function parseCatalogueQuery(query: Record<string, unknown>): CatalogueFilter {
  const kind = first(query.kind)
  const area = first(query.area)
  const month = first(query.month)
  return {
    kind: kind && CODE.test(kind) ? kind : null,
    area: area && CODE.test(area) ? area : null,
    month: month && MONTH.test(month) ? month : null,
    requiredOnly: first(query.required) === '1',
    query: (first(query.q) ?? '').slice(0, MAX_QUERY),
  }
}

/** The route query of a filter, leaving defaults out so the plain URL stays plain. */
export function catalogueQuery(filter: CatalogueFilter): Record<string, string> {
  const out: Record<string, string> = {}
  if (filter.kind) out.kind = filter.kind
  if (filter.area) out.area = filter.area
  if (filter.month) out.month = filter.month
  if (filter.requiredOnly) out.required = '1'
  if (filter.query.trim() !== '') out.q = filter.query
  return out
}

/** The months that have upcoming sessions, in order: the month filter's choices. */
export function upcomingMonths(trainings: readonly CatalogueTrainingFacts[], now: Date): string[] {
  const months = new Set<string>()
  for (const t of trainings)
    for (const s of t.sessions) if (isUpcoming(s, now)) months.add(listingMonthOf(s, now))
  return [...months].sort()
}

/**
 * The trainings to list, each with its upcoming sessions in the chosen month (in date order),
 * ordered by their next session. A training with no such session is left out.
 */
export function filterCatalogue<S extends CatalogueSessionFacts, T extends CatalogueTrainingFacts<S>>(
  trainings: readonly T[],
  filter: CatalogueFilter,
  requiredAreaCodes: ReadonlySet<string>,
  now: Date,
): (T & { sessions: S[] })[] {
  const listed: (T & { sessions: S[] })[] = []
  for (const training of trainings) {
    if (filter.kind && training.kind !== filter.kind) continue
    if (filter.area && !training.areaCodes.includes(filter.area)) continue
    if (filter.requiredOnly && !training.areaCodes.some((code) => requiredAreaCodes.has(code))) continue
    if (!matchesSearch(training.title, filter.query)) continue
    const sessions = training.sessions
      .filter((s) => isUpcoming(s, now) && (!filter.month || listingMonthOf(s, now) === filter.month))
      .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
    if (sessions.length > 0) listed.push({ ...training, sessions })
  }
  return listed.sort(
    (a, b) =>
      Date.parse(a.sessions[0]!.starts_at) - Date.parse(b.sessions[0]!.starts_at) ||
      a.title.localeCompare(b.title),
  )
}
