/**
 * The write path, `sync_push(mutations: Mutation[]) → PushResult[]` (supabase/README.md, "Write
 * path"): every kind of change with its arguments, and the answer per change.
 */
import * as v from 'valibot'
import { DxpErrorCodeSchema } from './errors'
import { IsoDate, IsoTimestamp, Text, Uuid } from './scalars'

export const MAX_MUTATIONS_PER_PUSH = 100
/** mark_notices_read takes at most this many ids. */
export const MAX_NOTICES_PER_MARK = 500

const Minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440))

export const LearningSourceSchema = v.picklist(['session', 'e_learning', 'self_study', 'other'])
export type LearningSource = v.InferOutput<typeof LearningSourceSchema>
/** What a person may record; 'session' records come from attendance only (DXP044). */
export const RecordedLearningSourceSchema = v.picklist(['self_study', 'e_learning', 'other'], 'DXP044')
/** Absent or null: a record linked to a session is written by its attendance (DXP044). */
const NoSession = v.optional(v.null('DXP044'))

export const RecordLearningArgsSchema = v.strictObject({
  id: Uuid,
  area_code: v.pipe(Text, v.maxLength(40)),
  source: RecordedLearningSourceSchema,
  session_id: NoSession,
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
  source: v.optional(RecordedLearningSourceSchema),
  session_id: NoSession,
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
 * checked in (required). Anonymous template: no `employee_number` (DXP133); the answer goes bare into
 * the session's ballot box and `row` is null. Never more answers than the session's confirmed and
 * attended registrations (DXP134).
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

/** The employee's own e-learning completion, with the certificate's date; counts once the DX division confirms it. */
export const ReportElearningCompletionArgsSchema = v.strictObject({
  id: Uuid,
  /** The session (learning window) of the year's e-learning training. */
  session_id: Uuid,
  course: v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200)),
  /** Asia/Tokyo date within the training's fiscal year, not in the future. */
  completed_on: IsoDate,
})

/** The DX division confirms a report; `area_codes` maps its course on the way (remembered). */
export const ConfirmElearningCompletionArgsSchema = v.strictObject({
  id: Uuid,
  area_codes: v.optional(v.nullable(v.pipe(v.array(Code), v.maxLength(9)))),
})

export const ReturnElearningCompletionArgsSchema = v.strictObject({
  id: Uuid,
  reason: v.pipe(Text, v.trim(), v.minLength(1, 'DXP180'), v.maxLength(1000)),
})

/** The caller's own notices to mark read (DXP150 if any id is not one of them: nothing is marked then). */
export const MarkNoticesReadArgsSchema = v.strictObject({
  ids: v.pipe(v.array(Uuid), v.minLength(1), v.maxLength(MAX_NOTICES_PER_MARK)),
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
  undo_check_in: CheckInArgsSchema,
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
  report_elearning_completion: ReportElearningCompletionArgsSchema,
  confirm_elearning_completion: ConfirmElearningCompletionArgsSchema,
  return_elearning_completion: ReturnElearningCompletionArgsSchema,
  mark_notices_read: MarkNoticesReadArgsSchema,
} as const

export type MutationKind = keyof typeof MutationArgsSchemas
export const MUTATION_KINDS = Object.keys(MutationArgsSchemas) as MutationKind[]

export type MutationArgs<K extends MutationKind> = v.InferOutput<(typeof MutationArgsSchemas)[K]>

/** One entry of sync_push's input; `mutation_id` is made on the device and identifies the change forever. */
export type Mutation = {
  [K in MutationKind]: { mutation_id: string; kind: K; args: MutationArgs<K> }
}[MutationKind]

/** The envelope every kind shares: the change's `mutation_id`, its kind and its arguments. */
function mutationOf<K extends MutationKind, A extends (typeof MutationArgsSchemas)[K]>(kind: K, args: A) {
  return v.object({ mutation_id: Uuid, kind: v.literal(kind), args })
}

export const MutationSchema = v.variant('kind', [
  mutationOf('record_learning', RecordLearningArgsSchema),
  mutationOf('update_learning', UpdateLearningArgsSchema),
  mutationOf('delete_learning', DeleteLearningArgsSchema),
  mutationOf('register_session', SessionArgsSchema),
  mutationOf('cancel_registration', SessionArgsSchema),
  mutationOf('submit_survey', SubmitSurveyArgsSchema),
  mutationOf('submit_kiosk_survey', SubmitKioskSurveyArgsSchema),
  mutationOf('check_in', CheckInArgsSchema),
  mutationOf('undo_check_in', CheckInArgsSchema),
  mutationOf('volunteer_candidacy', VolunteerCandidacyArgsSchema),
  mutationOf('close_session', CloseSessionArgsSchema),
  mutationOf('approve_certification', ApproveCertificationArgsSchema),
  mutationOf('return_candidate', ReturnCandidateArgsSchema),
  mutationOf('revoke_certification', RevokeCertificationArgsSchema),
  mutationOf('nominate_candidate', NominateCandidateArgsSchema),
  mutationOf('acknowledge_volunteer', AcknowledgeVolunteerArgsSchema),
  mutationOf('save_training', SaveTrainingArgsSchema),
  mutationOf('save_session', SaveSessionArgsSchema),
  mutationOf('cancel_session', CancelSessionArgsSchema),
  mutationOf('save_department', SaveDepartmentArgsSchema),
  mutationOf('save_position_grade', SavePositionGradeArgsSchema),
  mutationOf('report_elearning_completion', ReportElearningCompletionArgsSchema),
  mutationOf('confirm_elearning_completion', ConfirmElearningCompletionArgsSchema),
  mutationOf('return_elearning_completion', ReturnElearningCompletionArgsSchema),
  mutationOf('mark_notices_read', MarkNoticesReadArgsSchema),
])

export const PushStatusSchema = v.picklist(['applied', 'duplicate', 'rejected'])
export type PushStatus = v.InferOutput<typeof PushStatusSchema>

/**
 * One result per mutation, in input order. `applied`: code and message null, `row` the server's row
 * (null for delete_learning, and for an anonymous survey answer, which is kept as no row of its own). `duplicate`: the first result of that mutation_id again (its code and row
 * included, so a replayed rejection still carries its code). `rejected`: code + Japanese message;
 * `row` is the server's current row where that helps (DXP041), else null. Nothing was written.
 */
export const PushResultSchema = v.object({
  /** The mutation's `mutation_id`, echoed; null (or what was sent) for an entry that is not a mutation (DXP010). */
  mutation_id: v.nullable(v.unknown()),
  status: PushStatusSchema,
  code: v.nullable(DxpErrorCodeSchema),
  message: v.nullable(v.string()),
  row: v.nullable(v.record(v.string(), v.unknown())),
})
export type PushResult = v.InferOutput<typeof PushResultSchema>

export const PushResponseSchema = v.array(PushResultSchema)
