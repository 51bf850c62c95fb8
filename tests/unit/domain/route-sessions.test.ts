import { describe, expect, it } from 'vitest'
import { certificationRoute } from '@/domain'
import {
  certificationFactsOf,
  divisionDecisionOf,
  latestDecisionOf,
  proposeSessions,
  returnedCandidacyOf,
  type RouteRows,
  type SessionLike,
} from '@/domain/route-sessions'
import { allAreaCodes, certificationRules, reference } from './atsugi-plan'

const now = new Date('2026-11-25T09:00:00+09:00')

const trainings = [
  { id: 't-el', kind: 'elearning', fiscal_year: 2026, title: 'デジタル人材育成研修（令和8年度）' },
  { id: 't-ws', kind: 'workshop', fiscal_year: 2026, title: '生成AI活用ワークショップ' },
  { id: 't-gov', kind: 'dx_training', fiscal_year: 2026, title: 'ITガバナンス・システム調達研修' },
  { id: 't-cross', kind: 'workshop', fiscal_year: 2026, title: '全庁横断DXワークショップ' },
]
const trainingAreas = [
  { training_id: 't-ws', area_code: 'generative_ai' },
  { training_id: 't-gov', area_code: 'it_governance' },
  { training_id: 't-gov', area_code: 'system_management' },
  { training_id: 't-cross', area_code: 'cross_org_dx' },
  { training_id: 't-cross', area_code: 'dx_basics' },
]
const session = (
  id: string,
  trainingId: string,
  day: string,
  extra: Partial<SessionLike> = {},
): SessionLike => ({
  id,
  training_id: trainingId,
  starts_at: `${day}T10:00:00+09:00`,
  registration_deadline: `${day}T00:00:00+09:00`,
  status: 'scheduled',
  ...extra,
})

const candidateRows: RouteRows = {
  profile: { leader_candidacy_fy: 2026, leader_candidacy_method: 'volunteered' },
  learningRecords: allAreaCodes.slice(0, 6).map((area_code) => ({ area_code })),
  registrations: [
    { session_id: 's-el', status: 'confirmed' },
    { session_id: 's-ws-past', status: 'attended' },
  ],
  sessions: [
    session('s-el', 't-el', '2026-06-01', { status: 'closed' }),
    session('s-ws-past', 't-ws', '2026-06-29', { status: 'closed' }),
  ],
  trainings,
  surveySubmissions: [{ session_id: 's-ws-past' }],
  certifications: [],
}

describe('certificationFactsOf', () => {
  it("gives the leader candidate's route: three areas, the e-learning and the approval missing", () => {
    const route = certificationRoute(certificationRules, certificationFactsOf(candidateRows), reference)
    expect(route.steps.map((step) => [step.code, step.status])).toEqual([
      ['candidacy', 'met'],
      ['all_areas', 'not_met'],
      ['elearning', 'not_met'],
      ['workshop', 'met'],
      ['approval', 'not_met'],
    ])
    expect(route.steps[1]?.detail).toMatchObject({
      missingAreaCodes: ['it_governance', 'system_management', 'cross_org_dx'],
    })
  })

  it('counts only attended registrations, and a workshop only with its survey', () => {
    const facts = certificationFactsOf({
      ...candidateRows,
      registrations: [
        { session_id: 's-el', status: 'attended' },
        { session_id: 's-ws-past', status: 'attended' },
      ],
      surveySubmissions: [],
    })
    expect(facts.completedTrainings).toEqual([
      { trainingKind: 'elearning', fiscalYear: 2026 },
      { trainingKind: 'workshop', fiscalYear: 2026 },
    ])
    expect(facts.attendances).toEqual([
      { sessionId: 's-el', trainingKind: 'elearning', surveySubmitted: false },
      { sessionId: 's-ws-past', trainingKind: 'workshop', surveySubmitted: false },
    ])
    const noShow = certificationFactsOf({
      ...candidateRows,
      registrations: [{ session_id: 's-ws-past', status: 'no_show' }],
    })
    expect(noShow.attendances).toEqual([])
  })

  it('has no candidacy without a candidacy year, and approval from an active certification', () => {
    const facts = certificationFactsOf({
      ...candidateRows,
      profile: { leader_candidacy_fy: null, leader_candidacy_method: null },
      certifications: [
        { fiscal_year: 2026, approved_at: '2026-11-20T06:00:00Z', revoked_at: null, revoked_reason: null },
      ],
    })
    expect(facts.candidacy).toBeNull()
    expect(facts.approval).toEqual({ approvedOn: '2026-11-20', revoked: false })
  })
})

