/**
 * What each kind of change does on the device before the server answers. Only the caller's own
 * learning records and the read state of their notices are predicted (the client knows everything
 * the server will write there); seats,
 * check-ins, surveys and candidacy are decided by the server, so those only mark their subject as
 * 送信待ち and wait for the answer. Pure functions: replaying the pending changes over the server's
 * row always gives the same visible row.
 */
import type { MutationArgs, MutationKind, ReplicatedTable } from '@/contract'
import type { OutboxEntry } from './db'
import type { AnyRow, LearningRecordRow } from './rows'
import { refOf } from './schema'

export interface ChangePlan {
  /** Rows this change alters optimistically. */
  touches: string[]
  /** Rows this change is about, for 送信待ち markers (includes `touches`). */
  subjects: string[]
}

/** A change by a user, before it has an id: what planning needs. */
export type UserChange = {
  [K in MutationKind]: { user_id: string; kind: K; args: MutationArgs<K> }
}[MutationKind]

export function planOf(entry: UserChange): ChangePlan {
  switch (entry.kind) {
    case 'record_learning':
    case 'update_learning':
    case 'delete_learning': {
      const ref = refOf('learning_records', entry.args.id)
      return { touches: [ref], subjects: [ref] }
    }
    case 'register_session':
    case 'cancel_registration':
      return { touches: [], subjects: [refOf('sessions', entry.args.session_id)] }
    case 'check_in':
    case 'undo_check_in':
      return {
        touches: [],
        subjects: [refOf('sessions', entry.args.session_id), refOf('profiles', entry.args.employee_id)],
      }
    case 'submit_survey':
    case 'submit_kiosk_survey':
      return {
        touches: [],
        subjects: [refOf('sessions', entry.args.session_id), refOf('survey_responses', entry.args.id)],
      }
    case 'volunteer_candidacy':
      return { touches: [], subjects: [refOf('profiles', entry.user_id)] }
    case 'close_session':
      return { touches: [], subjects: [refOf('sessions', entry.args.session_id)] }
    // The DX division's decisions: the server re-checks every rule, so nothing is predicted.
    case 'approve_certification':
    case 'return_candidate':
    case 'nominate_candidate':
    case 'acknowledge_volunteer':
      return { touches: [], subjects: [refOf('profiles', entry.args.employee_id)] }
    case 'revoke_certification':
      return { touches: [], subjects: [refOf('certifications', entry.args.certification_id)] }
    // The DX division's edits are decided by the server (codes, capacity, promotions): 送信待ち only.
    case 'save_training':
      return { touches: [], subjects: [refOf('trainings', entry.args.id)] }
    case 'save_session':
      return {
        touches: [],
        subjects: [refOf('sessions', entry.args.id), refOf('trainings', entry.args.training_id)],
      }
    case 'cancel_session':
      return { touches: [], subjects: [refOf('sessions', entry.args.session_id)] }
    case 'save_department':
      return { touches: [], subjects: [refOf('departments', entry.args.code)] }
    case 'save_position_grade':
      return { touches: [], subjects: [refOf('position_grades', entry.args.code)] }
    // A report awaits the DX division's confirmation; the server decides both: 送信待ち only.
    case 'report_elearning_completion':
      return {
        touches: [],
        subjects: [refOf('elearning_completions', entry.args.id), refOf('sessions', entry.args.session_id)],
      }
    case 'confirm_elearning_completion':
    case 'return_elearning_completion':
      return { touches: [], subjects: [refOf('elearning_completions', entry.args.id)] }
    // Marking one's own notices read is certain (only ids of one's own replica are sent): shown at once.
    case 'mark_notices_read': {
      const refs = entry.args.ids.map((id) => refOf('notices', id))
      return { touches: refs, subjects: refs }
    }
  }
}

/**
 * The table whose row sync_push answers with for each kind (`row` is null for delete_learning and for
 * an anonymous survey answer: the 送信待ち mark clears, and the caller's survey_submissions row arrives
 * by sync_pull).
 */
export const RESULT_TABLE: Record<MutationKind, ReplicatedTable> = {
  record_learning: 'learning_records',
  update_learning: 'learning_records',
  delete_learning: 'learning_records',
  register_session: 'registrations',
  cancel_registration: 'registrations',
  check_in: 'registrations',
  undo_check_in: 'registrations',
  submit_survey: 'survey_responses',
  submit_kiosk_survey: 'survey_responses',
  volunteer_candidacy: 'profiles',
  close_session: 'sessions',
  approve_certification: 'certifications',
  return_candidate: 'certification_decisions',
  revoke_certification: 'certifications',
  nominate_candidate: 'certification_decisions',
  acknowledge_volunteer: 'certification_decisions',
  save_training: 'trainings',
  save_session: 'sessions',
  cancel_session: 'sessions',
  save_department: 'departments',
  save_position_grade: 'position_grades',
  report_elearning_completion: 'elearning_completions',
  confirm_elearning_completion: 'elearning_completions',
  return_elearning_completion: 'elearning_completions',
  mark_notices_read: 'notices',
}

/**
 * The row as it looks once `entry` is applied to `row` (null: no such row). Only called for the rows
 * in the entry's `touches`. Mirrors private.push_* closely enough that the server's answer rarely
 * differs from what the user already sees; where it does, the server's row wins when it arrives.
 */
export function applyOptimistic(entry: OutboxEntry, row: AnyRow | null): AnyRow | null {
  switch (entry.kind) {
    case 'record_learning': {
      // An id that already exists will be refused (DXP042): keep what is there.
      if (row) return row
      const a = entry.args
      const created: LearningRecordRow = {
        id: a.id,
        employee_id: entry.user_id,
        area_code: a.area_code,
        source: a.source,
        session_id: a.session_id ?? null,
        title: a.title,
        minutes: a.minutes,
        completed_on: a.completed_on,
        note: a.note ?? '',
        version: 1,
        created_at: entry.created_at,
        updated_at: entry.created_at,
      }
      return { ...created }
    }
    case 'update_learning': {
      if (!row) return null
      const { id: _id, version, ...fields } = entry.args
      const changed: AnyRow = { ...row }
      for (const [name, value] of Object.entries(fields)) {
        if (value !== undefined) changed[name] = value
      }
      // The server answers version + 1 when the compare-and-set holds, so a second edit made
      // offline on top of this one carries the version the server will have by then.
      changed.version = version + 1
      changed.updated_at = entry.created_at
      return changed
    }
    case 'delete_learning':
      return null
    case 'mark_notices_read':
      // A notice read already keeps its first read_at, as on the server.
      return row && row.read_at == null ? { ...row, read_at: entry.created_at } : row
    default:
      return row
  }
}
