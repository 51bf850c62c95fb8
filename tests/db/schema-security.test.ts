import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publicTables } from '../support/attempt'
import { createTestDb, type TestDb } from '../support/test-db'

// Catalog checks in the spirit of Supabase's security advisor (splinter): they read pg_catalog, so a
// table or function added by a later migration is held to the same rules without editing this file.
let db: TestDb

beforeAll(async () => {
  db = await createTestDb()
})
afterAll(() => db?.close())

describe('the API schema', () => {
  it('enables row level security on every table in public', async () => {
    const tables = await publicTables(db)
    expect(tables).toEqual(expect.arrayContaining(['knowledge_areas', 'profiles']))
    const exposed = await db.sql<{ name: string }>(
      `select c.relname as name from pg_catalog.pg_class c
       join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    )
    expect(exposed).toEqual([])
  })

  it('names every policy <table>_<verb>_<who>, with the verb it governs', async () => {
    const policies = await db.sql<{ tablename: string; policyname: string; cmd: string }>(
      `select tablename, policyname, cmd from pg_catalog.pg_policies where schemaname = 'public'`,
    )
    expect(policies.length).toBeGreaterThan(0)
    const misnamed = policies.filter(
      (policy) =>
        !new RegExp(`^${policy.tablename}_${policy.cmd.toLowerCase()}_[a-z][a-z0-9_]*$`).test(
          policy.policyname,
        ),
    )
    expect(misnamed).toEqual([])
  })

  it('describes every table in Japanese and in English', async () => {
    const tables = await db.sql<{ name: string; comment: string | null }>(
      `select c.relname as name, pg_catalog.obj_description(c.oid, 'pg_class') as comment
       from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')`,
    )
    const undescribed = tables.filter(
      (table) =>
        !(
          table.comment &&
          /[ぁ-んァ-ヶ一-龠]/.test(table.comment) &&
          /[A-Za-z]{3,} [A-Za-z]{2,}/.test(table.comment)
        ),
    )
    expect(undescribed.map((table) => table.name)).toEqual([])
  })
})

describe('functions', () => {
  const ourFunctions = `from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and p.prokind in ('f', 'p')`

  it('pins the search_path of every security definer function in public and private', async () => {
    const definers = await db.sql<{ name: string; pinned: boolean }>(
      `select p.oid::regprocedure::text as name,
              exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%') as pinned
       ${ourFunctions} and p.prosecdef`,
    )
    expect(definers.map((f) => f.name)).toEqual(expect.arrayContaining(['private.is_dx_admin()']))
    expect(definers.filter((f) => !f.pinned)).toEqual([])
  })

  it('pins the search_path of every other function there too (splinter: function_search_path_mutable)', async () => {
    const mutable = await db.sql<{ name: string }>(
      `select p.oid::regprocedure::text as name ${ourFunctions}
       and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`,
    )
    expect(mutable).toEqual([])
  })

  it('keeps security definer functions out of public, where the API would expose them', async () => {
    const exposed = await db.sql(
      `select p.oid::regprocedure::text as name from pg_catalog.pg_proc p
       where p.pronamespace = 'public'::regnamespace and p.prosecdef`,
    )
    expect(exposed).toEqual([])
  })

  it('lets anon neither reach the private schema nor execute anything in it', async () => {
    const [schema] = await db.sql<{ anon: boolean; authenticated: boolean }>(
      `select has_schema_privilege('anon', 'private', 'usage') as anon,
              has_schema_privilege('authenticated', 'private', 'usage') as authenticated`,
    )
    expect(schema).toEqual({ anon: false, authenticated: true })
    const executable = await db.sql(
      `select p.oid::regprocedure::text as name from pg_catalog.pg_proc p
       where p.pronamespace = 'private'::regnamespace and has_function_privilege('anon', p.oid, 'execute')`,
    )
    expect(executable).toEqual([])
  })
})

describe('the role helpers', () => {
  it('answer from the caller’s profile without exposing profiles to the caller', async () => {
    const admin = await db.createUser({ appRole: 'dx_admin' })
    const employee = await db.createUser()
    const ask = (claims: typeof admin) =>
      db.asUser(claims, async (tx) => {
        const { rows } = await tx.query<{ role: string | null; admin: boolean }>(
          'select private.current_app_role() as role, private.is_dx_admin() as admin',
        )
        return rows[0]
      })
    expect(await ask(admin)).toEqual({ role: 'dx_admin', admin: true })
    expect(await ask(employee)).toEqual({ role: 'employee', admin: false })
    const stranger = await db.createUser({ withProfile: false })
    expect(await ask(stranger)).toEqual({ role: null, admin: false })
  })

  it('refuse anon outright', async () => {
    await expect(db.asUser(null, (tx) => tx.query('select private.is_dx_admin()'))).rejects.toMatchObject({
      code: '42501',
    })
  })
})
