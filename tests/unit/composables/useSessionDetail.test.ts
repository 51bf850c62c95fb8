import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSessionDetail } from '@/composables/useSessionDetail'
import { db, markApplied, markRejected, type RegistrationRow, type SessionRow } from '@/data'
import { useAuthStore } from '@/stores/auth'

const ME = '11111111-1111-4111-8111-111111111111'
const SESSION_ID = '33333333-3333-4333-8333-333333333333'
const TRAINING_ID = '44444444-4444-4444-8444-444444444444'

const session: SessionRow = {
  id: SESSION_ID,
  training_id: TRAINING_ID,
  starts_at: '2099-01-21T09:00:00+09:00',
  ends_at: '2099-01-21T12:30:00+09:00',
  venue: '本庁舎 4階 大会議室',
  online_url: null,
  capacity: 2,
  facilitator_id: null,
  registration_deadline: '2099-01-14T17:00:00+09:00',
  status: 'scheduled',
  confirmed_count: 2,
  waitlist_count: 2,
  created_at: '2026-04-01T09:00:00+09:00',
  updated_at: '2026-04-01T09:00:00+09:00',
}
const serverRegistration = (overrides: Partial<RegistrationRow> = {}): RegistrationRow => ({
  id: '55555555-5555-4555-8555-555555555555',
  session_id: SESSION_ID,
  employee_id: ME,
  status: 'waitlisted',
  waitlist_position: 3,
  registered_at: '2026-12-01T10:00:00+09:00',
  updated_at: '2026-12-01T10:00:00+09:00',
  cancelled_at: null,
  checked_in_at: null,
  checked_in_by: null,
  ...overrides,
})

describe('useSessionDetail', () => {
  let scope = effectScope()

  beforeEach(async () => {
    scope = effectScope()
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await Promise.all(db.tables.map((table) => table.clear()))
    await db.replica('sessions').put(session)
    await db.replica('trainings').put({
      id: TRAINING_ID,
      kind: 'workshop',
      title: '全庁横断DXワークショップ',
      description: '',
      fiscal_year: 2026,
      delivery: 'in_person',
      survey_template_id: null,
      created_at: session.created_at,
      updated_at: session.updated_at,
    })
  })
  afterEach(() => scope.stop())

  const use = () => scope.run(() => useSessionDetail(SESSION_ID))!

  it('shows a full session as full, then my registration as 送信待ち until the server places me', async () => {
    const detail = use()
    await vi.waitFor(() => expect(detail.state.value?.view).toEqual({ kind: 'full', waitlistLength: 2 }))
    const result = await detail.register()
    expect(result).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(detail.state.value?.view).toEqual({ kind: 'sending_registration' }))
    expect(detail.state.value?.action).toBeNull()

    if (!result?.ok) throw new Error('not queued')
    await markApplied(db, result.mutationId, serverRegistration())
    await vi.waitFor(() => expect(detail.state.value?.view).toEqual({ kind: 'waitlisted', position: 3 }))
    expect(await db.outbox.count()).toBe(0)
  })

  it('keeps a refused cancellation visible with its code and message until dismissed', async () => {
    await db
      .replica('registrations')
      .put(serverRegistration({ status: 'confirmed', waitlist_position: null }))
    const detail = use()
    await vi.waitFor(() => expect(detail.state.value?.view).toEqual({ kind: 'confirmed' }))
    const result = await detail.cancel()
    if (!result?.ok) throw new Error('not queued')
    await vi.waitFor(() => expect(detail.state.value?.view).toEqual({ kind: 'sending_cancellation' }))
    await markRejected(db, result.mutationId, 'DXP025', '開始した日程の申込みはキャンセルできません。')
    await vi.waitFor(() =>
      expect(detail.state.value).toMatchObject({
        view: { kind: 'confirmed' },
        rejection: { code: 'DXP025', kind: 'cancel_registration' },
      }),
    )
    expect(detail.rejectionMessage.value).toBe('開始した日程の申込みはキャンセルできません。')
    await detail.dismissRejection()
    await vi.waitFor(() => expect(detail.state.value?.rejection).toBeNull())
    expect(await db.outbox.count()).toBe(0)
  })

  it('answers null for a session the replica does not hold', async () => {
    const detail = scope.run(() => useSessionDetail('66666666-6666-4666-8666-666666666666'))!
    await vi.waitFor(() => expect(detail.detail.value).toBeNull())
    expect(detail.state.value).toBeNull()
  })
})
