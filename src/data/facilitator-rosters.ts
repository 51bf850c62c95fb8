/**
 * The facilitator's rosters kept on the device (`facilitatorRosters`): the last `session_roster`
 * answer per facilitator and session, with the walk-ins found and the numbers noted on this device,
 * so the session page works offline. Local only, never pushed; cleared with the user's data.
 */
import type { AttendeeLookup, Roster, RosterPerson } from '@/contract'
import type { RosterCheckIn } from '@/domain/roster'
import type { CachedRoster, DxpDatabase, OutboxEntry } from './db'

type WalkIn = NonNullable<AttendeeLookup>

/** A walk-in as a person on the roster (the server lists them the same way once checked in). */
export function walkInPerson(
  walkIn: WalkIn,
  status: 'confirmed' | 'attended',
  checkedInAt: string | null,
): RosterPerson {
  return {
    ...walkIn,
    registration_id: walkIn.employee_id,
    status,
    waitlist_position: null,
    checked_in_at: checkedInAt,
    walk_in: true,
    survey_submitted: false,
  }
}

/** This device's check-ins and their undoing among a session's outbox entries, oldest first. */
export function rosterCheckIns(entries: readonly OutboxEntry[]): RosterCheckIn[] {
  return entries.flatMap((entry) =>
    entry.kind === 'check_in' || entry.kind === 'undo_check_in'
      ? [
          {
            employee_id: entry.args.employee_id,
            undo: entry.kind === 'undo_check_in',
            rejected: entry.status === 'rejected',
            error_code: entry.last_error_code,
            error_message: entry.last_error_message,
          },
        ]
      : [],
  )
}

export async function loadRoster(
  db: DxpDatabase,
  userId: string,
  sessionId: string,
): Promise<CachedRoster | undefined> {
  return db.facilitatorRosters.get([userId, sessionId])
}

/** Keeps the server's roster; the walk-ins it now lists are dropped, the noted numbers kept. */
export async function saveRoster(
  db: DxpDatabase,
  userId: string,
  sessionId: string,
  roster: Roster,
): Promise<void> {
  await db.transaction('rw', db.facilitatorRosters, async () => {
    const cached = await db.facilitatorRosters.get([userId, sessionId])
    const listed = new Set(roster.people.map((p) => p.employee_id))
    await db.facilitatorRosters.put({
      user_id: userId,
      session_id: sessionId,
      roster,
      walk_ins: (cached?.walk_ins ?? []).filter((w) => !listed.has(w.employee_id)),
      noted_numbers: cached?.noted_numbers ?? [],
    })
  })
}

/**
 * Applies this device's check-ins and undos, in order, to the cached roster once the server applied
 * them: a check-in marks the person attended (a walk-in joins the list); an undo puts a registrant
 * back to confirmed (no-show once the session is closed) and drops a walk-in, as `undo_check_in` does.
 */
export async function recordConfirmedCheckIns(
  db: DxpDatabase,
  userId: string,
  sessionId: string,
  changes: readonly Pick<RosterCheckIn, 'employee_id' | 'undo'>[],
  now: Date = new Date(),
): Promise<void> {
  if (changes.length === 0) return
  const at = now.toISOString()
  await db.transaction('rw', db.facilitatorRosters, async () => {
    const cached = await db.facilitatorRosters.get([userId, sessionId])
    if (!cached) return
    let people = cached.roster.people
    let walkIns = cached.walk_ins
    for (const { employee_id: id, undo } of changes) {
      if (undo) {
        const absent = cached.roster.status === 'closed' ? ('no_show' as const) : ('confirmed' as const)
        people = people.flatMap((p) =>
          p.employee_id !== id || p.status !== 'attended'
            ? [p]
            : p.walk_in
              ? []
              : [{ ...p, status: absent, checked_in_at: null }],
        )
        continue
      }
      people = people.map((p) =>
        p.employee_id === id && p.status !== 'attended'
          ? { ...p, status: 'attended' as const, checked_in_at: at }
          : p,
      )
      const walkIn = walkIns.find((w) => w.employee_id === id)
      if (walkIn && !people.some((p) => p.employee_id === id))
        people = [...people, walkInPerson(walkIn, 'attended', at)]
      walkIns = walkIns.filter((w) => w.employee_id !== id)
    }
    await db.facilitatorRosters.put({ ...cached, roster: { ...cached.roster, people }, walk_ins: walkIns })
  })
}

/** Keeps a walk-in found by number, unless the roster already lists them. */
export async function addWalkIn(
  db: DxpDatabase,
  userId: string,
  sessionId: string,
  person: WalkIn,
): Promise<void> {
  const walkIn: WalkIn = {
    employee_id: person.employee_id,
    employee_number: person.employee_number,
    full_name: person.full_name,
    full_name_kana: person.full_name_kana,
    department_name: person.department_name,
  }
  await db.transaction('rw', db.facilitatorRosters, async () => {
    const current = await db.facilitatorRosters.get([userId, sessionId])
    if (!current || current.walk_ins.some((w) => w.employee_id === walkIn.employee_id)) return
    if (current.roster.people.some((p) => p.employee_id === walkIn.employee_id)) return
    await db.facilitatorRosters.put({ ...current, walk_ins: [...current.walk_ins, walkIn] })
  })
}

/** Offline: keeps a walk-in's number, to look them up once online; false without a cached roster. */
export async function noteWalkInNumber(
  db: DxpDatabase,
  userId: string,
  sessionId: string,
  number: string,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', db.facilitatorRosters, async () => {
    const current = await db.facilitatorRosters.get([userId, sessionId])
    if (!current) return false
    const noted = current.noted_numbers ?? []
    if (!noted.some((n) => n.number === number)) {
      noted.push({ number, noted_at: now.toISOString(), not_found: false })
    }
    await db.facilitatorRosters.put({ ...current, noted_numbers: noted })
    return true
  })
}

/**
 * A noted number looked up: gone once its person was found, or kept as `not_found` (and not asked
 * again) when the server knew nobody with it; `found: null` forgets it either way.
 */
export async function settleNotedNumber(
  db: DxpDatabase,
  userId: string,
  sessionId: string,
  number: string,
  found: boolean | null,
): Promise<void> {
  await db.transaction('rw', db.facilitatorRosters, async () => {
    const current = await db.facilitatorRosters.get([userId, sessionId])
    if (!current) return
    const noted_numbers = (current.noted_numbers ?? []).flatMap((n) =>
      n.number !== number ? [n] : found === false ? [{ ...n, not_found: true }] : [],
    )
    await db.facilitatorRosters.put({ ...current, noted_numbers })
  })
}
