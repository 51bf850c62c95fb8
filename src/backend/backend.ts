/**
 * The one interface the sync engine and the stores talk to, whichever backend runs the rules of
 * record: `supabase` (supabase-js over HTTPS) or `embedded` (PGlite on the device). Both run an RPC
 * as the signed-in user and fail with the same {@link BackendError}.
 */
import type { Persona, RpcArgs, RpcName, RpcResult } from '@/contract'
import type { PostgrestErrorBody } from './embedded/execute-rpc'

export type BackendKind = 'embedded' | 'supabase'

/**
 * What the caller should do about a failed call (see classify-error.ts for the codes behind each):
 * - `network`: no answer arrived (offline, fetch failed, aborted); retry later. The call may still
 *   have been applied, which sync_push's idempotency makes harmless.
 * - `server`: the server failed or asked to try again (5xx, serialization, lock timeout); retry.
 * - `auth`: the sign-in is missing, expired or refused; sign in again, then retry. Never a rejection.
 * - `client`: the server refused the request itself (validation, permission, unknown function);
 *   retrying the same call gives the same answer.
 */
export type BackendErrorKind = 'network' | 'server' | 'auth' | 'client'

export class BackendError extends Error implements PostgrestErrorBody {
  readonly kind: BackendErrorKind
  /** SQLSTATE, a PostgREST `PGRST…` code, or '' when the server gave none (network failures). */
  readonly code: string
  readonly details: string | null
  readonly hint: string | null
  /** The HTTP status PostgREST answered (or would have answered, for the embedded backend); 0 = none. */
  readonly status: number

  constructor(kind: BackendErrorKind, body: PostgrestErrorBody, status: number, options?: ErrorOptions) {
    super(body.message, options)
    this.name = 'BackendError'
    this.kind = kind
    this.code = body.code
    this.details = body.details
    this.hint = body.hint
    this.status = status
  }

  /** Network and server failures are worth another try as they are; auth ones after signing in. */
  get retryable(): boolean {
    return this.kind !== 'client'
  }

  toJSON(): PostgrestErrorBody & { kind: BackendErrorKind; status: number } {
    const { kind, code, message, details, hint, status } = this
    return { kind, code, message, details, hint, status }
  }
}

export interface AuthUser {
  /** auth.users.id = profiles.id = `auth.uid()` in SQL. */
  id: string
  email: string | null
}

export type AuthChangeListener = (user: AuthUser | null) => void

export interface Backend {
  readonly kind: BackendKind
  /**
   * Calls `public.<fn>` with named arguments as the signed-in user (anonymously when signed out)
   * and resolves to its JSON result.
   * @throws {BackendError} on any failure, classified for retry or rejection.
   */
  rpc<T = unknown>(fn: string, args?: Readonly<Record<string, unknown>>): Promise<T>
  /**
   * Calls an RPC of the contract ({@link RPCS}) and checks its answer against the contract.
   * @throws {BackendError} as `rpc` does; a `v.ValiError` when the answer does not fit.
   */
  call<N extends RpcName>(name: N, args: RpcArgs<N>): Promise<RpcResult<N>>
  currentUser(): Promise<AuthUser | null>
  signOut(): Promise<void>
  /** Called with the new user (or null) after every sign-in and sign-out; returns the unsubscribe. */
  onAuthChange(listener: AuthChangeListener): () => void
}

export interface EmbeddedBackend extends Backend {
  readonly kind: 'embedded'
  /** Signs in as a profile of the local database: the demo has no passwords. */
  signInAs(profileId: string): Promise<AuthUser>
  /** One profile of each persona kind the local database holds (none before demo data). */
  listPersonas(): Promise<Persona[]>
  /** The demo database on this device was built from an older history and was rebuilt on opening. */
  readonly rebuiltOnOpen?: boolean
}

export interface SupabaseBackend extends Backend {
  readonly kind: 'supabase'
  signInWithPassword(email: string, password: string): Promise<AuthUser>
  /** Sends a magic link; the user is signed in when they open it (onAuthChange reports it). */
  signInWithMagicLink(email: string, redirectTo?: string): Promise<void>
}

export type AnyBackend = EmbeddedBackend | SupabaseBackend
