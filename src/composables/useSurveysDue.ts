import Dexie from 'dexie'
import type { Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useLiveQuery } from './useLiveQuery'
import { db, type SessionRow, type TrainingRow } from '@/data'
import { surveyKey, surveysDue, type SurveyDue } from '@/domain'
import { useAuthStore } from '@/stores/auth'

export interface SurveyDueItem extends SurveyDue<SessionRow> {
  training: TrainingRow
}

/** Surveys waiting for the signed-in user (attended, started, not answered; follow-ups once due), latest first. */
export function useSurveysDue(): {
  items: Readonly<Ref<SurveyDueItem[]>>
  isLoading: Readonly<Ref<boolean>>
} {
  const { userId } = storeToRefs(useAuthStore())
  const { data, isLoading } = useLiveQuery(
    async (): Promise<SurveyDueItem[]> => {
      const uid = userId.value
      if (!uid) return []
      const registrations = await db.replica('registrations').where('employee_id').equals(uid).toArray()
      const attended = registrations.filter((r) => r.status === 'attended')
      const sessions = (await db.replica('sessions').bulkGet(attended.map((r) => r.session_id))).filter(
        (s) => s !== undefined,
      )
      const trainings = (
        await db.replica('trainings').bulkGet([...new Set(sessions.map((s) => s.training_id))])
      ).filter((t) => t !== undefined)
      const templateIds = [
        ...new Set(trainings.flatMap((t) => (t.survey_template_id ? [t.survey_template_id] : []))),
      ]
      const templates = (await db.replica('survey_templates').bulkGet(templateIds)).filter(
        (t) => t !== undefined,
      )
      const submissions = await db.replica('survey_submissions').where('employee_id').equals(uid).toArray()
      const entries = await db.outbox
        .where('[user_id+seq]')
        .between([uid, Dexie.minKey], [uid, Dexie.maxKey])
        .filter((entry) => entry.kind === 'submit_survey')
        .toArray()
      const outbox = new Map<string, 'pending' | 'rejected'>()
      for (const entry of entries) {
        if (entry.kind !== 'submit_survey') continue
        // A pending change outranks an earlier refused one for the same survey.
        const key = surveyKey(entry.args.session_id, entry.args.phase ?? 'post')
        if (entry.status !== 'rejected' || !outbox.has(key)) {
          outbox.set(key, entry.status === 'rejected' ? 'rejected' : 'pending')
        }
      }
      const byId = new Map(trainings.map((t) => [t.id, t]))
      return surveysDue({
        sessions,
        trainings,
        registrations: attended,
        submittedSessionIds: new Set(submissions.map((s) => s.session_id)),
        outbox,
        templates,
        followUpAnsweredSessionIds: new Set(
          submissions.filter((s) => (s.follow_up_submitted_at ?? null) !== null).map((s) => s.session_id),
        ),
        now: new Date(),
      }).flatMap((due) => {
        const training = byId.get(due.session.training_id)
        return training ? [{ ...due, training }] : []
      })
    },
    { deps: userId, initialValue: [] },
  )
  return { items: data, isLoading }
}
