// The demo's sign-in: the embedded backend offers one profile of each kind in place of a password.
import type { AppRole } from '@/domain/types'

/** The kinds of user the persona picker offers, one profile each (in this order). */
export const PERSONA_KINDS = [
  'promoter',
  'manager',
  'leader_candidate',
  'facilitator',
  'dx_division',
] as const
export type PersonaKind = (typeof PERSONA_KINDS)[number]

/** A demo profile offered by the persona picker in place of a sign-in form. */
export interface Persona {
  kind: PersonaKind
  id: string
  email: string | null
  employeeNumber: string
  fullName: string
  appRole: AppRole
  departmentCode: string | null
  positionGradeCode: string | null
  /** Whether the grade carries 係長 authority (DX推進管理者) or not (DX推進員); null without a grade. */
  supervisory: boolean | null
  leaderCandidacyFy: number | null
}
