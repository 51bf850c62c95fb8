/** The demo city's shapes: what it is built from (the seeded reference data), with what, and into what. */

export interface DemoCityOptions {
  /** Default 0x0dc17e. */
  seed?: number
  /** "Today" in Asia/Tokyo ('YYYY-MM-DD'): sessions before it are past. Default 2026-11-25. */
  referenceDate?: string
  /** Employees including the personas. Default 300. */
  employees?: number
}

export const DEMO_DEFAULTS = { seed: 0x0dc17e, referenceDate: '2026-11-25', employees: 300 } as const

/** The seeded reference data the city is built on (read from the database). */
export interface DemoReference {
  departments: readonly string[]
  grades: readonly { code: string; supervisory: boolean; rank: number }[]
  areas: readonly string[]
  /** role → required area codes */
  roleAreas: Readonly<Record<string, readonly string[]>>
  /** The standard template's questions, or null when the seed has none. */
  standardQuestions: readonly SurveyQuestion[] | null
  /** The follow-up questions every template starts with (the column's default), or null. */
  followUpQuestions?: readonly SurveyQuestion[] | null
}

export interface SurveyQuestion {
  key: string
  type: string
  required: boolean
  options?: readonly { value: string }[]
  max_length?: number
}

export type Row = Record<string, unknown>

export interface DemoCity {
  users: Row[]
  profiles: Row[]
  surveyTemplates: Row[]
  trainings: Row[]
  trainingAreas: Row[]
  trainingTargetRoles: Row[]
  sessions: Row[]
  registrations: Row[]
  learningRecords: Row[]
  surveyResponses: Row[]
  /** Anonymous answers, one box per session, template and phase (private.survey_ballot_boxes). */
  surveyBallotBoxes: Row[]
  surveySubmissions: Row[]
  certifications: Row[]
  certificationDecisions: Row[]
  notices: Row[]
}
