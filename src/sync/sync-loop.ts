/**
 * The sync engine: rounds of "push the outbox, then pull changes", one at a time per tab and one tab
 * at a time per device, retried with backoff while the failure is worth retrying.
 *
 *                 syncNow() (a trigger, or the 今すぐ同期 button)
 *                      │          ┌────────── timer (backoff, or another tab held the lock) ──┐
 *                      v          v                                                           │
 *   ┌──────┐      ┌─────────────────────┐  lock taken by another tab ──> skipped ───────────┤
 *   │ idle │ ───> │ syncing             │  retryable (network, 5xx, 40001, 40P01, 55P03…) ──┤ waiting
 *   └──────┘ <──┐ │  lock → push → pull │     in-flight entries back to pending, failures+1 ─┘
 *      ^        │ └─────────────────────┘
 *      │        ├── synced: outbox answered, pulled until has_more = false; failures = 0
 *      │        ├── failed (auth or DXP001; DXP002/003; a broken contract): エラー shown, no timer;
 *      │        │   a sign-in or the next trigger tries again; nothing in the outbox is rejected by it
 *      │        └── skipped: signed out (before the round, or the user changed during it)
 *      └── stop(): no more rounds or timers
 *
 * A syncNow() during a round queues one more round after it (a write made meanwhile is pushed).
 */
import type { Backend } from '@/backend/backend'
import type { DxpDatabase } from '@/data/db'
import { updateSyncMeta } from '@/data/replica'
import { acquireWebLock, type SyncLock } from './acquire-lock'
import { classifyFailure, type SyncFailure } from './classify-failure'
import { systemClock, type Clock } from './clock'
import { computeBackoff, DEFAULT_BACKOFF } from './compute-backoff'
import { pullChanges, type PullSummary } from './pull-changes'
import { pushOutbox, type PushSummary } from './push-outbox'

export type RoundOutcome =
  | { status: 'synced'; userId: string; push: PushSummary; pull: PullSummary; at: string }
  | { status: 'skipped'; reason: 'locked' | 'signed_out' | 'stopped' }
  /** A retryable failure: the next round runs by itself after `retryInMs`. */
  | { status: 'retrying'; failure: SyncFailure; failures: number; retryInMs: number }
  /** Auth or a refusal of the whole call: no automatic retry; shown as エラー. */
  | { status: 'failed'; failure: SyncFailure }

export type SyncPhase = 'idle' | 'syncing' | 'waiting'

export interface SyncEngineState {
  phase: SyncPhase
  lastOutcome: RoundOutcome | null
  lastSuccessAt: string | null
  /** Retryable failures in a row. */
  failures: number
  /** When the next round is due by timer (epoch ms), or null. */
  nextRoundAt: number | null
}

export interface SyncEngineOptions {
  db: DxpDatabase
  backend: Backend
  /** Default: Web Locks when the browser has them, else none. */
  lock?: SyncLock
  clock?: Clock
  /** [0, 1), for the backoff's jitter. */
  random?: () => number
  backoff?: { baseMs: number; maxMs: number }
  /** When another tab held the lock, look again after this long (it may have missed our writes). */
  lockRetryMs?: number
  batchSize?: number
  pullRows?: number
}

export interface SyncEngine {
  /** Runs a round now (or right after the running one) and resolves to its outcome. */
  syncNow(): Promise<RoundOutcome>
  readonly state: SyncEngineState
  /** Called with the new state after every change; returns the unsubscribe. */
  subscribe(listener: (state: SyncEngineState) => void): () => void
  /** No more rounds or timers; a running round finishes. */
  stop(): void
}

