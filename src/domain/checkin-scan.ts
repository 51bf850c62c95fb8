/**
 * What the facilitator's camera does with a scanned code: the check-in code an employee shows
 * (checkin-qr.ts) against the session's roster. Pure, so the scanner component only acts on it.
 */
import { parseCheckinQr } from './checkin-qr'
import type { RosterEntryState } from './roster'

/** One person of the roster as the scan needs them (the roster entry's state, see roster.ts). */
export interface ScanRosterPerson {
  employeeId: string
  fullName: string
  state: RosterEntryState
}

export type ScanAction =
  /** Not one of our check-in codes (another QR code, a damaged one). */
  | { kind: 'unknown_code' }
  /** On the roster and not checked in yet (or refused before): check in, as the tap does. */
  | { kind: 'check_in'; employeeId: string; fullName: string }
  /** Already checked in (確定) or waiting to be sent (送信待ち): nothing to do. */
  | { kind: 'already'; employeeId: string; fullName: string; state: 'checked_in' | 'pending' }
  /** Our code, but the person did not register: the walk-in path (by employee number). */
  | { kind: 'not_on_roster'; employeeId: string }

export function checkinScanAction(text: string, roster: readonly ScanRosterPerson[]): ScanAction {
  const employeeId = parseCheckinQr(text)
  if (employeeId === null) return { kind: 'unknown_code' }
  const person = roster.find((p) => p.employeeId.toLowerCase() === employeeId)
  if (!person) return { kind: 'not_on_roster', employeeId }
  if (person.state === 'checked_in' || person.state === 'pending') {
    return { kind: 'already', employeeId: person.employeeId, fullName: person.fullName, state: person.state }
  }
  return { kind: 'check_in', employeeId: person.employeeId, fullName: person.fullName }
}

/**
 * A camera sees the same code in every frame while it is held up: act on a code once, and again only
 * after it has been out of sight for `gapMs` (the person stepped away and came back).
 */
export function isRepeatScan(
  text: string,
  last: { text: string; seenAt: number } | null,
  now: number,
  gapMs = 3000,
): boolean {
  return last !== null && last.text === text && now - last.seenAt < gapMs
}
