/**
 * The RPC contract between the client and the rules of record (supabase/README.md describes it for
 * people; this file, for the compiler and at runtime). Types come from valibot schemas, so what the
 * client sends and what it accepts back are checked by one definition.
 *
 *   sync_push(mutations: Mutation[]) → PushResult[]      (write path, this section)
 *   sync_pull(cursor, max_rows)      → PullDocument       (read path, below)
 */
import * as v from 'valibot'
import { isStorableText } from '@/domain/storable-text'

// ---------------------------------------------------------------------------------------------
// Write path: sync_push
// ---------------------------------------------------------------------------------------------

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
  'DXP011', // mutation id already used by another user
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
  'DXP040', // learning record not found (or not the caller's)
  'DXP041', // learning record version conflict: `row` holds the server's current record
  'DXP042', // learning record id already exists
  'DXP043', // knowledge area not found
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

export const MAX_MUTATIONS_PER_PUSH = 100

/**
 * Every string of the write contract: a character the server cannot store (DXP017) is refused here,
 * at the one boundary every change passes, rather than failing the user's whole push later.
 */
const Text = v.pipe(v.string(), v.check(isStorableText, 'DXP017'))
const Uuid = v.pipe(v.string(), v.uuid())
const IsoDate = v.pipe(v.string(), v.isoDate())
const IsoTimestamp = v.pipe(v.string(), v.isoTimestamp())
const Minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440))

export const LearningSourceSchema = v.picklist(['session', 'e_learning', 'self_study', 'other'])
export type LearningSource = v.InferOutput<typeof LearningSourceSchema>

export const RecordLearningArgsSchema = v.strictObject({
  id: Uuid,
  area_code: v.pipe(Text, v.maxLength(40)),
  source: LearningSourceSchema,
  /** Required when source is 'session', absent or null otherwise. */
  session_id: v.optional(v.nullable(Uuid)),
  title: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200)),
  minutes: Minutes,
  /** Asia/Tokyo date, not in the future. */
  completed_on: IsoDate,
  note: v.optional(v.pipe(Text, v.maxLength(2000))),
})

/** Compare-and-set: `version` is the version the client edited; fields left out stay as they are. */
export const UpdateLearningArgsSchema = v.strictObject({
  id: Uuid,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  area_code: v.optional(v.pipe(Text, v.maxLength(40))),
  source: v.optional(LearningSourceSchema),
  session_id: v.optional(v.nullable(Uuid)),
  title: v.optional(v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200))),
  minutes: v.optional(Minutes),
  completed_on: v.optional(IsoDate),
  note: v.optional(v.pipe(Text, v.maxLength(2000))),
})

export const DeleteLearningArgsSchema = v.strictObject({
  id: Uuid,
  /** When given, the delete applies only to this version. */
  version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
})

export const SessionArgsSchema = v.strictObject({ session_id: Uuid })

/** Answers keyed by question key: Likert 1–5, 0–10, an option value, free text, or per-area ratings. */
export const SurveyAnswerSchema = v.union([
  v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
  Text,
  v.record(
    Text,
    v.strictObject({
      before: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
      after: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
    }),
  ),
  v.null(),
])

export const SubmitSurveyArgsSchema = v.strictObject({
  id: Uuid,
  session_id: Uuid,
  answers: v.record(Text, SurveyAnswerSchema),
  collected_device: v.optional(v.pipe(Text, v.minLength(1), v.maxLength(100))),
  /** When the answers were given on the device (ISO 8601 with offset); defaults to the server's now. */
  collected_at: v.optional(IsoTimestamp),
  /** `post` (the default): the post-training survey; `follow_up`: the follow-up due follow_up_weeks later. */
  phase: v.optional(v.picklist(['post', 'follow_up'])),
})

/**
 * `submit_kiosk_survey`: the session's facilitator (or dx_admin) submits an attendee's post-training
 * survey from the venue's shared device. Identified template: `employee_number` of an attendee who
 * checked in (required). Anonymous template: no `employee_number` (DXP133). Never more answers than
 * the session's confirmed and attended registrations (DXP134).
 */
export const SubmitKioskSurveyArgsSchema = v.strictObject({
  id: Uuid,
  session_id: Uuid,
  answers: v.record(Text, SurveyAnswerSchema),
  employee_number: v.optional(v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(40))),
  collected_device: v.pipe(Text, v.minLength(1), v.maxLength(100)),
  collected_at: IsoTimestamp,
})

export const CheckInArgsSchema = v.strictObject({ session_id: Uuid, employee_id: Uuid })

