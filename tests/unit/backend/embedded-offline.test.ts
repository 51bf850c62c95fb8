import { describe, expect, it, vi } from 'vitest'
import { BackendError } from '@/backend/backend'
import type { SqlExecutor } from '@/backend/embedded/execute-rpc'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'

describe('the embedded backend while the browser is offline', () => {
  it('answers an RPC with a network error and runs nothing, as a remote server would', async () => {
    const transaction = vi.fn(() => Promise.reject(new Error('must not run')))
    const executor: SqlExecutor = { transaction }
    let online = false
    const backend = createEmbeddedBackend({ executor, isOnline: () => online })
    const error = await backend.rpc('sync_push', { mutations: [] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackendError)
    expect(error).toMatchObject({ kind: 'network', status: 0 })
    expect(transaction).not.toHaveBeenCalled()

    online = true
    await backend.rpc('sync_push', { mutations: [] }).catch(() => undefined)
    expect(transaction).toHaveBeenCalledTimes(1)
  })
})
