import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SqlExecutor } from '@/backend/embedded/execute-rpc'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { localStorageClaimsStore } from '@/backend/embedded/claims-store'

const hanako = {
  sub: '11111111-1111-4111-8111-111111111111',
  role: 'authenticated',
  email: 'hanako@city.test',
}
const key = 'dxp.embedded.session'

// No database needed: these tests never reach SQL.
const executor: SqlExecutor = {
  transaction: () => Promise.reject(new Error('no database in this test')),
}

afterEach(() => localStorage.clear())

describe('the embedded backend’s sign-in in localStorage', () => {
  it('is the same persona after a reload', async () => {
    localStorage.setItem(key, JSON.stringify(hanako))
    const backend = createEmbeddedBackend({ executor, claimsStore: localStorageClaimsStore() })
    expect(await backend.currentUser()).toEqual({ id: hanako.sub, email: hanako.email })
  })

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['no subject', JSON.stringify({ role: 'authenticated' })],
    ['a subject that is not a uuid', JSON.stringify({ ...hanako, sub: 'admin' })],
  ])('reads %s as signed out', async (_name, stored) => {
    localStorage.setItem(key, stored)
    const backend = createEmbeddedBackend({ executor, claimsStore: localStorageClaimsStore() })
    expect(await backend.currentUser()).toBeNull()
  })

  it('reports a sign-in or sign-out made in another tab', () => {
    const backend = createEmbeddedBackend({ executor, claimsStore: localStorageClaimsStore() })
    const seen = vi.fn()
    backend.onAuthChange(seen)

    localStorage.setItem(key, JSON.stringify(hanako))
    window.dispatchEvent(new StorageEvent('storage', { key }))
    localStorage.removeItem(key)
    window.dispatchEvent(new StorageEvent('storage', { key }))
    window.dispatchEvent(new StorageEvent('storage', { key: 'another.key' }))

    expect(seen.mock.calls).toEqual([[{ id: hanako.sub, email: hanako.email }], [null]])
  })

  it('signs out by forgetting the persona', async () => {
    localStorage.setItem(key, JSON.stringify(hanako))
    const backend = createEmbeddedBackend({ executor, claimsStore: localStorageClaimsStore() })
    await backend.signOut()
    expect(localStorage.getItem(key)).toBeNull()
  })
})
