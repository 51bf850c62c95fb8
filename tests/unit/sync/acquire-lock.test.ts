import { afterEach, describe, expect, it, vi } from 'vitest'
import { acquireMemoryLock, acquireWebLock, SYNC_LOCK_NAME } from '@/sync/acquire-lock'
import { gate } from './support'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the sync lock', () => {
  it('asks Web Locks for dxp-sync only if available, and skips when another tab holds it', async () => {
    const requests: [string, unknown][] = []
    let held = false
    vi.stubGlobal('navigator', {
      locks: {
        request: async (name: string, options: unknown, callback: (lock: unknown) => Promise<unknown>) => {
          requests.push([name, options])
          if (held) return callback(null)
          held = true
          try {
            return await callback({ name })
          } finally {
            held = false
          }
        },
      },
    })
    const lock = acquireWebLock()
    const hold = gate()
    const first = lock(() => hold.wait.then(() => 'done'))
    expect(await lock(async () => 'second')).toEqual({ acquired: false })
    hold.open()
    expect(await first).toEqual({ acquired: true, value: 'done' })
    expect(requests).toEqual([
      [SYNC_LOCK_NAME, { ifAvailable: true }],
      [SYNC_LOCK_NAME, { ifAvailable: true }],
    ])
  })

  it('runs the round without Web Locks (older browsers): the server’s idempotency covers it', async () => {
    vi.stubGlobal('navigator', {})
    expect(await acquireWebLock()(async () => 1)).toEqual({ acquired: true, value: 1 })
  })

  it('in memory, lets one task run at a time and frees the lock after a failure', async () => {
    const lock = acquireMemoryLock()
    const hold = gate()
    const first = lock(() => hold.wait)
    expect(await lock(async () => 2)).toEqual({ acquired: false })
    hold.open()
    await first
    await expect(lock(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await lock(async () => 3)).toEqual({ acquired: true, value: 3 })
  })
})
