import type { ComputedRef, Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useLiveQuery } from '@/composables/useLiveQuery'
import {
  db,
  outboxAbout,
  sessionSurveyContext,
  type OutboxEntryOfKind,
  type SessionRow,
  type SurveyResponseRow,
  type SurveyTemplateRow,
  type TrainingRow,
} from '@/data'
import {
  followUpDueAt,
  followUpEligibility,
  surveyEligibility,
  type SurveyEligibility,
  type SurveyPhase,
} from '@/domain'
import { useAuthStore } from '@/stores/auth'
import type { SurveyFormArea } from './SurveyForm.vue'

/** Everything the survey page of one session shows, read from the replica and the outbox. */
export interface SessionSurveyFacts {
  session: SessionRow | undefined
  training: TrainingRow | undefined
  template: SurveyTemplateRow | undefined
  areas: SurveyFormArea[]
  /** The questions of this phase: the template's `questions`, or its `follow_up_questions`. */
  questions: SurveyTemplateRow['questions']
  eligibility: SurveyEligibility
  /** When the follow-up opens (start + follow_up_weeks), or null when the template has none. */
  followUpDueAt: Date | null
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

/** The survey (one phase of it) of a session for the signed-in user: can they answer, and what have they sent. */
export function useSessionSurvey(sessionId: Ref<string>, phase: Ref<SurveyPhase>): UseSessionSurveyReturn {
  const { userId } = storeToRefs(useAuthStore())
  const { data, isLoading } = useLiveQuery(
    async (): Promise<SessionSurveyFacts> => {
      const id = sessionId.value
      const uid = userId.value
      const { session, training, template, areas } = await sessionSurveyContext(db, id)
      const registrations = uid
        ? await db.replica('registrations').where('[employee_id+session_id]').equals([uid, id]).toArray()
        : []
      const submission = uid ? await db.replica('survey_submissions').get([id, uid]) : undefined
      const wanted = phase.value
      // Rows and changes from before follow-ups existed carry no phase: they are post-training ones.
      const response = uid
        ? await db
            .replica('survey_responses')
            .where('session_id')
            .equals(id)
            .filter((row) => row.respondent_id === uid && (row.phase ?? 'post') === wanted)
            .first()
        : undefined
      const entries = (await outboxAbout(db, 'sessions', id)).filter(
        (entry): entry is OutboxEntryOfKind<'submit_survey'> =>
          entry.kind === 'submit_survey' && entry.user_id === uid && (entry.args.phase ?? 'post') === wanted,
      )
      const now = new Date()
      const weeks = template?.follow_up_weeks ?? null
      const eligibility =
        wanted === 'post'
          ? surveyEligibility({ session, training, registrations, submitted: submission !== undefined, now })
          : followUpEligibility({
              session,
              training,
              registrations,
              followUpWeeks: weeks,
              submission: submission && { follow_up_submitted_at: submission.follow_up_submitted_at ?? null },
              now,
            })
      return {
        session,
        training,
        template,
        areas,
        questions: (wanted === 'post' ? template?.questions : template?.follow_up_questions) ?? [],
        eligibility,
        followUpDueAt: session && weeks !== null ? followUpDueAt(session.starts_at, weeks) : null,
        response,
        entries,
      }
    },
    { deps: [sessionId, userId, phase] },
  )
  return { facts: data, isLoading, userId }
}
