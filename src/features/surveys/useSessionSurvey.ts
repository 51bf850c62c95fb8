import { computed, type ComputedRef, type Ref } from 'vue'
import { useLiveQuery } from '@/composables/useLiveQuery'
import {
  db,
  outboxAbout,
  type OutboxEntryOfKind,
  type SessionRow,
  type SurveyResponseRow,
  type SurveyTemplateRow,
  type TrainingRow,
} from '@/data'
import { surveyEligibility, type SurveyEligibility } from '@/domain'
import { useSessionStore } from '@/stores/session'
import type { SurveyFormArea } from './SurveyForm.vue'

/** Everything the survey page of one session shows, read from the replica and the outbox. */
export interface SessionSurveyFacts {
  session: SessionRow | undefined
  training: TrainingRow | undefined
  template: SurveyTemplateRow | undefined
  areas: SurveyFormArea[]
  eligibility: SurveyEligibility
  /** The user's identified response, once the server confirmed it (anonymous ones are never replicated). */
  response: SurveyResponseRow | undefined
  /** The user's submit_survey changes for this session not yet confirmed, oldest first. */
  entries: OutboxEntryOfKind<'submit_survey'>[]
}

export interface UseSessionSurveyReturn {
  facts: Readonly<Ref<SessionSurveyFacts | undefined>>
  isLoading: Readonly<Ref<boolean>>
  userId: ComputedRef<string | null>
}

/** The survey of a session for the signed-in user: can they answer, and what have they sent. */
export function useSessionSurvey(sessionId: Ref<string>): UseSessionSurveyReturn {
  const sessionStore = useSessionStore()
  const userId = computed(() => sessionStore.user?.id ?? null)
  const { data, isLoading } = useLiveQuery(
    async (): Promise<SessionSurveyFacts> => {
      const id = sessionId.value
      const uid = userId.value
      const session = await db.replica('sessions').get(id)
      const training = session ? await db.replica('trainings').get(session.training_id) : undefined
      const template = training?.survey_template_id
        ? await db.replica('survey_templates').get(training.survey_template_id)
        : undefined
      const areaCodes = training
        ? (await db.replica('training_areas').where('training_id').equals(training.id).toArray()).map(
            (row) => row.area_code,
          )
        : []
      const areaRows = (await db.replica('knowledge_areas').bulkGet(areaCodes)).filter((a) => a !== undefined)
      const areas = areaRows
        .sort((a, b) => a.sort_order - b.sort_order)
        .map((area) => ({ code: area.code, name: area.name }))
      const registrations = uid
        ? await db.replica('registrations').where('[employee_id+session_id]').equals([uid, id]).toArray()
        : []
      const submitted = uid ? (await db.replica('survey_submissions').get([id, uid])) !== undefined : false
      const response = uid
        ? await db
            .replica('survey_responses')
            .where('session_id')
            .equals(id)
            .filter((row) => row.respondent_id === uid)
            .first()
        : undefined
      const entries = (await outboxAbout(db, 'sessions', id)).filter(
        (entry): entry is OutboxEntryOfKind<'submit_survey'> =>
          entry.kind === 'submit_survey' && entry.user_id === uid,
      )
      return {
        session,
        training,
        // A template the training points at but the replica lacks yet counts as not loaded.
        template,
        areas,
        eligibility: surveyEligibility({ session, training, registrations, submitted, now: new Date() }),
        response,
        entries,
      }
    },
    { deps: [sessionId, userId] },
  )
  return { facts: data, isLoading, userId }
}
