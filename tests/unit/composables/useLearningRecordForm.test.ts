import { describe, expect, it } from 'vitest'
import { fieldErrorsOf } from '@/composables/useLearningRecordForm'
import { validateArgs } from '@/data'

const NOW = new Date('2026-06-01T03:00:00Z') // 12:00 in Tokyo
const valid = {
  id: '00000000-0000-4000-8000-000000000001',
  area_code: 'bpr',
  source: 'self_study',
  title: '業務フローの見直し',
  minutes: 30,
  completed_on: '2026-06-01',
}

function errorsFor(overrides: Record<string, unknown>) {
  const result = validateArgs('record_learning', { ...valid, ...overrides }, NOW)
  return result.ok ? {} : fieldErrorsOf(result.issues)
}

describe('fieldErrorsOf', () => {
  it('finds nothing wrong with a valid record', () => {
    expect(errorsFor({})).toEqual({})
  })

  it.each([
    ['an empty title', { title: '' }, { title: 'title_required' }],
    ['a title of spaces only', { title: '   ' }, { title: 'title_required' }],
    ['a 201-character title', { title: 'あ'.repeat(201) }, { title: 'title_too_long' }],
    ['0 minutes', { minutes: 0 }, { minutes: 'minutes_range' }],
    ['1441 minutes', { minutes: 1441 }, { minutes: 'minutes_range' }],
    ['no minutes', { minutes: null }, { minutes: 'minutes_range' }],
    ['1.5 minutes', { minutes: 1.5 }, { minutes: 'minutes_range' }],
    ['tomorrow in Tokyo', { completed_on: '2026-06-02' }, { completed_on: 'date_future' }],
    ['a date before 2000', { completed_on: '1999-12-31' }, { completed_on: 'date_too_old' }],
    ['an empty date', { completed_on: '' }, { completed_on: 'date_required' }],
    ['a 2001-character note', { note: 'x'.repeat(2001) }, { note: 'note_too_long' }],
    ['an unknown source', { source: 'magic' }, { source: 'source_invalid' }],
    ['a title pasted with U+0000', { title: '研修\u0000' }, { title: 'title_unstorable' }],
    ['a title ending in half an emoji', { title: '研修\ud83d' }, { title: 'title_unstorable' }],
    ['a note with an escape character', { note: '\u001b[0m' }, { note: 'note_unstorable' }],
  ])('names the field for %s', (_name, overrides, expected) => {
    expect(errorsFor(overrides)).toEqual(expected)
  })

  it('takes the limits themselves: 200 characters, 1 and 1440 minutes, today, 2000 characters of note', () => {
    expect(errorsFor({ title: 'あ'.repeat(200), minutes: 1 })).toEqual({})
    expect(errorsFor({ minutes: 1440, completed_on: '2026-06-01', note: 'x'.repeat(2000) })).toEqual({})
  })

  it('reports one message per field and a general one for what belongs to no field', () => {
    expect(
      fieldErrorsOf([
        { path: 'title', code: 'DXP014', message: '' },
        { path: 'title', code: 'DXP015', message: '' },
        { path: 'id', code: 'DXP013', message: '' },
      ]),
    ).toEqual({ title: 'title_too_long', form: 'general' })
  })
})
