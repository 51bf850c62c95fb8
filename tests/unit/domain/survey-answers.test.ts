import { describe, expect, it } from 'vitest'
import {
  answersToSubmit,
  characterCount,
  hasAnyAnswer,
  parseSurveyQuestions,
  validateSurveyAnswers,
  type SurveyAnswers,
} from '@/domain'

// The template JSON as the replica holds it (cf. the seeded standard template).
const RAW = [
  {
    key: 'satisfaction',
    type: 'likert_5',
    required: true,
    label: '満足度',
    min_label: '不満',
    max_label: '満足',
  },
  { key: 'recommendation', type: 'scale_0_10', required: true, label: '勧める可能性' },
  {
    key: 'format',
    type: 'single_choice',
    required: false,
    label: '形式',
    options: [
      { value: 'in_person', label: '対面' },
      { value: 'online', label: 'オンライン' },
    ],
  },
  { key: 'self_assessment', type: 'area_self_assessment', required: true, label: '理解度' },
  { key: 'good_points', type: 'free_text', required: false, max_length: 5, label: '良かった点' },
  { key: 'later', type: 'ranking', required: true, label: 'a type this client does not know' },
]
const QUESTIONS = parseSurveyQuestions(RAW)
const AREAS = ['bpr', 'online_procedures']

const complete: SurveyAnswers = {
  satisfaction: 4,
  recommendation: 0,
  self_assessment: { bpr: { before: 1, after: 3 }, online_procedures: { before: 2, after: 2 } },
}

describe('parseSurveyQuestions', () => {
  it('types every known question, keeps scale ends and options, and leaves out unknown types', () => {
    expect(QUESTIONS.map((q) => [q.key, q.type, q.required])).toEqual([
      ['satisfaction', 'likert_5', true],
      ['recommendation', 'scale_0_10', true],
      ['format', 'single_choice', false],
      ['self_assessment', 'area_self_assessment', true],
      ['good_points', 'free_text', false],
    ])
    expect(QUESTIONS[0]).toMatchObject({ minLabel: '不満', maxLabel: '満足' })
    expect(QUESTIONS[1]).toMatchObject({ minLabel: null, maxLabel: null })
    expect(QUESTIONS[2]).toMatchObject({ options: [{ value: 'in_person' }, { value: 'online' }] })
    expect(QUESTIONS[4]).toMatchObject({ maxLength: 5 })
  })
})

describe('validateSurveyAnswers', () => {
  it('accepts complete answers, with optional questions left blank', () => {
    expect(validateSurveyAnswers(QUESTIONS, AREAS, complete)).toEqual([])
    expect(
      validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, good_points: '   ', format: null }),
    ).toEqual([])
  })

  it('names every required question left unanswered, in question order', () => {
    expect(validateSurveyAnswers(QUESTIONS, AREAS, {})).toEqual([
      { key: 'satisfaction', kind: 'required' },
      { key: 'recommendation', kind: 'required' },
      { key: 'self_assessment', kind: 'required' },
    ])
    // A self-assessment with nothing chosen is unanswered, not malformed.
    expect(validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, self_assessment: { bpr: {} } })).toEqual([
      { key: 'self_assessment', kind: 'required' },
    ])
  })

  it.each([
    ['a Likert answer of 0', { satisfaction: 0 }],
    ['a Likert answer of 6', { satisfaction: 6 }],
    ['a Likert answer of 2.5', { satisfaction: 2.5 }],
    ['a Likert answer as text', { satisfaction: '4' }],
    ['a 0–10 answer of 11', { recommendation: 11 }],
    ['a 0–10 answer of -1', { recommendation: -1 }],
    ['an option the question does not offer', { format: 'either' }],
    ['a number for a choice', { format: 1 }],
    ['a number for free text', { good_points: 3 }],
    [
      'an area the training does not cover',
      { self_assessment: { ...(complete.self_assessment as object), ai: { before: 1, after: 1 } } },
    ],
    [
      'a rating of 6',
      { self_assessment: { bpr: { before: 1, after: 6 }, online_procedures: { before: 2, after: 2 } } },
    ],
    [
      'a rating with another key',
      {
        self_assessment: {
          bpr: { before: 1, after: 2, during: 3 },
          online_procedures: { before: 2, after: 2 },
        },
      },
    ],
  ] as [string, SurveyAnswers][])('refuses %s as invalid', (_name, change) => {
    const issues = validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, ...change })
    expect(issues).toEqual([{ key: Object.keys(change)[0], kind: 'invalid' }])
  })

  it('says a self-assessment is incomplete when an area or one of before/after is missing', () => {
    expect(
      validateSurveyAnswers(QUESTIONS, AREAS, {
        ...complete,
        self_assessment: { bpr: { before: 1, after: 2 } },
      }),
    ).toEqual([{ key: 'self_assessment', kind: 'incomplete' }])
    expect(
      validateSurveyAnswers(QUESTIONS, AREAS, {
        ...complete,
        self_assessment: { bpr: { before: 1 }, online_procedures: { before: 2, after: 2 } },
      }),
    ).toEqual([{ key: 'self_assessment', kind: 'incomplete' }])
  })

  it('counts free text by characters as Postgres does, so an emoji is one', () => {
    expect(characterCount('😀😀😀😀😀')).toBe(5)
    expect(validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, good_points: '😀😀😀😀😀' })).toEqual([])
    expect(validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, good_points: '良かった点は' })).toEqual([
      { key: 'good_points', kind: 'too_long' },
    ])
  })

  it('refuses free text the server could not store: U+0000, another control character, a lone surrogate', () => {
    for (const text of ['よい\u0000', '\u001bよい', 'よい\ud83d']) {
      expect(validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, good_points: text }), text).toEqual([
        { key: 'good_points', kind: 'unstorable' },
      ])
    }
    expect(validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, good_points: 'よ\n\t😀' })).toEqual([])
  })

  it('refuses an answer to a question the template does not have', () => {
    expect(validateSurveyAnswers(QUESTIONS, AREAS, { ...complete, employee_id: 'x' })).toEqual([
      { key: 'employee_id', kind: 'unknown_question' },
    ])
  })

  it('asks no self-assessment on a training that covers no area', () => {
    expect(validateSurveyAnswers(QUESTIONS, [], { satisfaction: 4, recommendation: 0 })).toEqual([])
  })
})

describe('answersToSubmit', () => {
  it('leaves out blank optional answers and keeps the rest as given', () => {
    expect(
      answersToSubmit(QUESTIONS, AREAS, { ...complete, good_points: ' ', format: null, stray: 1 }),
    ).toEqual(complete)
    expect(answersToSubmit(QUESTIONS, AREAS, { ...complete, good_points: ' よい ' })).toEqual({
      ...complete,
      good_points: ' よい ',
    })
  })

  it('sends an empty self-assessment for a training that covers no area, as the server expects', () => {
    expect(answersToSubmit(QUESTIONS, [], { satisfaction: 4, recommendation: 0 })).toEqual({
      satisfaction: 4,
      recommendation: 0,
      self_assessment: {},
    })
  })
})

describe('hasAnyAnswer', () => {
  it('is false for an empty form or blanks only, true once one question is answered', () => {
    expect(hasAnyAnswer(QUESTIONS, {})).toBe(false)
    expect(hasAnyAnswer(QUESTIONS, { good_points: '  ', self_assessment: { bpr: {} } })).toBe(false)
    expect(hasAnyAnswer(QUESTIONS, { self_assessment: { bpr: { before: 2 } } })).toBe(true)
    expect(hasAnyAnswer(QUESTIONS, { recommendation: 0 })).toBe(true)
  })
})
