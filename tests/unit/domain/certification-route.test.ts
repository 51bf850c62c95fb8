import { describe, expect, it } from 'vitest'
import { certificationFiscalYear, certificationRoute } from '@/domain'
import type { CertificationFacts, CertificationRule, RoleRequirement, RouteStep } from '@/domain'
import { allAreaCodes, certificationRules, reference } from './atsugi-plan'

const candidacy = { fiscalYear: 2026, method: 'volunteered' } as const

const allDone: CertificationFacts = {
  candidacy,
  completedAreaCodes: allAreaCodes,
  completedTrainings: [{ trainingKind: 'elearning', fiscalYear: 2026 }],
  attendances: [{ sessionId: 'ws-1', trainingKind: 'workshop', surveySubmitted: true }],
  approval: { approvedOn: '2026-11-20' },
}

const routeOf = (facts: Partial<CertificationFacts>, rules: CertificationRule[] = certificationRules) =>
  certificationRoute(rules, { ...allDone, ...facts }, reference)

const stepOf = (facts: Partial<CertificationFacts>, code: string, rules?: CertificationRule[]): RouteStep => {
  const step = routeOf(facts, rules).steps.find((candidate) => candidate.code === code)
  if (!step) throw new Error(`no step ${code}`)
  return step
}

const rule = (kind: string, params: unknown, code = 'custom', sortOrder = 1): CertificationRule => ({
  code,
  sort_order: sortOrder,
  kind,
  params,
  name: code,
})

describe('certificationRoute', () => {
  it('certifies an employee who meets every rule, with no next step', () => {
    const route = routeOf({})
    expect(route.steps.map((step) => [step.code, step.status])).toEqual([
      ['candidacy', 'met'],
      ['all_areas', 'met'],
      ['elearning', 'met'],
      ['workshop', 'met'],
      ['approval', 'met'],
    ])
    expect(route.certified).toBe(true)
    expect(route.nextStep).toBeNull()
  })

  it('points to the first step not met as the next step', () => {
    const route = routeOf({ attendances: [], approval: null })
    expect(route.certified).toBe(false)
    expect(route.nextStep?.code).toBe('workshop')
  })

  it('shows a new employee every step not met, starting with candidacy', () => {
    const route = routeOf({
      candidacy: null,
      completedAreaCodes: [],
      completedTrainings: [],
      attendances: [],
      approval: null,
    })
    expect(route.steps.every((step) => step.status === 'not_met')).toBe(true)
    expect(route.nextStep?.code).toBe('candidacy')
  })

  it('certifies no one when there are no rules (reference data not yet synced)', () => {
    expect(certificationRoute([], allDone, reference)).toEqual({
      steps: [],
      nextStep: null,
      certified: false,
    })
  })

  it('follows the sort order in the data, not the order of the rows', () => {
    const reordered = [
      { ...certificationRules[4]!, sort_order: 1 },
      { ...certificationRules[0]!, sort_order: 3 },
      { ...certificationRules[1]!, sort_order: 2 },
    ]
    expect(routeOf({}, reordered).steps.map((step) => step.code)).toEqual([
      'approval',
      'all_areas',
      'candidacy',
    ])
  })

  it('breaks a sort-order tie by rule code', () => {
    const rules = [rule('candidacy', {}, 'b', 1), rule('candidacy', {}, 'a', 1)]
    expect(routeOf({}, rules).steps.map((step) => step.code)).toEqual(['a', 'b'])
  })

  it('does not mutate the rules it is given', () => {
    const rules = [rule('candidacy', {}, 'b', 2), rule('candidacy', {}, 'a', 1)]
    routeOf({}, rules)
    expect(rules.map((r) => r.code)).toEqual(['b', 'a'])
  })
})

describe('the candidacy rule', () => {
  it('is met by a candidacy and reports its year and method', () => {
    expect(stepOf({ candidacy: { fiscalYear: 2027, method: 'nominated' } }, 'candidacy')).toEqual({
      code: 'candidacy',
      kind: 'candidacy',
      status: 'met',
      detail: { type: 'candidacy', fiscalYear: 2027, method: 'nominated' },
    })
  })

  it('is not met without a candidacy', () => {
    expect(stepOf({ candidacy: null }, 'candidacy')).toMatchObject({
      status: 'not_met',
      detail: { type: 'candidacy', fiscalYear: null, method: null },
    })
  })
})

