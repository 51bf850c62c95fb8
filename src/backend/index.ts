/**
 * The app's backend: Supabase when the build has `VITE_SUPABASE_URL` and `VITE_SUPABASE_ANON_KEY`,
 * otherwise the embedded demo with its generated demo city. Each is a dynamic import, so a build downloads
 * only the one it runs, and only when first asked for (never at first paint).
 */
import type { InjectionKey } from 'vue'
import type { AnyBackend, AuthUser, BackendKind } from './backend'
import { localStorageClaimsStore, readStoredUser } from './embedded/claims-store'

export type * from './backend'
export { BackendError } from './backend'

export function configuredBackendKind(): BackendKind {
  // Read directly so Vite inlines the values and a build drops the branch it does not use.
  return import.meta.env.VITE_SUPABASE_URL && import.meta.env.VITE_SUPABASE_ANON_KEY ? 'supabase' : 'embedded'
}

export async function loadBackend(): Promise<AnyBackend> {
  if (import.meta.env.VITE_SUPABASE_URL && import.meta.env.VITE_SUPABASE_ANON_KEY) {
    const { createSupabaseBackend } = await import('./supabase/supabase-backend')
    return createSupabaseBackend({
      url: import.meta.env.VITE_SUPABASE_URL,
      anonKey: import.meta.env.VITE_SUPABASE_ANON_KEY,
    })
  }
  // The demo city is written once, with the seed, on a fresh local database.
  const [{ openEmbeddedBackend }, { demoData }] = await Promise.all([
    import('./embedded/open-embedded'),
    import('./embedded/demo-city'),
  ])
  return openEmbeddedBackend({ demoData })
}

/**
 * Who was signed in on this device, known without loading the backend, so the app opens offline to
 * their screens at once; the backend confirms or corrects it once loaded. Supabase's client loads
 * quickly and reads its own session, so only the embedded demo (PGlite takes seconds) answers here.
 */
export function peekSignedInUser(): AuthUser | null {
  if (import.meta.env.VITE_SUPABASE_URL && import.meta.env.VITE_SUPABASE_ANON_KEY) return null
  return readStoredUser(localStorageClaimsStore())
}

let started: Promise<AnyBackend> | null = null

/** The one backend of this page, started on the first call; a failed start is tried again on the next. */
export function getBackend(): Promise<AnyBackend> {
  started ??= loadBackend().catch((error: unknown) => {
    started = null
    throw error
  })
  return started
}

/** Provided by main.ts: components and stores get the backend with `inject(backendKey)!()`. */
export const backendKey: InjectionKey<() => Promise<AnyBackend>> = Symbol('backend')
