/**
 * The shapes of the DX division's read RPCs (supabase/README.md, "DX division aggregates" and
 * "Certification decisions"), checked when an answer arrives so a screen never renders what it cannot
 * read. Objects are not strict: a later server may add fields.
 */
import * as v from 'valibot'
import { EffectGroupSchema, ShownCountSchema, SuppressionSchema } from './effect'

const Int = v.pipe(v.number(), v.integer())
const Num = v.number()
const Uuid = v.string()
const Distribution = v.record(v.string(), Int)
/** A count shown only when the group is large enough: the number, "<5", or null (complementary). */
export const GroupCountSchema = ShownCountSchema

export const LeaderTargetYearSchema = v.object({
  fiscal_year: Int,
  status: v.picklist(['past', 'current', 'future']),
  target: Int,
  certified: Int,
  cumulative_target: Int,
  cumulative_certified: Int,
  days_total: Int,
  days_elapsed: Int,
  projected_certified: v.nullable(Num),
  candidates: Int,
  candidates_ready: Int,
  candidates_by_steps_met: Distribution,
  steps_total: Int,
})
export type LeaderTargetYear = v.InferOutput<typeof LeaderTargetYearSchema>

export const LeaderTargetsSchema = v.object({
  as_of: v.string(),
  current_fiscal_year: Int,
  goal: Int,
  certified_total: Int,
  fiscal_years: v.array(LeaderTargetYearSchema),
})
export type LeaderTargets = v.InferOutput<typeof LeaderTargetsSchema>

export const ClosestCandidateSchema = v.object({
  employee_id: Uuid,
  employee_number: v.string(),
  full_name: v.string(),
  fiscal_year: v.nullable(Int),
  steps_met: Int,
  steps_total: Int,
  ready: v.boolean(),
})
export type ClosestCandidate = v.InferOutput<typeof ClosestCandidateSchema>

export const DepartmentCoverageRowSchema = v.object({
  department_code: v.string(),
  name: v.string(),
  division_name: v.nullable(v.string()),
  members: Int,
  certified_leaders: Int,
  candidates: Int,
  covered: v.boolean(),
  closest_candidates: v.array(ClosestCandidateSchema),
  learning_records: Int,
  learning_minutes: Int,
  learners: Int,
  attendances: Int,
  attendees: Int,
})
export type DepartmentCoverageRow = v.InferOutput<typeof DepartmentCoverageRowSchema>

export const DepartmentCoverageSchema = v.object({
  fiscal_year: Int,
  departments_total: Int,
  departments_covered: Int,
  coverage_rate: v.nullable(Num),
  departments: v.array(DepartmentCoverageRowSchema),
})
export type DepartmentCoverage = v.InferOutput<typeof DepartmentCoverageSchema>

const AreaCompleted = v.object({ area_code: v.string(), completed: Int })

export const KnowledgeAreasSchema = v.object({
  fiscal_year: Int,
  as_of: v.string(),
  staff: Int,
  by_role: v.array(
    v.object({
      role_code: v.string(),
      members: GroupCountSchema,
      suppressed: SuppressionSchema,
      fully_completed: v.nullable(Int),
      areas: v.nullable(v.array(AreaCompleted)),
    }),
  ),
  by_department: v.array(
    v.object({
      department_code: v.nullable(v.string()),
      members: GroupCountSchema,
      suppressed: SuppressionSchema,
      required: v.nullable(Int),
      completed: v.nullable(Int),
      fully_completed: v.nullable(Int),
      areas: v.nullable(v.array(v.object({ area_code: v.string(), required: Int, completed: Int }))),
    }),
  ),
  trend: v.array(
    v.object({
      month: v.string(),
      records: Int,
      learners: Int,
      fully_completed: Int,
      areas: v.array(AreaCompleted),
    }),
  ),
  required_by_area: v.array(v.object({ area_code: v.string(), required: Int })),
})
export type KnowledgeAreas = v.InferOutput<typeof KnowledgeAreasSchema>

