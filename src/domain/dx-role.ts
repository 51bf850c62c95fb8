import type {
  BaseDxRole,
  DxRoleCode,
  LeaderCandidacy,
  LeaderCertification,
  LeaderStatus,
  PositionGrade,
  ProfileFacts,
} from './types'

export interface DxRoles {
  /** null when the profile has no grade or a grade missing from the reference data (not yet synced, retired). */
  base: BaseDxRole | null
  leader: LeaderStatus
}

/** Read from the grade's 係長-authority flag, never its name: 副主幹 is a promoter. */
export function baseRoleOf(grade: PositionGrade): BaseDxRole {
  return grade.supervisory ? 'manager' : 'promoter'
}

/** The profile's leader candidacy; a year without a method (or the reverse) is none. */
export function candidacyOf(
  profile: Pick<ProfileFacts, 'leader_candidacy_fy' | 'leader_candidacy_method'>,
): LeaderCandidacy | null {
  return profile.leader_candidacy_fy !== null && profile.leader_candidacy_method !== null
    ? { fiscalYear: profile.leader_candidacy_fy, method: profile.leader_candidacy_method }
    : null
}

/** The employee's roles from their profile, their own certifications and the grades of the plan. */
export function dxRolesOf(
  profile: ProfileFacts,
  certifications: readonly LeaderCertification[],
  grades: readonly PositionGrade[],
): DxRoles {
  const grade = grades.find((candidate) => candidate.code === profile.position_grade_code)
  const leader: LeaderStatus = certifications.some((certification) => certification.revoked_at === null)
    ? 'certified'
    : candidacyOf(profile)
      ? 'candidate'
      : 'none'
  return { base: grade ? baseRoleOf(grade) : null, leader }
}

/** The role codes whose requirements apply: the base role, plus leader for a candidate or certified leader. */
export function roleCodesOf(roles: DxRoles): DxRoleCode[] {
  const codes: DxRoleCode[] = roles.base ? [roles.base] : []
  return roles.leader === 'none' ? codes : [...codes, 'leader']
}
