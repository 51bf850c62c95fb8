import { dxRolesOf, roleCodesOf } from './dx-role'
import type { DxRoleCode, KnowledgeArea, LeaderCertification, PlanReference, ProfileFacts } from './types'

export function byAreaOrder(a: KnowledgeArea, b: KnowledgeArea): number {
  return a.sort_order - b.sort_order || a.code.localeCompare(b.code)
}

/**
 * The union of the roles' required areas, in area order. Requirement rows naming an area missing from the
 * reference data are dropped: an area the app cannot show cannot be studied either.
 */
export function requiredAreas(
  roles: readonly DxRoleCode[],
  reference: Pick<PlanReference, 'knowledgeAreas' | 'roleRequirements'>,
): KnowledgeArea[] {
  const codes = new Set(
    reference.roleRequirements.filter((row) => roles.includes(row.role_code)).map((row) => row.area_code),
  )
  return reference.knowledgeAreas.filter((area) => codes.has(area.code)).sort(byAreaOrder)
}

/** What this employee must study: base role plus leader when a candidate or certified. */
export function requiredAreasOfProfile(
  profile: ProfileFacts,
  certifications: readonly LeaderCertification[],
  reference: Pick<PlanReference, 'knowledgeAreas' | 'positionGrades' | 'roleRequirements'>,
): KnowledgeArea[] {
  return requiredAreas(roleCodesOf(dxRolesOf(profile, certifications, reference.positionGrades)), reference)
}
