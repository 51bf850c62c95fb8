import type { BaseDxRole, DxRoleCode, LeaderStatus, PositionGrade, ProfileFacts } from './types'

export interface DxRoles {
  /** null when the profile has no grade or a grade missing from the reference data (not yet synced, retired). */
  base: BaseDxRole | null
  leader: LeaderStatus
}

/** Read from the grade's 係長-authority flag, never its name: 副主幹 is a promoter. */
export function baseRoleOf(grade: PositionGrade): BaseDxRole {
  return grade.supervisory ? 'manager' : 'promoter'
}

export function dxRolesOf(profile: ProfileFacts, grades: readonly PositionGrade[]): DxRoles {
  const grade = grades.find((candidate) => candidate.code === profile.positionGradeCode)
  const leader: LeaderStatus = profile.leaderCertified
    ? 'certified'
    : profile.leaderCandidacy
      ? 'candidate'
      : 'none'
  return { base: grade ? baseRoleOf(grade) : null, leader }
}

/** The role codes whose requirements apply: the base role, plus leader for a candidate or certified leader. */
export function roleCodesOf(roles: DxRoles): DxRoleCode[] {
  const codes: DxRoleCode[] = roles.base ? [roles.base] : []
  return roles.leader === 'none' ? codes : [...codes, 'leader']
}