describe('the all-areas rule', () => {
  it('is met when every leader area is completed', () => {
    expect(stepOf({}, 'all_areas')).toMatchObject({
      status: 'met',
      detail: { type: 'areas_completed', role: 'leader', missingAreaCodes: [] },
    })
  })

  it('lists the missing areas in area order', () => {
    const completedAreaCodes = allAreaCodes.filter((code) => code !== 'bpr' && code !== 'cross_org_dx')
    expect(stepOf({ completedAreaCodes: [...completedAreaCodes].reverse() }, 'all_areas')).toMatchObject({
      status: 'not_met',
      detail: { missingAreaCodes: ['bpr', 'cross_org_dx'] },
    })
  })

  it('evaluates the role named in the rule', () => {
    const rules = [rule('areas_completed', { role: 'manager' })]
    expect(stepOf({ completedAreaCodes: allAreaCodes.slice(0, 8) }, 'custom', rules).status).toBe('met')
  })

  it("follows another city's requirement matrix with no code change", () => {
    const roleRequirements: RoleRequirement[] = [
      { role_code: 'leader', area_code: 'dx_basics' },
      { role_code: 'leader', area_code: 'generative_ai' },
    ]
    const facts = { ...allDone, completedAreaCodes: ['dx_basics'] }
    const atsugi = certificationRoute(certificationRules, facts, reference).steps[1]
    const other = certificationRoute(certificationRules, facts, { ...reference, roleRequirements }).steps[1]
    expect(atsugi?.detail).toMatchObject({ missingAreaCodes: allAreaCodes.slice(1) })
    expect(other?.detail).toMatchObject({ missingAreaCodes: ['generative_ai'] })
  })
})

describe('the e-learning rule', () => {
  it('is met by the e-learning of the candidacy year', () => {
    expect(stepOf({}, 'elearning')).toMatchObject({
      status: 'met',
      detail: { type: 'training_completed', trainingKind: 'elearning', fiscalYear: 2026 },
    })
  })

  it('is not met by the e-learning of another year, and names the year needed', () => {
    expect(
      stepOf({ completedTrainings: [{ trainingKind: 'elearning', fiscalYear: 2025 }] }, 'elearning'),
    ).toMatchObject({ status: 'not_met', detail: { trainingKind: 'elearning', fiscalYear: 2026 } })
  })

  it('is not met by another kind of training in the candidacy year', () => {
    expect(
      stepOf({ completedTrainings: [{ trainingKind: 'dx_training', fiscalYear: 2026 }] }, 'elearning').status,
    ).toBe('not_met')
  })

  it('is not met without a candidacy, and says the year is unknown', () => {
    expect(stepOf({ candidacy: null }, 'elearning')).toMatchObject({
      status: 'not_met',
      detail: { trainingKind: 'elearning', fiscalYear: 'unknown' },
    })
  })

  it('accepts any year when the rule names none', () => {
    const rules = [rule('training_completed', { training_kind: 'elearning' })]
    expect(
      stepOf(
        { candidacy: null, completedTrainings: [{ trainingKind: 'elearning', fiscalYear: 2024 }] },
        'custom',
        rules,
      ),
    ).toMatchObject({ status: 'met', detail: { fiscalYear: 'any' } })
    expect(stepOf({ completedTrainings: [] }, 'custom', rules)).toMatchObject({
      status: 'not_met',
      detail: { fiscalYear: 'any' },
    })
  })

  it('asks for the year the rule names', () => {
    const rules = [rule('training_completed', { training_kind: 'elearning', fiscal_year: 2027 })]
    expect(stepOf({}, 'custom', rules)).toMatchObject({ status: 'not_met', detail: { fiscalYear: 2027 } })
    const done = { completedTrainings: [{ trainingKind: 'elearning', fiscalYear: 2027 }] }
    expect(stepOf(done, 'custom', rules).status).toBe('met')
  })
})

describe('the workshop rule', () => {
  it('is met by one workshop attended with its survey submitted', () => {
    expect(stepOf({}, 'workshop')).toMatchObject({
      status: 'met',
      detail: {
        type: 'training_attended_with_survey',
        trainingKind: 'workshop',
        needed: 1,
        counted: 1,
        attendedWithoutSurvey: [],
      },
    })
  })

  it('is not met by attendance without the survey, and lists those sessions once each', () => {
    const attendances = [
      { sessionId: 'ws-1', trainingKind: 'workshop', surveySubmitted: false },
      { sessionId: 'ws-2', trainingKind: 'workshop', surveySubmitted: false },
      { sessionId: 'ws-1', trainingKind: 'workshop', surveySubmitted: false },
    ]
    expect(stepOf({ attendances }, 'workshop')).toMatchObject({
      status: 'not_met',
      detail: { needed: 1, counted: 0, attendedWithoutSurvey: ['ws-1', 'ws-2'] },
    })
  })

  it('is not met with no attendance at all', () => {
    expect(stepOf({ attendances: [] }, 'workshop')).toMatchObject({
      status: 'not_met',
      detail: { counted: 0, attendedWithoutSurvey: [] },
    })
  })

  it('does not count another kind of training', () => {
    const attendances = [{ sessionId: 'dx-1', trainingKind: 'dx_training', surveySubmitted: true }]
    expect(stepOf({ attendances }, 'workshop')).toMatchObject({ status: 'not_met', detail: { counted: 0 } })
  })

  it('counts a session once, and not as missing a survey once the survey is in', () => {
    const attendances = [
      { sessionId: 'ws-1', trainingKind: 'workshop', surveySubmitted: false },
      { sessionId: 'ws-1', trainingKind: 'workshop', surveySubmitted: true },
      { sessionId: 'ws-1', trainingKind: 'workshop', surveySubmitted: true },
    ]
    const rules = [rule('training_attended_with_survey', { training_kind: 'workshop', min_count: 2 })]
    expect(stepOf({ attendances }, 'custom', rules)).toMatchObject({
      status: 'not_met',
      detail: { needed: 2, counted: 1, attendedWithoutSurvey: [] },
    })
  })

  it('needs the count the rule names', () => {
    const rules = [rule('training_attended_with_survey', { training_kind: 'workshop', min_count: 2 })]
    const attendances = ['ws-1', 'ws-2'].map((sessionId) => ({
      sessionId,
      trainingKind: 'workshop',
      surveySubmitted: true,
    }))
    expect(stepOf({ attendances }, 'custom', rules)).toMatchObject({ status: 'met', detail: { counted: 2 } })
  })

  it('needs one when the rule names no count', () => {
    const rules = [rule('training_attended_with_survey', { training_kind: 'workshop' })]
    expect(stepOf({}, 'custom', rules)).toMatchObject({ status: 'met', detail: { needed: 1 } })
  })
})

