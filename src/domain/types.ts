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

export interface KnowledgeArea {
  code: KnowledgeAreaCode
  sortOrder: number
  name: string
  nameEn: string
}

export interface PositionGrade {
  code: PositionGradeCode
  name: string
  rank: number
  /** Has 係長 authority; decides manager vs promoter. */
  supervisory: boolean
}

export interface RoleRequirement {
  roleCode: DxRoleCode
  areaCode: KnowledgeAreaCode
}

export interface CertificationRule {
  code: string
  sortOrder: number
  kind: string
  /** Raw JSON from the database; validated per kind when the rule is evaluated. */
  params: unknown
  name: string
}

/** The reference tables the rules read; the data layer builds one from the replica. */
export interface PlanReference {
  knowledgeAreas: readonly KnowledgeArea[]
  positionGrades: readonly PositionGrade[]
  roleRequirements: readonly RoleRequirement[]
  certificationRules: readonly CertificationRule[]
}

export interface LearningRecord {
  id: string
  areaCode: KnowledgeAreaCode
  completedOn: IsoDate
  minutes: number
  source: string
}

export interface LeaderCandidacy {
  fiscalYear: FiscalYear
  method: CandidacyMethod
}

export interface ProfileFacts {
  positionGradeCode: PositionGradeCode | null
  leaderCandidacy: LeaderCandidacy | null
  /** Certified by the DX division and not revoked, as recorded by the server. */
  leaderCertified: boolean
}
