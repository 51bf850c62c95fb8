import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '@supabase/supabase-js'
import type { BackendError } from '@/backend/backend'
import { createSupabaseBackend } from '@/backend/supabase/supabase-backend'

vi.mock('@supabase/supabase-js', () => ({ createClient: vi.fn() }))

type AuthListener = (event: string, session: { user: { id: string; email?: string } } | null) => void

function authError(name: string, message: string, status: number | undefined, code?: string) {
  return Object.assign(new Error(message), { name, status, code, __isAuthError: true })
}

const session = { user: { id: '11111111-1111-4111-8111-111111111111', email: 'hanako@city.test' } }

function fakeClient() {
  const listeners = new Set<AuthListener>()
  const calls: string[] = []
  const client = {
    calls,
    emit: (event: string, value: typeof session | null) =>
      listeners.forEach((listener) => listener(event, value)),
    auth: {
      getSession: vi.fn(async () => {
        calls.push('getSession')
        return { data: { session }, error: null as unknown }
      }),
      onAuthStateChange: vi.fn((listener: AuthListener) => {
        listeners.add(listener)
        return { data: { subscription: { unsubscribe: () => listeners.delete(listener) } } }
      }),
      signInWithPassword: vi.fn(async () => ({
        data: { user: session.user, session },
        error: null as unknown,
      })),
      signInWithOtp: vi.fn(async () => ({ data: {}, error: null as unknown })),
      signOut: vi.fn(async () => ({ error: null as unknown })),
    },
    rpc: vi.fn(async (fn: string) => {
      calls.push(`rpc:${fn}`)
      return { data: [{ status: 'applied' }] as unknown, error: null as unknown, status: 200 }
    }),
  }
  return client
}

let client: ReturnType<typeof fakeClient>

beforeEach(() => {
  client = fakeClient()
  vi.mocked(createClient)
    .mockReset()
    .mockReturnValue(client as never)
})

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  )
  if (outcome === null) throw new Error('expected the call to fail')
  return outcome as BackendError
}

const backend = () => createSupabaseBackend({ url: 'https://city.supabase.test', anonKey: 'anon-key' })

describe('supabase backend: rpc', () => {
  it('connects with the configured URL and key, and keeps the session in the browser', () => {
    expect(backend().kind).toBe('supabase')
    expect(createClient).toHaveBeenCalledWith(
      'https://city.supabase.test',
      'anon-key',
      expect.objectContaining({
        auth: expect.objectContaining({ persistSession: true, autoRefreshToken: true }),
      }),
    )
  })

  it('refreshes the session (getSession) before every call, then returns the function’s result', async () => {
    const result = await backend().rpc('sync_push', { mutations: [] })

    expect(result).toEqual([{ status: 'applied' }])
    expect(client.rpc).toHaveBeenCalledWith('sync_push', { mutations: [] })
    expect(client.calls).toEqual(['getSession', 'rpc:sync_push'])
  })

  it('a refresh that cannot reach the server is a network error, and nothing is sent', async () => {
    client.auth.getSession.mockResolvedValueOnce({
      data: { session: null as never },
      error: authError('AuthRetryableFetchError', 'Failed to fetch', 0),
    })
    const error = await failure(backend().rpc('sync_push', { mutations: [] }))

    expect(error).toMatchObject({ kind: 'network', retryable: true })
    expect(client.rpc).not.toHaveBeenCalled()
  })

  it('a refresh token the server refuses is an auth error (sign in again), never a rejection', async () => {
    client.auth.getSession.mockResolvedValueOnce({
      data: { session: null as never },
      error: authError(
        'AuthApiError',
        'Invalid Refresh Token: Refresh Token Not Found',
        400,
        'refresh_token_not_found',
      ),
    })
    const error = await failure(backend().rpc('sync_push', { mutations: [] }))

    expect(error).toMatchObject({ kind: 'auth', code: 'refresh_token_not_found', status: 400 })
    expect(client.rpc).not.toHaveBeenCalled()
  })

  it.each([
    [
      'fetch failed',
      { code: '', message: 'TypeError: Failed to fetch', details: '', hint: '' },
      0,
      'network',
    ],
    ['bad gateway', { code: '', message: 'Bad Gateway', details: null, hint: null }, 502, 'server'],
    [
      'serialization',
      { code: '40001', message: 'could not serialize access', details: null, hint: null },
      500,
      'server',
    ],
    ['JWT expired', { code: 'PGRST301', message: 'JWT expired', details: null, hint: null }, 401, 'auth'],
    ['anon refused', { code: '42501', message: 'permission denied', details: null, hint: null }, 401, 'auth'],
    [
      'rule of record',
      { code: 'P0001', message: 'DXP003', details: 'mutations は配列', hint: null },
      400,
      'client',
    ],
    ['forbidden', { code: '42501', message: 'permission denied', details: null, hint: null }, 403, 'client'],
    [
      'unknown function',
      { code: 'PGRST202', message: 'Could not find', details: null, hint: null },
      404,
      'client',
    ],
  ])('%s is classified', async (_name, body, status, kind) => {
    client.rpc.mockResolvedValueOnce({ data: null, error: body, status })

    const error = await failure(backend().rpc('sync_push', { mutations: [] }))

    expect(error).toMatchObject({
      name: 'BackendError',
      kind,
      code: body.code,
      message: body.message,
      status,
    })
    expect(error.details).toBe(body.details || null)
  })
})

