/**
 * The Supabase backend: Supabase Auth (email + password, magic link) and `rpc()` through PostgREST.
 * Before each RPC `auth.getSession()` refreshes an expired access token, so an expired token costs
 * a refresh, not a rejected mutation; a refresh that cannot reach the server fails as `network`.
 */
import { createClient, type AuthError, type PostgrestError, type User } from '@supabase/supabase-js'
import { BackendError, type AuthChangeListener, type AuthUser, type SupabaseBackend } from '../backend'
import { toBackendError } from '../classify-error'
import { callRpc } from '../call-rpc'

export interface SupabaseBackendOptions {
  url: string
  anonKey: string
}

function userOf(user: User | null | undefined): AuthUser | null {
  return user ? { id: user.id, email: user.email ?? null } : null
}

/** Auth's failures: unreachable or 5xx is worth a retry; anything else means signing in again. */
export function fromAuthError(error: AuthError): BackendError {
  const status = typeof error.status === 'number' ? error.status : 0
  const unreachable = error.name === 'AuthRetryableFetchError' && (status === 0 || status >= 500)
  const kind = unreachable ? (status === 0 ? 'network' : 'server') : 'auth'
  const body = { code: error.code ?? '', message: error.message, details: null, hint: null }
  return new BackendError(kind, body, status, { cause: error })
}

/** PostgREST's error body and status; status 0 is postgrest-js's "fetch failed". */
export function fromPostgrestError(error: PostgrestError, status: number): BackendError {
  const body = {
    code: error.code ?? '',
    message: error.message,
    details: error.details || null,
    hint: error.hint || null,
  }
  return toBackendError(body, status, error)
}

export function createSupabaseBackend({ url, anonKey }: SupabaseBackendOptions): SupabaseBackend {
  const client = createClient(url, anonKey, {
    auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: true },
  })
  // The last user auth reported: what currentUser() answers offline, when a refresh cannot run.
  let lastUser: AuthUser | null = null

  client.auth.onAuthStateChange((_event, session) => {
    lastUser = userOf(session?.user)
  })

  const backend: SupabaseBackend = {
    kind: 'supabase',

    call: (name, args) => callRpc(backend, name, args),

    async rpc<T>(fn: string, args: Readonly<Record<string, unknown>> = {}): Promise<T> {
      const { error: sessionError } = await client.auth.getSession()
      if (sessionError) throw fromAuthError(sessionError)
      const { data, error, status } = await client.rpc(fn, { ...args })
      if (error) throw fromPostgrestError(error, status)
      return data as T
    },

    async currentUser() {
      const { data, error } = await client.auth.getSession()
      if (error) {
        if (fromAuthError(error).kind === 'auth') return null
        return lastUser
      }
      lastUser = userOf(data.session?.user)
      return lastUser
    },

    async signOut() {
      // 'local': this device only; the user may be signed in on their other devices.
      const { error } = await client.auth.signOut({ scope: 'local' })
      if (error) throw fromAuthError(error)
    },

    onAuthChange(listener: AuthChangeListener) {
      let reported: string | null | undefined
      const { data } = client.auth.onAuthStateChange((_event, session) => {
        const user = userOf(session?.user)
        // Token refreshes keep the same user: report changes of user only.
        if (user?.id === reported) return
        reported = user?.id ?? null
        listener(user)
      })
      return () => data.subscription.unsubscribe()
    },

    async signInWithPassword(email, password) {
      const { data, error } = await client.auth.signInWithPassword({ email, password })
      if (error) throw fromAuthError(error)
      const user = userOf(data.user)
      if (!user)
        throw new BackendError('auth', { code: '', message: 'No user', details: null, hint: null }, 401)
      return user
    },

    async signInWithMagicLink(email, redirectTo) {
      // Accounts are made by the DX division: a magic link never creates one.
      const { error } = await client.auth.signInWithOtp({
        email,
        options: {
          shouldCreateUser: false,
          ...(redirectTo === undefined ? {} : { emailRedirectTo: redirectTo }),
        },
      })
      if (error) throw fromAuthError(error)
    },
  }
  return backend
}
