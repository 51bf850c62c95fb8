/**
 * Brings a local database up to the app's schema: the Supabase shim, every migration (file-name
 * order) and the seed, each applied once. What was applied is recorded, with a SHA-256 of its text,
 * in the private `dxp_installer` schema (never exposed, not in `public`), so a reload applies only
 * the files added since, and an applied file whose text changed stops the install with
 * {@link SchemaDriftError} instead of leaving a database that matches no migration history.
 *
 * The pending files run in one transaction, each in its own savepoint together with its record: a
 * failed file leaves nothing behind (the files before it stay applied), and the next start retries
 * it. Tabs sharing one database may install at once: the record table is locked and re-read
 * inside the transaction.
 *
 * Browser-safe: the SQL text arrives from the caller (import.meta.glob in the app, fs in Node).
 */
import type { ScriptExecutor, ScriptTx } from './pglite-executor'

export interface SqlFile {
  /** Path from the repository root, e.g. `supabase/migrations/20260401000000_private_schema.sql`. */
  name: string
  sql: string
}

/** The seed's name in the file list: demo data, when given, is written in its transaction. */
export const SEED_FILE = 'supabase/seed.sql'

export interface InstallOptions {
  /**
   * Writes demo data after the seed, in the seed's own transaction, on the install that first
   * applies the seed: a database gets it exactly once, and never half of it.
   */
  demoData?: (tx: ScriptTx) => Promise<void>
}

export interface InstallReport {
  /** Files applied by this call, in order. */
  applied: string[]
  /** Files found already applied (by this or an earlier install) and left alone. */
  unchanged: string[]
  /** Applied earlier but no longer among the files: kept in the database, reported only. */
  unknown: string[]
}

export interface ChangedFile {
  name: string
  appliedChecksum: string
  currentChecksum: string
  appliedAt: Date | string
}

/** An applied file's text changed: the database no longer matches the files. Reset it (dev) or add a new migration. */
export class SchemaDriftError extends Error {
  readonly changed: ChangedFile[]

  constructor(changed: ChangedFile[]) {
    super(
      `Already applied to this database, but changed since: ${changed.map((file) => file.name).join(', ')}. ` +
        'Put the change in a new migration, or reset the local database to install from scratch.',
    )
    this.name = 'SchemaDriftError'
    this.changed = changed
  }
}

export class SchemaInstallError extends Error {
  readonly file: string

  constructor(file: string, cause: unknown) {
    super(`${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'SchemaInstallError'
    this.file = file
  }
}

const BOOKKEEPING = `
  create schema if not exists dxp_installer;
  revoke all on schema dxp_installer from public;
  comment on schema dxp_installer is
    '組込みデータベースに適用済みのSQLファイル / SQL files applied to the embedded database (not exposed)';
  create table if not exists dxp_installer.applied_files (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  );
  revoke all on table dxp_installer.applied_files from public;`

interface AppliedRow {
  name: string
  checksum: string
  applied_at: Date | string
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function driftOf(name: string, checksum: string, row: AppliedRow | undefined): ChangedFile | null {
  if (row === undefined || row.checksum === checksum) return null
  return { name, appliedChecksum: row.checksum, currentChecksum: checksum, appliedAt: row.applied_at }
}

/**
 * Applies the files not yet applied, in the order given.
 * @throws {SchemaDriftError} before applying anything, when an applied file's text changed.
 * @throws {SchemaInstallError} naming the file whose SQL failed (earlier files stay applied).
 */
export async function installSchema(
  executor: ScriptExecutor,
  files: readonly SqlFile[],
  options: InstallOptions = {},
): Promise<InstallReport> {
  const names = files.map((file) => file.name)
  const duplicate = names.find((name, index) => names.indexOf(name) !== index)
  if (duplicate !== undefined) throw new Error(`The file ${duplicate} is listed twice`)
  if (options.demoData && !names.includes(SEED_FILE)) {
    throw new Error(`Demo data is written after ${SEED_FILE}, which is not among the files`)
  }

  const checksums = await Promise.all(files.map((file) => sha256Hex(file.sql)))
  const applied = await executor.transaction(async (tx) => {
    await tx.exec(BOOKKEEPING)
    return (await tx.query<AppliedRow>('select name, checksum, applied_at from dxp_installer.applied_files'))
      .rows
  })
  const byName = new Map(applied.map((row) => [row.name, row]))
  const changed = files.flatMap(
    (file, i) => driftOf(file.name, checksums[i] ?? '', byName.get(file.name)) ?? [],
  )
  if (changed.length > 0) throw new SchemaDriftError(changed)

  const report: InstallReport = {
    applied: [],
    unchanged: [],
    unknown: applied.map((row) => row.name).filter((name) => !names.includes(name)),
  }
  const pending: { file: SqlFile; checksum: string }[] = []
  for (const [i, file] of files.entries()) {
    if (byName.has(file.name)) report.unchanged.push(file.name)
    else pending.push({ file, checksum: checksums[i] ?? '' })
  }
  if (pending.length === 0) return report

  // One transaction for all pending files, one savepoint per file: the browser's database is copied
  // to IndexedDB once per transaction, so this is one copy instead of one per file (seconds on a
  // first install), while a failing file still takes back only itself.
  const failure = await executor.transaction(async (tx) => {
    // Another tab may have applied some since the read above.
    await tx.query('lock table dxp_installer.applied_files in exclusive mode')
    const { rows } = await tx.query<AppliedRow>(
      'select name, checksum, applied_at from dxp_installer.applied_files',
    )
    const appliedNow = new Map(rows.map((row) => [row.name, row]))
    for (const { file, checksum } of pending) {
      const drift = driftOf(file.name, checksum, appliedNow.get(file.name))
      if (drift) throw new SchemaDriftError([drift])
      if (appliedNow.has(file.name)) {
        report.unchanged.push(file.name)
        continue
      }
      await tx.exec('savepoint dxp_install_file')
      try {
        await tx.exec(file.sql)
        if (file.name === SEED_FILE && options.demoData) await options.demoData(tx)
        await tx.query('insert into dxp_installer.applied_files (name, checksum) values ($1, $2)', [
          file.name,
          checksum,
        ])
        await tx.exec('release savepoint dxp_install_file')
      } catch (error) {
        await tx.exec('rollback to savepoint dxp_install_file')
        return new SchemaInstallError(file.name, error)
      }
      report.applied.push(file.name)
    }
    return null
  })
  if (failure) throw failure
  return report
}
