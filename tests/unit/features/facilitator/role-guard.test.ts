// The role guard of the facilitator's routes (src/router/index.ts): it decides from the role in the
// device's replica; a role not known yet lets the page say so itself once the profile arrives.
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnyBackend } from '@/backend'
import { db, type ProfileRow } from '@/data'
import type { AppRole } from '@/domain'
import type { DxpDatabase } from '@/data/db'
import { installAuthGuard, routes } from '@/router'
import { useAuthStore } from '@/stores/auth'

vi.mock('@/stores/sync', () => ({
  useSyncStore: () => ({ start: async () => undefined, attach: () => undefined }),
}))

const USER = { id: '11111111-1111-4111-8111-111111111111', email: null }

async function signedInRouter(role: AppRole | null) {
  await db.replica('profiles').clear()
  if (role) {
    const profile = { id: USER.id, app_role: role } as unknown as ProfileRow
    await db.replica('profiles').put(profile)
  }
  const backend = {
    kind: 'embedded',
    currentUser: async () => USER,
    onAuthChange: () => () => undefined,
  } as unknown as AnyBackend
  await useAuthStore().start({ load: async () => backend, loadDb: async () => ({}) as DxpDatabase })
  const router = createRouter({ history: createMemoryHistory(), routes })
  installAuthGuard(router)
  return router
}

describe('the facilitator routes', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it.each(['facilitator', 'dx_admin'] as const)('open to a %s', async (role) => {
    const router = await signedInRouter(role)
    await router.push('/facilitator/sessions/33333333-3333-4333-8333-333333333333')
    expect(router.currentRoute.value.name).toBe('facilitator-session')
  })

  it('send an employee home', async () => {
    const router = await signedInRouter('employee')
    await router.push('/facilitator')
    expect(router.currentRoute.value.name).toBe('home')
  })

  it('let the page decide while the role is not on the device yet', async () => {
    const router = await signedInRouter(null)
    await router.push('/facilitator')
    expect(router.currentRoute.value.name).toBe('facilitator')
  })
})
