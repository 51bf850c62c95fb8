// The embedded backend's schema installer on PGlite (the engine it serves in the browser): every
// file once, then only new files, and a loud stop when an applied file was edited.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyRequestContext } from '@/backend/embedded/execute-rpc'
import { pgliteExecutor, type ScriptTx } from '@/backend/embedded/pglite-executor'
import {
  installSchema,
  SchemaDriftError,
  SchemaInstallError,
  SEED_FILE,
  sha256Hex,
  type SqlFile,
} from '@/backend/embedded/schema-installer'
import { dbEngine } from '../support/test-db'
import { loadSchemaFiles } from '../support/schema-files'

const count = async (db: PGlite, sql: string): Promise<number> =>
  Number((await db.query<{ n: number }>(`select count(*)::int as n from ${sql}`)).rows[0]?.n)

describe.skipIf(dbEngine() !== 'pglite')('installSchema on PGlite', () => {
  let files: SqlFile[]
  let dataDir: string
  let db: PGlite

  beforeAll(async () => {
    files = await loadSchemaFiles()
    dataDir = await mkdtemp(path.join(tmpdir(), 'dxp-installer-'))
    db = await PGlite.create({ dataDir })
  })
  afterAll(async () => {
    await db?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('applies the shim, every migration in file-name order and the seed to a fresh database', async () => {
    const report = await installSchema(pgliteExecutor(db), files)

    expect(report.applied).toEqual(files.map((file) => file.name))
    expect(report.applied[0]).toBe('src/backend/embedded/supabase-shim.sql')
    expect(report.applied.at(-1)).toBe(SEED_FILE)
    expect(report.unchanged).toEqual([])
    expect(await count(db, 'public.knowledge_areas')).toBe(9)
    const recorded = await db.query<{ name: string; checksum: string }>(
      'select name, checksum from dxp_installer.applied_files order by name',
    )
    const expected = await Promise.all(
      files.map(async (f) => ({ name: f.name, checksum: await sha256Hex(f.sql) })),
    )
    expect(recorded.rows).toEqual(expected.sort((a, b) => (a.name < b.name ? -1 : 1)))
  })

  it('applies nothing after a reload from the persisted data dir', async () => {
    await db.close()
    db = await PGlite.create({ dataDir })

    const report = await installSchema(pgliteExecutor(db), files)

    expect(report.applied).toEqual([])
    expect(report.unchanged).toEqual(files.map((file) => file.name))
    expect(await count(db, 'public.knowledge_areas')).toBe(9)
  })

  it('applies only a migration added since, after the ones already applied', async () => {
    const added: SqlFile = {
      name: 'supabase/migrations/29990101000000_installer_probe.sql',
      sql: 'create table public.installer_probe (id integer primary key);',
    }

    const report = await installSchema(pgliteExecutor(db), [...files, added])

    expect(report.applied).toEqual([added.name])
    expect(await count(db, 'public.installer_probe')).toBe(0)
  })

  it('refuses, before applying anything, a file changed after it was applied, and names it', async () => {
    const edited = files.map((file) =>
      file.name.endsWith('_profiles.sql') ? { ...file, sql: `${file.sql}\n-- edited` } : file,
    )
    const next: SqlFile = {
      name: 'supabase/migrations/29990102000000_after_edit.sql',
      sql: 'create table public.after_edit ();',
    }

    const error = await installSchema(pgliteExecutor(db), [...edited, next]).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(SchemaDriftError)
    const drift = error as SchemaDriftError
    expect(drift.changed.map((file) => file.name)).toEqual([
      'supabase/migrations/20260401000300_profiles.sql',
    ])
    expect(drift.changed[0]?.currentChecksum).not.toBe(drift.changed[0]?.appliedChecksum)
    expect(drift.message).toContain('20260401000300_profiles.sql')
    expect(await db.query("select to_regclass('public.after_edit') as t").then((r) => r.rows[0])).toEqual({
      t: null,
    })
  })

  it('names a failing file, keeps nothing of it, and retries it on the next install', async () => {
    const broken: SqlFile = {
      name: 'supabase/migrations/29990103000000_broken.sql',
      sql: 'create table public.half_done (id integer); select 1 / 0;',
    }
    const error = await installSchema(pgliteExecutor(db), [...files, broken]).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(SchemaInstallError)
    expect((error as SchemaInstallError).file).toBe(broken.name)
    expect((error as Error).message).toMatch(/broken\.sql: division by zero/)
    expect(await db.query("select to_regclass('public.half_done') as t").then((r) => r.rows[0])).toEqual({
      t: null,
    })

    const fixed = { ...broken, sql: 'create table public.half_done (id integer);' }
    expect((await installSchema(pgliteExecutor(db), [...files, fixed])).applied).toEqual([broken.name])
  })

  it('keeps the record of applied files out of the API roles’ reach', async () => {
    const executor = pgliteExecutor(db)
    const error = await executor
      .transaction(async (tx) => {
        await applyRequestContext(tx, { sub: '00000000-0000-0000-0000-000000000001', role: 'authenticated' })
        return tx.query('select * from dxp_installer.applied_files')
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: '42501' })
  })
})

describe.skipIf(dbEngine() !== 'pglite')('installSchema with demo data', () => {
  let db: PGlite
  beforeAll(async () => {
    db = await PGlite.create()
  })
  afterAll(() => db?.close())

  it('writes demo data once, in the seed’s transaction: a failure leaves neither, the retry both', async () => {
    const files = await loadSchemaFiles()
    const calls: string[] = []
    const failing = async () => {
      calls.push('failing')
      throw new Error('generator failed')
    }
    const demo = async (tx: ScriptTx) => {
      calls.push('demo')
      const [{ n } = { n: -1 }] = (
        await tx.query<{ n: number }>('select count(*)::int as n from public.knowledge_areas')
      ).rows
      await tx.exec(
        `create table public.demo_marker (seeded_areas integer); insert into public.demo_marker values (${n});`,
      )
    }

    const error = await installSchema(pgliteExecutor(db), files, { demoData: failing }).catch(
      (e: unknown) => e,
    )
    expect((error as SchemaInstallError).file).toBe(SEED_FILE)
    expect(await count(db, 'public.knowledge_areas')).toBe(0)

    const report = await installSchema(pgliteExecutor(db), files, { demoData: demo })
    expect(report.applied).toEqual([SEED_FILE])
    expect((await db.query('select seeded_areas from public.demo_marker')).rows).toEqual([
      { seeded_areas: 9 },
    ])

    await installSchema(pgliteExecutor(db), files, { demoData: demo })
    expect(calls).toEqual(['failing', 'demo'])
  })
})
