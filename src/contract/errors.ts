/**
 * Every DXP code the rules of record answer with (supabase/README.md, "Errors"), and the i18n key
 * suffix of each message (`errors.dxp020`).
 */
import * as v from 'valibot'

/**
 * Every code sync_push can answer with. `DXP001`–`DXP004` fail the whole call (an RpcError whose
 * `message` is the code and `details` the Japanese text); the others reject one mutation and come
 * back in its {@link PushResult}. Also the i18n key suffix of each message (`errors.DXP020`).
 */
export const DXP_ERROR_CODES = [
  'DXP001', // not signed in
  'DXP002', // signed in without a staff profile
  'DXP003', // mutations is not an array
  'DXP004', // more than MAX_MUTATIONS_PER_PUSH mutations
  'DXP010', // a mutation that is not {id: uuid, kind, args}
  'DXP011', // mutation_id already used by another user
  'DXP012', // unknown kind
  'DXP013', // argument missing, of the wrong type, or not part of the kind
  'DXP014', // text too long
  'DXP015', // value out of range (minutes, source, dates too old, empty title…)
  'DXP016', // date or time in the future
  'DXP017', // text with a character that cannot be stored (U+0000, another C0 control, a lone surrogate)
  'DXP018', // the server could not read the change at all (refused by its JSON or type layer); set by the engine
  'DXP020', // session not found
  'DXP021', // session cancelled
  'DXP022', // registration closed (deadline passed or session closed)
  'DXP023', // already registered for the session
  'DXP024', // no registration to cancel
  'DXP025', // cannot cancel once the session has started or attendance is recorded
  'DXP030', // check-in by someone who neither facilitates the session nor is dx_admin
  'DXP031', // check-in outside its window (2 h before start … 7 days after end)
  'DXP032', // employee to check in not found
  'DXP033', // undo_check_in: the employee's attendance is not recorded (undone already, or never checked in)
  'DXP040', // learning record not found (or not the caller's)
  'DXP041', // learning record version conflict: `row` holds the server's current record
  'DXP042', // learning record id already exists
  'DXP043', // knowledge area not found
  'DXP044', // a learning record linked to a session: only its attendance writes one
  'DXP045', // a learning record credited by attendance cannot be changed or deleted
  'DXP050', // the training has no survey
  'DXP051', // survey of a session the employee did not attend
  'DXP052', // survey already answered for this session
  'DXP053', // an answer does not fit its question (or a required one is missing)
  'DXP054', // survey response id already exists
  'DXP055', // survey before the session has started
  'DXP056', // follow-up survey before it is due (follow_up_weeks after the start)
  'DXP057', // follow-up survey already answered for this session
  'DXP058', // follow-up survey before the post-training survey
  'DXP060', // candidacy for a fiscal year other than the current or the next one
  'DXP061', // already a leader candidate for the current or a later fiscal year
  'DXP062', // already a certified leader
  // DX division RPCs (an RpcError: `message` the code, `details` the Japanese text), not sync_push:
  'DXP070', // a division aggregate or the certification queue asked for by someone not dx_admin
  'DXP071', // a session's effect summary asked for by neither dx_admin nor its facilitator
  'DXP072', // session_effect_summary: session not found
  'DXP073', // division_training_effect: training not found
  'DXP074', // an aggregate's fiscal year or training kind out of range / unknown
  // Certification decisions (sync_push kinds of the DX division):
  'DXP075', // acknowledge_volunteer: this candidacy was acknowledged already
  'DXP080', // a certification decision by someone not dx_admin
  'DXP081', // the employee decided on was not found
  'DXP082', // approve_certification: a certification rule is not met (the message names it)
  'DXP083', // already a certified leader (approve, nominate)
  'DXP084', // revoke_certification: no active certification with that id
  'DXP085', // not a leader candidate (return_candidate) / not a volunteer (acknowledge_volunteer)
  'DXP086', // nominate_candidate: fiscal year other than the current or the next one
  'DXP087', // approve_certification: fiscal_year given is not the fiscal year of the approval date
  'DXP088', // reason empty (return_candidate, revoke_certification)
  'DXP089', // nominate_candidate: already a candidate for the current or a later fiscal year
  'DXP090', // a table constraint refused the change (should not happen: report it)
  'DXP091', // roster, employee lookup or close_session by someone who neither facilitates the session nor is dx_admin
  'DXP092', // close_session before the session has started
  'DXP100', // the caller has left the directory (left_on set): no change is accepted
  'DXP101', // a DX-division action by someone who is not an active dx_admin
  'DXP102', // directory import refused: some rows are invalid (the row errors come with it)
  'DXP103', // directory row: a required field is empty
  'DXP104', // directory row: unknown department
  'DXP105', // directory row: unknown position grade
  'DXP106', // directory row: employee number repeated within the file
  'DXP107', // directory row: malformed email
  'DXP108', // directory row: malformed value (employee number, kana, too long)
  'DXP109', // directory import with no rows, or too many
  'DXP110', // session capacity below its confirmed + attended count
  'DXP111', // training not found
  'DXP112', // a code the catalogue refers to does not exist (kind, area, role, template, facilitator)
  'DXP113', // session already cancelled (or not found for cancel)
  'DXP114', // directory row: email repeated within the file or used by another employee
  'DXP115', // a training cannot move to another training's session / session's training cannot change
  // submit_kiosk_survey (the facilitator's shared device at the venue):
  'DXP130', // kiosk survey by someone who neither facilitates the session nor is dx_admin
  'DXP131', // identified template without employee_number
  'DXP132', // employee_number is not an attendee checked in to the session
  'DXP133', // employee_number given for an anonymous template (no name is ever stored)
  'DXP134', // the session already has as many post-training answers as people who could attend
  // mark_notices_read:
  'DXP150', // a notice id that is not one of the caller's notices (nothing was marked)
  // e-learning completions (import_elearning_completions, report/confirm/return_elearning_completion):
  'DXP170', // e-learning import refused: some rows are invalid (the row errors come with it)
  'DXP171', // e-learning row: no active employee with this email or employee number
  'DXP172', // e-learning row: the course is not mapped to the plan's areas (unknown course)
  'DXP173', // e-learning row: the completion date is not a date in a known format
  'DXP174', // completion date outside the training's fiscal year, or in the future
  'DXP175', // e-learning row: the same person and course twice in the file
  'DXP176', // session not found or not of an e-learning training
  'DXP177', // report_elearning_completion: this course's completion is already reported or recorded
  'DXP178', // confirm/return: no report awaiting confirmation with this id
  'DXP179', // confirm: the course has no knowledge areas mapped
  'DXP180', // return_elearning_completion: reason empty
] as const

export type DxpErrorCode = (typeof DXP_ERROR_CODES)[number]

export const DxpErrorCodeSchema = v.picklist(DXP_ERROR_CODES)

/** Codes that fail the whole sync_push call rather than one mutation. */
export const DXP_CALL_ERROR_CODES = [
  'DXP001',
  'DXP002',
  'DXP003',
  'DXP004',
  'DXP100',
] as const satisfies readonly DxpErrorCode[]

/** Codes the client gives and the server never does: the sync engine's verdict on a change no rule of record could read. */
export const DXP_CLIENT_ERROR_CODES = ['DXP018'] as const satisfies readonly DxpErrorCode[]
