/**
 * The SQL the browser installs, in order: the Supabase shim, every migration by file name, the seed.
 * Each file is its own lazily loaded chunk, fetched only when the embedded backend starts (and
 * precached for offline use in the embedded build). Node tests read the same files with fs
 * (tests/support/schema-files.ts); the names match, so both record the same history.
 */
import type { SqlFile } from './schema-installer'

const shim = import.meta.glob<string>('/src/backend/embedded/supabase-shim.sql', {
  query: '?raw',
  import: 'default',
})
const migrations = import.meta.glob<string>('/supabase/migrations/*.sql', {
  query: '?raw',
  import: 'default',
})
const seed = import.meta.glob<string>('/supabase/seed.sql', { query: '?raw', import: 'default' })

export async function loadBundledSchemaFiles(): Promise<SqlFile[]> {
  const ordered = [
    ...Object.entries(shim),
    ...Object.entries(migrations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ...Object.entries(seed),
  ]
  return Promise.all(
    ordered.map(async ([path, load]) => ({ name: path.replace(/^\//, ''), sql: await load() })),
  )
}