export const CloseSessionArgsSchema = v.strictObject({ session_id: Uuid })

export const VolunteerCandidacyArgsSchema = v.strictObject({
  fiscal_year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
})

const EmployeeId = Uuid
/** A reason shown to the employee: required, at most 1,000 characters (blank is DXP088). */
const DecisionReason = v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(1000))
const FiscalYear = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100))

/**
 * `fiscal_year`, when given, is the year the DX division meant to count the leader toward; the
 * server refuses (DXP087) if the approval date falls in another one.
 */
export const ApproveCertificationArgsSchema = v.strictObject({
  employee_id: EmployeeId,
  fiscal_year: v.optional(FiscalYear),
})
export const ReturnCandidateArgsSchema = v.strictObject({ employee_id: EmployeeId, reason: DecisionReason })
export const RevokeCertificationArgsSchema = v.strictObject({
  certification_id: Uuid,
  reason: DecisionReason,
})
export const NominateCandidateArgsSchema = v.strictObject({
  employee_id: EmployeeId,
  fiscal_year: FiscalYear,
})
export const AcknowledgeVolunteerArgsSchema = v.strictObject({ employee_id: EmployeeId })

// The DX division's kinds (catalogue and organisation): dx_admin only, each audited on the server.
const Code = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{1,39}$/))
const OptionalText = (max: number) =>
  v.optional(v.nullable(v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(max))))

export const TrainingDeliverySchema = v.picklist(['in_person', 'video', 'online'])

/** Creates the training with this id, or replaces its fields, areas and target roles. */
export const SaveTrainingArgsSchema = v.strictObject({
  id: Uuid,
  kind: Code,
  title: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200)),
  description: v.pipe(Text, v.maxLength(4000)),
  fiscal_year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  delivery: TrainingDeliverySchema,
  area_codes: v.pipe(v.array(Code), v.minLength(1), v.maxLength(9)),
  target_roles: v.pipe(v.array(v.picklist(['leader', 'manager', 'promoter'])), v.maxLength(3)),
  survey_template_id: v.optional(v.nullable(Uuid)),
})

/** Creates the session with this id, or changes it; a capacity increase promotes the waitlist. */
export const SaveSessionArgsSchema = v.strictObject({
  id: Uuid,
  training_id: Uuid,
  starts_at: IsoTimestamp,
  ends_at: IsoTimestamp,
  venue: OptionalText(200),
  online_url: v.optional(v.nullable(v.pipe(Text, v.trim(), v.maxLength(2000), v.regex(/^https:\/\/\S+$/)))),
  capacity: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000)),
  facilitator_id: v.optional(v.nullable(Uuid)),
  registration_deadline: IsoTimestamp,
})

export const CancelSessionArgsSchema = v.strictObject({
  session_id: Uuid,
  reason: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(500)),
})

export const SaveDepartmentArgsSchema = v.strictObject({
  code: Code,
  name: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(100)),
  division_name: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(100)),
  uses_information_systems: v.boolean(),
  sort_order: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100000)),
})

export const SavePositionGradeArgsSchema = v.strictObject({
  code: Code,
  name: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(50)),
  rank: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
  supervisory: v.boolean(),
})

export const MutationArgsSchemas = {
  record_learning: RecordLearningArgsSchema,
  update_learning: UpdateLearningArgsSchema,
  delete_learning: DeleteLearningArgsSchema,
  register_session: SessionArgsSchema,
  cancel_registration: SessionArgsSchema,
  submit_survey: SubmitSurveyArgsSchema,
  submit_kiosk_survey: SubmitKioskSurveyArgsSchema,
  check_in: CheckInArgsSchema,
  volunteer_candidacy: VolunteerCandidacyArgsSchema,
  close_session: CloseSessionArgsSchema,
  approve_certification: ApproveCertificationArgsSchema,
  return_candidate: ReturnCandidateArgsSchema,
  revoke_certification: RevokeCertificationArgsSchema,
  nominate_candidate: NominateCandidateArgsSchema,
  acknowledge_volunteer: AcknowledgeVolunteerArgsSchema,
  save_training: SaveTrainingArgsSchema,
  save_session: SaveSessionArgsSchema,
  cancel_session: CancelSessionArgsSchema,
  save_department: SaveDepartmentArgsSchema,
  save_position_grade: SavePositionGradeArgsSchema,
} as const

export type MutationKind = keyof typeof MutationArgsSchemas
export const MUTATION_KINDS = Object.keys(MutationArgsSchemas) as MutationKind[]

