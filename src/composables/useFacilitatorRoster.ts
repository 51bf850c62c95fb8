import { computed, onScopeDispose, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { storeToRefs } from 'pinia'
import { BackendError } from '@/backend/backend'
import type { AttendeeLookup, Roster, RosterPerson } from '@/contract'
import { db, outboxAbout, type CachedRoster, type OutboxEntry } from '@/data'
import * as rosters from '@/data/facilitator-rosters'
import {
  rosterCounts,
  rosterEntries,
  walkInNumber,
  type RosterCounts,
  type RosterEntry,
} from '@/domain/roster'
import { useAuthStore } from '@/stores/auth'
import { useSyncStore } from '@/stores/sync'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

/** Why the roster could not be brought up to date (the cached one, if any, is still shown). */
export type RosterProblem = 'offline' | 'forbidden' | 'not_found' | 'failed' | null

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
    await rosters.saveRoster(db, userId, sessionId, roster)
    return { roster, problem: null }
  } catch (error) {
    return { roster: null, problem: problemOf(error) }
  }
}

export type WalkInResult =
  | { ok: true; person: NonNullable<AttendeeLookup> }
  | { ok: false; reason: 'not_found' | 'offline' | 'forbidden' | 'failed' | 'invalid' }

export interface UseFacilitatorRosterReturn {
  cached: Readonly<ShallowRef<CachedRoster | undefined>>
  entries: ComputedRef<RosterEntry<RosterPerson>[]>
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
  /** Undoes a check-in (and the learning it credited), queued like the check-in itself. */
  undoCheckIn: (employeeId: string) => Promise<boolean>
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
    () => (userId.value ? rosters.loadRoster(db, userId.value, sessionId.value) : undefined),
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
    rosterEntries(
      cached.value?.roster.people ?? [],
      (cached.value?.walk_ins ?? []).map((walkIn) => rosters.walkInPerson(walkIn, 'confirmed', null)),
      rosters.rosterCheckIns(outbox.value),
    ),
  )
  const counts = computed(() => rosterCounts(cached.value?.roster.counts ?? null, entries.value))
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
      if (uid) await rosters.settleNotedNumber(db, uid, sessionId.value, noted.number, found.ok)
    }
  }

  // A check-in or undo that leaves the outbox without being refused was applied by the server: shown
  // at once on the cached roster too (so a reload offline keeps it), then the server's roster.
  watch(outbox, (now, before) => {
    const uid = userId.value
    if (!uid) return
    const remaining = new Set(now.map((entry) => entry.id))
    const gone = before.filter((entry) => entry.status !== 'rejected' && !remaining.has(entry.id))
    if (gone.length === 0) return
    void rosters.recordConfirmedCheckIns(db, uid, sessionId.value, rosters.rosterCheckIns(gone)).then(refresh)
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

  async function undoCheckIn(employeeId: string): Promise<boolean> {
    return (await mutate('undo_check_in', { session_id: sessionId.value, employee_id: employeeId })).ok
  }

  async function findWalkIn(employeeNumber: string): Promise<WalkInResult> {
    const number = walkInNumber(employeeNumber)
    if (number === null) return { ok: false, reason: 'invalid' }
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
    await rosters.addWalkIn(db, uid, sessionId.value, person)
    return checkIn(person.employee_id)
  }

  async function noteWalkIn(employeeNumber: string): Promise<boolean> {
    const uid = userId.value
    const number = walkInNumber(employeeNumber)
    if (!uid || number === null) return false
    return rosters.noteWalkInNumber(db, uid, sessionId.value, number)
  }

  async function forgetNoted(employeeNumber: string): Promise<void> {
    const uid = userId.value
    if (!uid) return
    await rosters.settleNotedNumber(db, uid, sessionId.value, employeeNumber, null)
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
    undoCheckIn,
    findWalkIn,
    addWalkIn,
    noteWalkIn,
    forgetNoted,
    close,
  }
}