/** One group of responses (a session, a training's total, a training in a comparison): the contract's. */

/** A session within `division_training_effect` (its header without `ends_at`). */
export const SessionEffectSchema = v.object({
  ...EffectGroupSchema.entries,
  session_id: Uuid,
  starts_at: v.string(),
  status: v.string(),
})
export type SessionEffect = v.InferOutput<typeof SessionEffectSchema>

export const TrainingEffectSchema = v.object({
  training_id: Uuid,
  title: v.string(),
  kind: v.string(),
  fiscal_year: Int,
  total: EffectGroupSchema,
  sessions: v.array(SessionEffectSchema),
})
export type TrainingEffect = v.InferOutput<typeof TrainingEffectSchema>

export const TrainingComparisonSchema = v.object({
  kind: v.string(),
  fiscal_year: v.nullable(Int),
  trainings: v.array(v.object({ ...EffectGroupSchema.entries, title: v.string(), fiscal_year: Int })),
})
export type TrainingComparison = v.InferOutput<typeof TrainingComparisonSchema>

export const QueueCandidateSchema = v.object({
  employee_id: Uuid,
  employee_number: v.string(),
  full_name: v.string(),
  department_code: v.nullable(v.string()),
  position_grade_code: v.nullable(v.string()),
  fiscal_year: v.nullable(Int),
  method: v.nullable(v.picklist(['volunteered', 'nominated'])),
  ready: v.boolean(),
  steps_met: Int,
  steps_total: Int,
  rules: v.array(v.object({ code: v.string(), kind: v.string(), met: v.boolean() })),
  evidence: v.object({
    areas: v.array(
      v.object({ area_code: v.string(), records: Int, last_completed_on: v.nullable(v.string()) }),
    ),
    trainings: v.array(
      v.object({
        session_id: Uuid,
        training_id: Uuid,
        title: v.string(),
        kind: v.string(),
        fiscal_year: Int,
        checked_in_at: v.nullable(v.string()),
        survey_submitted: v.boolean(),
      }),
    ),
  }),
  last_decision: v.nullable(
    v.object({ decision: v.string(), reason: v.nullable(v.string()), decided_at: v.string() }),
  ),
})
export type QueueCandidate = v.InferOutput<typeof QueueCandidateSchema>

export const CertificationQueueSchema = v.object({
  as_of: v.string(),
  candidates: v.array(QueueCandidateSchema),
})
export type CertificationQueue = v.InferOutput<typeof CertificationQueueSchema>

/**
 * Not on the server yet (asked of the division's server work): an employee found by number, for
 * nominating, and the active certifications, for revoking.
 */
export const DivisionEmployeeSchema = v.object({
  employee_id: Uuid,
  employee_number: v.string(),
  full_name: v.string(),
  department_code: v.nullable(v.string()),
  position_grade_code: v.nullable(v.string()),
  leader_candidacy_fy: v.nullable(Int),
  certified: v.boolean(),
})
export type DivisionEmployee = v.InferOutput<typeof DivisionEmployeeSchema>

export const CertifiedLeadersSchema = v.object({
  leaders: v.array(
    v.object({
      certification_id: Uuid,
      employee_id: Uuid,
      employee_number: v.string(),
      full_name: v.string(),
      department_code: v.nullable(v.string()),
      fiscal_year: Int,
      approved_at: v.string(),
    }),
  ),
})
export type CertifiedLeaders = v.InferOutput<typeof CertifiedLeadersSchema>

/** `division_facilitators()`: who may run a session, for the session editor's picker. */
export const FacilitatorsSchema = v.object({
  facilitators: v.array(
    v.object({
      employee_id: Uuid,
      employee_number: v.string(),
      full_name: v.string(),
      department_code: v.nullable(v.string()),
      app_role: v.picklist(['facilitator', 'dx_admin']),
    }),
  ),
})
export type Facilitators = v.InferOutput<typeof FacilitatorsSchema>
