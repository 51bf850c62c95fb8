import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useMutate } from '@/composables/useMutate'
import { db } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { ME, SOMEONE_ELSE, clearDatabase } from '../features/replica-fixtures'

const SESSION_ID = '33333333-3333-4333-8333-333333333333'

describe('useMutate', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    await clearDatabase(db)
  })

  it('queues the change as whoever is signed in when it is made', async () => {
    const auth = useAuthStore()
    const mutate = useMutate()
    auth.user = { id: ME, email: null }
    expect(await mutate('register_session', { session_id: SESSION_ID })).toMatchObject({ ok: true })
    auth.user = { id: SOMEONE_ELSE, email: null }
    expect(await mutate('cancel_registration', { session_id: SESSION_ID })).toMatchObject({ ok: true })
    const queued = await db.outbox.orderBy('seq').toArray()
    expect(queued.map((entry) => [entry.user_id, entry.kind])).toEqual([
      [ME, 'register_session'],
      [SOMEONE_ELSE, 'cancel_registration'],
    ])
  })

  it('writes nothing while signed out, and answers DXP001 as the server would', async () => {
    const mutate = useMutate()
    expect(await mutate('register_session', { session_id: SESSION_ID })).toMatchObject({
      ok: false,
      code: 'DXP001',
    })
    expect(await db.outbox.count()).toBe(0)
  })

  it('checks the input once, at the same boundary: a bad id is refused and nothing is written', async () => {
    useAuthStore().user = { id: ME, email: null }
    const mutate = useMutate()
    expect(await mutate('register_session', { session_id: 'not-a-uuid' })).toMatchObject({
      ok: false,
      code: 'DXP013',
    })
    expect(await db.outbox.count()).toBe(0)
  })
})
