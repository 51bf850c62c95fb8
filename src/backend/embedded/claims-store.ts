import type { AuthUser } from '../backend'
import type { JwtClaims } from './execute-rpc'

/** Where the embedded backend keeps the signed-in persona's claims between reloads. */
export interface ClaimsStore {
  read(): string | null
  write(value: string | null): void
  /** Reports a change made elsewhere (another tab); returns the unsubscribe. */
  subscribe?(onChange: () => void): () => void
}

export function memoryClaimsStore(): ClaimsStore {
  let value: string | null = null
  return {
    read: () => value,
    write: (next) => {
      value = next
    },
  }
}

/**
 * localStorage, so every tab of the app is the same persona, as with a Supabase session. The key keeps
 * its first name: renaming it would sign every demo user out.
 */
export function localStorageClaimsStore(key = 'dxp.embedded.session'): ClaimsStore {
  return {
    read: () => localStorage.getItem(key),
    write: (value) => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)),
    subscribe(onChange) {
      const listener = (event: StorageEvent) => {
        if (event.key === key || event.key === null) onChange()
      }
      addEventListener('storage', listener)
      return () => removeEventListener('storage', listener)
    },
  }
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The stored persona's claims, or null for nothing stored or anything malformed. */
export function parseClaims(stored: string | null): JwtClaims | null {
  if (stored === null) return null
  try {
    const value: unknown = JSON.parse(stored)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
    const claims = value as JwtClaims
    return typeof claims.sub === 'string' && UUID_PATTERN.test(claims.sub) ? claims : null
  } catch {
    return null
  }
}

export function userOf(claims: JwtClaims | null): AuthUser | null {
  if (claims?.sub === undefined) return null
  return { id: claims.sub, email: typeof claims.email === 'string' ? claims.email : null }
}

/** Who is signed in according to the store alone: known before PGlite has started. */
export function readStoredUser(store: ClaimsStore): AuthUser | null {
  return userOf(parseClaims(store.read()))
}