describe('supabase backend: auth', () => {
  it('signs in with email and password and reports the user', async () => {
    expect(await backend().signInWithPassword('hanako@city.test', 'secret')).toEqual({
      id: session.user.id,
      email: 'hanako@city.test',
    })
    expect(client.auth.signInWithPassword).toHaveBeenCalledWith({
      email: 'hanako@city.test',
      password: 'secret',
    })
  })

  it('wrong credentials are an auth error with Supabase’s code', async () => {
    client.auth.signInWithPassword.mockResolvedValueOnce({
      data: { user: null as never, session: null as never },
      error: authError('AuthApiError', 'Invalid login credentials', 400, 'invalid_credentials'),
    })
    const error = await failure(backend().signInWithPassword('hanako@city.test', 'wrong'))
    expect(error).toMatchObject({ kind: 'auth', code: 'invalid_credentials' })
  })

  it('sends a magic link that never creates an account, back to the given page', async () => {
    await backend().signInWithMagicLink('hanako@city.test', 'https://app.city.test/')
    expect(client.auth.signInWithOtp).toHaveBeenCalledWith({
      email: 'hanako@city.test',
      options: { shouldCreateUser: false, emailRedirectTo: 'https://app.city.test/' },
    })
  })

  it('answers the current user from the session, and null when signed out', async () => {
    const b = backend()
    expect(await b.currentUser()).toEqual({ id: session.user.id, email: 'hanako@city.test' })
    client.auth.getSession.mockResolvedValueOnce({ data: { session: null as never }, error: null })
    expect(await b.currentUser()).toBeNull()
  })

  it('keeps the last known user while offline, when the token cannot be refreshed', async () => {
    const b = backend()
    await b.currentUser()
    client.auth.getSession.mockResolvedValueOnce({
      data: { session: null as never },
      error: authError('AuthRetryableFetchError', 'Failed to fetch', 0),
    })
    expect(await b.currentUser()).toEqual({ id: session.user.id, email: 'hanako@city.test' })
  })

  it('reports sign-in and sign-out, not token refreshes, and stops after unsubscribe', async () => {
    const b = backend()
    const seen = vi.fn()
    const unsubscribe = b.onAuthChange(seen)

    client.emit('SIGNED_IN', session)
    client.emit('TOKEN_REFRESHED', session)
    client.emit('SIGNED_OUT', null)
    unsubscribe()
    client.emit('SIGNED_IN', session)

    expect(seen.mock.calls).toEqual([[{ id: session.user.id, email: 'hanako@city.test' }], [null]])
  })

  it('signs out of this device only', async () => {
    await backend().signOut()
    expect(client.auth.signOut).toHaveBeenCalledWith({ scope: 'local' })
  })
})
