import * as v from 'valibot'
import { fiscalYearOf, isIsoDate } from './fiscal-year'
import { requiredAreas } from './requirements'
import type {
  CandidacyMethod,
  CertificationRule,
  DxRoleCode,
  FiscalYear,
  IsoDate,
  KnowledgeAreaCode,
  LeaderCandidacy,
  PlanReference,
  TrainingKindCode,
} from './types'

export interface CertificationFacts {
  candidacy: LeaderCandidacy | null
  /**
   * The DX division returned (差し戻した) this candidacy and has said nothing since: the candidacy
   * stays on record, but the step is not shown as met until the division takes it up again.
   */
  candidacyReturned?: { reason: string; decidedAt: string } | null
  completedAreaCodes: readonly KnowledgeAreaCode[]
  completedTrainings: readonly { trainingKind: TrainingKindCode; fiscalYear: FiscalYear }[]
  attendances: readonly { sessionId: string; trainingKind: TrainingKindCode; surveySubmitted: boolean }[]
  /** The fiscal year is derived from approvedOn, so it cannot disagree with it. */
  approval: { approvedOn: IsoDate; revoked?: boolean } | null
}

export type StepStatus = 'met' | 'not_met' | 'unknown'

/** What a step needs or has, as data: the wording lives in i18n. */
export type StepDetail =
  | {
      type: 'candidacy'
      fiscalYear: FiscalYear | null
      method: CandidacyMethod | null
      /** Set when the division's latest decision returned the candidacy. */
      returned?: { reason: string; decidedAt: string }
    }
  | { type: 'areas_completed'; role: DxRoleCode; missingAreaCodes: KnowledgeAreaCode[] }
  | {
      type: 'training_completed'
      trainingKind: TrainingKindCode
      /** 'unknown' when the rule asks for the candidacy year and there is no candidacy. */
      fiscalYear: FiscalYear | 'any' | 'unknown'
    }
  | {
      type: 'training_attended_with_survey'
      trainingKind: TrainingKindCode
      needed: number
      counted: number
      attendedWithoutSurvey: string[]
    }
  | { type: 'division_approval'; approvedOn: IsoDate | null; fiscalYear: FiscalYear | null; revoked: boolean }
  /** The rule's kind or params are not understood by this version of the app. */
  | { type: 'unknown'; reason: 'unknown_kind' | 'invalid_params' }

export interface RouteStep {
  code: string
  kind: string
  status: StepStatus
  detail: StepDetail
}

export interface CertificationRoute {
  steps: RouteStep[]
  /** The first step that is not met (not_met or unknown); null when all are met. */
  nextStep: RouteStep | null
  /** Every step met. False with no rules at all, so an unsynced device never shows a false certification. */
  certified: boolean
}

type Reference = Pick<PlanReference, 'knowledgeAreas' | 'roleRequirements'>
type Evaluation = Pick<RouteStep, 'status' | 'detail'>
type Evaluator = (params: unknown, facts: CertificationFacts, reference: Reference) => Evaluation | null

const met = (ok: boolean): StepStatus => (ok ? 'met' : 'not_met')

// Strict objects: a parameter this version does not know could narrow the rule, so it is not guessed at.
function kind<S extends v.GenericSchema>(
  schema: S,
  evaluate: (params: v.InferOutput<S>, facts: CertificationFacts, reference: Reference) => Evaluation,
): Evaluator {
  return (params, facts, reference) => {
    // Valibot's object schemas accept arrays (jsonb '[]'), which are no valid params.
    const parsed = v.safeParse(schema, params)
    return parsed.success && !Array.isArray(params) ? evaluate(parsed.output, facts, reference) : null
  }
}

function requiredFiscalYear(
  param: 'candidacy' | FiscalYear | undefined,
  candidacy: LeaderCandidacy | null,
): FiscalYear | 'any' | 'unknown' {
  if (param === undefined) return 'any'
  if (param === 'candidacy') return candidacy?.fiscalYear ?? 'unknown'
  return param
}

const trainingKind = v.pipe(v.string(), v.nonEmpty())
const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1))

