/**
 * Replica rows exactly as sync_pull delivers them: every column of the server table but `_xid`,
 * snake_case, JSON-typed (uuid, date and timestamptz arrive as strings; jsonb as parsed JSON).
 * Type aliases, not interfaces, so a typed row is also a `Record<string, unknown>`.
 * Written once from supabase/migrations; a column added there is added here. The columns the plan's
 * rules read are declared in domain/types.ts (the layer below) and each row here adds the rest, so a
 * row passes to a rule as it is.
 */
import type { ReplicatedTable } from '@/contract'
import type {
  AppRole,
  CertificationRule,
  KnowledgeArea,
  LeaderCertification,
  LearningRecord,
  PositionGrade,
  ProfileFacts,
  RoleRequirement,
} from '@/domain/types'

/** ISO 8601 timestamp with offset, as Postgres renders timestamptz in JSON. */
export type Timestamp = string
/** YYYY-MM-DD. */
export type DateString = string
export type Uuid = string

export type KnowledgeAreaRow = KnowledgeArea & {
  description: string
}

export type DxRoleRow = {
  code: 'leader' | 'manager' | 'promoter'
  sort_order: number
  name: string
  name_en: string
  definition: string
  audience: string
  duties: string[]
}

export type RoleRequirementRow = RoleRequirement

export type PositionGradeRow = PositionGrade

export type DepartmentRow = {
  code: string
  name: string
  division_name: string
  uses_information_systems: boolean
  sort_order: number
}

export type FiscalYearTargetRow = {
  fiscal_year: number
  leader_target: number
}

export type TrainingKindRow = {
  code: string
  sort_order: number
  name: string
  name_en: string
  description: string
  schedule_note: string
  audience_note: string
}

export type CertificationRuleKind =
  | 'candidacy'
  | 'areas_completed'
  | 'training_completed'
  | 'training_attended_with_survey'
  | 'division_approval'

export type CertificationRuleRow = CertificationRule & {
  kind: CertificationRuleKind
  params: Record<string, unknown>
  name_en: string
  description: string
}

export type SurveyTemplateRow = {
  id: Uuid
  code: string
  title: string
  /** Typed questions (likert_5, scale_0_10, single_choice, free_text, area_self_assessment). */
  questions: Record<string, unknown>[]
  anonymous: boolean
  follow_up_weeks: number | null
  /** Questions of the follow-up survey (事後アンケート), typed as `questions`. */
  follow_up_questions: Record<string, unknown>[]
  created_at: Timestamp
  updated_at: Timestamp
}

export type TrainingDelivery = 'in_person' | 'video' | 'online'

