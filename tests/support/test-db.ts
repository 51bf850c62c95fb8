// A fresh database per test file, on the engine the vitest project names (DXP_DB_ENGINE), with the
// Supabase shim, every migration and the seed applied. See tests/support/README.md.
import { createHash, randomBytes } from 'node:crypto'
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { inject } from 'vitest'
import {
  applyRequestContext,
  executeRpc,
  type JwtClaims,
  type SqlExecutor,
  type SqlTx,
} from '@/backend/embedded/execute-rpc'
import { pgliteExecutor, pgPoolExecutor } from './sql-executors'
import { applySchemaFiles, loadSchemaFiles, type SqlFile } from './schema-files'
import { connectionConfig, quoteIdent, withAdminClient } from './postgres-server'

export type DbEngine = 'pglite' | 'postgres'

export type AppRole = 'employee' | 'facilitator' | 'dx_admin'

/** Claims of a signed-in user, as Supabase Auth would put them in the JWT. */
export interface UserClaims extends JwtClaims {
  sub: string
  role: 'authenticated'
  email: string
}

export interface CreateUserInput {
  email?: string
  employeeNumber?: string
  fullName?: string
  fullNameKana?: string
  /** `null` leaves the profile without a section. */
  departmentCode?: string | null
  /** `null` leaves the profile without a grade. */
  positionGradeCode?: string | null
  appRole?: AppRole
  leaderCandidacyFy?: number | null
  leaderCandidacyMethod?: 'volunteered' | 'nominated' | null
  /** false: only the auth.users row, as right after sign-up before the DX division adds a profile. */
  withProfile?: boolean
}

export interface AsUserOptions {
  /** Roll back instead of committing: observe a write inside the transaction, leave no trace. */
  rollback?: boolean
  /**
   * Runs first in the same transaction, as the superuser, before the switch to the claims' role: e.g.
   * re-open a grant to show what RLS alone allows. Needs `rollback: true`, so it never outlives the test.
   */
  setup?: (tx: SqlTx) => Promise<void>
}

export interface TestDb {
  engine: DbEngine
  /** The same executor execute-rpc.ts uses, for tests that need their own transactions. */
  executor: SqlExecutor
  /** One statement as the superuser (RLS does not apply): arrange fixtures, inspect outcomes. */
  sql<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>
  /** A multi-statement script as the superuser, e.g. a test-only function. */
  exec(script: string): Promise<void>
  /** Calls `public.<fn>` exactly as the embedded backend and PostgREST do. */
  rpc<T = unknown>(claims: JwtClaims | null, fn: string, args?: Readonly<Record<string, unknown>>): Promise<T>
  /** Runs `fn` in one transaction as the claims' role (`null` = anon) with the claims set, like an RPC. */
  asUser<T>(claims: JwtClaims | null, fn: (tx: SqlTx) => Promise<T>, options?: AsUserOptions): Promise<T>
  /** Inserts an auth.users row and (by default) its profile; returns the user's claims. */
  createUser(input?: CreateUserInput): Promise<UserClaims>
  close(): Promise<void>
}

export interface CreateTestDbOptions {
  /** node-postgres only: connections in the pool (concurrency tests want several). */
  poolSize?: number
}

class Rollback<T> {
  constructor(readonly value: T) {}
}

export function dbEngine(): DbEngine {
  const engine = process.env.DXP_DB_ENGINE ?? 'pglite'
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`Unknown DXP_DB_ENGINE: ${engine}`)
  return engine
}

interface EngineHandle {
  executor: SqlExecutor
  query<R>(text: string, params: readonly unknown[]): Promise<R[]>
  exec(script: string): Promise<void>
  close(): Promise<void>
}

// Rows look the same on both engines: dates as 'YYYY-MM-DD' (see postgres-server.ts).
const pgliteParsers = { 1082: (value: string) => value }

/**
 * A built database's data dir, cached in the temp dir under a hash of the SQL and the PGlite version:
 * loading it (~1 s) is faster than initdb + migrations (~3 s), and every test file after the first
 * one of a run, in any worker, loads it. Set DXP_PGLITE_CACHE=0 to always build from scratch.
 */
async function cachedDataDir(files: readonly SqlFile[]): Promise<{ path: string; blob: Blob | null }> {
  const hash = createHash('sha256')
  const { version } = JSON.parse(
    await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
  hash.update(version)
  for (const file of files) hash.update(file.name).update('\0').update(file.sql).update('\0')
  const cachePath = path.join(tmpdir(), `dxp-pglite-${hash.digest('hex').slice(0, 16)}.tar`)
  const blob = await readFile(cachePath).then(
    (bytes) => new Blob([bytes]),
    () => null,
  )
  return { path: cachePath, blob }
}

async function buildPglite(): Promise<PGlite> {
  const files = await loadSchemaFiles()
  const useCache = process.env.DXP_PGLITE_CACHE !== '0'
  const cache = useCache ? await cachedDataDir(files) : null
  if (cache?.blob) return PGlite.create({ loadDataDir: cache.blob, parsers: pgliteParsers })

  const db = await PGlite.create({ parsers: pgliteParsers })
  await applySchemaFiles(files, (sql) => db.exec(sql))
  if (cache) {
    // Write then rename: a worker reading the cache never sees half a file.
    const dump = await db.dumpDataDir('none')
    const partial = `${cache.path}.${process.pid}.${randomBytes(4).toString('hex')}`
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()))
    await rename(partial, cache.path)
    await pruneStaleCaches(cache.path)
  }
  return db
}

