/**
 * The facilitator's roster as the session page shows it: who is checked in (the server's answer, or
 * this device's check-ins and their undoing on top), the counts at the top, the search box, and the
 * walk-in's number. The server decides attendance (`check_in`, `undo_check_in`,
 * 20260401001200_registration_writes.sql); this only predicts it.
 */
import { isEmployeeNumber, normalizeDirectoryCell } from './directory-import'

/**
 * What the facilitator sees for one person: the server's status, or this device's latest change on top.
 * - `checked_in` 確定: the server has them attended.
 * - `pending` 送信待ち: a check-in is in this device's outbox.
 * - `rejected` 却下: the server refused this device's check-in (`rejection` says why).
 * - `undo_pending` 送信待ち: an undo of their check-in is in this device's outbox.
 * - `undo_rejected` 却下: the server refused this device's undo (`rejection` says why); the server's
 *   status stands.
 * - `waiting`: not checked in (confirmed, waitlisted or, after closing, no-show).
 */
export type RosterEntryState =
  'checked_in' | 'pending' | 'rejected' | 'undo_pending' | 'undo_rejected' | 'waiting'

/** What the rules read of a person on the roster (the contract's `RosterPerson` has it all). */
export interface RosterPersonFields {
  employee_id: string
  employee_number: string
  full_name: string
  full_name_kana: string
  status: 'confirmed' | 'waitlisted' | 'attended' | 'no_show'
}

/** A check-in this device made, or its undoing (`undo`): its outbox entry, oldest first. */
export interface RosterCheckIn {
  employee_id: string
  undo: boolean
  rejected: boolean
  error_code: string | null
  error_message: string | null
}

export interface RosterEntry<P extends RosterPersonFields = RosterPersonFields> {
  person: P
  state: RosterEntryState
  /**
   * Counted as present: attended on the server or checked in on this device, and not being undone.
   * A present person's check-in can be undone; anyone else can be checked in.
   */
  present: boolean
  /** The server's message for a refused check-in or undo. */
  rejection: string | null
  rejectionCode: string | null
}

export interface RosterCounts {
  capacity: number
  /** Checked in, by the server or pending on this device. */
  attended: number
  expected: number
  waitlisted: number
  responses: number
  /** responses / attended, 0–100, or null with nobody attended. */
  responseRate: number | null
}

/** Folds kana, width and case so that 'ﾔﾏﾀﾞ', 'やまだ' and 'ヤマダ' all find ヤマダ. */
export function normalizeRosterSearch(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // Hiragana → katakana: the roster's kana is katakana.
      .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
      .replace(/[\s\u3000・]/g, '')
  )
}

/** Whether a person matches the search box: kana, name or employee number, any width, any kana. */
export function matchesRosterQuery(person: RosterPersonFields, query: string): boolean {
  const needle = normalizeRosterSearch(query)
  if (needle === '') return true
  return [person.full_name_kana, person.full_name, person.employee_number].some((field) =>
    normalizeRosterSearch(field).includes(needle),
  )
}

/**
 * The check-in state of each person: the server's roster, plus the walk-ins found on this device that
 * it does not list yet, sorted by kana (then number); the latest check-in about a person decides.
 */
export function rosterEntries<P extends RosterPersonFields>(
  people: readonly P[],
  walkIns: readonly P[],
  checkIns: readonly RosterCheckIn[],
): RosterEntry<P>[] {
  const latest = new Map<string, RosterCheckIn>()
  // The latest change decides: a rejected check-in tapped again is pending again, an undo undoes.
  for (const checkIn of checkIns) latest.set(checkIn.employee_id, checkIn)
  const listed: P[] = [...people]
  const known = new Set(listed.map((p) => p.employee_id))
  for (const walkIn of walkIns) {
    if (known.has(walkIn.employee_id)) continue
    known.add(walkIn.employee_id)
    listed.push(walkIn)
  }
  listed.sort(
    (a, b) =>
      a.full_name_kana.localeCompare(b.full_name_kana, 'ja') ||
      a.employee_number.localeCompare(b.employee_number),
  )
  return listed.map((person) => {
    const change = latest.get(person.employee_id)
    const attended = person.status === 'attended'
    const refused = change?.rejected
      ? { rejection: change.error_message ?? change.error_code, rejectionCode: change.error_code }
      : { rejection: null, rejectionCode: null }
    if (change?.undo) {
      if (!change.rejected) return { person, state: 'undo_pending', present: false, ...refused }
      return { person, state: 'undo_rejected', present: attended, ...refused }
    }
    const none = { rejection: null, rejectionCode: null }
    if (attended) return { person, state: 'checked_in', present: true, ...none }
    if (change?.rejected) return { person, state: 'rejected', present: false, ...refused }
    if (change) return { person, state: 'pending', present: true, ...none }
    return { person, state: 'waiting', present: false, ...none }
  })
}

/** The figures above the roster, from the server's counts and the entries' states. */
export function rosterCounts(
  serverCounts: { capacity: number; responses: number } | null,
  entries: readonly RosterEntry[],
): RosterCounts {
  const attended = entries.filter((e) => e.present).length
  const responses = serverCounts?.responses ?? 0
  return {
    capacity: serverCounts?.capacity ?? 0,
    attended,
    expected: entries.filter((e) => e.person.status !== 'waitlisted').length,
    waitlisted: entries.filter((e) => e.person.status === 'waitlisted').length,
    responses,
    responseRate: attended > 0 ? Math.round((responses / attended) * 100) : null,
  }
}

/** A walk-in's employee number as typed (any width, any case), or null when it cannot be one. */
export function walkInNumber(input: string): string | null {
  const number = normalizeDirectoryCell('employee_number', input)
  return isEmployeeNumber(number) ? number : null
}
