import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { db, type SessionRow, type TrainingKindRow, type TrainingRow } from '@/data'
import { useLiveQuery } from './useLiveQuery'

export interface AreaTraining {
  training: TrainingRow
  kind: TrainingKindRow | undefined
  /** Scheduled sessions that have not started yet, soonest first. */
  upcoming: SessionRow[]
}

export interface UseAreaTrainingsReturn {
  trainings: ComputedRef<AreaTraining[]>
  isLoading: ComputedRef<boolean>
}

/** The trainings that cover a knowledge area (training_areas) and their coming sessions, from the replica. */
export function useAreaTrainings(
  areaCode: MaybeRefOrGetter<string>,
  options: { now?: () => Date } = {},
): UseAreaTrainingsReturn {
  const area = computed(() => toValue(areaCode))
  const now = options.now ?? (() => new Date())
  const { data, isLoading } = useLiveQuery(
    async (): Promise<AreaTraining[]> => {
      const links = await db.replica('training_areas').where('area_code').equals(area.value).toArray()
      const ids = links.map((link) => link.training_id)
      const [trainings, sessions, kinds] = await Promise.all([
        db.replica('trainings').bulkGet(ids),
        db.replica('sessions').where('training_id').anyOf(ids).toArray(),
        db.replica('training_kinds').toArray(),
      ])
      const at = now().getTime()
      return trainings
        .filter((t): t is TrainingRow => t !== undefined)
        .map((training) => ({
          training,
          kind: kinds.find((k) => k.code === training.kind),
          upcoming: sessions
            .filter(
              (s) =>
                s.training_id === training.id && s.status === 'scheduled' && Date.parse(s.starts_at) > at,
            )
            .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at)),
        }))
        .sort(
          (a, b) =>
            (a.upcoming[0] ? Date.parse(a.upcoming[0].starts_at) : Infinity) -
              (b.upcoming[0] ? Date.parse(b.upcoming[0].starts_at) : Infinity) ||
            b.training.fiscal_year - a.training.fiscal_year ||
            a.training.title.localeCompare(b.training.title, 'ja'),
        )
    },
    { deps: area, initialValue: [] as AreaTraining[] },
  )
  return { trainings: computed(() => data.value), isLoading: computed(() => isLoading.value) }
}
