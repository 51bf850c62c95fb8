import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '@supabase/supabase-js'
import { openEmbeddedBackend } from '@/backend/embedded/open-embedded'
import { configuredBackendKind, getBackend, loadBackend } from '@/backend'

vi.mock('@supabase/supabase-js', () => ({
  createClient: vi.fn(() => ({ auth: { onAuthStateChange: vi.fn() } })),
}))
vi.mock('@/backend/embedded/open-embedded', () => ({
  openEmbeddedBackend: vi.fn(async () => ({ kind: 'embedded' })),
}))

afterEach(() => {
  vi.unstubAllEnvs()
  vi.clearAllMocks()
})

describe('loadBackend', () => {
  it('uses Supabase when both its URL and anon key are configured', async () => {
    vi.stubEnv('VITE_SUPABASE_URL', 'https://city.supabase.test')
    vi.stubEnv('VITE_SUPABASE_ANON_KEY', 'anon-key')

    expect(configuredBackendKind()).toBe('supabase')
    expect((await loadBackend()).kind).toBe('supabase')
    expect(createClient).toHaveBeenCalledWith('https://city.supabase.test', 'anon-key', expect.any(Object))
    expect(openEmbeddedBackend).not.toHaveBeenCalled()
  })

  it.each([
    ['nothing', {}],
    ['only the URL', { VITE_SUPABASE_URL: 'https://city.supabase.test' }],
    ['only the key', { VITE_SUPABASE_ANON_KEY: 'anon-key' }],
    ['empty values', { VITE_SUPABASE_URL: '', VITE_SUPABASE_ANON_KEY: '' }],
  ])('runs the embedded demo when %s is configured', async (_name, env: Record<string, string>) => {
    vi.stubEnv('VITE_SUPABASE_URL', undefined)
    vi.stubEnv('VITE_SUPABASE_ANON_KEY', undefined)
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value)

    expect(configuredBackendKind()).toBe('embedded')
    expect((await loadBackend()).kind).toBe('embedded')
    expect(openEmbeddedBackend).toHaveBeenCalledOnce()
    expect(createClient).not.toHaveBeenCalled()
  })
})

describe('getBackend', () => {
  it('starts the backend once for every caller, and again after a start that failed', async () => {
    vi.stubEnv('VITE_SUPABASE_URL', undefined)
    vi.mocked(openEmbeddedBackend).mockRejectedValueOnce(new Error('IndexedDB unavailable'))

    await expect(getBackend()).rejects.toThrow('IndexedDB unavailable')
    const [first, second] = await Promise.all([getBackend(), getBackend()])

    expect(first).toBe(second)
    expect(await getBackend()).toBe(first)
    expect(openEmbeddedBackend).toHaveBeenCalledTimes(2)
  })
})
