/** Where the embedded backend keeps the signed-in persona's claims between reloads. */
export interface SessionStore {
  read(): string | null
  write(value: string | null): void
  /** Reports a change made elsewhere (another tab); returns the unsubscribe. */
  subscribe?(onChange: () => void): () => void
}

export function memorySessionStore(): SessionStore {
  let value: string | null = null
  return {
    read: () => value,
    write: (next) => {
      value = next
    },
  }
}

/** localStorage, so every tab of the app is the same persona, as with a Supabase session. */
export function localStorageSessionStore(key = 'dxp.embedded.session'): SessionStore {
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