export type MutationArgs<K extends MutationKind> = v.InferOutput<(typeof MutationArgsSchemas)[K]>

/** One entry of sync_push's input; `id` is generated on the device and identifies the mutation forever. */
export type Mutation = {
  [K in MutationKind]: { id: string; kind: K; args: MutationArgs<K> }
}[MutationKind]

export const MutationSchema = v.variant('kind', [
  v.object({ id: Uuid, kind: v.literal('record_learning'), args: RecordLearningArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('update_learning'), args: UpdateLearningArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('delete_learning'), args: DeleteLearningArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('register_session'), args: SessionArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('cancel_registration'), args: SessionArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('submit_survey'), args: SubmitSurveyArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('submit_kiosk_survey'), args: SubmitKioskSurveyArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('check_in'), args: CheckInArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('volunteer_candidacy'), args: VolunteerCandidacyArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('close_session'), args: CloseSessionArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('approve_certification'), args: ApproveCertificationArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('return_candidate'), args: ReturnCandidateArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('revoke_certification'), args: RevokeCertificationArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('nominate_candidate'), args: NominateCandidateArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('acknowledge_volunteer'), args: AcknowledgeVolunteerArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('save_training'), args: SaveTrainingArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('save_session'), args: SaveSessionArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('cancel_session'), args: CancelSessionArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('save_department'), args: SaveDepartmentArgsSchema }),
  v.object({ id: Uuid, kind: v.literal('save_position_grade'), args: SavePositionGradeArgsSchema }),
])

// ---------------------------------------------------------------------------------------------
// The DX division's directory import (online only): import_directory(import_id, rows)
// ---------------------------------------------------------------------------------------------

export const DirectoryRowErrorSchema = v.object({
  row: v.number(),
  field: v.string(),
  code: DxpErrorCodeSchema,
  message: v.string(),
})

export const DirectoryImportCountsSchema = v.object({
  rows: v.number(),
  created: v.number(),
  updated: v.number(),
  unchanged: v.number(),
  left: v.number(),
  invited: v.number(),
})
export type DirectoryImportCounts = v.InferOutput<typeof DirectoryImportCountsSchema>

/** `refused` (DXP102): nothing written, `errors` says why; `duplicate`: this import_id was applied before. */
export const DirectoryImportResultSchema = v.object({
  status: v.picklist(['applied', 'refused', 'duplicate']),
  code: v.nullable(DxpErrorCodeSchema),
  message: v.nullable(v.string()),
  errors: v.array(DirectoryRowErrorSchema),
  counts: v.nullable(DirectoryImportCountsSchema),
})
export type DirectoryImportResult = v.InferOutput<typeof DirectoryImportResultSchema>

/** One person of admin_directory (the DX division's online read of every profile). */
export const DirectoryEntrySchema = v.object({
  id: v.string(),
  employee_number: v.string(),
  full_name: v.string(),
  full_name_kana: v.string(),
  department_code: v.nullable(v.string()),
  position_grade_code: v.nullable(v.string()),
  email: v.nullable(v.string()),
  app_role: v.picklist(['employee', 'facilitator', 'dx_admin']),
  left_on: v.nullable(v.string()),
})
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntrySchema>

export const PushStatusSchema = v.picklist(['applied', 'duplicate', 'rejected'])
export type PushStatus = v.InferOutput<typeof PushStatusSchema>

/**
 * One result per mutation, in input order. `applied`: code and message null, `row` the server's row
 * (null for delete_learning). `duplicate`: the first result of that id again (its code and row
 * included, so a replayed rejection still carries its code). `rejected`: code + Japanese message;
 * `row` is the server's current row where that helps (DXP041), else null. Nothing was written.
 */
export const PushResultSchema = v.object({
  id: v.nullable(v.unknown()),
  status: PushStatusSchema,
  code: v.nullable(DxpErrorCodeSchema),
  message: v.nullable(v.string()),
  row: v.nullable(v.record(v.string(), v.unknown())),
})
export type PushResult = v.InferOutput<typeof PushResultSchema>

export const PushResponseSchema = v.array(PushResultSchema)

// ---------------------------------------------------------------------------------------------
// Read path: sync_pull (supabase/README.md, "Read path")
// ---------------------------------------------------------------------------------------------

