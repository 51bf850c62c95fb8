import { computed, onScopeDispose, shallowRef, type ComputedRef, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { db, type SessionRow, type TrainingRow } from '@/data'
import { reminders, type Reminder } from '@/domain'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useSurveysDue } from './useSurveysDue'

export type ReminderItem = Reminder & { session: SessionRow; training: TrainingRow }

/** A reminder is re-judged every minute, so "later today" turns into nothing once the session starts. */
const CLOCK_MS = 60_000

interface UpcomingFacts {
  registrations: { session_id: string; status: string }[]
  sessions: SessionRow[]
  trainings: Map<string, TrainingRow>
}

/**
 * The signed-in user's reminders (domain/reminders.ts), computed from the replica on this device:
 * registered sessions tomorrow or later today, surveys waiting three days or more.
 */
export function useReminders(): { items: ComputedRef<ReminderItem[]>; isLoading: Readonly<Ref<boolean>> } {
  const { userId } = storeToRefs(useAuthStore())
  const now = shallowRef(new Date())
  const timer = setInterval(() => (now.value = new Date()), CLOCK_MS)
  onScopeDispose(() => clearInterval(timer))

  const surveys = useSurveysDue()
  const { data: upcoming, isLoading } = useLiveQuery(
    async (): Promise<UpcomingFacts> => {
      const uid = userId.value
      if (!uid) return { registrations: [], sessions: [], trainings: new Map() }
      const registrations = (
        await db.replica('registrations').where('employee_id').equals(uid).toArray()
      ).filter((r) => r.status === 'confirmed')
      const sessions = (await db.replica('sessions').bulkGet(registrations.map((r) => r.session_id))).filter(
        (s) => s !== undefined,
      )
      const trainings = (
        await db.replica('trainings').bulkGet([...new Set(sessions.map((s) => s.training_id))])
      ).filter((t) => t !== undefined)
      return { registrations, sessions, trainings: new Map(trainings.map((t) => [t.id, t])) }
    },
    { deps: userId },
  )

  const items = computed((): ReminderItem[] => {
    const facts = upcoming.value
    if (!facts) return []
    const dueBySession = new Map(surveys.items.value.map((due) => [due.session.id, due]))
    const sessionsById = new Map([
      ...facts.sessions.map((s) => [s.id, s] as const),
      ...surveys.items.value.map((due) => [due.session.id, due.session] as const),
    ])
    const trainingOf = (session: SessionRow) =>
      facts.trainings.get(session.training_id) ?? dueBySession.get(session.id)?.training
    return reminders({
      sessions: facts.sessions,
      registrations: facts.registrations,
      surveysDue: surveys.items.value,
      now: now.value,
    }).flatMap((reminder) => {
      const session = sessionsById.get(reminder.sessionId)
      const training = session && trainingOf(session)
      return session && training ? [{ ...reminder, session, training }] : []
    })
  })
  return { items, isLoading: computed(() => isLoading.value || surveys.isLoading.value) }
}