describe('a returned candidacy', () => {
  const acknowledged = {
    decision: 'acknowledged' as const,
    fiscal_year: 2026,
    reason: null,
    decided_at: '2026-10-01T01:00:00Z',
  }
  const returned = {
    decision: 'returned' as const,
    fiscal_year: 2026,
    reason: '情報セキュリティの研修を先に修了してください',
    decided_at: '2026-11-20T01:00:00Z',
  }
  const stepOf = (rows: RouteRows) =>
    certificationRoute(certificationRules, certificationFactsOf(rows), reference).steps[0]

  it('is not shown as a met candidacy while the return is the division’s latest word, and carries the reason', () => {
    expect(stepOf({ ...candidateRows, decisions: [returned, acknowledged] })).toEqual({
      code: 'candidacy',
      kind: 'candidacy',
      status: 'not_met',
      detail: {
        type: 'candidacy',
        fiscalYear: 2026,
        method: 'volunteered',
        returned: {
          reason: '情報セキュリティの研修を先に修了してください',
          decidedAt: '2026-11-20T01:00:00Z',
        },
      },
    })
  })

  it('is superseded by a later decision, and concerns only the candidacy year it returned', () => {
    const later = { ...acknowledged, decision: 'nominated' as const, decided_at: '2026-12-01T01:00:00Z' }
    expect(stepOf({ ...candidateRows, decisions: [returned, later] })?.status).toBe('met')
    const newYear = {
      ...candidateRows,
      profile: { leader_candidacy_fy: 2027, leader_candidacy_method: 'volunteered' as const },
    }
    expect(stepOf({ ...newYear, decisions: [returned] })?.status).toBe('met')
    expect(stepOf({ ...candidateRows, decisions: [acknowledged] })?.status).toBe('met')
  })

  it('finds the latest decision by when it was made, whatever the order of the rows', () => {
    expect(latestDecisionOf([returned, acknowledged])).toBe(returned)
    expect(latestDecisionOf([acknowledged, returned])).toBe(returned)
    expect(latestDecisionOf([])).toBeNull()
    expect(returnedCandidacyOf(candidateRows.profile, [acknowledged])).toBeNull()
  })
})

describe('divisionDecisionOf', () => {
  const approved = {
    fiscal_year: 2026,
    approved_at: '2026-10-01T06:00:00Z',
    revoked_at: null,
    revoked_reason: null,
  }
  const revoked = {
    fiscal_year: 2026,
    approved_at: '2026-11-01T06:00:00Z',
    revoked_at: '2026-11-10T06:00:00Z',
    revoked_reason: '要件の確認誤り',
  }

  it('waits when there is no certification', () => {
    expect(divisionDecisionOf([])).toEqual({ state: 'waiting' })
  })

  it('prefers an active certification over a later revoked one', () => {
    expect(divisionDecisionOf([revoked, approved])).toEqual({
      state: 'approved',
      approvedAt: approved.approved_at,
      fiscalYear: 2026,
    })
  })

  it('tells a revocation with its reason', () => {
    expect(divisionDecisionOf([revoked])).toEqual({
      state: 'revoked',
      approvedAt: revoked.approved_at,
      revokedAt: revoked.revoked_at,
      reason: '要件の確認誤り',
    })
  })
})

describe('proposeSessions', () => {
  const needs = { areaCodes: ['it_governance', 'system_management', 'cross_org_dx'], trainingKinds: [] }
  const propose = (sessions: SessionLike[], extra: Partial<Parameters<typeof proposeSessions>[0]> = {}) =>
    proposeSessions({ needs, sessions, trainings, trainingAreas, now, ...extra })

  it('picks the earliest open session for each missing area, once each, by date', () => {
    const proposed = propose([
      session('gov-late', 't-gov', '2027-02-10'),
      session('cross', 't-cross', '2027-01-15'),
      session('gov-early', 't-gov', '2026-12-10'),
      session('ws', 't-ws', '2026-12-01'),
    ])
    expect(proposed.map((p) => [p.sessionId, p.closesAreaCodes])).toEqual([
      ['gov-early', ['it_governance', 'system_management']],
      ['cross', ['cross_org_dx']],
    ])
    expect(proposed[0]).toMatchObject({
      title: 'ITガバナンス・システム調達研修',
      startsAt: '2026-12-10T10:00:00+09:00',
    })
  })

  it('skips sessions cancelled, closed, past, or past their deadline', () => {
    const proposed = propose([
      session('cancelled', 't-gov', '2026-12-01', { status: 'cancelled' }),
      session('closed', 't-gov', '2026-12-02', { status: 'closed' }),
      session('past', 't-gov', '2026-11-20'),
      session('deadline', 't-gov', '2026-12-03', { registration_deadline: '2026-11-24T17:00:00+09:00' }),
      session('open', 't-gov', '2026-12-20'),
    ])
    expect(proposed.map((p) => p.sessionId)).toEqual(['open'])
  })

  it('keeps a session already applied for even after its deadline, and says so', () => {
    const proposed = propose(
      [session('applied', 't-gov', '2026-12-03', { registration_deadline: '2026-11-24T17:00:00+09:00' })],
      {
        registrations: [{ session_id: 'applied', status: 'waitlisted' }],
      },
    )
    expect(proposed.map((p) => [p.sessionId, p.registration])).toEqual([['applied', 'waitlisted']])
  })

  it('proposes the earliest workshop when a step needs one attended', () => {
    const proposed = proposeSessions({
      needs: { areaCodes: [], trainingKinds: ['workshop'] },
      sessions: [
        session('gov', 't-gov', '2026-12-01'),
        session('cross', 't-cross', '2027-01-15'),
        session('ws', 't-ws', '2026-12-20'),
      ],
      trainings,
      trainingAreas,
      now,
    })
    expect(proposed.map((p) => [p.sessionId, p.meetsTrainingKind])).toEqual([['ws', true]])
  })

  it('proposes nothing when nothing is missing', () => {
    expect(
      proposeSessions({
        needs: { areaCodes: [], trainingKinds: [] },
        sessions: [session('gov', 't-gov', '2026-12-01')],
        trainings,
        trainingAreas,
        now,
      }),
    ).toEqual([])
  })
})
