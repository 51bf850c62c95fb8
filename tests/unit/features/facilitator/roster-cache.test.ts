// The facilitator's roster kept on the device (Dexie version 2, facilitatorRosters): it survives the
// schema upgrade with the outbox intact, is refreshed from session_roster, kept when offline, and
// leaves a shared PC with the facilitator who fetched it.
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BackendError, type AnyBackend } from '@/backend'
import type { Roster } from '@/contract'
import { fetchRoster } from '@/composables/useFacilitatorRoster'
import { clearUserData, db, DxpDatabase, mutate, SCHEMA_VERSIONS } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { withContractCall } from '../../../support/contract-call'

const FACILITATOR = '11111111-1111-4111-8111-111111111111'
const OTHER = '22222222-2222-4222-8222-222222222222'
const SESSION = '33333333-3333-4333-8333-333333333333'
const EMPLOYEE = '44444444-4444-4444-8444-444444444444'

const roster = (asOf: string): Roster => ({
  session_id: SESSION,
  status: 'scheduled',
  starts_at: '2026-12-01T09:00:00+09:00',
  ends_at: '2026-12-01T12:30:00+09:00',
  as_of: asOf,
  counts: { capacity: 30, confirmed: 1, attended: 0, waitlisted: 0, no_show: 0, responses: 0 },
  people: [
    {
      registration_id: '55555555-5555-4555-8555-555555555555',
      employee_id: EMPLOYEE,
      employee_number: '100001',
      full_name: '山田 花子',
      full_name_kana: 'ヤマダ ハナコ',
      department_name: '情報政策課',
      status: 'confirmed',
      waitlist_position: null,
      checked_in_at: null,
      walk_in: false,
      survey_submitted: false,
    },
  ],
})

function backendAnswering(answer: () => unknown): AnyBackend {
  return withContractCall({ kind: 'embedded', rpc: async () => answer() }) as unknown as AnyBackend
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: FACILITATOR, email: null }
  await db.facilitatorRosters.clear()
})

describe('the cached roster', () => {
  it('keeps the server’s last roster, and keeps it when the device goes offline', async () => {
    const auth = useAuthStore()
    auth.backend = backendAnswering(() => roster('2026-12-01T08:50:00+09:00'))
    expect(await fetchRoster(FACILITATOR, SESSION)).toMatchObject({ problem: null })
    auth.backend = backendAnswering(() => {
      throw new BackendError('network', { code: '', message: 'offline', details: null, hint: null }, 0)
    })
    expect(await fetchRoster(FACILITATOR, SESSION)).toEqual({ roster: null, problem: 'offline' })
    const cached = await db.facilitatorRosters.get([FACILITATOR, SESSION])
    expect(cached?.roster.as_of).toBe('2026-12-01T08:50:00+09:00')
    expect(cached?.roster.people.map((p) => p.full_name)).toEqual(['山田 花子'])
  })

  it('answers forbidden for DXP091 and stores nothing', async () => {
    useAuthStore().backend = backendAnswering(() => {
      throw new BackendError(
        'client',
        { code: 'P0001', message: 'DXP091', details: '権限がありません。', hint: null },
        400,
      )
    })
    expect(await fetchRoster(FACILITATOR, SESSION)).toEqual({ roster: null, problem: 'forbidden' })
    expect(await db.facilitatorRosters.count()).toBe(0)
  })

  it('refuses an answer that does not fit the contract', async () => {
    useAuthStore().backend = backendAnswering(() => ({ people: 'everyone' }))
    expect(await fetchRoster(FACILITATOR, SESSION)).toEqual({ roster: null, problem: 'failed' })
  })

  it('leaves the device with the facilitator who fetched it when they sign out', async () => {
    await db.facilitatorRosters.bulkPut([
      {
        user_id: FACILITATOR,
        session_id: SESSION,
        roster: roster('2026-12-01T08:50:00+09:00'),
        walk_ins: [],
      },
      { user_id: OTHER, session_id: SESSION, roster: roster('2026-12-01T08:55:00+09:00'), walk_ins: [] },
    ])
    await db.syncMeta.put({
      user_id: OTHER,
      cursor: null,
      epoch: null,
      last_success_at: null,
      last_error_code: null,
      last_error_message: null,
      last_error_at: null,
    })
    expect(await clearUserData(db, FACILITATOR)).toEqual({ ok: true })
    expect((await db.facilitatorRosters.toArray()).map((r) => r.user_id)).toEqual([OTHER])
    await db.syncMeta.clear()
  })
})

describe('schema version 2', () => {
  const NAME = 'dxp-facilitator-upgrade-test'
  afterEach(async () => {
    await DxpDatabase.delete(NAME)
  })

  it('adds the roster cache to a version 1 database without touching its outbox', async () => {
    const v1 = new DxpDatabase(NAME, SCHEMA_VERSIONS.slice(0, 1))
    await mutate(v1, FACILITATOR, 'check_in', { session_id: SESSION, employee_id: EMPLOYEE })
    v1.close()
    const current = new DxpDatabase(NAME)
    expect((await current.outbox.toArray()).map((e) => [e.kind, e.status, e.args])).toEqual([
      ['check_in', 'pending', { session_id: SESSION, employee_id: EMPLOYEE }],
    ])
    await current.facilitatorRosters.put({
      user_id: FACILITATOR,
      session_id: SESSION,
      roster: roster('2026-12-01T08:50:00+09:00'),
      walk_ins: [],
    })
    expect(await current.facilitatorRosters.where('user_id').equals(FACILITATOR).count()).toBe(1)
    current.close()
  })
})