export type TrainingRow = {
  id: Uuid
  kind: string
  title: string
  description: string
  fiscal_year: number
  delivery: TrainingDelivery
  survey_template_id: Uuid | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type TrainingAreaRow = {
  training_id: Uuid
  area_code: string
}

export type TrainingTargetRoleRow = {
  training_id: Uuid
  role_code: string
}

export type SessionStatus = 'scheduled' | 'cancelled' | 'closed'

export type SessionRow = {
  id: Uuid
  training_id: Uuid
  starts_at: Timestamp
  ends_at: Timestamp
  venue: string | null
  online_url: string | null
  capacity: number
  facilitator_id: Uuid | null
  registration_deadline: Timestamp
  status: SessionStatus
  /** Seats taken (confirmed + attended), kept exact by the server: seats left = capacity − this. */
  confirmed_count: number
  /** Registrations waiting for a seat, kept exact by the server. */
  waitlist_count: number
  created_at: Timestamp
  updated_at: Timestamp
}

export type ProfileRow = ProfileFacts & {
  id: Uuid
  employee_number: string
  full_name: string
  full_name_kana: string
  department_code: string | null
  app_role: AppRole
  /** The HR directory's email (null for accounts made before the import existed, or outside it). */
  email: string | null
  /** The date the person left the directory (YYYY-MM-DD); null while active. */
  left_on: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show'

export type RegistrationRow = {
  id: Uuid
  session_id: Uuid
  employee_id: Uuid
  status: RegistrationStatus
  /** Non-null iff status is 'waitlisted'. */
  waitlist_position: number | null
  registered_at: Timestamp
  updated_at: Timestamp
  cancelled_at: Timestamp | null
  checked_in_at: Timestamp | null
  checked_in_by: Uuid | null
}

export type LearningSource = 'session' | 'e_learning' | 'self_study' | 'other'

export type LearningRecordRow = LearningRecord & {
  employee_id: Uuid
  source: LearningSource
  /** Non-null iff source is 'session'. */
  session_id: Uuid | null
  title: string
  note: string
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

export type SurveyPhase = 'post' | 'follow_up'

export type SurveyResponseRow = {
  id: Uuid
  template_id: Uuid
  session_id: Uuid
  /** Always the user in a replica: anonymous responses are never handed out. */
  respondent_id: Uuid | null
  answers: Record<string, unknown>
  collected_by: Uuid | null
  collected_device: string | null
  collected_at: Timestamp
  submitted_at: Timestamp
  /** 'post': the post-training survey; 'follow_up': the follow-up due follow_up_weeks later. */
  phase: SurveyPhase
}

export type SurveySubmissionRow = {
  session_id: Uuid
  employee_id: Uuid
  /** When the follow-up survey was answered; null until then. */
  follow_up_submitted_at: Timestamp | null
}

export type CertificationRow = LeaderCertification & {
  id: Uuid
  employee_id: Uuid
  fiscal_year: number
  approved_by: Uuid
  approved_at: Timestamp
  revoked_reason: string | null
}

export type CertificationDecisionRow = {
  id: Uuid
  employee_id: Uuid
  decision: 'approved' | 'returned' | 'revoked' | 'nominated' | 'acknowledged'
  /** Approved: the year the leader counts toward; nominated/acknowledged/returned: the candidacy year. */
  fiscal_year: number | null
  /** Set for approved and revoked. */
  certification_id: Uuid | null
  /** Required for returned and revoked; shown to the employee. */
  reason: string | null
  decided_by: Uuid | null
  decided_at: Timestamp
}

export type ElearningCompletionRow = {
  id: Uuid
  employee_id: Uuid
  /** The session (the learning window) of the year's e-learning training. */
  session_id: Uuid
  course: string
  completed_on: DateString
  origin: 'import' | 'self_report'
  /** Only a confirmed completion counts (its registration is then attended). */
  status: 'reported' | 'confirmed' | 'returned'
  /** Why the DX division returned the report; set only when returned. */
  reason: string | null
  import_id: Uuid | null
  reported_at: Timestamp
  decided_by: Uuid | null
  decided_at: Timestamp | null
}

/** What a notice is about: the wording comes from i18n (`notices.kind.<kind>`), never from the row. */
export type NoticeKind =
  | 'waitlist_promoted'
  | 'session_changed'
  | 'session_cancelled'
  | 'survey_due'
  | 'decision_acknowledged'
  | 'decision_nominated'
  | 'decision_returned'
  | 'decision_approved'
  | 'decision_revoked'

export type NoticeRow = {
  id: Uuid
  employee_id: Uuid
  kind: NoticeKind
  /** Set for the session kinds (promoted, changed, cancelled, survey due). */
  session_id: Uuid | null
  /** Set for the decision kinds. */
  decision_id: Uuid | null
  fiscal_year: number | null
  /** The DX division's reason (returned, revoked): free text, rendered as text. */
  reason: string | null
  created_at: Timestamp
  /** null = unread. */
  read_at: Timestamp | null
}

/** The row type of each replicated table. */
export interface ReplicaRows {
  knowledge_areas: KnowledgeAreaRow
  dx_roles: DxRoleRow
  role_requirements: RoleRequirementRow
  position_grades: PositionGradeRow
  departments: DepartmentRow
  fiscal_year_targets: FiscalYearTargetRow
  training_kinds: TrainingKindRow
  certification_rules: CertificationRuleRow
  survey_templates: SurveyTemplateRow
  trainings: TrainingRow
  training_areas: TrainingAreaRow
  training_target_roles: TrainingTargetRoleRow
  sessions: SessionRow
  profiles: ProfileRow
  registrations: RegistrationRow
  learning_records: LearningRecordRow
  survey_responses: SurveyResponseRow
  survey_submissions: SurveySubmissionRow
  certifications: CertificationRow
  certification_decisions: CertificationDecisionRow
  elearning_completions: ElearningCompletionRow
  notices: NoticeRow
}

/** Fails to compile if the contract gains a table this file has no row type for. */
export type RowOf<T extends ReplicatedTable> = ReplicaRows[T]

/** A row of any replicated table, as stored (and as compared) generically. */
export type AnyRow = Record<string, unknown>
