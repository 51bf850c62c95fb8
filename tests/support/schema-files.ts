import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

export interface SqlFile {
  name: string
  sql: string
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+\.sql$/

/** What a fresh database gets, in order: Supabase shim, every migration by file name, then the seed. */
export async function loadSchemaFiles(): Promise<SqlFile[]> {
  const migrationsDir = path.join(root, 'supabase/migrations')
  const names = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort()
  const misnamed = names.filter((name) => !MIGRATION_NAME.test(name))
  if (misnamed.length > 0)
    throw new Error(`Migrations must be named <14 digits>_<name>.sql: ${misnamed.join(', ')}`)
  const files = [
    'src/backend/embedded/supabase-shim.sql',
    ...names.map((name) => `supabase/migrations/${name}`),
    'supabase/seed.sql',
  ]
  return Promise.all(
    files.map(async (name) => ({ name, sql: await readFile(path.join(root, name), 'utf8') })),
  )
}

/** Runs each file as one multi-statement script and names the file when one fails. */
export async function applySchemaFiles(
  files: readonly SqlFile[],
  execScript: (sql: string) => Promise<unknown>,
): Promise<void> {
  for (const file of files) {
    try {
      await execScript(file.sql)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new Error(`${file.name}: ${message}`, { cause: error })
    }
  }
}
