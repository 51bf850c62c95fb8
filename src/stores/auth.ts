import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AnyBackend, AuthUser } from '@/backend'
import type { Persona } from '@/contract'
import type { DxpDatabase } from '@/data/db'

export type AuthPhase = 'starting' | 'ready' | 'failed'

/** What signing out did: done (this user's data cleared), or kept because changes are unsent. */
export type SignOutResult = { ok: true } | { ok: false; pending: number; rejected: number }

/**
 * Who is signed in, on which backend. `start()` loads the backend after first paint and runs sync;
 * the router waits on `whenStarted()` so a guard never decides before the signed-in user is known.
 */
export const useAuthStore = defineStore('auth', () => {
  const phase = ref<AuthPhase>('starting')
  const backend = shallowRef<AnyBackend | null>(null)
  const user = shallowRef<AuthUser | null>(null)
  const failure = shallowRef<unknown>(null)
  /** The signed-in user's id, or null when nobody is signed in: the one place screens read it from. */
  const userId = computed(() => user.value?.id ?? null)

  let settle: () => void = () => undefined
  let started = new Promise<void>((resolve) => (settle = resolve))
  let starting: Promise<void> | null = null

  /** Resolves once the signed-in user is known (or the start failed); never rejects. */
  function whenStarted(): Promise<void> {
    return started
  }

  /**
   * `load` gives the backend, `loadDb` the device database: both load after first paint. `peek`
   * names who was signed in on this device without loading the backend: then the store is ready
   * at once (the screens read the replica), and the backend confirms or corrects the user when loaded.
   */
  function start(options: {
    load: () => Promise<AnyBackend>
    loadDb: () => Promise<DxpDatabase>
    peek?: () => AuthUser | null
  }): Promise<void> {
    starting ??= (async () => {
      phase.value = 'starting'
      const peeked = options.peek?.() ?? null
      if (peeked) {
        user.value = peeked
        phase.value = 'ready'
        settle()
      }
      try {
        const loadingDb = options.loadDb()
        if (peeked) void showOutboxOf(peeked, loadingDb)
        const [loaded, db] = await Promise.all([options.load(), loadingDb])
        loaded.onAuthChange((next) => (user.value = next))
        user.value = await loaded.currentUser()
        backend.value = loaded
        if (phase.value !== 'ready') {
          phase.value = 'ready'
          settle()
        }
        // Dexie and the engine load after first paint, with the backend.
        const { useSyncStore } = await import('./sync')
        await useSyncStore().start({ db, backend: loaded })
      } catch (error) {
        failure.value = error
        // Started already (from the peek, or before sync failed): the screens keep the replica.
        if (phase.value === 'ready') return
        phase.value = 'failed'
        starting = null
        settle()
        started = new Promise<void>((resolve) => (settle = resolve))
      }
    })()
    return starting
  }

  /** Until the engine runs: the status indicator counts the peeked user's outbox and sees the network. */
  async function showOutboxOf(peeked: AuthUser, loadingDb: Promise<DxpDatabase>): Promise<void> {
    const [db, { useSyncStore }] = await Promise.all([loadingDb, import('./sync')])
    if (backend.value === null && user.value?.id === peeked.id) {
      useSyncStore().attach({ engine: null, db, userId: peeked.id })
    }
  }

  /**
   * Signs out and clears this user's data from the device (work PCs are shared), but only when
   * the outbox is empty: unsent or rejected changes are never deleted, and the user stays signed in.
   */
  async function signOut(db: DxpDatabase): Promise<SignOutResult> {
    const current = user.value
    if (!backend.value || !current) return { ok: true }
    const { countOutbox, clearUserData } = await import('@/data')
    const count = await countOutbox(db, current.id)
    if (count.pending > 0 || count.rejected > 0) return { ok: false, ...count }
    await backend.value.signOut()
    user.value = null
    // clearUserData refuses by itself if a change slipped in meanwhile; then the data is kept.
    await clearUserData(db, current.id)
    return { ok: true }
  }

  /** The demo's people to sign in as (embedded backend only; none on Supabase). */
  async function listPersonas(): Promise<Persona[]> {
    return backend.value?.kind === 'embedded' ? backend.value.listPersonas() : []
  }

  async function signInAs(profileId: string): Promise<void> {
    if (backend.value?.kind !== 'embedded') throw new Error('Personas exist only in the embedded demo')
    user.value = await backend.value.signInAs(profileId)
  }

  async function signInWithPassword(email: string, password: string): Promise<void> {
    if (backend.value?.kind !== 'supabase') throw new Error('Passwords exist only with Supabase')
    user.value = await backend.value.signInWithPassword(email, password)
  }

  async function sendMagicLink(email: string): Promise<void> {
    if (backend.value?.kind !== 'supabase') throw new Error('Magic links exist only with Supabase')
    await backend.value.signInWithMagicLink(email, window.location.origin + import.meta.env.BASE_URL)
  }

  return {
    phase,
    backend,
    user,
    userId,
    failure,
    whenStarted,
    start,
    signOut,
    listPersonas,
    signInAs,
    signInWithPassword,
    sendMagicLink,
  }
})