/** Caches of earlier schemas: left alone for a while in case another run still starts from them. */
async function pruneStaleCaches(current: string): Promise<void> {
  const dir = path.dirname(current)
  const cutoff = Date.now() - 10 * 60_000
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name)
    if (!/^dxp-pglite-[0-9a-f]{16}\.tar$/.test(name) || file === current) continue
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: Date.now() }))
    if (mtimeMs < cutoff) await rm(file, { force: true })
  }
}

async function openPglite(): Promise<EngineHandle> {
  const db = await buildPglite()
  return {
    executor: pgliteExecutor(db),
    query: async <R>(text: string, params: readonly unknown[]) => (await db.query<R>(text, [...params])).rows,
    exec: async (script) => {
      await db.exec(script)
    },
    close: () => db.close(),
  }
}

async function openPostgres(options: CreateTestDbOptions): Promise<EngineHandle> {
  const server = inject('dxpPostgres')
  if (!server) throw new Error('DXP_DB_ENGINE=postgres needs tests/support/postgres-global-setup.ts')
  const database = `dxp_test_${randomBytes(6).toString('hex')}`
  await withAdminClient(server, (admin) =>
    admin.query(`create database ${quoteIdent(database)} template ${quoteIdent(server.templateDatabase)}`),
  )
  const pool = new pg.Pool({ ...connectionConfig(server, database), max: options.poolSize ?? 4 })
  // pool.end() resolves before the sockets of the clients it released have closed; the drop below
  // terminates their backends (57P01), and that FATAL reaches a closing client's idle listener, which
  // re-emits it as the pool's 'error' — unhandled without a listener, failing a run whose tests passed.
  // While closing, that is expected; before, a pool error is a real failure.
  let closing = false
  pool.on('error', (error) => {
    if (!closing) throw error
  })
  return {
    executor: pgPoolExecutor(pool),
    query: async <R>(text: string, params: readonly unknown[]) =>
      (await pool.query(text, [...params])).rows as R[],
    exec: async (script) => {
      await pool.query(script)
    },
    close: async () => {
      closing = true
      await pool.end()
      await withAdminClient(server, (admin) =>
        admin.query(`drop database if exists ${quoteIdent(database)} with (force)`),
      )
    },
  }
}

export async function createTestDb(options: CreateTestDbOptions = {}): Promise<TestDb> {
  const engine = dbEngine()
  const handle = engine === 'pglite' ? await openPglite() : await openPostgres(options)
  let users = 0

  const asUser: TestDb['asUser'] = async (claims, fn, { rollback = false, setup } = {}) => {
    if (setup && !rollback) throw new Error('asUser: a setup runs as the superuser; pass rollback: true')
    try {
      return await handle.executor.transaction(async (tx) => {
        await setup?.(tx)
        await applyRequestContext(tx, claims)
        const value = await fn(tx)
        if (rollback) throw new Rollback(value)
        return value
      })
    } catch (error) {
      if (error instanceof Rollback) return error.value
      throw error
    }
  }

  const createUser: TestDb['createUser'] = async (input = {}) => {
    users += 1
    const n = String(users).padStart(5, '0')
    const email = input.email ?? `staff${n}@dxp.test`
    const [user] = await handle.query<{ id: string }>(
      `insert into auth.users (email, raw_app_meta_data) values ($1, '{"provider":"email"}') returning id`,
      [email],
    )
    if (!user) throw new Error('auth.users insert returned no row')
    if (input.withProfile ?? true) {
      await handle.query(
        `insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code,
           position_grade_code, app_role, leader_candidacy_fy, leader_candidacy_method)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          user.id,
          input.employeeNumber ?? `T${n}`,
          input.fullName ?? `厚木 職員${n}`,
          input.fullNameKana ?? 'アツギ ショクイン',
          input.departmentCode === undefined ? 'kikaku_dx' : input.departmentCode,
          input.positionGradeCode === undefined ? 'shuji' : input.positionGradeCode,
          input.appRole ?? 'employee',
          input.leaderCandidacyFy ?? null,
          input.leaderCandidacyMethod ?? null,
        ],
      )
    }
    return { sub: user.id, role: 'authenticated', email }
  }

  return {
    engine,
    executor: handle.executor,
    sql: (text, params = []) => handle.query(text, params),
    exec: handle.exec,
    rpc: (claims, fn, args) => executeRpc(handle.executor, claims, fn, args),
    asUser,
    createUser,
    close: handle.close,
  }
}
