// 担当セッション's groups (src/composables/useFacilitatorSessions.ts): only the sessions the signed-in
// person runs, open for check-in first, then upcoming by start, then past newest first.
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useFacilitatorSessions } from '@/composables/useFacilitatorSessions'
import { db, type SessionRow } from '@/data'
import { useAuthStore } from '@/stores/auth'

const ME = '11111111-1111-4111-8111-111111111111'
const SOMEONE_ELSE = '22222222-2222-4222-8222-222222222222'
const NOW = new Date('2026-12-01T10:00:00+09:00')
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

function session(
  n: number,
  startsAt: string,
  facilitatorId = ME,
  status: SessionRow['status'] = 'scheduled',
): SessionRow {
  const start = Date.parse(startsAt)
  return {
    id: id(n),
    training_id: id(1000),
    starts_at: startsAt,
    ends_at: new Date(start + 3 * 3_600_000).toISOString(),
    venue: '本庁舎 3階 研修室',
    online_url: null,
    capacity: 30,
    confirmed_count: 0,
    waitlist_count: 0,
    facilitator_id: facilitatorId,
    registration_deadline: new Date(start - 7 * 86_400_000).toISOString(),
    status,
    created_at: '2026-04-01T00:00:00Z',
    updated_at: '2026-04-01T00:00:00Z',
  }
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: ME, email: null }
  await db.replica('sessions').clear()
})
afterEach(() => db.replica('sessions').clear())

describe('担当セッション', () => {
  it('groups my sessions: open for check-in, upcoming, past', async () => {
    await db.replica('sessions').bulkPut([
      session(1, '2026-12-01T09:00:00+09:00'), // today, under way
      session(2, '2026-11-26T13:00:00+09:00'), // last week: late check-ins still allowed
      session(3, '2027-01-20T09:00:00+09:00'),
      session(4, '2026-12-10T09:00:00+09:00'),
      session(5, '2026-10-01T09:00:00+09:00'),
      session(6, '2026-09-01T09:00:00+09:00'),
      session(7, '2026-12-01T09:00:00+09:00', SOMEONE_ELSE),
      session(8, '2026-12-12T09:00:00+09:00', ME, 'cancelled'),
    ])
    const scope = effectScope()
    const sessions = scope.run(() => useFacilitatorSessions(() => NOW))!
    await expect.poll(() => sessions.past.value.length).toBe(2)
    expect(sessions.checkInOpen.value.map((s) => s.session.id)).toEqual([id(2), id(1)])
    expect(sessions.checkInOpen.value.find((s) => s.session.id === id(1))?.now).toBe(true)
    expect(sessions.upcoming.value.map((s) => s.session.id)).toEqual([id(4), id(3)])
    expect(sessions.past.value.map((s) => s.session.id)).toEqual([id(5), id(6)])
    scope.stop()
  })
})