/** Every table sync_pull hands out, and the key each is addressed by in a change. */
export const REPLICATED_TABLES = [
  'knowledge_areas', // code
  'dx_roles', // code
  'role_requirements', // role_code:area_code
  'position_grades', // code
  'departments', // code
  'fiscal_year_targets', // fiscal_year
  'training_kinds', // code
  'certification_rules', // code
  'survey_templates', // id
  'trainings', // id
  'training_areas', // training_id:area_code
  'training_target_roles', // training_id:role_code
  'sessions', // id
  'profiles', // id (own row only)
  'registrations', // id (own)
  'learning_records', // id (own)
  'survey_responses', // id (own identified responses; anonymous ones never)
  'survey_submissions', // session_id:employee_id (own)
  'certifications', // id (own)
  'certification_decisions', // id (own)
] as const

export type ReplicatedTable = (typeof REPLICATED_TABLES)[number]

export const ReplicatedTableSchema = v.picklist(REPLICATED_TABLES)

/** sync_pull hands out at most this many changes per call (and at least 1); the default is 500. */
export const PULL_MAX_ROWS = 1000
export const PULL_DEFAULT_ROWS = 500

/**
 * One change, applied in the order given. `upsert`: put `row` (every column but the server's `_xid`)
 * under `key`. `delete`: remove `key` if present (`row` is null); a key may come back later.
 * Tables a client does not know yet are skipped, not failed on: later versions add tables.
 */
export const PullChangeSchema = v.variant('op', [
  v.object({
    table: v.string(),
    key: v.string(),
    op: v.literal('upsert'),
    row: v.record(v.string(), v.unknown()),
  }),
  v.object({ table: v.string(), key: v.string(), op: v.literal('delete'), row: v.null() }),
])
export type PullChange = v.InferOutput<typeof PullChangeSchema>

/**
 * sync_pull's answer. Store `cursor` in the same transaction as the changes. `has_more`: call again
 * at once with the new cursor. `reset`: the replica can no longer be brought up to date by changes
 * (new epoch, another user's or a malformed cursor, a cursor from the future after a restore):
 * clear the replicated tables (never the outbox) and pull again with a null cursor.
 */
export const PullDocumentSchema = v.union([
  v.object({
    changes: v.array(PullChangeSchema),
    cursor: v.string(),
    has_more: v.boolean(),
    reset: v.literal(false),
  }),
  v.object({
    changes: v.pipe(v.array(PullChangeSchema), v.length(0)),
    cursor: v.null(),
    has_more: v.literal(true),
    reset: v.literal(true),
  }),
])
export type PullDocument = v.InferOutput<typeof PullDocumentSchema>

/** sync_pull's arguments; `cursor` null (or left out) pulls the whole replica from scratch. */
export interface PullArgs {
  cursor: string | null
  max_rows?: number
}

// ---------------------------------------------------------------------------------------------
// Feature reads: the facilitator's roster (supabase/README.md, "Facilitator RPCs")
// ---------------------------------------------------------------------------------------------

export const RosterStatusSchema = v.picklist(['confirmed', 'waitlisted', 'attended', 'no_show'])
export type RosterStatus = v.InferOutput<typeof RosterStatusSchema>

/** One registrant of `session_roster`, sorted by kana on the server. */
export const RosterPersonSchema = v.object({
  registration_id: Uuid,
  employee_id: Uuid,
  employee_number: v.string(),
  full_name: v.string(),
  full_name_kana: v.string(),
  department_name: v.nullable(v.string()),
  status: RosterStatusSchema,
  waitlist_position: v.nullable(v.number()),
  checked_in_at: v.nullable(v.string()),
  walk_in: v.boolean(),
  /** That the person submitted the session's survey, never what they answered. */
  survey_submitted: v.boolean(),
})
export type RosterPerson = v.InferOutput<typeof RosterPersonSchema>

/** `session_roster(session_id)`: for the session's facilitator or dx_admin (else DXP091). */
export const RosterSchema = v.object({
  session_id: Uuid,
  status: v.picklist(['scheduled', 'cancelled', 'closed']),
  starts_at: v.string(),
  ends_at: v.string(),
  /** The server's time of the answer: the roster's "as of" when shown from the device's cache. */
  as_of: v.string(),
  counts: v.object({
    capacity: v.number(),
    confirmed: v.number(),
    attended: v.number(),
    waitlisted: v.number(),
    no_show: v.number(),
    responses: v.number(),
  }),
  people: v.array(RosterPersonSchema),
})
export type Roster = v.InferOutput<typeof RosterSchema>

