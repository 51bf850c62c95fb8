/**
 * One tab syncs at a time. With Web Locks, a round runs only if no other tab of this origin holds
 * `dxp-sync` (`ifAvailable`: a tab that finds it taken skips its round, since the holder is pushing
 * the same outbox); the others see the result through IndexedDB. Without Web Locks (old Safari, Node)
 * the round runs: sync_push's idempotency keeps a concurrent push harmless.
 */
export const SYNC_LOCK_NAME = 'dxp-sync'

export type LockResult<T> = { acquired: true; value: T } | { acquired: false }

/** Runs `task` while holding the sync lock, or reports that another holder has it. */
export type SyncLock = <T>(task: () => Promise<T>) => Promise<LockResult<T>>

interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>
}

function lockManager(): LockManagerLike | null {
  if (typeof navigator === 'undefined') return null
  const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks
  return locks && typeof locks.request === 'function' ? locks : null
}

/** The browser's Web Locks when there are any, else a lock that is always free. */
export function acquireWebLock(name: string = SYNC_LOCK_NAME): SyncLock {
  return async <T>(task: () => Promise<T>): Promise<LockResult<T>> => {
    const locks = lockManager()
    if (!locks) return { acquired: true, value: await task() }
    return locks.request(name, { ifAvailable: true }, async (lock): Promise<LockResult<T>> => {
      if (lock === null) return { acquired: false }
      return { acquired: true, value: await task() }
    })
  }
}

/** A lock shared by engines in one process (tests' "tabs"), with Web Locks' ifAvailable behaviour. */
export function acquireMemoryLock(): SyncLock {
  let held = false
  return async <T>(task: () => Promise<T>): Promise<LockResult<T>> => {
    if (held) return { acquired: false }
    held = true
    try {
      return { acquired: true, value: await task() }
    } finally {
      held = false
    }
  }
}