type RoundResult =
  | { ok: true; userId: string; push: PushSummary; pull: PullSummary; at: string }
  | { ok: false; failure: SyncFailure }

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, backend } = options
  const lock = options.lock ?? acquireWebLock()
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const lockRetryMs = options.lockRetryMs ?? 2_000

  let state: SyncEngineState = {
    phase: 'idle',
    lastOutcome: null,
    lastSuccessAt: null,
    failures: 0,
    nextRoundAt: null,
  }
  const listeners = new Set<(state: SyncEngineState) => void>()
  let running: Promise<RoundOutcome> | null = null
  let queued: Promise<RoundOutcome> | null = null
  let timer: unknown = null
  let stopped = false

  function setState(patch: Partial<SyncEngineState>): void {
    state = { ...state, ...patch }
    for (const listener of listeners) listener(state)
  }

  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
  }

  function schedule(ms: number): void {
    clearTimer()
    if (stopped) return
    timer = clock.setTimeout(() => {
      timer = null
      void syncNow()
    }, ms)
    setState({ phase: 'waiting', nextRoundAt: clock.now() + ms })
  }

  async function round(userId: string): Promise<RoundResult> {
    try {
      const push = await pushOutbox({ db, backend, userId, batchSize: options.batchSize })
      const pull = await pullChanges({ db, backend, userId, maxRows: options.pullRows })
      const at = new Date(clock.now()).toISOString()
      await updateSyncMeta(db, userId, {
        last_success_at: at,
        last_error_code: null,
        last_error_message: null,
        last_error_at: null,
      })
      return { ok: true, userId, push, pull, at }
    } catch (error) {
      const failure = classifyFailure(error)
      if (failure.class === 'user') return { ok: false, failure }
      await updateSyncMeta(db, userId, {
        last_error_code: failure.code,
        last_error_message: failure.message,
        last_error_at: new Date(clock.now()).toISOString(),
      }).catch(() => undefined)
      return { ok: false, failure }
    }
  }

  async function attempt(): Promise<RoundResult | 'locked' | 'signed_out'> {
    let userId: string
    try {
      const user = await backend.currentUser()
      if (!user) return 'signed_out'
      userId = user.id
    } catch (error) {
      return { ok: false, failure: classifyFailure(error) }
    }
    try {
      const held = await lock(() => round(userId))
      return held.acquired ? held.value : 'locked'
    } catch (error) {
      // The lock itself failed (a browser's LockManager can throw): a round never rejects.
      return { ok: false, failure: classifyFailure(error) }
    }
  }

  function conclude(result: RoundResult | 'locked' | 'signed_out'): RoundOutcome {
    if (result === 'signed_out') {
      setState({ phase: 'idle', nextRoundAt: null })
      return { status: 'skipped', reason: 'signed_out' }
    }
    if (result === 'locked') {
      schedule(lockRetryMs)
      return { status: 'skipped', reason: 'locked' }
    }
    if (result.ok) {
      const { ok: _ok, ...rest } = result
      setState({ phase: 'idle', failures: 0, nextRoundAt: null, lastSuccessAt: result.at })
      return { status: 'synced', ...rest }
    }
    const { failure } = result
    if (failure.class === 'user') {
      setState({ phase: 'idle', nextRoundAt: null })
      return { status: 'skipped', reason: 'signed_out' }
    }
    if (failure.class === 'retry' || failure.class === 'batch') {
      const failures = state.failures + 1
      const retryInMs = computeBackoff(failures, { ...backoff, random })
      setState({ failures })
      schedule(retryInMs)
      return { status: 'retrying', failure, failures, retryInMs }
    }
    setState({ phase: 'idle', failures: 0, nextRoundAt: null })
    return { status: 'failed', failure }
  }

  function begin(): Promise<RoundOutcome> {
    if (stopped) return Promise.resolve({ status: 'skipped', reason: 'stopped' })
    clearTimer()
    setState({ phase: 'syncing', nextRoundAt: null })
    running = attempt()
      .then(conclude)
      .then((outcome) => {
        setState({ lastOutcome: outcome })
        return outcome
      })
      .finally(() => {
        running = null
      })
    return running
  }

  function syncNow(): Promise<RoundOutcome> {
    if (queued) return queued
    if (running) {
      queued = running.then(() => {
        queued = null
        return begin()
      })
      return queued
    }
    return begin()
  }

  return {
    syncNow,
    get state() {
      return state
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop() {
      stopped = true
      clearTimer()
      if (state.phase === 'waiting') setState({ phase: 'idle', nextRoundAt: null })
    },
  }
}
