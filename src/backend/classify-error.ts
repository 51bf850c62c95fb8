/**
 * One classification for both backends. The embedded backend first works out the HTTP status
 * PostgREST would have answered for its SQLSTATE ({@link postgrestStatus}), so the same
 * (code, status) pair decides the {@link BackendErrorKind} whichever backend ran the call.
 *
 *   network  status 0 (fetch failed, aborted, offline): no answer arrived
 *   auth     401; PGRST301 (JWT invalid or role not allowed), PGRST302 (anonymous refused),
 *            PGRST303 (JWT claims invalid); "JWT expired" in any status
 *   server   5xx: 40001 serialization_failure, 40P01 deadlock, 55P03 lock_not_available,
 *            57014 query_canceled (statement timeout), 53xxx out of resources, 08xxx connection,
 *            XX000 internal, P0002–P0004 — PostgREST answers 500/503 and a retry may succeed;
 *            408 request timeout and 429 too many requests, likewise
 *   client   other 4xx: P0001 (our DXP codes), 23xxx constraints, 22xxx bad input, 42501 as a
 *            signed-in user (403), 42883/PGRST202 unknown function (404)
 */
import { BackendError, type BackendErrorKind } from './backend'
import { DXP_CALL_ERROR_CODES } from '@/contract/errors'
import type { PostgrestErrorBody } from './embedded/execute-rpc'

/** PostgREST's SQLSTATE → HTTP status table (docs: "Errors", PostgreSQL errors). */
export function postgrestStatus(code: string, signedIn: boolean): number {
  const pgrst: Record<string, number> = {
    PGRST202: 404,
    PGRST203: 300,
    PGRST301: 401,
    PGRST302: 401,
    PGRST303: 401,
  }
  if (code in pgrst) return pgrst[code] ?? 400
  if (code === '42501') return signedIn ? 403 : 401
  if (code === '23503' || code === '23505') return 409
  if (code === '25006') return 405
  if (code === 'P0001') return 400
  if (code === '42883' || code === '42P01') return 404
  if (code === '42P17') return 500
  const byClass: readonly [prefix: string, status: number][] = [
    ['08', 503],
    ['53', 503],
    ['0L', 403],
    ['0P', 403],
    ['28', 403],
    ['09', 500],
    ['25', 500],
    ['2D', 500],
    ['38', 500],
    ['39', 500],
    ['3B', 500],
    ['40', 500],
    ['54', 500],
    ['55', 500],
    ['57', 500],
    ['58', 500],
    ['F0', 500],
    ['HV', 500],
    ['P0', 500],
    ['XX', 500],
  ]
  return byClass.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 400
}

const AUTH_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303'])

export function classifyError(code: string, status: number, message: string): BackendErrorKind {
  if (status === 401 || AUTH_CODES.has(code) || /jwt expired/i.test(message)) return 'auth'
  if (status === 0) return 'network'
  // A request timeout or a rate limit (Supabase's gateway) passes with time, like a 5xx.
  if (status >= 500 || status === 408 || status === 429) return 'server'
  return 'client'
}

/** A PostgREST error body and its HTTP status as one classified {@link BackendError}. */
export function toBackendError(body: PostgrestErrorBody, status: number, cause?: unknown): BackendError {
  const kind = classifyError(body.code, status, body.message)
  return new BackendError(kind, body, status, cause === undefined ? undefined : { cause })
}

/**
 * A call the server refused for what it carries rather than for who sent it, when or how often: the
 * same call will fail again as long as it holds the same data, while the same call without the part
 * at fault would go through.
 *   yes  400, 409, 413, 422: 22xxx data exceptions (22P05: U+0000 in json; 22P02: a lone surrogate
 *        in json, or a value its type cannot read; 22021, 22001…), 23xxx integrity, PGRST100–PGRST102
 *        (a body PostgREST could not read), a P0001 that is not one of the whole-call DXP codes
 *   no   401 auth; 403 42501 (the role, not the data); 404 42883/PGRST202 (an old server); 405;
 *        408, 429 and 5xx (`server`: try later); status 0 (no answer); P0001 DXP001–DXP004, DXP100
 */
export function isContentRefusal(error: BackendError): boolean {
  if (error.kind !== 'client') return false
  if (error.code === 'P0001') return !(DXP_CALL_ERROR_CODES as readonly string[]).includes(error.message)
  return [400, 409, 413, 422].includes(error.status)
}

/**
 * What a screen says about a failed online call of the DX division (an import): the DXP code of a
 * rule of record, DXP018 for a request the server could not even read, else the kind (offline…).
 */
export function failureCodeOf(error: unknown): string {
  if (!(error instanceof BackendError)) return 'unknown'
  if (error.code === 'P0001') return error.message
  return isContentRefusal(error) ? 'DXP018' : error.kind
}