describe('the approval rule', () => {
  it('is not met while awaiting the division', () => {
    expect(stepOf({ approval: null }, 'approval')).toMatchObject({
      status: 'not_met',
      detail: { type: 'division_approval', approvedOn: null, fiscalYear: null, revoked: false },
    })
  })

  it('is met by the approval, which sets the fiscal year the leader counts toward', () => {
    expect(stepOf({ approval: { approvedOn: '2027-03-31' } }, 'approval')).toMatchObject({
      status: 'met',
      detail: { approvedOn: '2027-03-31', fiscalYear: 2026, revoked: false },
    })
    expect(stepOf({ approval: { approvedOn: '2027-04-01' } }, 'approval').detail).toMatchObject({
      fiscalYear: 2027,
    })
  })

  it('is not met by a revoked approval, and so does not certify', () => {
    const route = routeOf({ approval: { approvedOn: '2026-11-20', revoked: true } })
    expect(route.steps[4]).toMatchObject({ status: 'not_met', detail: { revoked: true, fiscalYear: 2026 } })
    expect(route.certified).toBe(false)
  })

  it('does not throw on an approval date that is not a calendar date', () => {
    expect(stepOf({ approval: { approvedOn: '2026-11-31' } }, 'approval')).toMatchObject({
      status: 'met',
      detail: { fiscalYear: null },
    })
  })
})

describe('a rule this version cannot evaluate', () => {
  it('reports an unknown kind as unknown instead of throwing, and blocks certification', () => {
    const rules = [...certificationRules, rule('interview_passed', {}, 'interview', 6)]
    const route = routeOf({}, rules)
    expect(route.steps[5]).toEqual({
      code: 'interview',
      kind: 'interview_passed',
      status: 'unknown',
      detail: { type: 'unknown', reason: 'unknown_kind' },
    })
    expect(route.nextStep?.code).toBe('interview')
    expect(route.certified).toBe(false)
  })

  it('does not take a property of Object.prototype for a kind', () => {
    expect(stepOf({}, 'custom', [rule('toString', {})]).detail).toEqual({
      type: 'unknown',
      reason: 'unknown_kind',
    })
  })

  it.each([
    ['candidacy', null],
    ['candidacy', 'yes'],
    ['areas_completed', {}],
    ['areas_completed', { role: 'mayor' }],
    ['areas_completed', { role: 'leader', department: 'soumu' }],
    ['training_completed', { training_kind: '' }],
    ['training_completed', { training_kind: 'elearning', fiscal_year: 'next' }],
    ['training_completed', { training_kind: 'elearning', fiscal_year: 2026.5 }],
    ['training_attended_with_survey', { training_kind: 'workshop', min_count: 0 }],
    ['training_attended_with_survey', { training_kind: 'workshop', min_count: '1' }],
    ['training_attended_with_survey', { training_kind: 'workshop', fiscal_year: 2026 }],
    ['division_approval', []],
  ])('reports %s with params %j as unknown, not a throw', (kind, params) => {
    expect(stepOf({}, 'custom', [rule(kind, params)])).toMatchObject({
      status: 'unknown',
      detail: { type: 'unknown', reason: 'invalid_params' },
    })
  })
})

describe('certificationFiscalYear', () => {
  it('counts a leader approved on 31 March 2027 toward 令和8年度 and on 1 April toward 令和9年度', () => {
    expect(certificationFiscalYear('2027-03-31')).toBe(2026)
    expect(certificationFiscalYear('2027-04-01')).toBe(2027)
  })

  it('reads an approval instant in Tokyo', () => {
    expect(certificationFiscalYear(new Date('2027-03-31T15:30:00Z'))).toBe(2027)
  })
})
