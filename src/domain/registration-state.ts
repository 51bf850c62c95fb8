/**
 * What the session page says about my place in a session, and which button it offers. The server
 * decides every registration; this only reads what the device knows (the session row with the
 * server's seat counts, my own registrations, my outbox) and says it honestly: a change still in the
 * outbox is 送信待ち, never shown as decided.
 */

export type SessionStatusCode = 'scheduled' | 'cancelled' | 'closed'
export type RegistrationStatusCode = 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show'
export type RegistrationChangeKind = 'register_session' | 'cancel_registration'

export interface SessionFacts {
  status: SessionStatusCode
  starts_at: string
  registration_deadline: string
  capacity: number
  /** Seats taken (confirmed + attended), as the server counted them. */
  confirmed_count: number
  waitlist_count: number
}

export interface MyRegistrationFacts {
  status: RegistrationStatusCode
  waitlist_position: number | null
  registered_at: string
}

export interface MyChangeFacts {
  /** The outbox order. */
  seq: number
  id: string
  kind: RegistrationChangeKind
  status: 'pending' | 'in_flight' | 'rejected'
  last_error_code: string | null
}

export type RegistrationView =
  | { kind: 'sending_registration' }
  | { kind: 'sending_cancellation' }
  | { kind: 'confirmed' }
  | { kind: 'waitlisted'; position: number }
  | { kind: 'attended' }
  | { kind: 'no_show' }
  | { kind: 'session_cancelled' }
  | { kind: 'closed' }
  /** No seat left: registering puts me on the waitlist (behind `waitlistLength` people). */
  | { kind: 'full'; waitlistLength: number }
  | { kind: 'open'; seatsLeft: number }

export type RegistrationAction = 'register' | 'join_waitlist' | 'cancel'

export interface RegistrationRejection {
  /** The outbox entry, to dismiss it. */
  mutationId: string
  kind: RegistrationChangeKind
  code: string
}

export interface RegistrationState {
  view: RegistrationView
  /** The one button to offer, or null (nothing to do, or a change is on its way). */
  action: RegistrationAction | null
  /** The last refused change, unless a newer change has been made since. */
  rejection: RegistrationRejection | null
}

/** Seats nobody holds; never below zero (a facilitator may let the waitlisted in at the door). */
export function seatsLeft(session: Pick<SessionFacts, 'capacity' | 'confirmed_count'>): number {
  return Math.max(0, session.capacity - session.confirmed_count)
}

/** My registration that counts: the active one, else none (cancelled ones are history). */
export function activeRegistration<R extends MyRegistrationFacts>(registrations: readonly R[]): R | null {
  return registrations.find((r) => r.status !== 'cancelled') ?? null
}

export function registrationState(
  session: SessionFacts,
  myRegistrations: readonly MyRegistrationFacts[],
  myChanges: readonly MyChangeFacts[],
  now: Date,
): RegistrationState {
  const changes = [...myChanges].sort((a, b) => a.seq - b.seq)
  const lastPending = changes.filter((c) => c.status !== 'rejected').at(-1)
  const lastRejected = changes.filter((c) => c.status === 'rejected').at(-1)
  const rejection =
    lastRejected && !(lastPending && lastPending.seq > lastRejected.seq)
      ? {
          mutationId: lastRejected.id,
          kind: lastRejected.kind,
          code: lastRejected.last_error_code ?? 'unknown',
        }
      : null
  const state = (view: RegistrationView, action: RegistrationAction | null = null): RegistrationState => ({
    view,
    action,
    rejection,
  })

  if (lastPending) {
    return state({
      kind: lastPending.kind === 'register_session' ? 'sending_registration' : 'sending_cancellation',
    })
  }
  if (session.status === 'cancelled') return state({ kind: 'session_cancelled' })

  const started = now.getTime() >= Date.parse(session.starts_at)
  const mine = activeRegistration(myRegistrations)
  switch (mine?.status) {
    case 'attended':
      return state({ kind: 'attended' })
    case 'no_show':
      return state({ kind: 'no_show' })
    case 'confirmed':
      return state({ kind: 'confirmed' }, started ? null : 'cancel')
    case 'waitlisted':
      return state({ kind: 'waitlisted', position: mine.waitlist_position ?? 1 }, started ? null : 'cancel')
  }

  if (session.status === 'closed' || now.getTime() > Date.parse(session.registration_deadline)) {
    return state({ kind: 'closed' })
  }
  // As register_session decides: a seat only while seats remain and nobody waits.
  const left = seatsLeft(session)
  if (left === 0 || session.waitlist_count > 0) {
    return state({ kind: 'full', waitlistLength: session.waitlist_count }, 'join_waitlist')
  }
  return state({ kind: 'open', seatsLeft: left }, 'register')
}