/** `find_employee(session_id, employee_number)`: the person, or null when no one has that number. */
export const FoundEmployeeSchema = v.nullable(
  v.object({
    employee_id: Uuid,
    employee_number: v.string(),
    full_name: v.string(),
    full_name_kana: v.string(),
    department_name: v.nullable(v.string()),
  }),
)
export type FoundEmployee = v.InferOutput<typeof FoundEmployeeSchema>

// ---------------------------------------------------------------------------------------------
// DX division aggregates (supabase/README.md, "DX division aggregates")
// ---------------------------------------------------------------------------------------------

/** Why a group's survey figures are withheld: fewer than 5 responses, or to protect such a sibling. */
export const SuppressionSchema = v.nullable(v.picklist(['below_threshold', 'complementary']))

/** A count as a suppressed group shows it: the number, '<5', or null (complementary). */
export const ShownCountSchema = v.union([v.pipe(v.number(), v.integer()), v.literal('<5'), v.null()])

const Distribution = v.nullable(v.record(v.string(), v.number()))

/** A 5-point question's figures. */
const LikertFigures = v.object({
  key: v.string(),
  label: v.string(),
  answered: v.number(),
  mean: v.nullable(v.number()),
  distribution: Distribution,
})
/** A 0–10 question's figures, with its NPS. */
const RecommendationFigures = v.object({
  key: v.string(),
  label: v.string(),
  answered: v.number(),
  mean: v.nullable(v.number()),
  promoters: v.number(),
  passives: v.number(),
  detractors: v.number(),
  nps: v.nullable(v.number()),
  distribution: Distribution,
})
/** A single-choice question's counts per option, with the options' wording in the template's order. */
const ChoiceFigures = v.object({
  key: v.string(),
  label: v.string(),
  answered: v.number(),
  options: v.array(v.object({ value: v.string(), label: v.string() })),
  distribution: Distribution,
})
const FreeTextFigures = v.nullable(
  v.array(v.object({ key: v.string(), label: v.string(), answers: v.array(v.string()) })),
)

export const EffectGroupSchema = v.object({
  training_id: Uuid,
  sessions: v.number(),
  seats_taken: v.number(),
  attended: v.number(),
  no_show: v.number(),
  attendance_rate: v.nullable(v.number()),
  suppressed: SuppressionSchema,
  responses: ShownCountSchema,
  response_rate: v.nullable(v.number()),
  /** Kirkpatrick 1. Null when suppressed. */
  reaction: v.nullable(
    v.object({
      items: v.array(LikertFigures),
      recommendation: v.array(RecommendationFigures),
      choices: v.array(ChoiceFigures),
      /** Null in the compact comparison of trainings. */
      free_text: FreeTextFigures,
    }),
  ),
  /** Kirkpatrick 2. Null when suppressed. */
  learning: v.nullable(
    v.object({
      self_assessment: v.array(
        v.object({
          area_code: v.string(),
          answered: v.number(),
          before_mean: v.number(),
          after_mean: v.number(),
          gain_mean: v.number(),
          before_distribution: Distribution,
          after_distribution: Distribution,
        }),
      ),
    }),
  ),
  /**
   * Kirkpatrick 3: the follow-up survey weeks after the session, where the template asks for one
   * (else `follow_up` is null). Its figures are null when suppressed, `free_text` also in the
   * compact comparison of trainings.
   */
  behaviour: v.object({
    follow_up_weeks: v.nullable(v.number()),
    follow_up: v.nullable(
      v.object({
        suppressed: SuppressionSchema,
        responses: ShownCountSchema,
        response_rate: v.nullable(v.number()),
        items: v.nullable(v.array(LikertFigures)),
        recommendation: v.nullable(v.array(RecommendationFigures)),
        choices: v.nullable(v.array(ChoiceFigures)),
        free_text: FreeTextFigures,
      }),
    ),
  }),
  /** Kirkpatrick 4. Null under 5 attendances. */
  results: v.nullable(
    v.object({ attendees: v.number(), later_learning: v.number(), later_certified: v.number() }),
  ),
})
export type EffectGroup = v.InferOutput<typeof EffectGroupSchema>

/** `session_effect_summary(session_id)`: dx_admin and the session's facilitator. */
export const SessionEffectSummarySchema = v.object({
  ...EffectGroupSchema.entries,
  session_id: Uuid,
  starts_at: v.string(),
  ends_at: v.string(),
  status: v.picklist(['scheduled', 'cancelled', 'closed']),
  training_title: v.string(),
  training_kind: v.string(),
  fiscal_year: v.number(),
})
export type SessionEffectSummary = v.InferOutput<typeof SessionEffectSummarySchema>
