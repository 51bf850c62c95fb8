import { dxRolesOf, roleCodesOf } from './dx-role'
import type { DxRoleCode, KnowledgeArea, PlanReference, ProfileFacts } from './types'

export function byAreaOrder(a: KnowledgeArea, b: KnowledgeArea): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)
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
    reference.roleRequirements.filter((row) => roles.includes(row.roleCode)).map((row) => row.areaCode),
  )
  return reference.knowledgeAreas.filter((area) => codes.has(area.code)).sort(byAreaOrder)
}

/** What this employee must study: base role plus leader when a candidate or certified. */
export function requiredAreasOfProfile(
  profile: ProfileFacts,
  reference: Pick<PlanReference, 'knowledgeAreas' | 'positionGrades' | 'roleRequirements'>,
): KnowledgeArea[] {
  return requiredAreas(roleCodesOf(dxRolesOf(profile, reference.positionGrades)), reference)
}
