import type { Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { db, type KnowledgeAreaRow } from '@/data'
import { historyEntries, type HistoryEntry } from '@/domain/history'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'

export interface MyHistory {
  entries: HistoryEntry[]
  areas: KnowledgeAreaRow[]
}

export interface UseMyHistoryReturn {
  data: Readonly<Ref<MyHistory | undefined>>
  isLoading: Readonly<Ref<boolean>>
}

/** The signed-in employee's learning records, registrations and survey submissions, newest first. */
export function useMyHistory(): UseMyHistoryReturn {
  const { userId } = storeToRefs(useAuthStore())
  const { data, isLoading } = useLiveQuery(
    async (): Promise<MyHistory | undefined> => {
      const id = userId.value
      if (!id) return undefined
      const [
        learningRecords,
        registrations,
        surveySubmissions,
        surveyResponses,
        sessions,
        trainings,
        trainingAreas,
        areas,
      ] = await Promise.all([
        db.replica('learning_records').where('employee_id').equals(id).toArray(),
        db.replica('registrations').where('employee_id').equals(id).toArray(),
        db.replica('survey_submissions').where('employee_id').equals(id).toArray(),
        db.replica('survey_responses').where('respondent_id').equals(id).toArray(),
        db.replica('sessions').toArray(),
        db.replica('trainings').toArray(),
        db.replica('training_areas').toArray(),
        db.replica('knowledge_areas').orderBy('sort_order').toArray(),
      ])
      return {
        entries: historyEntries({
          learningRecords,
          registrations,
          surveySubmissions,
          surveyResponses,
          sessions,
          trainings,
          trainingAreas,
        }),
        areas,
      }
    },
    { deps: userId },
  )
  return { data, isLoading }
}
