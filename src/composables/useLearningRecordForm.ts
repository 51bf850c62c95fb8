import {
  computed,
  reactive,
  ref,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import type { ArgIssue } from '@/data'
import { tokyoDateOf } from '@/domain'
import type { LearningRecordFormValues } from './useLearningRecords'
import { useUnsavedInput } from './useUnsavedInput'

export type LearningRecordField = 'source' | 'title' | 'completed_on' | 'minutes' | 'note'

/** i18n keys under `learning.errors`, one per way a field can be wrong. */
export type LearningRecordFieldError =
  | 'source_invalid'
  | 'title_required'
  | 'title_too_long'
  | 'date_required'
  | 'date_future'
  | 'date_too_old'
  | 'minutes_range'
  | 'note_too_long'
  | 'title_unstorable'
  | 'note_unstorable'
  | 'general'

const FIELDS: readonly LearningRecordField[] = ['source', 'title', 'completed_on', 'minutes', 'note']

/**
 * Turns validateArgs/mutate issues (DXP013 missing or mistyped, DXP014 too long, DXP015 out of range,
 * DXP016 in the future, DXP017 a character that cannot be stored) into one message per field; anything not tied to a field is `general`.
 */
export function fieldErrorsOf(
  issues: readonly ArgIssue[],
): Partial<Record<LearningRecordField | 'form', LearningRecordFieldError>> {
  const errors: Partial<Record<LearningRecordField | 'form', LearningRecordFieldError>> = {}
  for (const issue of issues) {
    const field = FIELDS.find((name) => name === issue.path)
    if (!field) {
      errors.form ??= 'general'
      continue
    }
    if (errors[field]) continue
    switch (field) {
      case 'source':
        errors.source = 'source_invalid'
        break
      case 'title':
        errors.title =
          issue.code === 'DXP014'
            ? 'title_too_long'
            : issue.code === 'DXP017'
              ? 'title_unstorable'
              : 'title_required'
        break
      case 'completed_on':
        errors.completed_on =
          issue.code === 'DXP016' ? 'date_future' : issue.code === 'DXP015' ? 'date_too_old' : 'date_required'
        break
      case 'minutes':
        errors.minutes = 'minutes_range'
        break
      case 'note':
        errors.note = issue.code === 'DXP017' ? 'note_unstorable' : 'note_too_long'
        break
    }
  }
  return errors
}

export interface LearningRecordDraft extends LearningRecordFormValues {
  /** The record being edited (its id and the version the user started from), or null for a new one. */
  editing: { id: string; version: number } | null
}

export interface UseLearningRecordFormReturn {
  values: LearningRecordDraft
  errors: Ref<Partial<Record<LearningRecordField | 'form', LearningRecordFieldError>>>
  dirty: ComputedRef<boolean>
  /** True when the page opened on a draft saved before a reload. */
  restored: Ref<boolean>
  /** Starts editing a record: its values become the form's. */
  edit: (row: LearningRecordFormValues & { id: string; version: number }) => void
  /** Back to an empty new record, and the saved draft forgotten. */
  reset: () => void
  showIssues: (issues: readonly ArgIssue[]) => void
}

function blank(): LearningRecordDraft {
  return {
    source: 'self_study',
    title: '',
    completed_on: tokyoDateOf(new Date()),
    minutes: null,
    note: '',
    editing: null,
  }
}

function parseDraft(text: string | null): LearningRecordDraft | null {
  if (!text) return null
  try {
    const draft = JSON.parse(text) as Partial<LearningRecordDraft>
    const base = blank()
    return {
      source: typeof draft.source === 'string' ? draft.source : base.source,
      title: typeof draft.title === 'string' ? draft.title : '',
      completed_on: typeof draft.completed_on === 'string' ? draft.completed_on : base.completed_on,
      minutes: typeof draft.minutes === 'number' ? draft.minutes : null,
      note: typeof draft.note === 'string' ? draft.note : '',
      editing:
        draft.editing && typeof draft.editing.id === 'string' && typeof draft.editing.version === 'number'
          ? { id: draft.editing.id, version: draft.editing.version }
          : null,
    }
  } catch {
    return null
  }
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

/** The session-storage key of a user's draft in an area (drafts never cross users on a shared PC). */
export function learningRecordDraftKey(userId: string, areaCode: string): string {
  return `dxp:learning-draft:${userId}:${areaCode}`
}

/**
 * The learning-record form's state: kept in sessionStorage (per user and area) so a reload loses
 * nothing, and registered with useUnsavedInput so the update banner will not reload over it.
 */
export function useLearningRecordForm(options: {
  userId: MaybeRefOrGetter<string | null>
  areaCode: MaybeRefOrGetter<string>
}): UseLearningRecordFormReturn {
  const key = computed(() => {
    const uid = toValue(options.userId)
    return uid ? learningRecordDraftKey(uid, toValue(options.areaCode)) : null
  })
  const values = reactive<LearningRecordDraft>(blank())
  const errors = ref<Partial<Record<LearningRecordField | 'form', LearningRecordFieldError>>>({})
  const restored = ref(false)
  let pristine = JSON.stringify(blank())

  const dirty = computed(() => JSON.stringify(values) !== pristine)

  function assign(next: LearningRecordDraft): void {
    Object.assign(values, next)
  }

  function load(): void {
    const k = key.value
    const draft = k ? parseDraft(storage()?.getItem(k) ?? null) : null
    const fresh = blank()
    pristine = JSON.stringify(fresh)
    assign(draft ?? fresh)
    restored.value = draft !== null
    errors.value = {}
  }

  watch(key, load, { immediate: true })

  watch(
    values,
    () => {
      const k = key.value
      if (!k) return
      if (dirty.value) storage()?.setItem(k, JSON.stringify(values))
      else storage()?.removeItem(k)
    },
    { deep: true },
  )

  useUnsavedInput(dirty)

  function edit(row: LearningRecordFormValues & { id: string; version: number }): void {
    const next: LearningRecordDraft = {
      source: row.source,
      title: row.title,
      completed_on: row.completed_on,
      minutes: row.minutes,
      note: row.note,
      editing: { id: row.id, version: row.version },
    }
    // An untouched edit is not unsaved input: only changes the user makes are.
    pristine = JSON.stringify(next)
    assign(next)
    errors.value = {}
  }

  function reset(): void {
    const k = key.value
    if (k) storage()?.removeItem(k)
    const fresh = blank()
    pristine = JSON.stringify(fresh)
    assign(fresh)
    errors.value = {}
    restored.value = false
  }

  function showIssues(issues: readonly ArgIssue[]): void {
    errors.value = fieldErrorsOf(issues)
  }

  return { values, errors, dirty, restored, edit, reset, showIssues }
}
