import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useAreaTrainings } from '@/composables/useAreaTrainings'
import { db, type SessionRow, type TrainingRow } from '@/data'
import { clearDatabase } from '../features/replica-fixtures'

const NOW = new Date('2026-12-01T03:00:00Z')
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

function training(n: number, overrides: Partial<TrainingRow> = {}): TrainingRow {
  return {
    id: uuid(n),
    kind: 'workshop',
    title: `研修${n}`,
    description: '',
    fiscal_year: 2026,
    delivery: 'in_person',
    survey_template_id: null,
    created_at: '2026-04-01T00:00:00+00:00',
    updated_at: '2026-04-01T00:00:00+00:00',
    ...overrides,
  }
}

function session(
  n: number,
  trainingId: string,
  startsAt: string,
  status: SessionRow['status'] = 'scheduled',
): SessionRow {
  return {
    id: uuid(100 + n),
    training_id: trainingId,
    starts_at: startsAt,
    ends_at: startsAt,
    venue: '本庁舎',
    online_url: null,
    capacity: 30,
    confirmed_count: 0,
    waitlist_count: 0,
    facilitator_id: null,
    registration_deadline: startsAt,
    status,
    created_at: '2026-04-01T00:00:00+00:00',
    updated_at: '2026-04-01T00:00:00+00:00',
  }
}

const scope = effectScope()
afterEach(() => scope.stop())

describe('useAreaTrainings', () => {
  beforeEach(async () => {
    await clearDatabase(db)
    await db.replica('training_kinds').put({
      code: 'workshop',
      sort_order: 3,
      name: 'DXワークショップ',
      name_en: 'DX workshop',
      description: '',
      schedule_note: '',
      audience_note: '',
    })
    await db.replica('trainings').bulkPut([training(1), training(2), training(3)])
    await db.replica('training_areas').bulkPut([
      { training_id: uuid(1), area_code: 'generative_ai' },
      { training_id: uuid(2), area_code: 'generative_ai' },
      { training_id: uuid(3), area_code: 'bpr' },
    ])
    await db.replica('sessions').bulkPut([
      session(1, uuid(1), '2026-11-20T01:00:00+00:00'),
      session(2, uuid(1), '2027-01-15T01:00:00+00:00'),
      session(3, uuid(1), '2026-12-10T01:00:00+00:00', 'cancelled'),
      // 09:00 in Tokyo on 5 December, written with its own offset: compared as instants, not as text.
      session(4, uuid(2), '2026-12-05T09:00:00+09:00'),
      session(5, uuid(3), '2026-12-02T01:00:00+00:00'),
    ])
  })

  it('lists the trainings covering the area with their coming, not cancelled sessions, soonest first', async () => {
    const result = scope.run(() => useAreaTrainings('generative_ai', { now: () => NOW }))!
    await vi.waitFor(() => expect(result.trainings.value).toHaveLength(2))
    const [first, second] = result.trainings.value
    expect(first!.training.title).toBe('研修2')
    expect(first!.kind?.name).toBe('DXワークショップ')
    expect(first!.upcoming.map((s) => s.id)).toEqual([uuid(104)])
    expect(second!.training.title).toBe('研修1')
    expect(second!.upcoming.map((s) => s.id)).toEqual([uuid(102)])
  })
})
