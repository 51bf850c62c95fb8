import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref, type EffectScope, type MaybeRefOrGetter } from 'vue'
import { BackendError, type AnyBackend } from '@/backend'
import { clearDivisionCache, useDivisionRpc } from '@/composables/useDivisionRpc'
import { useAuthStore } from '@/stores/auth'
import { withContractCall } from '../../support/contract-call'

const ME = '11111111-1111-4111-8111-111111111111'
/** A department-coverage answer for fiscal year `year` (its shape is the contract's). */
const coverage = (year: unknown) => ({
  fiscal_year: year,
  departments_total: 0,
  departments_covered: 0,
  coverage_rate: null,
  departments: [],
})

let scope: EffectScope | undefined
function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
  window.dispatchEvent(new Event(online ? 'online' : 'offline'))
}

function withBackend(rpc: (fn: string, args?: unknown) => Promise<unknown>) {
  const auth = useAuthStore()
  auth.user = { id: ME, email: null }
  const backend = withContractCall({ kind: 'supabase', rpc: vi.fn(rpc) }) as unknown as AnyBackend
  auth.backend = backend
  return backend.rpc as ReturnType<typeof vi.fn>
}

function use(args: MaybeRefOrGetter<{ fiscal_year?: number } | null> = {}) {
  scope = effectScope()
  return scope.run(() => useDivisionRpc('division_department_coverage', args))!
}

const networkError = () =>
  new BackendError('network', { code: '', message: 'Failed to fetch', details: null, hint: null }, 0)

describe('useDivisionRpc', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    clearDivisionCache()
    setOnline(true)
  })
  afterEach(() => {
    scope?.stop()
    scope = undefined
  })

  it('is loading until the answer arrives, then shows it with the time it was fetched', async () => {
    const rpc = withBackend(async () => coverage(6))
    const q = use()
    expect(q.state.value).toBe('loading')
    await flushPromises()
    expect(rpc).toHaveBeenCalledWith('division_department_coverage', {})
    expect(q.state.value).toBe('ready')
    expect(q.data.value).toEqual(coverage(6))
    expect(q.fetchedAt.value).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(q.stale.value).toBe(false)
  })

  it('keeps showing the last answer, marked stale with its time, when the network fails', async () => {
    let fail = false
    withBackend(async () => {
      if (fail) throw networkError()
      return coverage(6)
    })
    const q = use()
    await flushPromises()
    const firstTime = q.fetchedAt.value
    fail = true
    await q.reload()
    expect(q.data.value).toEqual(coverage(6))
    expect(q.fetchedAt.value).toBe(firstTime)
    expect(q.failure.value).toEqual({ kind: 'offline' })
    expect(q.stale.value).toBe(true)
  })

  it('shows the cached answer of this tab (sessionStorage) at once to a new screen, even offline', async () => {
    withBackend(async () => coverage(7))
    use()
    await flushPromises()
    scope?.stop()
    setActivePinia(createPinia())
    const rpc = withBackend(async () => coverage(99))
    setOnline(false)
    // A fresh tab's memory is empty: only sessionStorage holds the answer now.
    const stored = Object.keys(sessionStorage).filter((k) => k.startsWith('dxp.division.'))
    expect(stored).toHaveLength(1)
    const q = use()
    expect(q.data.value).toEqual(coverage(7))
    await flushPromises()
    expect(rpc).not.toHaveBeenCalled()
    expect(q.failure.value).toEqual({ kind: 'offline' })
    expect(q.stale.value).toBe(true)
  })

  it('still asks the embedded demo offline: its server runs on the device', async () => {
    const rpc = withBackend(async () => coverage(3))
    ;(useAuthStore().backend as unknown as { kind: string }).kind = 'embedded'
    setOnline(false)
    const q = use()
    await flushPromises()
    expect(rpc).toHaveBeenCalledTimes(1)
    expect(q.data.value).toEqual(coverage(3))
    expect(q.failure.value).toBeNull()
  })

  it('is an error, not a blank screen, when nothing was cached and the call fails', async () => {
    withBackend(async () => {
      throw networkError()
    })
    const q = use()
    await flushPromises()
    expect(q.state.value).toBe('error')
    expect(q.failure.value).toEqual({ kind: 'offline' })
  })

  it('names the server’s code when it refuses (DXP070: not the DX division)', async () => {
    withBackend(async () => {
      throw new BackendError('client', { code: 'P0001', message: 'DXP070', details: '…', hint: null }, 400)
    })
    const q = use()
    await flushPromises()
    expect(q.failure.value).toEqual({ kind: 'code', code: 'DXP070' })
  })

  it('refuses an answer of the wrong shape rather than render it', async () => {
    withBackend(async () => coverage('six'))
    const q = use()
    await flushPromises()
    expect(q.data.value).toBeNull()
    expect(q.failure.value).toEqual({ kind: 'invalid' })
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('dxp.division.'))).toHaveLength(0)
  })

  it('says unsupported when the server has no such function', async () => {
    withBackend(async () => {
      throw new BackendError(
        'client',
        { code: 'PGRST202', message: 'not found', details: null, hint: null },
        404,
      )
    })
    const q = use()
    await flushPromises()
    expect(q.failure.value).toEqual({ kind: 'unsupported' })
  })

  it('asks nothing while the arguments are null, and asks again when they change', async () => {
    const rpc = withBackend(async (_fn, args) => coverage((args as { fiscal_year: number }).fiscal_year))
    const args = ref<{ fiscal_year?: number } | null>(null)
    const q = use(args)
    await flushPromises()
    expect(rpc).not.toHaveBeenCalled()
    expect(q.state.value).toBe('loading')
    args.value = { fiscal_year: 2026 }
    await nextTick()
    await flushPromises()
    expect(q.data.value).toEqual(coverage(2026))
    args.value = { fiscal_year: 2027 }
    await nextTick()
    await flushPromises()
    expect(q.data.value).toEqual(coverage(2027))
  })
})
