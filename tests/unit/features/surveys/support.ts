// The replica a survey page reads: one attended past session of a training with the standard
// template, written into the app's device database as a pull would write it.
import { flushPromises } from '@vue/test-utils'
import { applyPullChanges, db } from '@/data'
import type { PullChange } from '@/contract'

export const USER = '11111111-1111-4111-8111-111111111111'
export const SESSION_ID = '33333333-3333-4333-8333-333333333333'
export const TRAINING_ID = '44444444-4444-4444-8444-444444444444'
export const TEMPLATE_ID = '00000000-0000-4000-8000-000000000001'
export const ANONYMOUS_ID = '00000000-0000-4000-8000-00000000d001'

export const QUESTIONS = [
  {
    key: 'satisfaction',
    type: 'likert_5',
    required: true,
    label: '満足度',
    min_label: '不満',
    max_label: '満足',
  },
  { key: 'self_assessment', type: 'area_self_assessment', required: true, label: '理解度' },
  { key: 'good_points', type: 'free_text', required: false, max_length: 1000, label: '良かった点' },
]

const stamp = '2026-04-01T00:00:00+00:00'

export interface ReplicaOptions {
  status?: 'attended' | 'confirmed'
  sessionStatus?: 'scheduled' | 'closed'
  startsAt?: string
  anonymous?: boolean
  submitted?: boolean
  response?: Record<string, unknown>
  followUpWeeks?: number
  followUpAnswered?: boolean
}

export const FOLLOW_UP_QUESTIONS = [
  {
    key: 'applied',
    type: 'single_choice',
    required: true,
    label: '職場で活用しましたか。',
    options: [
      { value: 'often', label: '何度も活用した' },
      { value: 'not_yet', label: '活用していない' },
    ],
  },
  { key: 'applied_what', type: 'free_text', required: false, max_length: 1000, label: '活用したこと' },
]

export async function writeReplica(options: ReplicaOptions = {}): Promise<void> {
  const templateId = options.anonymous ? ANONYMOUS_ID : TEMPLATE_ID
  const upsert = (table: string, key: string, row: Record<string, unknown>): PullChange => ({
    table,
    key,
    op: 'upsert',
    row,
  })
  const changes: PullChange[] = [
    upsert('knowledge_areas', 'bpr', {
      code: 'bpr',
      sort_order: 3,
      name: 'BPR（業務改革）',
      name_en: 'BPR',
      description: '',
    }),
    upsert('survey_templates', templateId, {
      id: templateId,
      code: options.anonymous ? 'anonymous_workshop' : 'standard_post_training',
      title: 'アンケート',
      questions: QUESTIONS,
      anonymous: options.anonymous ?? false,
      follow_up_weeks: options.followUpWeeks ?? null,
      follow_up_questions: FOLLOW_UP_QUESTIONS,
      created_at: stamp,
      updated_at: stamp,
    }),
    upsert('trainings', TRAINING_ID, {
      id: TRAINING_ID,
      kind: 'workshop',
      title: 'BPRワークショップ',
      description: '',
      fiscal_year: 2026,
      delivery: 'in_person',
      survey_template_id: templateId,
      created_at: stamp,
      updated_at: stamp,
    }),
    upsert('training_areas', `${TRAINING_ID}:bpr`, { training_id: TRAINING_ID, area_code: 'bpr' }),
    upsert('sessions', SESSION_ID, {
      id: SESSION_ID,
      training_id: TRAINING_ID,
      starts_at: options.startsAt ?? '2026-11-20T10:00:00+09:00',
      ends_at: '2026-11-20T13:00:00+09:00',
      venue: '本庁舎 大会議室',
      online_url: null,
      capacity: 30,
      facilitator_id: null,
      registration_deadline: '2026-11-13T17:00:00+09:00',
      status: options.sessionStatus ?? 'closed',
      created_at: stamp,
      updated_at: stamp,
    }),
    upsert('registrations', '55555555-5555-4555-8555-555555555555', {
      id: '55555555-5555-4555-8555-555555555555',
      session_id: SESSION_ID,
      employee_id: USER,
      status: options.status ?? 'attended',
      waitlist_position: null,
      registered_at: stamp,
      updated_at: stamp,
      cancelled_at: null,
      checked_in_at: null,
      checked_in_by: null,
    }),
  ]
  if (options.submitted) {
    changes.push(
      upsert('survey_submissions', `${SESSION_ID}:${USER}`, {
        session_id: SESSION_ID,
        employee_id: USER,
        follow_up_submitted_at: options.followUpAnswered ? stamp : null,
      }),
    )
  }
  if (options.response) {
    changes.push(
      upsert('survey_responses', '66666666-6666-4666-8666-666666666666', {
        id: '66666666-6666-4666-8666-666666666666',
        template_id: templateId,
        session_id: SESSION_ID,
        respondent_id: USER,
        answers: options.response,
        collected_by: USER,
        collected_device: null,
        collected_at: stamp,
        submitted_at: stamp,
      }),
    )
  }
  await applyPullChanges(db, changes, USER, { cursor: 'c' })
}

export async function emptyDatabase(): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear()
  })
}

/** Waits for what a live query shows (Dexie answers after a few ticks), up to about a second. */
export async function until(check: () => boolean, what = 'the screen to settle'): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    await flushPromises()
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}
