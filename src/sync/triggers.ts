/**
 * When a round runs by itself: at start, when the browser comes back online, when the tab becomes
 * visible, every `intervalMs` while it is visible, on sign-in, and shortly after a local write
 * (debounced, so a burst of edits is one push). The 今すぐ同期 button calls `engine.syncNow()` directly. No reliance
 * on the Background Sync API (Safari and Firefox lack it).
 */
import type { Backend } from '@/backend/backend'
import type { DxpDatabase } from '@/data/db'
import { systemClock, type Clock } from './clock'
import type { SyncEngine } from './sync-loop'

export interface SyncTriggerOptions {
  engine: Pick<SyncEngine, 'syncNow'>
  /** Local writes to the outbox schedule a round. */
  db?: DxpDatabase
  /** A sign-in (or a refreshed session) runs a round: an auth failure waits for one. */
  backend?: Pick<Backend, 'onAuthChange'>
  /** Default: the page's window and document. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>
  clock?: Clock
  /** The timer while visible. */
  intervalMs?: number
  /** How long after the last local write the round starts. */
  writeDebounceMs?: number
  /** Sync once at once (app start). */
  immediate?: boolean
}

export const DEFAULT_SYNC_INTERVAL_MS = 60_000
export const DEFAULT_WRITE_DEBOUNCE_MS = 1_000

/** Installs the triggers; returns the cleanup that removes every listener and timer. */
export function installSyncTriggers(options: SyncTriggerOptions): () => void {
  const { engine, db } = options
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window)
  const doc = options.document ?? (typeof document === 'undefined' ? undefined : document)
  const clock = options.clock ?? systemClock
  const intervalMs = options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS
  const writeDebounceMs = options.writeDebounceMs ?? DEFAULT_WRITE_DEBOUNCE_MS

  const visible = () => doc === undefined || doc.visibilityState === 'visible'
  const sync = () => {
    void engine.syncNow()
  }

  let tick: unknown = null
  const scheduleTick = () => {
    tick = clock.setTimeout(() => {
      if (visible()) sync()
      scheduleTick()
    }, intervalMs)
  }

  let debounce: unknown = null
  const onWrite = () => {
    if (debounce !== null) clock.clearTimeout(debounce)
    debounce = clock.setTimeout(() => {
      debounce = null
      sync()
    }, writeDebounceMs)
  }
  const onVisibility = () => {
    if (visible()) sync()
  }

  target?.addEventListener('online', sync)
  doc?.addEventListener('visibilitychange', onVisibility)
  // Runs inside the writing transaction; the debounce delays the round until well after it commits.
  db?.outbox.hook('creating', onWrite)
  const stopAuth = options.backend?.onAuthChange((user) => {
    if (user) sync()
  })
  scheduleTick()
  if (options.immediate ?? true) sync()

  return () => {
    target?.removeEventListener('online', sync)
    doc?.removeEventListener('visibilitychange', onVisibility)
    db?.outbox.hook('creating').unsubscribe(onWrite)
    stopAuth?.()
    if (tick !== null) clock.clearTimeout(tick)
    if (debounce !== null) clock.clearTimeout(debounce)
    tick = null
    debounce = null
  }
}
