import { afterEach, describe, expect, it, vi } from 'vitest'
import { BackendError } from '@/backend/backend'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import type { SqlExecutor } from '@/backend/embedded/execute-rpc'

afterEach(() => vi.restoreAllMocks())

describe('the embedded backend with the browser offline', () => {
  it('is unreachable, as a server across the network would be, and reaches no SQL', async () => {
    const transaction = vi.fn(() => Promise.reject(new Error('SQL was reached')))
    const backend = createEmbeddedBackend({ executor: { transaction } as unknown as SqlExecutor })
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const error = await backend.rpc('sync_push', { mutations: [] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackendError)
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true })
    expect(transaction).not.toHaveBeenCalled()
  })

  it('runs the call again once the browser is online', async () => {
    const transaction = vi.fn(() => Promise.reject(new Error('SQL was reached')))
    const backend = createEmbeddedBackend({ executor: { transaction } as unknown as SqlExecutor })
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    await backend.rpc('sync_push', { mutations: [] }).catch(() => undefined)
    expect(transaction).toHaveBeenCalled()
  })
})
