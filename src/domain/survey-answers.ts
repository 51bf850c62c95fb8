/**
 * Survey questions and answers (効果測定アンケート) as the rules of record define them
 * (private.survey_questions_valid and private.check_survey_answers in supabase/migrations): a
 * template's typed questions, and whether a set of answers would be accepted. The client checks
 * first so that bad input gets a clear message and nothing is queued; the server checks again.
 */
import { isStorableText } from './storable-text'
import type { KnowledgeAreaCode } from './types'

export type SurveyQuestionType =
  'likert_5' | 'scale_0_10' | 'single_choice' | 'free_text' | 'area_self_assessment'

interface QuestionBase {
  key: string
  label: string
  required: boolean
}

/** Questions rated on a scale carry optional words for its two ends (不満 … 満足). */
interface ScaleEnds {
  minLabel: string | null
  maxLabel: string | null
}

export type SurveyQuestion =
  | (QuestionBase & ScaleEnds & { type: 'likert_5' })
  | (QuestionBase & ScaleEnds & { type: 'scale_0_10' })
  | (QuestionBase & { type: 'single_choice'; options: { value: string; label: string }[] })
  | (QuestionBase & { type: 'free_text'; maxLength: number })
  | (QuestionBase & ScaleEnds & { type: 'area_self_assessment' })

/** Before/after self-assessment of one area; a draft may hold only one of the two. */
export interface AreaRating {
  before?: number
  after?: number
}

/** One answer as the form holds it; `null` or absent = unanswered. */
export type SurveyAnswer = number | string | Record<KnowledgeAreaCode, AreaRating> | null

/** Answers keyed by question key, as the form holds them (drafts included). */
export type SurveyAnswers = Record<string, SurveyAnswer>

export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const
export const SCALE_0_10_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const
export const SELF_ASSESSMENT_VALUES = [1, 2, 3, 4, 5] as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * The typed questions of a template's `questions` JSON. The server refuses malformed templates,
 * so an entry this client cannot read (a type added later) is left out rather than failed on.
 */
export function parseSurveyQuestions(raw: readonly unknown[]): SurveyQuestion[] {
  const questions: SurveyQuestion[] = []
  for (const item of raw) {
    if (!isRecord(item) || typeof item.key !== 'string' || typeof item.label !== 'string') continue
    const base: QuestionBase = { key: item.key, label: item.label, required: item.required === true }
    const ends: ScaleEnds = { minLabel: text(item.min_label), maxLabel: text(item.max_label) }
    switch (item.type) {
      case 'likert_5':
      case 'scale_0_10':
      case 'area_self_assessment':
        questions.push({ ...base, ...ends, type: item.type })
        break
      case 'single_choice': {
        const options = Array.isArray(item.options)
          ? item.options.flatMap((o) =>
              isRecord(o) && typeof o.value === 'string' && typeof o.label === 'string'
                ? [{ value: o.value, label: o.label }]
                : [],
            )
          : []
        questions.push({ ...base, type: 'single_choice', options })
        break
      }
      case 'free_text':
        if (typeof item.max_length === 'number') {
          questions.push({ ...base, type: 'free_text', maxLength: item.max_length })
        }
        break
    }
  }
  return questions
}

/** Characters as Postgres's char_length counts them (code points, not UTF-16 units). */
export function characterCount(value: string): number {
  return [...value].length
}

/** Unanswered as the server reads it: absent, null, or text that is only blanks. */
function isBlank(answer: SurveyAnswer | undefined): boolean {
  return answer === undefined || answer === null || (typeof answer === 'string' && answer.trim() === '')
}

/** An area question with nothing chosen at all counts as unanswered, so a required one says so. */
function isUnanswered(question: SurveyQuestion, answer: SurveyAnswer | undefined): boolean {
  if (isBlank(answer)) return true
  if (question.type !== 'area_self_assessment' || !isRecord(answer)) return false
  return Object.values(answer).every(
    (rating) => !isRecord(rating) || (rating.before === undefined && rating.after === undefined),
  )
}

export type SurveyIssueKind =
  /** A required question has no answer. */
  | 'required'
  /** Not one of the allowed values (or the wrong type). */
  | 'invalid'
  /** Free text over its `maxLength`. */
  | 'too_long'
  /** Free text with a character that cannot be stored (a control character, a broken emoji). */
  | 'unstorable'
  /** A self-assessment missing `before` or `after` (or a whole area). */
  | 'incomplete'
  /** An answer to a question the template does not have. */
  | 'unknown_question'

