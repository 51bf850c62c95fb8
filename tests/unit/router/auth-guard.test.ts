import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnyBackend } from '@/backend'
import type { DxpDatabase } from '@/data/db'
import { installAuthGuard, routes } from '@/router'
import { useAuthStore } from '@/stores/auth'

// The guard depends on who is signed in, not on the engine: sync is not started here.
vi.mock('@/stores/sync', () => ({
  useSyncStore: () => ({ start: async () => undefined, attach: () => undefined }),
}))

const loadDb = async () => ({}) as DxpDatabase
const ALICE = { id: '11111111-1111-4111-8111-111111111111', email: null }

function appRouter() {
  const router = createRouter({ history: createMemoryHistory(), routes })
  installAuthGuard(router)
  return router
}

function backendWith(user: typeof ALICE | null): AnyBackend {
  return {
    kind: 'embedded',
    currentUser: async () => user,
    onAuthChange: () => () => undefined,
  } as unknown as AnyBackend
}

async function startAs(user: typeof ALICE | null) {
  const auth = useAuthStore()
  await auth.start({ load: async () => backendWith(user), loadDb })
  return auth
}

describe('the sign-in guard', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('sends a signed-out user to sign-in, remembering where they were going', async () => {
    void startAs(null)
    const router = appRouter()
    await router.push('/settings')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/settings' })
  })

  it('waits for the backend before deciding, and lets a signed-in user in', async () => {
    const router = appRouter()
    const navigation = router.push('/')
    const auth = useAuthStore()
    auth.start({ load: async () => backendWith(ALICE), loadDb })
    await navigation
    expect(router.currentRoute.value.name).toBe('home')
  })

  it('sends a signed-in user away from sign-in', async () => {
    const router = appRouter()
    useAuthStore().start({
      load: async () => backendWith(ALICE),
      loadDb,
    })
    await router.push('/sign-in')
    expect(router.currentRoute.value.name).toBe('home')
  })

  it('shows the 404 page at once, before the backend has started', async () => {
    const router = appRouter()
    await router.push('/no-such-page')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('opens the last signed-in user’s page before the backend has loaded (offline, PGlite still starting)', async () => {
    const router = appRouter()
    let finishLoading: (backend: AnyBackend) => void = () => undefined
    const auth = useAuthStore()
    void auth.start({
      load: () => new Promise<AnyBackend>((resolve) => (finishLoading = resolve)),
      loadDb,
      peek: () => ALICE,
    })
    await router.push('/settings')
    expect(router.currentRoute.value.name).toBe('settings')
    expect(auth.user).toEqual(ALICE)
    expect(auth.backend).toBeNull()
    finishLoading(backendWith(ALICE))
    await expect.poll(() => auth.backend).not.toBeNull()
    expect(auth.user).toEqual(ALICE)
  })

  it('takes the backend’s word over the peek: signed out elsewhere means signed out', async () => {
    const auth = useAuthStore()
    await auth.start({ load: async () => backendWith(null), loadDb, peek: () => ALICE })
    expect(auth.user).toBeNull()
    expect(auth.phase).toBe('ready')
  })
})
