/**
 * The e-learning platform's completion or activity export, as the DX division imports it. The file is
 * the platform's own (Udemy Business and the like), not one made for the city, so its columns are
 * picked once (person, course, completion date; guessed from the headers, remembered on the device)
 * and its dates come in the platform's formats. The server checks every row again and decides
 * (private.import_elearning_completions, private.elearning_date): these are the device's half, for
 * reading the file and showing it before anything is sent.
 */
import { decodeDirectoryCsv, readCsvRecords, type DirectoryCsvEncoding } from './directory-csv'
import { isIsoDate, tokyoDateOf } from './fiscal-year'
import { isStorableText } from './storable-text'
import type { IsoDate } from './types'

/** How the file names a person: their email, or their employee number (職員番号). */
export type PersonKey = 'email' | 'employee_number'

/** The columns the division picked: header names of the file. */
export interface ElearningColumns {
  person: string
  personKey: PersonKey
  course: string
  completedOn: string
}

/** One row as import_elearning_completions takes it: the picked cells, normalised, '' when empty. */
export interface ElearningImportRow {
  person: string
  course: string
  completed_on: string
}

/** Where a row's problem lies, in the server's field names. */
export type ElearningField = 'row' | 'person' | 'course' | 'completed_on'

/** 'broken': neither UTF-8 nor Shift_JIS throughout; read as the closer one, bad characters as U+FFFD. */
export type ElearningCsvEncoding = DirectoryCsvEncoding | 'broken'

export type ElearningCsv =
  | {
      ok: true
      encoding: ElearningCsvEncoding
      headers: string[]
      records: Record<string, string | undefined>[]
    }
  | { ok: false; encoding: ElearningCsvEncoding; problem: 'empty' }

/** What a decoder puts where the bytes were not a character of the encoding. */
export const REPLACEMENT_CHARACTER = '\uFFFD'

const count = (text: string, char: string): number => text.split(char).length - 1

/**
 * A file that is neither clean UTF-8 nor clean Shift_JIS (a truncated multi-byte character, a file
 * joined from two exports): read as whichever leaves fewer characters unreadable, so the rows with
 * them are reported one by one instead of refusing the whole file.
 */
function decodeLeniently(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes)
  const sjis = new TextDecoder('shift_jis').decode(bytes)
  const text = count(sjis, REPLACEMENT_CHARACTER) < count(utf8, REPLACEMENT_CHARACTER) ? sjis : utf8
  return text.replace(/^\uFEFF/, '')
}

/** Bytes of the platform's export → its header row and records. */
export async function readElearningCsv(bytes: Uint8Array): Promise<ElearningCsv> {
  const decoded = await decodeDirectoryCsv(bytes)
  const encoding: ElearningCsvEncoding = decoded?.encoding ?? 'broken'
  const { headers, records } = await readCsvRecords(decoded?.text ?? decodeLeniently(bytes))
  if (headers.length === 0 || records.length === 0) return { ok: false, encoding, problem: 'empty' }
  return { ok: true, encoding, headers, records }
}

/** Header names platforms use, compared case-insensitively after NFKC; Japanese first. */
const HEADER_HINTS: Record<'email' | 'employee_number' | 'course' | 'completed_on', readonly string[]> = {
  email: ['メールアドレス', 'メール', 'email', 'e-mail', 'email address', 'user email', 'user email address'],
  employee_number: ['職員番号', '社員番号', 'employee number', 'employee id', 'staff number'],
  course: ['講座名', 'コース名', 'コースタイトル', '講座', 'course title', 'course name', 'course'],
  completed_on: [
    '修了日',
    '完了日',
    '受講完了日',
    '修了日時',
    '完了日時',
    'completion date',
    'course completion date',
    'completed date',
    'completed at',
    'date completed',
  ],
}

const headerKey = (header: string): string => header.normalize('NFKC').trim().toLowerCase()

function findHeader(headers: readonly string[], hints: readonly string[]): string | undefined {
  for (const hint of hints) {
    const found = headers.find((header) => headerKey(header) === hint)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The columns a file's headers suggest, or as much of them as they do. An email column wins over an
 * employee number: the platform knows people by email, the city may add its numbers.
 */
export function guessElearningColumns(headers: readonly string[]): Partial<ElearningColumns> {
  const email = findHeader(headers, HEADER_HINTS.email)
  const number = findHeader(headers, HEADER_HINTS.employee_number)
  const person = email ?? number
  return {
    ...(person === undefined ? {} : { person, personKey: email !== undefined ? 'email' : 'employee_number' }),
    ...optional('course', findHeader(headers, HEADER_HINTS.course)),
    ...optional('completedOn', findHeader(headers, HEADER_HINTS.completed_on)),
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

/** A remembered choice still fits a file when every column it names is one of the file's headers. */
export function columnsFit(columns: ElearningColumns, headers: readonly string[]): boolean {
  return [columns.person, columns.course, columns.completedOn].every((header) => headers.includes(header))
}

/** A course title made comparable across exports: NFKC (full-width letters), spaces collapsed. */
export function normalizeCourse(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim()
}

const cell = (text: string | undefined): string => (text ?? '').normalize('NFKC').trim()

/** The picked cells of every record, normalised; the date is sent as written (the server reads it). */
export function toElearningRows(
  records: readonly Readonly<Record<string, string | undefined>>[],
  columns: ElearningColumns,
): ElearningImportRow[] {
  return records.map((record) => ({
    person: cell(record[columns.person]),
    course: normalizeCourse(record[columns.course]),
    completed_on: cell(record[columns.completedOn]),
  }))
}

// The same patterns as private.elearning_date: 2026-04-05, 2026/4/5, 2026.04.05 with an optional time
// and offset; 2026年4月5日. Nothing else, and never a locale's parser.
const NUMERIC_DATE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)? ?(Z|[+-]\d{2}:?\d{2})?$/
const JAPANESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/

const pad2 = (value: string): string => value.padStart(2, '0')

/**
 * The completion date a cell means, as 'YYYY-MM-DD' in Tokyo, or null. A time without an offset is
 * the city's own; with one (a platform in UTC) it is an instant, whose date is taken in Tokyo.
 */
export function parseCompletionDate(text: string): IsoDate | null {
  const match = NUMERIC_DATE.exec(text) ?? JAPANESE_DATE.exec(text)
  if (!match) return null
  const [year, month, day, hour = '0', minute = '0', second = '0', zone] = match.slice(1)
  const date = `${year}-${pad2(month!)}-${pad2(day!)}`
  const y = Number(year)
  if (y < 2000 || y > 2100 || !isIsoDate(date)) return null
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null
  if (zone === undefined) return date
  const offset =
    zone === 'Z'
      ? 0
      : Number(zone.slice(0, 1) + '1') * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)))
  const utc = Date.UTC(y, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second))
  return tokyoDateOf(new Date(utc - offset * 60_000))
}

export interface ElearningCellProblem {
  row: number
  field: ElearningField
  code: 'DXP017'
}

/**
 * Cells the server cannot read as they are: a control character or U+0000 (which would fail the
 * whole call), or a character the file's encoding broke. Listed before anything is sent.
 */
export function unreadableElearningCells(rows: readonly ElearningImportRow[]): ElearningCellProblem[] {
  const problems: ElearningCellProblem[] = []
  rows.forEach((r, index) => {
    for (const field of ['person', 'course', 'completed_on'] as const) {
      const text = r[field]
      if (!isStorableText(text) || text.includes(REPLACEMENT_CHARACTER)) {
        problems.push({ row: index + 1, field, code: 'DXP017' })
      }
    }
  })
  return problems
}
