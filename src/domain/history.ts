/**
 * The learning history: the employee's learning records, registrations and survey submissions as
 * one list, its filters, and the table the CSV export is built from. Wording arrives as labels, so
 * this stays pure and the words stay in i18n.
 */
import { csvTable, type CsvColumn } from './csv'
import { fiscalYearOf, tokyoDateOf } from './fiscal-year'
import type { FiscalYear, IsoDate, KnowledgeAreaCode } from './types'

export type HistoryKind = 'learning' | 'registration' | 'survey'

export interface HistoryEntry {
  /** Unique within the list: kind and the row's key. */
  key: string
  kind: HistoryKind
  /** The day it happened, in Tokyo: completed_on, the session's day, the answer's day. */
  date: IsoDate
  fiscalYear: FiscalYear
  title: string
  areaCodes: KnowledgeAreaCode[]
  /** learning: the source (self_study…); registration: its status; survey: 'submitted'. */
  status: string
  /** Minutes studied, for learning records. */
  minutes: number | null
  note: string
}

export interface HistoryRows {
  learningRecords: readonly {
    id: string
    area_code: string
    source: string
    title: string
    minutes: number
    completed_on: string
    note: string
  }[]
  registrations: readonly { id: string; session_id: string; status: string }[]
  surveySubmissions: readonly { session_id: string }[]
  /** The employee's identified answers, for the day a survey was sent (anonymous ones have none). */
  surveyResponses?: readonly { session_id: string; submitted_at: string }[]
  sessions: readonly { id: string; training_id: string; starts_at: string }[]
  trainings: readonly { id: string; title: string }[]
  trainingAreas: readonly { training_id: string; area_code: string }[]
}

const KIND_ORDER: Record<HistoryKind, number> = { survey: 0, registration: 1, learning: 2 }

/** Every entry, newest first (on one day: survey, then registration, then learning). */
export function historyEntries(rows: HistoryRows): HistoryEntry[] {
  const sessions = new Map(rows.sessions.map((session) => [session.id, session]))
  const trainings = new Map(rows.trainings.map((training) => [training.id, training]))
  const areasOf = new Map<string, string[]>()
  for (const row of rows.trainingAreas)
    areasOf.set(row.training_id, [...(areasOf.get(row.training_id) ?? []), row.area_code])
  const answeredAt = new Map((rows.surveyResponses ?? []).map((r) => [r.session_id, r.submitted_at]))
  const ofSession = (sessionId: string) => {
    const session = sessions.get(sessionId)
    const training = session ? trainings.get(session.training_id) : undefined
    return session && training ? { session, training, areas: areasOf.get(training.id) ?? [] } : null
  }

  const entries: HistoryEntry[] = rows.learningRecords.map((record) => ({
    key: `learning:${record.id}`,
    kind: 'learning',
    date: record.completed_on,
    fiscalYear: fiscalYearOf(record.completed_on),
    title: record.title,
    areaCodes: [record.area_code],
    status: record.source,
    minutes: record.minutes,
    note: record.note,
  }))
  for (const registration of rows.registrations) {
    const found = ofSession(registration.session_id)
    if (!found) continue
    const date = tokyoDateOf(new Date(found.session.starts_at))
    entries.push({
      key: `registration:${registration.id}`,
      kind: 'registration',
      date,
      fiscalYear: fiscalYearOf(date),
      title: found.training.title,
      areaCodes: [...found.areas],
      status: registration.status,
      minutes: null,
      note: '',
    })
  }
  for (const submission of rows.surveySubmissions) {
    const found = ofSession(submission.session_id)
    if (!found) continue
    const date = tokyoDateOf(new Date(answeredAt.get(submission.session_id) ?? found.session.starts_at))
    entries.push({
      key: `survey:${submission.session_id}`,
      kind: 'survey',
      date,
      fiscalYear: fiscalYearOf(date),
      title: found.training.title,
      areaCodes: [...found.areas],
      status: 'submitted',
      minutes: null,
      note: '',
    })
  }
  return entries.sort(
    (a, b) =>
      b.date.localeCompare(a.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.key.localeCompare(b.key),
  )
}

export interface HistoryFilter {
  kind: HistoryKind | null
  fiscalYear: FiscalYear | null
  areaCode: KnowledgeAreaCode | null
}

export function filterHistory(entries: readonly HistoryEntry[], filter: HistoryFilter): HistoryEntry[] {
  return entries.filter(
    (entry) =>
      (filter.kind === null || entry.kind === filter.kind) &&
      (filter.fiscalYear === null || entry.fiscalYear === filter.fiscalYear) &&
      (filter.areaCode === null || entry.areaCodes.includes(filter.areaCode)),
  )
}

/** The fiscal years present, newest first, for the filter's choices. */
export function historyFiscalYears(entries: readonly HistoryEntry[]): FiscalYear[] {
  return [...new Set(entries.map((entry) => entry.fiscalYear))].sort((a, b) => b - a)
}

export interface HistoryLabels {
  header: {
    kind: string
    date: string
    fiscalYear: string
    title: string
    areas: string
    status: string
    minutes: string
    note: string
  }
  kind: (kind: HistoryKind) => string
  fiscalYear: (fy: FiscalYear) => string
  area: (code: KnowledgeAreaCode) => string
  status: (entry: HistoryEntry) => string
  /** Joins several area names in one cell. */
  areaSeparator: string
}

/** The CSV's columns (domain/csv.ts guards every cell, headers included, against formulas). */
export function historyColumns(labels: HistoryLabels): CsvColumn<HistoryEntry>[] {
  const { header } = labels
  return [
    { header: header.kind, value: (entry) => labels.kind(entry.kind) },
    { header: header.date, value: (entry) => entry.date },
    { header: header.fiscalYear, value: (entry) => labels.fiscalYear(entry.fiscalYear) },
    { header: header.title, value: (entry) => entry.title },
    { header: header.areas, value: (entry) => entry.areaCodes.map(labels.area).join(labels.areaSeparator) },
    { header: header.status, value: (entry) => labels.status(entry) },
    { header: header.minutes, value: (entry) => entry.minutes },
    { header: header.note, value: (entry) => entry.note },
  ]
}

/** The table the CSV is made of: the header row, then one row per entry, every cell safe text. */
export function historyTable(entries: readonly HistoryEntry[], labels: HistoryLabels): string[][] {
  return csvTable(historyColumns(labels), entries)
}
