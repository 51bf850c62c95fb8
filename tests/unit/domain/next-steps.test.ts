import { describe, expect, it } from 'vitest'
import {
  areaProgress,
  chooseNextSteps,
  dxRolesOf,
  requiredAreas,
  roleCodesOf,
  type LearningRecord,
  type ProfileFacts,
} from '@/domain'
import { allAreaCodes, knowledgeAreas, positionGrades, reference } from './atsugi-plan'

const today = '2026-06-15'
const recordsIn = (codes: readonly string[], completedOn = '2026-05-01'): LearningRecord[] =>
  codes.map((areaCode, i) => ({
    id: `r${i}-${areaCode}`,
    area_code: areaCode,
    completed_on: completedOn,
    minutes: 30,
  }))

function progressFor(profile: ProfileFacts, records: LearningRecord[]) {
  const required = requiredAreas(roleCodesOf(dxRolesOf(profile, [], positionGrades)), reference).map(
    (a) => a.code,
  )
  return areaProgress(knowledgeAreas, required, records, today)
}

const noCandidacy = { leader_candidacy_fy: null, leader_candidacy_method: null }
const promoter: ProfileFacts = { position_grade_code: 'shunin', ...noCandidacy }
const manager: ProfileFacts = { position_grade_code: 'kakaricho', ...noCandidacy }
const leaderKakaricho: ProfileFacts = {
  position_grade_code: 'kakaricho',
  leader_candidacy_fy: 2026,
  leader_candidacy_method: 'nominated',
}

describe('chooseNextSteps', () => {
  it('sends someone with no records to the first two required areas, in the plan’s order', () => {
    expect(chooseNextSteps(progressFor(promoter, []))).toEqual([
      { kind: 'required_area', areaCode: 'dx_basics', sessionId: null },
      { kind: 'required_area', areaCode: 'design_thinking', sessionId: null },
    ])
  })

  it('skips the areas already completed', () => {
    const steps = chooseNextSteps(progressFor(promoter, recordsIn(['dx_basics', 'bpr'])))
    expect(steps.map((step) => 'areaCode' in step && step.areaCode)).toEqual([
      'design_thinking',
      'generative_ai',
    ])
  })

  it('does not count a record dated in the future as done', () => {
    const steps = chooseNextSteps(progressFor(promoter, recordsIn(['dx_basics'], '2026-07-01')))
    expect(steps[0]).toEqual({ kind: 'required_area', areaCode: 'dx_basics', sessionId: null })
  })

  it('prefers, as the second step, an open required area with a session coming up', () => {
    const sessions = new Map([
      ['online_procedures', 'session-op'],
      ['it_governance', 'session-itg'],
    ])
    expect(chooseNextSteps(progressFor(promoter, []), { upcomingSessionByArea: sessions })).toEqual([
      { kind: 'required_area', areaCode: 'dx_basics', sessionId: null },
      { kind: 'required_area', areaCode: 'online_procedures', sessionId: 'session-op' },
    ])
  })

  it('names the session for the first step when one covers it, without repeating the area', () => {
    const sessions = new Map([['dx_basics', 'session-basics']])
    expect(chooseNextSteps(progressFor(promoter, []), { upcomingSessionByArea: sessions })).toEqual([
      { kind: 'required_area', areaCode: 'dx_basics', sessionId: 'session-basics' },
      { kind: 'required_area', areaCode: 'design_thinking', sessionId: null },
    ])
  })

  it('suggests one optional area once a promoter has done all six required ones', () => {
    expect(chooseNextSteps(progressFor(promoter, recordsIn(allAreaCodes.slice(0, 6))))).toEqual([
      { kind: 'optional_area', areaCode: 'it_governance', sessionId: null },
    ])
  })

  it('makes those areas required when the same person becomes a 係長 (a role change)', () => {
    const records = recordsIn(allAreaCodes.slice(0, 6))
    expect(chooseNextSteps(progressFor(manager, records))).toEqual([
      { kind: 'required_area', areaCode: 'it_governance', sessionId: null },
      { kind: 'required_area', areaCode: 'system_management', sessionId: null },
    ])
  })

  it('asks a 係長 who is a leader candidate for all nine areas, the ninth included', () => {
    const progress = progressFor(leaderKakaricho, recordsIn(allAreaCodes.slice(0, 8)))
    expect(progress.filter((area) => area.required)).toHaveLength(9)
    expect(chooseNextSteps(progress)).toEqual([
      { kind: 'required_area', areaCode: 'cross_org_dx', sessionId: null },
    ])
  })

  it('says all is done when every area has a record', () => {
    expect(chooseNextSteps(progressFor(leaderKakaricho, recordsIn(allAreaCodes)))).toEqual([
      { kind: 'all_done' },
    ])
    expect(chooseNextSteps(progressFor(promoter, recordsIn(allAreaCodes)))).toEqual([{ kind: 'all_done' }])
  })

  it('points a leader candidate with every area done to the route, not to a false "all done"', () => {
    const done = progressFor(leaderKakaricho, recordsIn(allAreaCodes))
    expect(chooseNextSteps(done, { leaderCandidate: true })).toEqual([{ kind: 'candidate_route' }])
  })

  it('keeps a leader candidate on their open required areas first, the route after them', () => {
    const open = progressFor(leaderKakaricho, recordsIn(allAreaCodes.slice(0, 8)))
    expect(chooseNextSteps(open, { leaderCandidate: true })).toEqual([
      { kind: 'required_area', areaCode: 'cross_org_dx', sessionId: null },
    ])
  })

  it('suggests nothing when no area is required (no grade yet), rather than a false 完了', () => {
    const noGrade: ProfileFacts = { position_grade_code: null, ...noCandidacy }
    expect(chooseNextSteps(progressFor(noGrade, []))).toEqual([])
    expect(chooseNextSteps(progressFor(noGrade, recordsIn(allAreaCodes)))).toEqual([])
  })

  it('keeps to the number of steps asked for', () => {
    expect(chooseNextSteps(progressFor(promoter, []), { max: 1 })).toHaveLength(1)
    expect(chooseNextSteps(progressFor(promoter, []), { max: 0 })).toEqual([])
  })
})
