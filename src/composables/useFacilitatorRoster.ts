import { computed, onScopeDispose, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { storeToRefs } from 'pinia'
import { BackendError } from '@/backend/backend'
import type { AttendeeLookup, Roster, RosterPerson } from '@/contract'
import { db, outboxAbout, type CachedRoster, type OutboxEntry } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useSyncStore } from '@/stores/sync'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

/**
 * What the facilitator sees for one person: the server's status, or this device's check-in on top.
 * - `checked_in` 確定: the server has them attended.
 * - `pending` 送信待ち: a check-in is in this device's outbox.
 * - `rejected` 却下: the server refused this device's check-in (`rejection` says why).
 * - `waiting`: not checked in (confirmed, waitlisted or, after closing, no-show).
 */
export type RosterEntryState = 'checked_in' | 'pending' | 'rejected' | 'waiting'

export interface RosterEntry {
  person: RosterPerson
  state: RosterEntryState
  /** The server's message for a refused check-in. */
  rejection: string | null
  rejectionCode: string | null
}

/** Why the roster could not be brought up to date (the cached one, if any, is still shown). */
export type RosterProblem = 'offline' | 'forbidden' | 'not_found' | 'failed' | null

/** Folds kana, width and case so that 'ﾔﾏﾀﾞ', 'やまだ' and 'ヤマダ' all find ヤマダ. */
export function normalizeForSearch(text: string): string {
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
export function matchesRosterQuery(person: RosterPerson, query: string): boolean {
  const needle = normalizeForSearch(query)
  if (needle === '') return true
  return [person.full_name_kana, person.full_name, person.employee_number].some((field) =>
    normalizeForSearch(field).includes(needle),
  )
}

/** The check-in state of each person from the server's roster and this device's outbox entries. */
export function rosterEntries(
  roster: Roster | null,
  walkIns: readonly NonNullable<AttendeeLookup>[],
  entries: readonly OutboxEntry[],
): RosterEntry[] {
  const checkIns = new Map<string, OutboxEntry>()
  for (const entry of entries) {
    // The latest change about a person decides (a rejected check-in tapped again is pending again).
    if (entry.kind === 'check_in') checkIns.set(entry.args.employee_id, entry)
  }
  const people: RosterPerson[] = [...(roster?.people ?? [])]
  const known = new Set(people.map((p) => p.employee_id))
  for (const walkIn of walkIns) {
    if (known.has(walkIn.employee_id)) continue
    known.add(walkIn.employee_id)
    people.push({
      ...walkIn,
      registration_id: walkIn.employee_id,
      status: 'confirmed',
      waitlist_position: null,
      checked_in_at: null,
      walk_in: true,
      survey_submitted: false,
    })
  }
  people.sort(
    (a, b) =>
      a.full_name_kana.localeCompare(b.full_name_kana, 'ja') ||
      a.employee_number.localeCompare(b.employee_number),
  )
  return people.map((person) => {
    const entry = checkIns.get(person.employee_id)
    const none = { rejection: null, rejectionCode: null }
    if (person.status === 'attended') return { person, state: 'checked_in', ...none }
    if (entry?.status === 'rejected') {
      return {
        person,
        state: 'rejected',
        rejection: entry.last_error_message ?? entry.last_error_code,
        rejectionCode: entry.last_error_code,
      }
    }
    if (entry) return { person, state: 'pending', ...none }
    return { person, state: 'waiting', ...none }
  })
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

export function rosterCounts(roster: Roster | null, entries: readonly RosterEntry[]): RosterCounts {
  const attended = entries.filter((e) => e.state === 'checked_in' || e.state === 'pending').length
  const responses = roster?.counts.responses ?? 0
  return {
    capacity: roster?.counts.capacity ?? 0,
    attended,
    expected: entries.filter((e) => e.person.status !== 'waitlisted').length,
    waitlisted: entries.filter((e) => e.person.status === 'waitlisted').length,
    responses,
    responseRate: attended > 0 ? Math.round((responses / attended) * 100) : null,
  }
}

function problemOf(error: unknown): RosterProblem {
  if (error instanceof BackendError) {
    if (error.kind === 'network' || error.kind === 'server') return 'offline'
    if (error.message === 'DXP091') return 'forbidden'
    if (error.message === 'DXP020') return 'not_found'
  }
  return 'failed'
}

/** Asks the server for a session's roster and keeps it on the device; the answer, or why not. */
export async function fetchRoster(
  userId: string,
  sessionId: string,
): Promise<{ roster: Roster; problem: null } | { roster: null; problem: RosterProblem }> {
  const backend = useAuthStore().backend
  if (!backend) return { roster: null, problem: 'offline' }
  try {
    const roster = await backend.call('session_roster', { session_id: sessionId })
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
    return { roster, problem: null }
  } catch (error) {
    return { roster: null, problem: problemOf(error) }
  }
}

/** Marks people attended in the cached roster once the server applied this device's check-ins. */
async function recordConfirmedCheckIns(userId: string, sessionId: string, employeeIds: readonly string[]) {
  if (employeeIds.length === 0) return
  const ids = new Set(employeeIds)
  const at = new Date().toISOString()
  await db.transaction('rw', db.facilitatorRosters, async () => {
    const cached = await db.facilitatorRosters.get([userId, sessionId])
    if (!cached) return
    const people = cached.roster.people.map((p) =>
      ids.has(p.employee_id) && p.status !== 'attended'
        ? { ...p, status: 'attended' as const, checked_in_at: at }
        : p,
    )
    const listed = new Set(people.map((p) => p.employee_id))
    for (const walkIn of cached.walk_ins) {
      if (!ids.has(walkIn.employee_id) || listed.has(walkIn.employee_id)) continue
      people.push({
        ...walkIn,
        registration_id: walkIn.employee_id,
        status: 'attended',
        waitlist_position: null,
        checked_in_at: at,
        walk_in: true,
        survey_submitted: false,
      })
    }
    await db.facilitatorRosters.put({
      ...cached,
      roster: { ...cached.roster, people },
      walk_ins: cached.walk_ins.filter((w) => !ids.has(w.employee_id)),
    })
  })
}

export type WalkInResult =
  | { ok: true; person: NonNullable<AttendeeLookup> }
  | { ok: false; reason: 'not_found' | 'offline' | 'forbidden' | 'failed' | 'invalid' }

export interface UseFacilitatorRosterReturn {
  cached: Readonly<ShallowRef<CachedRoster | undefined>>
  entries: ComputedRef<RosterEntry[]>
  counts: ComputedRef<RosterCounts>
  /** This device's changes about the session (check-ins, closing), newest last. */
  outbox: Readonly<ShallowRef<OutboxEntry[]>>
  /** A close_session waiting to be sent or refused, if any. */
  closing: ComputedRef<OutboxEntry | null>
  problem: Readonly<Ref<RosterProblem>>
  refreshing: Readonly<Ref<boolean>>
  isLoading: Readonly<Ref<boolean>>
  refresh: () => Promise<void>
  checkIn: (employeeId: string) => Promise<boolean>
  findWalkIn: (employeeNumber: string) => Promise<WalkInResult>
  addWalkIn: (person: NonNullable<AttendeeLookup>) => Promise<boolean>
  /** Offline: keeps a walk-in's number on the device, to check them in once online. */
  noteWalkIn: (employeeNumber: string) => Promise<boolean>
  forgetNoted: (employeeNumber: string) => Promise<void>
  close: () => Promise<boolean>
}

/**
 * One session's roster for its facilitator: the server's last answer (kept on the device, so it shows
 * offline with its time) with this device's check-ins on top, brought up to date whenever the device
 * is online: on open, after every sync round, and when a check-in leaves the outbox.
 */
export function useFacilitatorRoster(sessionId: Ref<string>): UseFacilitatorRosterReturn {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const { userId } = storeToRefs(auth)
  const mutate = useMutate()
  const problem = shallowRef<RosterProblem>(null)
  const refreshing = shallowRef(false)

  const { data: cached, isLoading } = useLiveQuery(
    () => (userId.value ? db.facilitatorRosters.get([userId.value, sessionId.value]) : undefined),
    { deps: [userId, sessionId] },
  )
  const { data: outbox } = useLiveQuery(
    async () => {
      const entries = await outboxAbout(db, 'sessions', sessionId.value)
      return entries.filter((entry) => entry.user_id === userId.value)
    },
    { deps: [userId, sessionId], initialValue: [] as OutboxEntry[] },
  )

  const entries = computed(() =>
    rosterEntries(cached.value?.roster ?? null, cached.value?.walk_ins ?? [], outbox.value),
  )
  const counts = computed(() => rosterCounts(cached.value?.roster ?? null, entries.value))
  const closing = computed(
    () => [...outbox.value].reverse().find((entry) => entry.kind === 'close_session') ?? null,
  )

  async function refresh(): Promise<void> {
    const uid = userId.value
    if (!uid) return
    refreshing.value = true
    try {
      const result = await fetchRoster(uid, sessionId.value)
      problem.value = result.problem
      if (result.problem === null) await checkInNoted()
    } finally {
      refreshing.value = false
    }
  }

  /** Online again: looks up the numbers noted offline and checks those people in. */
  async function checkInNoted(): Promise<void> {
    const uid = userId.value
    const waiting = (cached.value?.noted_numbers ?? []).filter((n) => !n.not_found)
    for (const noted of waiting) {
      const found = await findWalkIn(noted.number)
      if (!found.ok && found.reason !== 'not_found') return
      if (found.ok) await addWalkIn(found.person)
      await db.transaction('rw', db.facilitatorRosters, async () => {
        const current = uid ? await db.facilitatorRosters.get([uid, sessionId.value]) : undefined
        if (!current) return
        const noted_numbers = (current.noted_numbers ?? []).flatMap((n) =>
          n.number !== noted.number ? [n] : found.ok ? [] : [{ ...n, not_found: true }],
        )
        await db.facilitatorRosters.put({ ...current, noted_numbers })
      })
    }
  }

  // A check-in that leaves the outbox without being refused was applied by the server: 確定 at once,
  // on the cached roster too (so a reload offline keeps it), then the server's roster.
  watch(outbox, (now, before) => {
    const uid = userId.value
    if (!uid) return
    const remaining = new Set(now.map((entry) => entry.id))
    const applied = before.filter(
      (entry) => entry.kind === 'check_in' && entry.status !== 'rejected' && !remaining.has(entry.id),
    )
    if (applied.length === 0 && !before.some((e) => e.kind === 'close_session' && !remaining.has(e.id)))
      return
    void recordConfirmedCheckIns(
      uid,
      sessionId.value,
      applied.map((entry) => (entry.kind === 'check_in' ? entry.args.employee_id : '')),
    ).then(refresh)
  })
  watch(
    () => sync.lastSuccessAt,
    () => void refresh(),
  )
  watch([userId, sessionId], () => void refresh(), { immediate: true })
  const onOnline = () => void refresh()
  window.addEventListener('online', onOnline)
  onScopeDispose(() => window.removeEventListener('online', onOnline))

  async function checkIn(employeeId: string): Promise<boolean> {
    return (await mutate('check_in', { session_id: sessionId.value, employee_id: employeeId })).ok
  }

  async function findWalkIn(employeeNumber: string): Promise<WalkInResult> {
    const number = employeeNumber.normalize('NFKC').trim().toUpperCase()
    if (!/^[0-9A-Z][0-9A-Z-]{2,19}$/.test(number)) return { ok: false, reason: 'invalid' }
    const listed = entries.value.find((e) => e.person.employee_number === number)
    if (listed) return { ok: true, person: listed.person }
    const backend = auth.backend
    if (!backend) return { ok: false, reason: 'offline' }
    try {
      const found = await backend.call('find_employee', {
        session_id: sessionId.value,
        employee_number: number,
      })
      return found ? { ok: true, person: found } : { ok: false, reason: 'not_found' }
    } catch (error) {
      const reason = problemOf(error)
      return { ok: false, reason: reason === 'forbidden' || reason === 'offline' ? reason : 'failed' }
    }
  }

  async function addWalkIn(person: NonNullable<AttendeeLookup>): Promise<boolean> {
    const uid = userId.value
    if (!uid) return false
    const walkIn: NonNullable<AttendeeLookup> = {
      employee_id: person.employee_id,
      employee_number: person.employee_number,
      full_name: person.full_name,
      full_name_kana: person.full_name_kana,
      department_name: person.department_name,
    }
    await db.transaction('rw', db.facilitatorRosters, async () => {
      const current = await db.facilitatorRosters.get([uid, sessionId.value])
      if (!current || current.walk_ins.some((w) => w.employee_id === walkIn.employee_id)) return
      if (current.roster.people.some((p) => p.employee_id === walkIn.employee_id)) return
      await db.facilitatorRosters.put({ ...current, walk_ins: [...current.walk_ins, walkIn] })
    })
    return checkIn(walkIn.employee_id)
  }

  async function noteWalkIn(employeeNumber: string): Promise<boolean> {
    const uid = userId.value
    const number = employeeNumber.normalize('NFKC').trim().toUpperCase()
    if (!uid || !/^[0-9A-Z][0-9A-Z-]{2,19}$/.test(number)) return false
    return db.transaction('rw', db.facilitatorRosters, async () => {
      const current = await db.facilitatorRosters.get([uid, sessionId.value])
      if (!current) return false
      const noted = current.noted_numbers ?? []
      if (!noted.some((n) => n.number === number)) {
        noted.push({ number, noted_at: new Date().toISOString(), not_found: false })
      }
      await db.facilitatorRosters.put({ ...current, noted_numbers: noted })
      return true
    })
  }

  async function forgetNoted(employeeNumber: string): Promise<void> {
    const uid = userId.value
    if (!uid) return
    await db.transaction('rw', db.facilitatorRosters, async () => {
      const current = await db.facilitatorRosters.get([uid, sessionId.value])
      if (!current) return
      const noted_numbers = (current.noted_numbers ?? []).filter((n) => n.number !== employeeNumber)
      await db.facilitatorRosters.put({ ...current, noted_numbers })
    })
  }

  async function close(): Promise<boolean> {
    return (await mutate('close_session', { session_id: sessionId.value })).ok
  }

  return {
    cached,
    entries,
    counts,
    outbox,
    closing,
    problem,
    refreshing,
    isLoading,
    refresh,
    checkIn,
    findWalkIn,
    addWalkIn,
    noteWalkIn,
    forgetNoted,
    close,
  }
}
