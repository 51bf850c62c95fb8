import { computed, type ComputedRef } from 'vue'
import { db } from '@/data'
import { fiscalYearOf } from '@/domain/fiscal-year'
import { useLiveQuery } from './useLiveQuery'

/** A session of an e-learning training: the window in which that year's participants learn. */
export interface ElearningWindow {
  sessionId: string
  trainingTitle: string
  fiscalYear: number
  startsAt: string
}

export interface UseElearningWindowsReturn {
  /** Newest year first. */
  windows: ComputedRef<ElearningWindow[]>
  /** The current fiscal year's window, else the newest. */
  current: ComputedRef<ElearningWindow | null>
}

/** The e-learning windows in the replica (trainings of kind 'elearning' and their sessions). */
export function useElearningWindows(options: { now?: () => Date } = {}): UseElearningWindowsReturn {
  const { data } = useLiveQuery(
    async () => {
      const trainings = await db.replica('trainings').where('kind').equals('elearning').toArray()
      const sessions = await db
        .replica('sessions')
        .where('training_id')
        .anyOf(trainings.map((t) => t.id))
        .toArray()
      const byId = new Map(trainings.map((t) => [t.id, t]))
      return sessions.flatMap((s): ElearningWindow[] => {
        const training = byId.get(s.training_id)
        return training && s.status !== 'cancelled'
          ? [
              {
                sessionId: s.id,
                trainingTitle: training.title,
                fiscalYear: training.fiscal_year,
                startsAt: s.starts_at,
              },
            ]
          : []
      })
    },
    { initialValue: [] as ElearningWindow[] },
  )
  const windows = computed(() =>
    [...data.value].sort((a, b) => b.fiscalYear - a.fiscalYear || a.startsAt.localeCompare(b.startsAt)),
  )
  const current = computed(() => {
    const fy = fiscalYearOf(options.now?.() ?? new Date())
    return windows.value.find((w) => w.fiscalYear === fy) ?? windows.value[0] ?? null
  })
  return { windows, current }
}
