import { describe, expect, it } from 'vitest'
import { requiredAreas, requiredAreasOfProfile } from '@/domain'
import type { KnowledgeArea, ProfileFacts, RoleRequirement } from '@/domain'
import { allAreaCodes, reference } from './atsugi-plan'

const codes = (areas: KnowledgeArea[]) => areas.map((area) => area.code)
const candidacy = { fiscalYear: 2026, method: 'volunteered' } as const
const profile = (
  positionGradeCode: string | null,
  leader: 'none' | 'candidate' | 'certified',
): ProfileFacts => ({
  positionGradeCode,
  leaderCandidacy: leader === 'candidate' ? candidacy : null,
  leaderCertified: leader === 'certified',
})

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
      { code: 'b', sortOrder: 1, name: 'B', nameEn: 'B' },
      { code: 'a', sortOrder: 1, name: 'A', nameEn: 'A' },
    ]
    const roleRequirements: RoleRequirement[] = [
      { roleCode: 'promoter', areaCode: 'b' },
      { roleCode: 'promoter', areaCode: 'a' },
    ]
    expect(codes(requiredAreas(['promoter'], { knowledgeAreas, roleRequirements }))).toEqual(['a', 'b'])
  })

  it('drops a requirement naming an area the reference data does not have', () => {
    const roleRequirements: RoleRequirement[] = [
      { roleCode: 'promoter', areaCode: 'dx_basics' },
      { roleCode: 'promoter', areaCode: 'quantum' },
    ]
    expect(codes(requiredAreas(['promoter'], { ...reference, roleRequirements }))).toEqual(['dx_basics'])
  })

  it("follows another city's requirement matrix with no code change", () => {
    const roleRequirements: RoleRequirement[] = [
      { roleCode: 'promoter', areaCode: 'generative_ai' },
      { roleCode: 'promoter', areaCode: 'dx_basics' },
      { roleCode: 'manager', areaCode: 'it_governance' },
    ]
    expect(codes(requiredAreas(['promoter'], { ...reference, roleRequirements }))).toEqual([
      'dx_basics',
      'generative_ai',
    ])
  })
})

describe('requiredAreasOfProfile', () => {
  it('asks a 主事 promoter for areas 1–6', () => {
    expect(codes(requiredAreasOfProfile(profile('shuji', 'none'), reference))).toEqual(
      allAreaCodes.slice(0, 6),
    )
  })

  it('asks a 副主幹 for areas 1–6, as a promoter', () => {
    expect(codes(requiredAreasOfProfile(profile('fukushukan', 'none'), reference))).toEqual(
      allAreaCodes.slice(0, 6),
    )
  })

  it('asks a 係長 for areas 1–8', () => {
    expect(codes(requiredAreasOfProfile(profile('kakaricho', 'none'), reference))).toEqual(
      allAreaCodes.slice(0, 8),
    )
  })

  it('asks a 係長 leader candidate for all nine', () => {
    expect(codes(requiredAreasOfProfile(profile('kakaricho', 'candidate'), reference))).toEqual(allAreaCodes)
  })

  it('asks a certified 主事 leader for all nine', () => {
    expect(codes(requiredAreasOfProfile(profile('shuji', 'certified'), reference))).toEqual(allAreaCodes)
  })

  it('asks nothing of an employee whose grade is unknown and who is not a leader', () => {
    expect(requiredAreasOfProfile(profile('unknown_grade', 'none'), reference)).toEqual([])
  })
})
