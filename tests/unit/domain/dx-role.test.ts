import { describe, expect, it } from 'vitest'
import { baseRoleOf, dxRolesOf, roleCodesOf } from '@/domain'
import type { PositionGrade, ProfileFacts } from '@/domain'
import { positionGrades } from './atsugi-plan'

const grade = (code: string): PositionGrade => {
  const found = positionGrades.find((candidate) => candidate.code === code)
  if (!found) throw new Error(`no grade ${code}`)
  return found
}

const profile = (overrides: Partial<ProfileFacts> = {}): ProfileFacts => ({
  positionGradeCode: 'shuji',
  leaderCandidacy: null,
  leaderCertified: false,
  ...overrides,
})

describe('baseRoleOf', () => {
  it.each(['shujiho', 'shuji', 'shunin', 'fukushukan'])('makes a %s a promoter', (code) => {
    expect(baseRoleOf(grade(code))).toBe('promoter')
  })

  it.each(['kakaricho', 'kacho_hosa', 'kacho', 'jicho', 'bucho'])('makes a %s a manager', (code) => {
    expect(baseRoleOf(grade(code))).toBe('manager')
  })

  it('makes 副主幹 a promoter: the 係長-authority flag decides, not the name or rank', () => {
    expect(baseRoleOf(grade('fukushukan'))).toBe('promoter')
    expect(baseRoleOf({ code: 'x', name: '副主幹', rank: 4, supervisory: true })).toBe('manager')
  })
})

describe('dxRolesOf', () => {
  it('gives an employee with no candidacy no leader role', () => {
    expect(dxRolesOf(profile(), positionGrades)).toEqual({ base: 'promoter', leader: 'none' })
  })

  it('marks a volunteer or a nominee a leader candidate on top of their base role', () => {
    const candidacy = { fiscalYear: 2026, method: 'nominated' } as const
    expect(
      dxRolesOf(profile({ positionGradeCode: 'kakaricho', leaderCandidacy: candidacy }), positionGrades),
    ).toEqual({
      base: 'manager',
      leader: 'candidate',
    })
  })

  it('marks a certified leader certified, whether or not a candidacy is on record', () => {
    const candidacy = { fiscalYear: 2026, method: 'volunteered' } as const
    expect(
      dxRolesOf(profile({ leaderCandidacy: candidacy, leaderCertified: true }), positionGrades).leader,
    ).toBe('certified')
    expect(dxRolesOf(profile({ leaderCertified: true }), positionGrades).leader).toBe('certified')
  })

  it('gives no base role, without throwing, for a grade missing from the reference data or no grade', () => {
    expect(dxRolesOf(profile({ positionGradeCode: 'sanyo' }), positionGrades)).toEqual({
      base: null,
      leader: 'none',
    })
    expect(dxRolesOf(profile({ positionGradeCode: null }), positionGrades).base).toBeNull()
    expect(dxRolesOf(profile(), []).base).toBeNull()
  })

  it("follows another city's grade table with no code change", () => {
    const grades: PositionGrade[] = [{ code: 'shuji', name: '主事', rank: 1, supervisory: true }]
    expect(dxRolesOf(profile(), grades).base).toBe('manager')
  })
})

describe('roleCodesOf', () => {
  it('lists the base role alone for an employee who is not a leader', () => {
    expect(roleCodesOf({ base: 'promoter', leader: 'none' })).toEqual(['promoter'])
  })

  it('adds leader for a candidate and for a certified leader', () => {
    expect(roleCodesOf({ base: 'manager', leader: 'candidate' })).toEqual(['manager', 'leader'])
    expect(roleCodesOf({ base: 'promoter', leader: 'certified' })).toEqual(['promoter', 'leader'])
  })

  it('lists only leader when the base role is unknown', () => {
    expect(roleCodesOf({ base: null, leader: 'candidate' })).toEqual(['leader'])
    expect(roleCodesOf({ base: null, leader: 'none' })).toEqual([])
  })
})
