/**
 * What the sync loop does about a failed call. Every failure ends the round; the class says whether
 * the loop tries again by itself, and what the status indicator shows.
 *
 *   retry   the call may succeed as it is: BackendError `network` (status 0: offline, fetch failed,
 *           timeout) or `server` (408, 429, 5xx: 40001 serialization_failure, 40P01 deadlock_detected,
 *           55P03 lock_not_available, 57014 query_canceled, 53xxx out of resources, 08xxx
 *           connection, XX000 internal), and anything that is not a BackendError (a worker that died).
 *           → back off exponentially with full jitter, then run another round.
 *   auth    401, PGRST301–303, "JWT expired" (`auth`), and P0001 DXP001 (the server saw no user).
 *           → stop and show エラー; sign-in or a token refresh comes first. Never a rejection.
 *   batch   P0001 DXP004 (more mutations than one call takes) → push again in smaller batches.
 *   content the call was refused for what it carries (isContentRefusal: 22xxx such as 22P05 for U+0000
 *           and 22P02 for a lone surrogate in json, 23xxx, PGRST100–102, other 400/409/413/422, a P0001
 *           that is not a call code) → the push splits the batch until the change at fault is alone,
 *           rejects that one with the reason, and sends the rest. Elsewhere (pull) it is fatal.
 *   user    the signed-in user changed during the round (UserChangedError) → the round ends quietly;
 *           the sign-in's own round sends the new user's outbox.
 *   fatal   other `client` errors: P0001 DXP002 (no staff profile), DXP100 (left the directory: pull
 *           and push are both refused; the status says why, the outbox is kept in case they return),
 *           DXP003 (not an array), 42883 /
 *           PGRST202 (sync_push missing: an old server), 42501 (403), 405, and answers that break the
 *           contract.
 *           → stop and show エラー with the reason; the outbox stays untouched for the next trigger.
 */
import { BackendError } from '@/backend/backend'
import { isContentRefusal } from '@/backend/classify-error'
import { DXP_CALL_ERROR_CODES } from '@/contract'

export type FailureClass = 'retry' | 'auth' | 'batch' | 'content' | 'user' | 'fatal'

export interface SyncFailure {
  class: FailureClass
  /** A DXP call code, the SQLSTATE / PGRST code, or the engine's own (`network`, `protocol`). */
  code: string
  message: string
}

/**
 * The session is no longer the user whose outbox the round is sending (sign-out, or another user
 * signed in on a shared PC): the round stops before a call that would act as someone else.
 */
export class UserChangedError extends Error {
  constructor() {
    super('the signed-in user changed during the round')
    this.name = 'UserChangedError'
  }
}

/** An answer of the server that does not match the RPC contract. */
export class SyncProtocolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SyncProtocolError'
  }
}

const CALL_CODES: ReadonlySet<string> = new Set(DXP_CALL_ERROR_CODES)

/** The DXP code of a whole-call failure (P0001 with the code as its message), or null. */
function callCode(error: BackendError): string | null {
  return error.code === 'P0001' && CALL_CODES.has(error.message) ? error.message : null
}

export function classifyFailure(error: unknown): SyncFailure {
  if (error instanceof UserChangedError)
    return { class: 'user', code: 'user_changed', message: error.message }
  if (error instanceof SyncProtocolError) return { class: 'fatal', code: 'protocol', message: error.message }
  if (!(error instanceof BackendError)) {
    const message = error instanceof Error ? error.message : String(error)
    return { class: 'retry', code: 'unknown', message }
  }
  const dxp = callCode(error)
  // The Japanese text of a DXP call error is in `details`; the message is the code itself.
  if (dxp !== null) {
    const message = error.details ?? dxp
    if (dxp === 'DXP001') return { class: 'auth', code: dxp, message }
    if (dxp === 'DXP004') return { class: 'batch', code: dxp, message }
    return { class: 'fatal', code: dxp, message }
  }
  const code = error.code || error.kind
  switch (error.kind) {
    case 'network':
    case 'server':
      return { class: 'retry', code, message: error.message }
    case 'auth':
      return { class: 'auth', code, message: error.message }
    case 'client':
      return { class: isContentRefusal(error) ? 'content' : 'fatal', code, message: error.message }
  }
}
