import type { ComputedRef, Ref } from 'vue'
import { storeToRefs } from 'pinia'
import {
  db,
  outboxAbout,
  sessionSurveyContext,
  type OutboxEntryOfKind,
  type SurveyTemplateRow,
  type TrainingRow,
} from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'

export interface KioskArea {
  code: string
  name: string
}

/** What the kiosk page of one session needs, from the replica, the roster cache and the outbox. */
export interface KioskFacts {
  training: TrainingRow | undefined
  template: SurveyTemplateRow | undefined
  areas: KioskArea[]
  startsAt: string | null
  /** Staff numbers checked in (by the server, or pending on this device); null without a cached roster. */
  checkedIn: Set<string> | null
  /** Staff numbers whose survey the server has, or this device has queued. */
  answered: Set<string>
  /** This device's kiosk responses of the session waiting to be sent. */
  waiting: number
  /** Those the server refused (kept in the outbox until dismissed). */
  rejected: OutboxEntryOfKind<'submit_kiosk_survey'>[]
}

export interface UseKioskSurveyReturn {
  facts: Readonly<Ref<KioskFacts | undefined>>
  userId: ComputedRef<string | null>
}

const normalize = (number: string) => number.normalize('NFKC').trim().toUpperCase()

export { normalize as normalizeEmployeeNumber }

/**
 * Why a staff number typed at the kiosk cannot answer (identified template), or null. Checked against
 * the cached roster when there is one; the server checks again (DXP132, DXP052).
 */
export function kioskNumberProblem(
  number: string,
  facts: Pick<KioskFacts, 'checkedIn' | 'answered'> | undefined,
): 'invalid' | 'not_checked_in' | 'answered' | null {
  if (!/^[0-9A-Z][0-9A-Z-]{2,19}$/.test(number)) return 'invalid'
  if (facts?.checkedIn && !facts.checkedIn.has(number)) return 'not_checked_in'
  if (facts?.answered.has(number)) return 'answered'
  return null
}

export function useKioskSurvey(sessionId: Ref<string>): UseKioskSurveyReturn {
  const { userId } = storeToRefs(useAuthStore())
  const { data } = useLiveQuery(
    async (): Promise<KioskFacts> => {
      const id = sessionId.value
      const uid = userId.value
      const { session, training, template, areas } = await sessionSurveyContext(db, id)
      const entries = await outboxAbout(db, 'sessions', id)
      const kiosk = entries.filter(
        (e): e is OutboxEntryOfKind<'submit_kiosk_survey'> => e.kind === 'submit_kiosk_survey',
      )
      const cached = uid ? await db.facilitatorRosters.get([uid, id]) : undefined
      let checkedIn: Set<string> | null = null
      const answered = new Set<string>()
      if (cached) {
        const pendingCheckIns = new Set(
          entries
            .filter((e) => e.kind === 'check_in' && e.status !== 'rejected')
            .map((e) => (e.kind === 'check_in' ? e.args.employee_id : '')),
        )
        checkedIn = new Set<string>()
        for (const p of cached.roster.people) {
          if (p.status === 'attended' || pendingCheckIns.has(p.employee_id))
            checkedIn.add(normalize(p.employee_number))
          if (p.survey_submitted) answered.add(normalize(p.employee_number))
        }
        for (const w of cached.walk_ins) {
          if (pendingCheckIns.has(w.employee_id)) checkedIn.add(normalize(w.employee_number))
        }
      }
      for (const e of kiosk) {
        if (e.status !== 'rejected' && e.args.employee_number) answered.add(normalize(e.args.employee_number))
      }
      return {
        training,
        template,
        areas,
        startsAt: session?.starts_at ?? null,
        checkedIn,
        answered,
        waiting: kiosk.filter((e) => e.status !== 'rejected').length,
        rejected: kiosk.filter((e) => e.status === 'rejected'),
      }
    },
    { deps: [sessionId, userId] },
  )
  return { facts: data, userId }
}
