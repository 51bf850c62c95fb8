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
  position_grade_code: 'shuji',
  leader_candidacy_fy: null,
  leader_candidacy_method: null,
  ...overrides,
})
const active = { revoked_at: null }
const revoked = { revoked_at: '2027-01-10T09:00:00+09:00' }

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
    expect(dxRolesOf(profile(), [], positionGrades)).toEqual({ base: 'promoter', leader: 'none' })
  })

  it('marks a volunteer or a nominee a leader candidate on top of their base role', () => {
    const nominee = profile({
      position_grade_code: 'kakaricho',
      leader_candidacy_fy: 2026,
      leader_candidacy_method: 'nominated',
    })
    expect(dxRolesOf(nominee, [], positionGrades)).toEqual({ base: 'manager', leader: 'candidate' })
  })

  it('takes a candidacy year without its method (or the reverse) for no candidacy', () => {
    expect(dxRolesOf(profile({ leader_candidacy_fy: 2026 }), [], positionGrades).leader).toBe('none')
    expect(dxRolesOf(profile({ leader_candidacy_method: 'volunteered' }), [], positionGrades).leader).toBe(
      'none',
    )
  })

  it('marks a certified leader certified, whether or not a candidacy is on record', () => {
    const volunteer = profile({ leader_candidacy_fy: 2026, leader_candidacy_method: 'volunteered' })
    expect(dxRolesOf(volunteer, [active], positionGrades).leader).toBe('certified')
    expect(dxRolesOf(profile(), [active], positionGrades).leader).toBe('certified')
  })

  it('counts only a certification that is not revoked', () => {
    expect(dxRolesOf(profile(), [revoked], positionGrades).leader).toBe('none')
    expect(dxRolesOf(profile(), [revoked, active], positionGrades).leader).toBe('certified')
  })

  it('gives no base role, without throwing, for a grade missing from the reference data or no grade', () => {
    expect(dxRolesOf(profile({ position_grade_code: 'sanyo' }), [], positionGrades)).toEqual({
      base: null,
      leader: 'none',
    })
    expect(dxRolesOf(profile({ position_grade_code: null }), [], positionGrades).base).toBeNull()
    expect(dxRolesOf(profile(), [], []).base).toBeNull()
  })

  it("follows another city's grade table with no code change", () => {
    const grades: PositionGrade[] = [{ code: 'shuji', name: '主事', rank: 1, supervisory: true }]
    expect(dxRolesOf(profile(), [], grades).base).toBe('manager')
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