const evaluators = new Map<string, Evaluator>([
  [
    'candidacy',
    kind(v.strictObject({}), (_params, { candidacy, candidacyReturned }) => ({
      status: met(candidacy !== null && !candidacyReturned),
      detail: {
        type: 'candidacy',
        fiscalYear: candidacy?.fiscalYear ?? null,
        method: candidacy?.method ?? null,
        ...(candidacy && candidacyReturned ? { returned: candidacyReturned } : {}),
      },
    })),
  ],
  [
    'areas_completed',
    kind(
      v.strictObject({ role: v.picklist(['leader', 'manager', 'promoter']) }),
      ({ role }, facts, reference) => {
        const missingAreaCodes = requiredAreas([role], reference)
          .map((area) => area.code)
          .filter((code) => !facts.completedAreaCodes.includes(code))
        return {
          status: met(missingAreaCodes.length === 0),
          detail: { type: 'areas_completed', role, missingAreaCodes },
        }
      },
    ),
  ],
  [
    'training_completed',
    kind(
      v.strictObject({
        training_kind: trainingKind,
        fiscal_year: v.optional(v.union([v.literal('candidacy'), positiveInteger])),
      }),
      ({ training_kind, fiscal_year }, facts) => {
        const fiscalYear = requiredFiscalYear(fiscal_year, facts.candidacy)
        // An 'unknown' year (no candidacy) matches no training, so the step stays not met.
        const done = facts.completedTrainings.some(
          (training) =>
            training.trainingKind === training_kind &&
            (fiscalYear === 'any' || training.fiscalYear === fiscalYear),
        )
        return {
          status: met(done),
          detail: { type: 'training_completed', trainingKind: training_kind, fiscalYear },
        }
      },
    ),
  ],
  [
    'training_attended_with_survey',
    kind(
      v.strictObject({ training_kind: trainingKind, min_count: v.optional(positiveInteger, 1) }),
      ({ training_kind, min_count }, facts) => {
        const attended = facts.attendances.filter((attendance) => attendance.trainingKind === training_kind)
        const surveyed = new Set(attended.filter((a) => a.surveySubmitted).map((a) => a.sessionId))
        const attendedWithoutSurvey = [...new Set(attended.map((a) => a.sessionId))].filter(
          (id) => !surveyed.has(id),
        )
        return {
          status: met(surveyed.size >= min_count),
          detail: {
            type: 'training_attended_with_survey',
            trainingKind: training_kind,
            needed: min_count,
            counted: surveyed.size,
            attendedWithoutSurvey,
          },
        }
      },
    ),
  ],
  [
    'division_approval',
    kind(v.strictObject({}), (_params, { approval }) => {
      const revoked = approval?.revoked === true
      const approvedOn = approval?.approvedOn ?? null
      return {
        status: met(approval !== null && !revoked),
        detail: {
          type: 'division_approval',
          approvedOn,
          fiscalYear:
            approvedOn !== null && isIsoDate(approvedOn) ? certificationFiscalYear(approvedOn) : null,
          revoked,
        },
      }
    }),
  ],
])

/** The fiscal year a certified leader counts toward: the one in which the DX division approved them. */
export function certificationFiscalYear(approvedOn: IsoDate | Date): FiscalYear {
  return fiscalYearOf(approvedOn)
}

/**
 * The employee's route to certification: one step per rule, in the data's sort order. A rule this
 * version cannot evaluate (unknown kind, malformed params) becomes an 'unknown' step, never an error.
 */
export function certificationRoute(
  rules: readonly CertificationRule[],
  facts: CertificationFacts,
  reference: Reference,
): CertificationRoute {
  const steps = [...rules]
    .sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code))
    .map((rule): RouteStep => {
      const evaluate = evaluators.get(rule.kind)
      const evaluation: Evaluation = evaluate
        ? (evaluate(rule.params, facts, reference) ?? {
            status: 'unknown',
            detail: { type: 'unknown', reason: 'invalid_params' },
          })
        : { status: 'unknown', detail: { type: 'unknown', reason: 'unknown_kind' } }
      return { code: rule.code, kind: rule.kind, ...evaluation }
    })
  const nextStep = steps.find((step) => step.status !== 'met') ?? null
  return { steps, nextStep, certified: steps.length > 0 && nextStep === null }
}
