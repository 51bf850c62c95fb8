import { ref, shallowRef, watch, type Ref } from 'vue'
import { db, deleteDraft, loadDraft, saveDraft } from '@/data'
import type { SurveyAnswers, SurveyPhase } from '@/domain'

export interface UseSurveyDraftReturn {
  /** The form's answers; every change is saved on the device at once. */
  answers: Ref<SurveyAnswers>
  /** False until the saved draft (if any) has been read: the form waits, so typing is never overwritten. */
  ready: Readonly<Ref<boolean>>
  /** A draft from an earlier visit was put back into the form. */
  restored: Readonly<Ref<boolean>>
  /** Forgets the draft (after the answers are queued in the outbox, which now holds them). */
  discard: () => Promise<void>
  /** Puts answers back into the form and the draft (to correct a refused submission). */
  replace: (answers: SurveyAnswers) => Promise<void>
}

const keyOf = (sessionId: string, phase: SurveyPhase) =>
  phase === 'post' ? `survey:${sessionId}` : `survey-follow-up:${sessionId}`

function isAnswers(value: unknown): value is SurveyAnswers {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A session survey's answers kept as a draft in the device database, restored after a reload. */
export function useSurveyDraft(
  userId: Ref<string | null>,
  sessionId: Ref<string>,
  phase: Ref<SurveyPhase>,
): UseSurveyDraftReturn {
  const answers = ref<SurveyAnswers>({})
  const ready = shallowRef(false)
  const restored = shallowRef(false)
  let loading = 0

  watch(
    [userId, sessionId, phase],
    async ([uid, id, which]) => {
      const run = (loading += 1)
      ready.value = false
      restored.value = false
      if (!uid) return
      const draft = await loadDraft(db, uid, keyOf(id, which))
      if (run !== loading) return
      answers.value = draft && isAnswers(draft.value) ? draft.value : {}
      restored.value = draft !== undefined && Object.keys(answers.value).length > 0
      ready.value = true
    },
    { immediate: true },
  )

  // Saved on every change, not debounced: a reload a moment later must still find it.
  watch(answers, async (value) => {
    const uid = userId.value
    if (!ready.value || !uid) return
    const key = keyOf(sessionId.value, phase.value)
    if (Object.keys(value).length === 0) await deleteDraft(db, uid, key)
    else await saveDraft(db, uid, key, JSON.parse(JSON.stringify(value)))
  })

  async function discard(): Promise<void> {
    const uid = userId.value
    answers.value = {}
    if (uid) await deleteDraft(db, uid, keyOf(sessionId.value, phase.value))
  }

  async function replace(next: SurveyAnswers): Promise<void> {
    answers.value = { ...next }
    const uid = userId.value
    if (uid) await saveDraft(db, uid, keyOf(sessionId.value, phase.value), JSON.parse(JSON.stringify(next)))
  }

  return { answers, ready, restored, discard, replace }
}