export interface SurveyIssue {
  key: string
  kind: SurveyIssueKind
}

const isIntegerIn = (value: unknown, allowed: readonly number[]): boolean =>
  typeof value === 'number' && Number.isInteger(value) && allowed.includes(value)

function issueOf(
  question: SurveyQuestion,
  answer: Exclude<SurveyAnswer, null>,
  areas: readonly KnowledgeAreaCode[],
): SurveyIssueKind | null {
  switch (question.type) {
    case 'likert_5':
      return isIntegerIn(answer, LIKERT_VALUES) ? null : 'invalid'
    case 'scale_0_10':
      return isIntegerIn(answer, SCALE_0_10_VALUES) ? null : 'invalid'
    case 'single_choice':
      return typeof answer === 'string' && question.options.some((o) => o.value === answer) ? null : 'invalid'
    case 'free_text':
      if (typeof answer !== 'string') return 'invalid'
      if (!isStorableText(answer)) return 'unstorable'
      return characterCount(answer) > question.maxLength ? 'too_long' : null
    case 'area_self_assessment': {
      if (!isRecord(answer)) return 'invalid'
      // Exactly the training's covered areas: one left out is incomplete, one too many is invalid.
      if (Object.keys(answer).some((area) => !areas.includes(area))) return 'invalid'
      for (const area of areas) {
        const rating: unknown = answer[area]
        if (!isRecord(rating)) return 'incomplete'
        if (Object.keys(rating).some((k) => k !== 'before' && k !== 'after')) return 'invalid'
        if (rating.before === undefined || rating.after === undefined) return 'incomplete'
        if (
          !isIntegerIn(rating.before, SELF_ASSESSMENT_VALUES) ||
          !isIntegerIn(rating.after, SELF_ASSESSMENT_VALUES)
        )
          return 'invalid'
      }
      return null
    }
  }
}

/**
 * What the server would refuse in these answers, one issue per question at most, in question order
 * (then answers to unknown questions). `areas` are the training's covered areas, which a
 * self-assessment must rate exactly. No issues: `answersToSubmit` may be queued.
 */
export function validateSurveyAnswers(
  questions: readonly SurveyQuestion[],
  areas: readonly KnowledgeAreaCode[],
  answers: Readonly<SurveyAnswers>,
): SurveyIssue[] {
  const issues: SurveyIssue[] = []
  for (const question of questions) {
    const answer = answers[question.key]
    // A training that covers no area has nothing to rate: the answer sent is `{}`.
    if (question.type === 'area_self_assessment' && areas.length === 0) continue
    if (isUnanswered(question, answer)) {
      if (question.required) issues.push({ key: question.key, kind: 'required' })
      continue
    }
    const kind = issueOf(question, answer as Exclude<SurveyAnswer, null>, areas)
    if (kind) issues.push({ key: question.key, kind })
  }
  const known = new Set(questions.map((q) => q.key))
  for (const key of Object.keys(answers)) {
    if (!known.has(key) && !isBlank(answers[key])) issues.push({ key, kind: 'unknown_question' })
  }
  return issues
}

/** An answer as sent to the server, once validated. */
export type SubmittedAnswer = number | string | Record<KnowledgeAreaCode, { before: number; after: number }>

/**
 * The answers as sent: unanswered optional questions left out, so blanks never reach the server;
 * a self-assessment on a training that covers no area is `{}` (what the server expects of it).
 */
export function answersToSubmit(
  questions: readonly SurveyQuestion[],
  areas: readonly KnowledgeAreaCode[],
  answers: Readonly<SurveyAnswers>,
): Record<string, SubmittedAnswer> {
  const out: Record<string, SubmittedAnswer> = {}
  for (const question of questions) {
    if (question.type === 'area_self_assessment' && areas.length === 0) {
      out[question.key] = {}
      continue
    }
    const answer = answers[question.key]
    if (answer === undefined || answer === null || isUnanswered(question, answer)) continue
    out[question.key] = answer as SubmittedAnswer
  }
  return out
}

/** True once anything has been answered (a draft worth keeping, a form not to reload over). */
export function hasAnyAnswer(
  questions: readonly SurveyQuestion[],
  answers: Readonly<SurveyAnswers>,
): boolean {
  return questions.some((question) => !isUnanswered(question, answers[question.key]))
}
