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
  REBUILD_MESSAGE,
  type RebuildNotice,
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

describe.skipIf(dbEngine() !== 'pglite')('a demo database built from an older history', () => {
  const employee = '00000000-0000-4000-8000-00000000d001'
  const claims = { sub: employee, role: 'authenticated' as const }
  // Generated data, as the demo city is: the same rows on every install.
  const demoData = async (tx: ScriptTx) => {
    await tx.exec(`
      insert into auth.users (id, email) values ('${employee}', 'demo@example.jp');
      insert into public.profiles (id, employee_number, full_name, full_name_kana)
        values ('${employee}', 'D0001', 'デモ 職員', 'デモ ショクイン');`)
  }
  const push = (db: PGlite, mutations: unknown[]) =>
    pgliteExecutor(db).transaction(async (tx) => {
      await applyRequestContext(tx, claims)
      const { rows } = await tx.query<{ r: { id: string; status: string; code: string | null }[] }>(
        'select public.sync_push($1::jsonb) as r',
        [JSON.stringify(mutations)],
      )
      return rows[0]?.r ?? []
    })
  const pull = (db: PGlite, cursor: string | null) =>
    pgliteExecutor(db).transaction(async (tx) => {
      await applyRequestContext(tx, claims)
      const { rows } = await tx.query<{ doc: { cursor: string | null; reset: boolean; has_more: boolean } }>(
        'select public.sync_pull($1, 1000) as doc',
        [cursor],
      )
      return rows[0]!.doc
    })
  const learning = (id: string, title: string) => ({
    mutation_id: id,
    kind: 'record_learning',
    args: {
      id,
      area_code: 'generative_ai',
      source: 'self_study',
      title,
      minutes: 30,
      completed_on: '2026-05-01',
    },
  })

  it('is rebuilt with a notice, the old changes gone, the outbox’s unsent change applied, every replica reset', async () => {
    const files = await loadSchemaFiles()
    // The older history: a migration since squashed away, and one whose text has changed since.
    const older: SqlFile[] = [
      ...files.map((file) =>
        file.name.endsWith('_private_schema.sql')
          ? { ...file, sql: `${file.sql}\n-- before the squash` }
          : file,
      ),
      {
        name: 'supabase/migrations/20260401000960_mutation_kinds.sql',
        sql: 'create table private.old_only ();',
      },
    ].sort((a, b) => (a.name < b.name ? -1 : 1))
    const db = await PGlite.create()
    try {
      await installSchema(pgliteExecutor(db), older, { demoData })
      // Sent and applied on the old database, and pulled into the replica.
      expect((await push(db, [learning('00000000-0000-4000-8000-0000000000a1', 'old')]))[0]?.status).toBe(
        'applied',
      )
      let cursor: string | null = null
      for (let doc = await pull(db, null); ; doc = await pull(db, cursor)) {
        cursor = doc.cursor
        if (!doc.has_more) break
      }
      // Still in the device's outbox (Dexie, not this database) when the app updates.
      const unsent = learning('00000000-0000-4000-8000-0000000000a2', 'unsent')

      const notices: RebuildNotice[] = []
      const report = await installSchema(pgliteExecutor(db), files, {
        demoData,
        onRebuild: (notice) => notices.push(notice),
      })

      expect(notices).toEqual([
        {
          changed: ['supabase/migrations/20260401000000_private_schema.sql'],
          removed: ['supabase/migrations/20260401000960_mutation_kinds.sql'],
          message: REBUILD_MESSAGE,
        },
      ])
      expect(report.rebuilt).toEqual(notices[0])
      expect(report.applied).toEqual(files.map((file) => file.name))
      const recorded = await db.query<{ name: string }>(
        'select name from dxp_installer.applied_files order by name',
      )
      expect(recorded.rows.map((row) => row.name)).toEqual(files.map((file) => file.name).sort())
      expect(await db.query("select to_regclass('private.old_only') as t").then((r) => r.rows[0])).toEqual({
        t: null,
      })
      // The generated data is back; what was applied to the old database is not.
      expect(await count(db, 'public.profiles')).toBe(1)
      expect(await count(db, 'public.learning_records')).toBe(0)
      // The unsent change goes through, to the rebuilt database.
      expect((await push(db, [unsent]))[0]?.status).toBe('applied')
      expect(await count(db, 'public.learning_records')).toBe(1)
      // A replica pulled from the old database starts again.
      expect(await pull(db, cursor)).toMatchObject({ reset: true, cursor: null })

      // The next start finds the current history and changes nothing.
      const again = await installSchema(pgliteExecutor(db), files, { demoData })
      expect(again).toMatchObject({ applied: [], rebuilt: null })
      expect(await count(db, 'public.learning_records')).toBe(1)
    } finally {
      await db.close()
    }
  })

  it('is the same database as a fresh install', async () => {
    const files = await loadSchemaFiles()
    const catalog = async (db: PGlite) =>
      (
        await db.query<{ line: string }>(`
          select line from (
            select 'fn ' || p.oid::regprocedure::text || ' ' || coalesce(p.proacl::text, '') as line
              from pg_catalog.pg_proc as p where p.pronamespace::regnamespace::text in ('public', 'private', 'auth')
            union all
            select 'rel ' || c.oid::regclass::text || ' ' || coalesce(c.relacl::text, '') || ' ' || c.relrowsecurity::text
              from pg_catalog.pg_class as c where c.relnamespace::regnamespace::text in ('public', 'private', 'auth')
            union all
            select 'ns ' || n.nspname || ' ' || pg_catalog.pg_get_userbyid(n.nspowner) || ' ' || coalesce(n.nspacl::text, '')
              from pg_catalog.pg_namespace as n
            union all
            select 'defacl ' || d.defaclnamespace::regnamespace::text || ' ' || d.defaclobjtype::text || ' ' || d.defaclacl::text
              from pg_catalog.pg_default_acl as d
            union all
            select 'pol ' || p.tablename || ' ' || p.policyname from pg_catalog.pg_policies as p
          ) as lines order by line`)
      ).rows.map((row) => row.line)
    const fresh = await PGlite.create()
    const rebuilt = await PGlite.create()
    try {
      await installSchema(pgliteExecutor(fresh), files, { demoData })
      const older = files.map((file) =>
        file.name === SEED_FILE ? file : { ...file, sql: `${file.sql}\n-- older` },
      )
      await installSchema(pgliteExecutor(rebuilt), older, { demoData })
      expect((await installSchema(pgliteExecutor(rebuilt), files, { demoData })).rebuilt).not.toBeNull()
      expect(await catalog(rebuilt)).toEqual(await catalog(fresh))
    } finally {
      await Promise.all([fresh.close(), rebuilt.close()])
    }
  })

  it('is refused, not rebuilt, when the database holds more than generated data', async () => {
    const files = await loadSchemaFiles()
    const db = await PGlite.create()
    try {
      await installSchema(pgliteExecutor(db), files)
      const edited = files.map((file) =>
        file.name.endsWith('_private_schema.sql') ? { ...file, sql: `${file.sql}\n-- edited` } : file,
      )
      await expect(installSchema(pgliteExecutor(db), edited)).rejects.toBeInstanceOf(SchemaDriftError)
    } finally {
      await db.close()
    }
  })
})
