/** A calendar date in Japan, 'YYYY-MM-DD'. */
export type IsoDate = string

/** A Japanese fiscal year by the calendar year it starts in: 2026 = 令和8年度 = 2026-04-01 … 2027-03-31. */
export type FiscalYear = number

// Area, grade and training-kind codes are plain strings: they are seed data another city may change.
export type KnowledgeAreaCode = string
export type PositionGradeCode = string
export type TrainingKindCode = string

/** The three DX roles are structural (the base role is derived, the leader role is designated). */
export type DxRoleCode = 'leader' | 'manager' | 'promoter'
export type BaseDxRole = Exclude<DxRoleCode, 'leader'>
export type LeaderStatus = 'none' | 'candidate' | 'certified'

export type AppRole = 'employee' | 'facilitator' | 'dx_admin'
export type CandidacyMethod = 'volunteered' | 'nominated'

// The reference and replica rows the rules read, in the server's column names (snake_case), as
// data/rows.ts's row types are built on them: a row passes to a rule as it is, with no mapping.
// Type aliases, not interfaces, so a row is also a `Record<string, unknown>` (see data/rows.ts).

/** A knowledge_areas row, as far as the rules read it. */
export type KnowledgeArea = {
  code: KnowledgeAreaCode
  sort_order: number
  name: string
  name_en: string
}

/** A position_grades row. */
export type PositionGrade = {
  code: PositionGradeCode
  name: string
  rank: number
  /** Has 係長 authority; decides manager vs promoter. */
  supervisory: boolean
}

/** A role_requirements row: the role needs the area. */
export type RoleRequirement = {
  role_code: DxRoleCode
  area_code: KnowledgeAreaCode
}

/** A certification_rules row, as far as the rules read it. */
export type CertificationRule = {
  code: string
  sort_order: number
  kind: string
  /** Raw JSON from the database; validated per kind when the rule is evaluated. */
  params: unknown
  name: string
}

/** The reference tables the rules read, as the replica holds them. */
export interface PlanReference {
  knowledgeAreas: readonly KnowledgeArea[]
  positionGrades: readonly PositionGrade[]
  roleRequirements: readonly RoleRequirement[]
  certificationRules: readonly CertificationRule[]
}

/** A learning_records row, as far as progress reads it. */
export type LearningRecord = {
  id: string
  area_code: KnowledgeAreaCode
  completed_on: IsoDate
  minutes: number
}

export interface LeaderCandidacy {
  fiscalYear: FiscalYear
  method: CandidacyMethod
}

/** A profiles row, as far as the role rules read it. */
export type ProfileFacts = {
  position_grade_code: PositionGradeCode | null
  leader_candidacy_fy: FiscalYear | null
  leader_candidacy_method: CandidacyMethod | null
}

/** A certifications row, as far as the role rules read it: one not revoked makes a certified leader. */
export type LeaderCertification = {
  revoked_at: string | null
}
