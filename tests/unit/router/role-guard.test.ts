import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnyBackend } from '@/backend'
import type { AppRole } from '@/domain'
import { db } from '@/data'
import type { DxpDatabase } from '@/data/db'
import { installAuthGuard, routes } from '@/router'
import { useAuthStore } from '@/stores/auth'
import { ME, clearDatabase, profileRow } from '../features/replica-fixtures'

vi.mock('@/stores/sync', () => ({
  useSyncStore: () => ({ start: async () => undefined, attach: () => undefined }),
}))

async function signedInRouter(role: AppRole | null) {
  await clearDatabase(db)
  if (role) await db.replica('profiles').put(profileRow({ app_role: role }))
  const backend = {
    kind: 'embedded',
    currentUser: async () => ({ id: ME, email: null }),
    onAuthChange: () => () => undefined,
  } as unknown as AnyBackend
  await useAuthStore().start({ load: async () => backend, loadDb: async () => ({}) as DxpDatabase })
  const router = createRouter({ history: createMemoryHistory(), routes })
  installAuthGuard(router)
  return router
}

describe('the role guard of the division’s pages', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it.each(['/division', '/division/effect', '/division/certification', '/division/summary'])(
    'opens %s to the DX division',
    async (path) => {
      const router = await signedInRouter('dx_admin')
      await router.push(path)
      expect(router.currentRoute.value.path).toBe(path)
    },
  )

  it.each(['employee', 'facilitator'] as const)('sends a %s home from the dashboard', async (role) => {
    const router = await signedInRouter(role)
    await router.push('/division/certification')
    expect(router.currentRoute.value.name).toBe('home')
  })

  it('opens the page before the profile has arrived (the server refuses its figures to others)', async () => {
    const router = await signedInRouter(null)
    await router.push('/division')
    expect(router.currentRoute.value.name).toBe('division')
  })
})
