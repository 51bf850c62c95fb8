// A scripted Backend and a manual clock for the sync engine's unit tests.
import {
  BackendError,
  type AuthChangeListener,
  type AuthUser,
  type Backend,
  type BackendErrorKind,
} from '@/backend/backend'
import type { Mutation, PullDocument, PushResult, RpcArgs, RpcName, RpcResult } from '@/contract'
import { postgrestStatus } from '@/backend/classify-error'
import type { Clock } from '@/sync/clock'
import { ALICE } from '../data/support'
import { callRpc } from '@/backend/call-rpc'

export function backendError(
  kind: BackendErrorKind,
  code = '',
  message = 'failed',
  details: string | null = null,
  status = kind === 'client' ? postgrestStatus(code, true) : { network: 0, server: 503, auth: 401 }[kind],
) {
  return new BackendError(kind, { code, message, details, hint: null }, status)
}

export function callError(dxp: string, details = '呼び出しが拒否されました'): BackendError {
  return backendError('client', 'P0001', dxp, details)
}

type Step = (fn: string, args: Record<string, unknown>) => BackendError | undefined | Promise<void>

export class FakeBackend implements Backend {
  readonly kind = 'embedded' as const
  user: AuthUser | null = { id: ALICE, email: null }
  /** Every sync_push call's mutations, in call order. */
  readonly pushes: Mutation[][] = []
  /** Every sync_pull call's cursor (failed calls included). */
  readonly pullCursors: (string | null)[] = []
  /** Pages sync_pull answers in turn; then an empty last page. */
  pullPages: PullDocument[] = []
  /** Codes to reject a mutationId with. */
  readonly rejects = new Map<string, string>()
  /** The first result of each id, answered again as `duplicate`. */
  readonly results = new Map<string, PushResult>()
  /** Run before each call: an error to throw, or a promise to wait for. */
  steps: Step[] = []
  /** Run before every call, after the steps are used up. */
  always: Step | null = null

  call<N extends RpcName>(name: N, args: RpcArgs<N>): Promise<RpcResult<N>> {
    return callRpc(this, name, args)
  }

  async rpc<T = unknown>(fn: string, args: Readonly<Record<string, unknown>> = {}): Promise<T> {
    if (fn === 'sync_pull') this.pullCursors.push((args.cursor as string | null) ?? null)
    const step = this.steps.shift() ?? this.always
    const outcome = step?.(fn, { ...args })
    if (outcome instanceof BackendError) throw outcome
    await outcome
    if (fn === 'sync_push') return this.push(args.mutations as Mutation[]) as T
    if (fn === 'sync_pull') {
      return (this.pullPages.shift() ?? { changes: [], cursor: 'c-end', has_more: false, reset: false }) as T
    }
    throw backendError('client', 'PGRST202', `unknown function ${fn}`)
  }

  private push(mutations: Mutation[]): PushResult[] {
    this.pushes.push(mutations)
    return mutations.map((mutation) => {
      const first = this.results.get(mutation.mutation_id)
      if (first) return { ...first, status: 'duplicate' }
      const code = this.rejects.get(mutation.mutation_id)
      const result: PushResult = code
        ? {
            mutation_id: mutation.mutation_id,
            status: 'rejected',
            code: code as PushResult['code'],
            message: `却下: ${code}`,
            row: null,
          }
        : {
            mutation_id: mutation.mutation_id,
            status: 'applied',
            code: null,
            message: null,
            row: this.rowOf(mutation),
          }
      this.results.set(mutation.mutation_id, result)
      return result
    })
  }

  /** The server's row for an applied record_learning (enough for the replica to keep it). */
  private rowOf(mutation: Mutation): Record<string, unknown> | null {
    if (mutation.kind !== 'record_learning') return null
    const { args } = mutation
    return {
      ...args,
      employee_id: this.user?.id,
      session_id: args.session_id ?? null,
      note: args.note ?? '',
      version: 1,
      created_at: '2026-06-01T03:00:00+00:00',
      updated_at: '2026-06-01T03:00:00+00:00',
    }
  }

  pushedIds(): string[] {
    return this.pushes.flat().map((mutation) => mutation.mutation_id)
  }

  async currentUser(): Promise<AuthUser | null> {
    return this.user
  }

  async signOut(): Promise<void> {
    this.user = null
  }

  readonly authListeners = new Set<AuthChangeListener>()

  onAuthChange(listener: AuthChangeListener): () => void {
    this.authListeners.add(listener)
    return () => this.authListeners.delete(listener)
  }

  /** Signs in (a user) or out (null) and tells the listeners, as a backend does. */
  switchUser(user: AuthUser | null): void {
    this.user = user
    for (const listener of this.authListeners) listener(user)
  }
}

/** Timers that run only when the test advances time. */
export class ManualClock implements Clock {
  time = Date.parse('2026-06-01T03:00:00Z')
  private timers: { at: number; id: number; callback: () => void }[] = []
  private ids = 0

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, ms: number): unknown {
    this.ids += 1
    this.timers.push({ at: this.time + ms, id: this.ids, callback })
    return this.ids
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle)
  }

  /** Delays of the timers now set, from now. */
  pending(): number[] {
    return this.timers.map((timer) => timer.at - this.time)
  }

  /** Moves time on, running each timer that falls due (in order). */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0]
      if (!due) break
      this.timers = this.timers.filter((timer) => timer !== due)
      this.time = due.at
      due.callback()
    }
    this.time = end
  }
}

/** A gate a test opens when it wants a waiting call to go on. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}
