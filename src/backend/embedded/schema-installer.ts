/**
 * Brings a local database up to the app's schema: the Supabase shim, every migration (file-name
 * order) and the seed, each applied once. What was applied is recorded, with a SHA-256 of its text,
 * in the private `dxp_installer` schema (never exposed, not in `public`), so a reload applies only
 * the files added since, and an applied file whose text changed stops the install with
 * {@link SchemaDriftError} instead of leaving a database that matches no migration history.
 *
 * A demo database (one installed with `demoData`: everything in it was generated) built from an
 * older history — an applied file changed or no longer among the files, as after the pre-release
 * squash of the migrations — is rebuilt instead: every schema the files made is dropped and the
 * files and demo data are installed afresh, in one transaction, and the caller is told
 * (`onRebuild`, {@link InstallReport.rebuilt}). Only the PGlite database is touched: the device's
 * outbox is in IndexedDB (Dexie), apart from it, and its unsent changes are pushed to the rebuilt
 * database as before. The sync epoch moves past the old one, so every replica starts again from the
 * rebuilt data rather than keep rows the old database had.
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
  /** Told after a demo database built from an older history was rebuilt; the app shows `message`. */
  onRebuild?: (notice: RebuildNotice) => void
}

/** What a rebuild of a demo database replaced, and the short notice to show. */
export interface RebuildNotice {
  /** Applied files whose text changed since. */
  changed: string[]
  /** Applied files no longer among the files. */
  removed: string[]
  message: string
}

export const REBUILD_MESSAGE =
  'アプリの更新に合わせて、デモ用データベースを作り直しました。送信待ちの変更はそのまま送信されます。 / ' +
  'The demo database was rebuilt for this version of the app. Changes waiting to be sent are kept and will be sent.'

export interface InstallReport {
  /** Files applied by this call, in order. */
  applied: string[]
  /** Files found already applied (by this or an earlier install) and left alone. */
  unchanged: string[]
  /** Applied earlier but no longer among the files: kept in the database, reported only. */
  unknown: string[]
  /** Set when this call rebuilt a demo database built from an older history. */
  rebuilt: RebuildNotice | null
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

/** Drops every schema the shim, migrations and installer made, and gives back an empty `public`. */
const DROP_EVERYTHING = `
  do $$
  declare
    s name;
  begin
    for s in
      select n.nspname from pg_catalog.pg_namespace as n
      where n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
    loop
      execute pg_catalog.format('drop schema %I cascade', s);
    end loop;
  end
  $$;
  create schema public authorization pg_database_owner;
  grant usage on schema public to public;
  comment on schema public is 'standard public schema';`

/** The database's sync epoch, or null when it has none (nothing installed yet). */
async function syncEpoch(tx: ScriptTx): Promise<number | null> {
  const { rows } = await tx.query<{ found: boolean }>(
    "select pg_catalog.to_regclass('private.sync_state') is not null as found",
  )
  if (!rows[0]?.found) return null
  const state = await tx.query<{ epoch: number | string }>('select epoch from private.sync_state')
  return state.rows[0] === undefined ? null : Number(state.rows[0].epoch)
}

function driftOf(name: string, checksum: string, row: AppliedRow | undefined): ChangedFile | null {
  if (row === undefined || row.checksum === checksum) return null
  return { name, appliedChecksum: row.checksum, currentChecksum: checksum, appliedAt: row.applied_at }
}

/**
 * Applies the files not yet applied, in the order given.
 * @throws {SchemaDriftError} before applying anything, when an applied file's text changed (a demo
 *   database is rebuilt instead, see the top of this file).
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
  const unknown = applied.map((row) => row.name).filter((name) => !names.includes(name))
  const rebuild = options.demoData !== undefined && (changed.length > 0 || unknown.length > 0)
  if (changed.length > 0 && !rebuild) throw new SchemaDriftError(changed)
  if (rebuild) return rebuildDemo(executor, files, checksums, options)

  const report: InstallReport = { applied: [], unchanged: [], unknown, rebuilt: null }
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

/**
 * Drops a demo database built from an older history and installs every file and the demo data, all
 * in one transaction: a failure takes everything back, and the old database stays as it was.
 */
async function rebuildDemo(
  executor: ScriptExecutor,
  files: readonly SqlFile[],
  checksums: readonly string[],
  options: InstallOptions,
): Promise<InstallReport> {
  const names = files.map((file) => file.name)
  const notice = await executor.transaction(async (tx) => {
    await tx.exec(BOOKKEEPING)
    await tx.query('lock table dxp_installer.applied_files in exclusive mode')
    const { rows } = await tx.query<AppliedRow>(
      'select name, checksum, applied_at from dxp_installer.applied_files',
    )
    const byName = new Map(rows.map((row) => [row.name, row]))
    const changed = files.flatMap(
      (file, i) => driftOf(file.name, checksums[i] ?? '', byName.get(file.name)) ?? [],
    )
    const removed = rows.map((row) => row.name).filter((name) => !names.includes(name))
    // Another tab rebuilt it since the first read.
    if (changed.length === 0 && removed.length === 0) return null

    const oldEpoch = await syncEpoch(tx)
    await tx.exec(DROP_EVERYTHING)
    await tx.exec(BOOKKEEPING)
    for (const [i, file] of files.entries()) {
      try {
        await tx.exec(file.sql)
        if (file.name === SEED_FILE && options.demoData) await options.demoData(tx)
      } catch (error) {
        throw new SchemaInstallError(file.name, error)
      }
      await tx.query('insert into dxp_installer.applied_files (name, checksum) values ($1, $2)', [
        file.name,
        checksums[i] ?? '',
      ])
    }
    // Cursors the replicas hold name the old epoch: a new one makes each of them start again (reset)
    // instead of keeping rows the rebuilt database does not have.
    if (oldEpoch !== null && (await syncEpoch(tx)) !== null) {
      await tx.query('update private.sync_state set epoch = greatest(epoch, $1::bigint + 1)', [oldEpoch])
    }
    return { changed: changed.map((file) => file.name), removed, message: REBUILD_MESSAGE }
  })
  if (notice === null) return installSchema(executor, files, options)
  // Without a listener the notice still reaches the console, never nowhere.
  if (options.onRebuild) options.onRebuild(notice)
  else console.info(notice.message)
  return { applied: [...names], unchanged: [], unknown: [], rebuilt: notice }
}
