import { computed, onScopeDispose, shallowRef, watch, type ComputedRef, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { db, type CachedRoster, type SessionRow, type TrainingRow } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { fetchRoster } from './useFacilitatorRoster'
import { useLiveQuery } from './useLiveQuery'

export interface FacilitatorSession {
  session: SessionRow
  training: TrainingRow | undefined
  /** The last roster this device has (from the server, maybe while offline), if any. */
  roster: CachedRoster | undefined
  /** Started and not yet over. */
  now: boolean
  past: boolean
  /** Inside the check-in window the server enforces: 2 hours before the start to 7 days after the end. */
  checkInOpen: boolean
}

export interface UseFacilitatorSessionsReturn {
  /** Inside their check-in window now (today's session, and last week's for late check-ins), by start. */
  checkInOpen: ComputedRef<FacilitatorSession[]>
  /** Not yet open for check-in, by start. */
  upcoming: ComputedRef<FacilitatorSession[]>
  /** Over and closed for check-in, newest first. */
  past: ComputedRef<FacilitatorSession[]>
  isLoading: Readonly<Ref<boolean>>
  /** Fetching the rosters of past sessions for their attendance and response counts. */
  refreshing: Readonly<Ref<boolean>>
}

const HOUR_MS = 3_600_000

/** The window private.push_check_in allows (a venue tablet may sync late). */
export function isCheckInOpen(
  session: Pick<SessionRow, 'starts_at' | 'ends_at' | 'status'>,
  now: number,
): boolean {
  return (
    session.status !== 'cancelled' &&
    now >= Date.parse(session.starts_at) - 2 * HOUR_MS &&
    now <= Date.parse(session.ends_at) + 7 * 24 * HOUR_MS
  )
}

/** How many of the most recent past sessions get their counts fetched on open. */
const PAST_ROSTERS_FETCHED = 12

/**
 * The sessions the signed-in person runs (sessions.facilitator_id, from the replica), upcoming first
 * by start and past ones newest first, each with its cached roster; the rosters of the current and
 * recent past sessions are fetched when the page opens (kept for offline use).
 */
export function useFacilitatorSessions(clock: () => Date = () => new Date()): UseFacilitatorSessionsReturn {
  const { userId } = storeToRefs(useAuthStore())
  const refreshing = shallowRef(false)

  const { data, isLoading } = useLiveQuery(
    async () => {
      const uid = userId.value
      if (!uid)
        return { sessions: [] as SessionRow[], trainings: [] as TrainingRow[], rosters: [] as CachedRoster[] }
      const sessions = await db.replica('sessions').where('facilitator_id').equals(uid).toArray()
      const trainings = await db
        .replica('trainings')
        .bulkGet([...new Set(sessions.map((s) => s.training_id))])
      const rosters = await db.facilitatorRosters.where('user_id').equals(uid).toArray()
      return {
        sessions,
        trainings: trainings.filter((t): t is TrainingRow => t !== undefined),
        rosters,
      }
    },
    { deps: userId },
  )

  const all = computed<FacilitatorSession[]>(() => {
    const value = data.value
    if (!value) return []
    const trainings = new Map(value.trainings.map((t) => [t.id, t]))
    const rosters = new Map(value.rosters.map((r) => [r.session_id, r]))
    const now = clock().getTime()
    return value.sessions
      .filter((s) => s.status !== 'cancelled')
      .map((s) => {
        const started = Date.parse(s.starts_at) <= now
        const ended = Date.parse(s.ends_at) < now
        return {
          session: s,
          training: trainings.get(s.training_id),
          roster: rosters.get(s.id),
          now: started && !ended,
          past: ended,
          checkInOpen: isCheckInOpen(s, now),
        }
      })
  })
  const byStart = (a: FacilitatorSession, b: FacilitatorSession) =>
    a.session.starts_at.localeCompare(b.session.starts_at)
  const checkInOpen = computed(() => all.value.filter((s) => s.checkInOpen).sort(byStart))
  const upcoming = computed(() => all.value.filter((s) => !s.checkInOpen && !s.past).sort(byStart))
  const past = computed(() => all.value.filter((s) => !s.checkInOpen && s.past).sort((a, b) => byStart(b, a)))

  let fetched = false
  async function refreshCounts(): Promise<void> {
    const uid = userId.value
    if (!uid || refreshing.value) return
    const wanted = [
      ...upcoming.value.filter((s) => s.checkInOpen),
      ...past.value.slice(0, PAST_ROSTERS_FETCHED),
    ]
    if (wanted.length === 0) return
    fetched = true
    refreshing.value = true
    try {
      // One at a time: a venue's Wi-Fi is slow, and the first failure (offline) ends the round.
      for (const item of wanted) {
        const result = await fetchRoster(uid, item.session.id)
        if (result.problem === 'offline') break
      }
    } finally {
      refreshing.value = false
    }
  }
  watch(
    () => [userId.value, all.value.length] as const,
    () => {
      if (!fetched) void refreshCounts()
    },
  )
  const onOnline = () => void refreshCounts()
  window.addEventListener('online', onOnline)
  onScopeDispose(() => window.removeEventListener('online', onOnline))

  return { checkInOpen, upcoming, past, isLoading, refreshing }
}

/** One session and its training from the replica (every session is replicated to everyone). */
export function useFacilitatorSession(sessionId: Ref<string>) {
  return useLiveQuery(
    async () => {
      const row = await db.replica('sessions').get(sessionId.value)
      const training = row ? await db.replica('trainings').get(row.training_id) : undefined
      return row ? { session: row, training } : null
    },
    { deps: sessionId },
  )
}
