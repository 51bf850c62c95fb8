import { describe, expect, it } from 'vitest'
import { requiredAreas, requiredAreasOfProfile } from '@/domain'
import type { KnowledgeArea, ProfileFacts, RoleRequirement } from '@/domain'
import { allAreaCodes, reference } from './atsugi-plan'

const codes = (areas: KnowledgeArea[]) => areas.map((area) => area.code)
/** The areas asked of an employee of this grade who is no leader, a candidate or a certified leader. */
const requiredOf = (grade: string | null, leader: 'none' | 'candidate' | 'certified') => {
  const profile: ProfileFacts = {
    position_grade_code: grade,
    leader_candidacy_fy: leader === 'candidate' ? 2026 : null,
    leader_candidacy_method: leader === 'candidate' ? 'volunteered' : null,
  }
  const certifications = leader === 'certified' ? [{ revoked_at: null }] : []
  return requiredAreasOfProfile(profile, certifications, reference)
}

describe('requiredAreas', () => {
  it('asks a promoter for exactly areas 1–6', () => {
    expect(codes(requiredAreas(['promoter'], reference))).toEqual(allAreaCodes.slice(0, 6))
  })

  it('asks a manager for areas 1–8', () => {
    expect(codes(requiredAreas(['manager'], reference))).toEqual(allAreaCodes.slice(0, 8))
  })

  it('asks a leader for all nine', () => {
    expect(codes(requiredAreas(['leader'], reference))).toEqual(allAreaCodes)
  })

  it('takes the union of several roles, each area once, in area order', () => {
    expect(codes(requiredAreas(['promoter', 'leader', 'manager'], reference))).toEqual(allAreaCodes)
  })

  it('asks nothing of no role', () => {
    expect(requiredAreas([], reference)).toEqual([])
  })

  it('orders areas by their sort order in the data, not by the order of the rows', () => {
    const knowledgeAreas = [...reference.knowledgeAreas].reverse()
    expect(codes(requiredAreas(['promoter'], { ...reference, knowledgeAreas }))).toEqual(
      allAreaCodes.slice(0, 6),
    )
  })

  it('breaks a sort-order tie by code, so the order is stable', () => {
    const knowledgeAreas: KnowledgeArea[] = [
      { code: 'b', sort_order: 1, name: 'B', name_en: 'B' },
      { code: 'a', sort_order: 1, name: 'A', name_en: 'A' },
    ]
    const roleRequirements: RoleRequirement[] = [
      { role_code: 'promoter', area_code: 'b' },
      { role_code: 'promoter', area_code: 'a' },
    ]
    expect(codes(requiredAreas(['promoter'], { knowledgeAreas, roleRequirements }))).toEqual(['a', 'b'])
  })

  it('drops a requirement naming an area the reference data does not have', () => {
    const roleRequirements: RoleRequirement[] = [
      { role_code: 'promoter', area_code: 'dx_basics' },
      { role_code: 'promoter', area_code: 'quantum' },
    ]
    expect(codes(requiredAreas(['promoter'], { ...reference, roleRequirements }))).toEqual(['dx_basics'])
  })

  it("follows another city's requirement matrix with no code change", () => {
    const roleRequirements: RoleRequirement[] = [
      { role_code: 'promoter', area_code: 'generative_ai' },
      { role_code: 'promoter', area_code: 'dx_basics' },
      { role_code: 'manager', area_code: 'it_governance' },
    ]
    expect(codes(requiredAreas(['promoter'], { ...reference, roleRequirements }))).toEqual([
      'dx_basics',
      'generative_ai',
    ])
  })
})

describe('requiredAreasOfProfile', () => {
  it('asks a 主事 promoter for areas 1–6', () => {
    expect(codes(requiredOf('shuji', 'none'))).toEqual(allAreaCodes.slice(0, 6))
  })

  it('asks a 副主幹 for areas 1–6, as a promoter', () => {
    expect(codes(requiredOf('fukushukan', 'none'))).toEqual(allAreaCodes.slice(0, 6))
  })

  it('asks a 係長 for areas 1–8', () => {
    expect(codes(requiredOf('kakaricho', 'none'))).toEqual(allAreaCodes.slice(0, 8))
  })

  it('asks a 係長 leader candidate for all nine', () => {
    expect(codes(requiredOf('kakaricho', 'candidate'))).toEqual(allAreaCodes)
  })

  it('asks a certified 主事 leader for all nine', () => {
    expect(codes(requiredOf('shuji', 'certified'))).toEqual(allAreaCodes)
  })

  it('asks nothing of an employee whose grade is unknown and who is not a leader', () => {
    expect(requiredOf('unknown_grade', 'none')).toEqual([])
  })
})
