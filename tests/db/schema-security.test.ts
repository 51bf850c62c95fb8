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

  // Writes are RPC-only (20260401000810; supabase/README.md). A table whose migration forgets to close
  // it, or a grant that re-opens one, is caught here. Column grants count too (has_any_column_privilege),
  // and so do grants to PUBLIC, which every role inherits.
  const writeGrants = `
    select c.relname as table, r.role, w.privilege
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    cross join (values ('anon'), ('authenticated')) as r (role)
    cross join (values ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) as w (privilege)
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
      and case when w.privilege in ('INSERT', 'UPDATE', 'REFERENCES')
               then pg_catalog.has_any_column_privilege(r.role, c.oid, w.privilege)
               else pg_catalog.has_table_privilege(r.role, c.oid, w.privilege) end
    order by 1, 2, 3`

  it('grants anon and authenticated no insert, update, delete or truncate on any table in public', async () => {
    const tables = await publicTables(db)
    expect(tables).toEqual(expect.arrayContaining(['knowledge_areas', 'profiles', 'registrations']))
    // The API roles still read (RLS decides which rows): the check looks at grants that exist.
    const [readable] = await db.sql<{ select: boolean }>(
      `select has_table_privilege('authenticated', 'public.knowledge_areas', 'select') as select`,
    )
    expect(readable).toEqual({ select: true })
    expect(await db.sql(writeGrants)).toEqual([])
  })

  it('starts a table created by a later migration closed too (default privileges)', async () => {
    const later = await db.asUser(
      null,
      async (tx) => ({
        writes: (await tx.query(writeGrants)).rows,
        // Supabase's default grants do reach the new table: it is only the writes that are taken back.
        select: (
          await tx.query<{ select: boolean }>(
            `select has_table_privilege('authenticated', 'public.zz_later', 'select') as select`,
          )
        ).rows,
      }),
      {
        rollback: true,
        setup: async (tx) => {
          await tx.query('create table public.zz_later (id integer primary key, note text)')
        },
      },
    )
    expect(later).toEqual({ writes: [], select: [{ select: true }] })
  })

  it('would catch a forgotten grant, a column grant or a grant to PUBLIC among them', async () => {
    const found = await db.asUser(null, async (tx) => (await tx.query(writeGrants)).rows, {
      rollback: true,
      setup: async (tx) => {
        await tx.query('grant update (description) on public.knowledge_areas to authenticated')
        await tx.query('grant insert on public.fiscal_year_targets to anon')
        await tx.query('create table public.zz_forgotten (id integer primary key)')
        await tx.query('grant delete, truncate on public.zz_forgotten to public')
      },
    })
    expect(found).toEqual([
      { table: 'fiscal_year_targets', role: 'anon', privilege: 'INSERT' },
      { table: 'knowledge_areas', role: 'authenticated', privilege: 'UPDATE' },
      { table: 'zz_forgotten', role: 'anon', privilege: 'DELETE' },
      { table: 'zz_forgotten', role: 'anon', privilege: 'TRUNCATE' },
      { table: 'zz_forgotten', role: 'authenticated', privilege: 'DELETE' },
      { table: 'zz_forgotten', role: 'authenticated', privilege: 'TRUNCATE' },
    ])
    expect(await db.sql(writeGrants)).toEqual([])
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

// What each API role can touch, from the catalog (issue #16; the closing table is in supabase/README.md):
//   anon           nothing: no table, view or sequence, no function in public or private.
//   authenticated  select on the tables of public, under RLS whose `<table>_all_active` policy asks for an
//                  active profile; execute on exactly the RPCs listed here (all security invoker).
// Each query lists what breaks the rule, so it is empty when all is well and names the culprit if not.
describe('what each role can touch', () => {
  const RPCS = [
    'admin_directory',
    'division_certification_queue',
    'division_certified_leaders',
    'division_department_coverage',
    'division_facilitators',
    'division_find_employee',
    'division_knowledge_areas',
    'division_leader_targets',
    'division_training_comparison',
    'division_training_effect',
    'find_employee',
    'import_directory',
    'session_effect_summary',
    'session_roster',
    'sync_pull',
    'sync_push',
  ]
  const relations = `from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')`
  const anonTouches = `
    select c.relname as name, 'relation' as kind ${relations}
      and (pg_catalog.has_any_column_privilege('anon', c.oid, 'select, insert, update, references')
           or (c.relkind = 'S' and pg_catalog.has_sequence_privilege('anon', c.oid, 'usage, select, update'))
           or (c.relkind <> 'S' and pg_catalog.has_table_privilege('anon', c.oid, 'delete, truncate, trigger')))
    union all
    select p.oid::regprocedure::text, 'function' from pg_catalog.pg_proc p
      where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and pg_catalog.has_function_privilege('anon', p.oid, 'execute')
    order by 1`
  const authenticatedBeyondSelect = `
    select c.relname as name, w.privilege
    from (select c.oid, c.relname ${relations} and c.relkind <> 'S') as c
      cross join (values ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) as w (privilege)
    where true
      and case when w.privilege in ('INSERT', 'UPDATE', 'REFERENCES')
               then pg_catalog.has_any_column_privilege('authenticated', c.oid, w.privilege)
               else pg_catalog.has_table_privilege('authenticated', c.oid, w.privilege) end
    order by 1, 2`
  const withoutActivePolicy = `
    select c.relname as name ${relations} and c.relkind in ('r', 'p')
      and not (c.relrowsecurity and exists (
        select 1 from pg_catalog.pg_policy pol
        where pol.polrelid = c.oid and not pol.polpermissive and pol.polcmd = '*'
          and pol.polroles @> array['authenticated'::regrole::oid]
          and pg_catalog.pg_get_expr(pol.polqual, pol.polrelid) like '%private.active_user_id()%IS NOT NULL%'))
    order by 1`
  const rpcs = `
    select p.proname as name from pg_catalog.pg_proc p
    where p.pronamespace = 'public'::regnamespace and pg_catalog.has_function_privilege('authenticated', p.oid, 'execute')
    order by 1`

  it('gives anon nothing at all: no table, view or sequence, no function in public or private', async () => {
    expect(await db.sql(anonTouches)).toEqual([])
  })

  it('gives authenticated nothing on a table but select, and only under an active-profile policy', async () => {
    expect(await db.sql(authenticatedBeyondSelect)).toEqual([])
    expect(await db.sql(withoutActivePolicy)).toEqual([])
  })

  it('lets authenticated execute exactly the listed RPCs of public', async () => {
    expect((await db.sql<{ name: string }>(rpcs)).map((r) => r.name)).toEqual(RPCS)
  })

  it('would catch a planted grant, a new RPC and a table without the active-profile policy', async () => {
    const found = await db.asUser(
      null,
      async (tx) => ({
        anon: (await tx.query(anonTouches)).rows,
        beyondSelect: (await tx.query(authenticatedBeyondSelect)).rows,
        withoutActivePolicy: (await tx.query(withoutActivePolicy)).rows,
        rpcs: (await tx.query<{ name: string }>(rpcs)).rows
          .map((r) => r.name)
          .filter((n) => !RPCS.includes(n)),
      }),
      {
        rollback: true,
        setup: async (tx) => {
          await tx.query('grant select (name) on public.knowledge_areas to anon')
          await tx.query('grant execute on function private.is_dx_admin() to anon')
          await tx.query('grant trigger on public.profiles to authenticated')
          // Supabase's default grants reach a new table (select for authenticated); its policy does not.
          await tx.query('create table public.zz_open (id integer primary key)')
          await tx.query('alter table public.zz_open enable row level security')
          await tx.query(
            `create function public.zz_rpc() returns integer language sql set search_path = '' as 'select 1'`,
          )
          await tx.query('grant execute on function public.zz_rpc() to authenticated')
        },
      },
    )
    expect(found).toEqual({
      anon: [
        { name: 'knowledge_areas', kind: 'relation' },
        { name: 'private.is_dx_admin()', kind: 'function' },
        // PUBLIC's execute reaches a new function: the RPC's migration must revoke it.
        { name: 'zz_rpc()', kind: 'function' },
      ],
      beyondSelect: [{ name: 'profiles', privilege: 'TRIGGER' }],
      withoutActivePolicy: [{ name: 'zz_open' }],
      rpcs: ['zz_rpc'],
    })
  })
})

// Supabase's security advisors (the splinter lints, security category) that concern a schema like ours,
// written as checks of our own: each query returns what a lint would report above INFO.
describe('what the security advisors look at', () => {
  const findings = {
    // 0002 auth_users_exposed: a view in the API schema over auth.users.
    auth_users_exposed: `select c.relname as name from pg_catalog.pg_class c
      join pg_catalog.pg_depend d on d.refobjid = 'auth.users'::regclass
      join pg_catalog.pg_rewrite r on r.oid = d.objid and r.ev_class = c.oid
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')`,
    // 0007 policy_exists_rls_disabled and 0013 rls_disabled_in_public.
    rls_disabled: `select c.relname as name from pg_catalog.pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    // 0010 security_definer_view: a view in public without security_invoker.
    security_definer_view: `select c.relname as name from pg_catalog.pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
        and not coalesce(c.reloptions, '{}') && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1']`,
    // 0011 function_search_path_mutable: the lint wants exactly search_path="" (public and private alike).
    function_search_path_mutable: `select p.oid::regprocedure::text as name from pg_catalog.pg_proc p
      where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and not coalesce(p.proconfig, '{}') && array['search_path=""']`,
    // 0014 extension_in_public.
    extension_in_public: `select e.extname as name from pg_catalog.pg_extension e
      where e.extnamespace = 'public'::regnamespace`,
    // 0015 rls_references_user_metadata: a policy trusting what the user may edit in their JWT.
    rls_references_user_metadata: `select p.polname as name from pg_catalog.pg_policy p
      where pg_catalog.pg_get_expr(p.polqual, p.polrelid) ~ 'user_metadata'
         or pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) ~ 'user_metadata'`,
    // 0016 materialized_view_in_api and 0017 foreign_table_in_api.
    relation_in_api: `select c.relname as name from pg_catalog.pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('m', 'f')`,
    // 0024 rls_policy_always_true: a permissive write policy that lets every row through.
    rls_policy_always_true: `select policyname as name from pg_catalog.pg_policies
      where schemaname = 'public' and permissive = 'PERMISSIVE' and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
        and (pg_catalog.btrim(coalesce(qual, ''), '() ') in ('true', '1 = 1')
             or pg_catalog.btrim(coalesce(with_check, ''), '() ') in ('true', '1 = 1'))`,
    // 0028/0029 anon/authenticated_security_definer_function_executable: a definer function in public.
    security_definer_function_executable: `select p.oid::regprocedure::text as name from pg_catalog.pg_proc p
      where p.pronamespace = 'public'::regnamespace and p.prosecdef
        and (pg_catalog.has_function_privilege('anon', p.oid, 'execute')
             or pg_catalog.has_function_privilege('authenticated', p.oid, 'execute'))`,
  }
  const all = (run: (sql: string) => Promise<unknown[]>) =>
    Promise.all(Object.entries(findings).map(async ([lint, sql]) => [lint, await run(sql)] as const)).then(
      (entries) => Object.fromEntries(entries.filter(([, rows]) => rows.length > 0)),
    )

  it('find nothing in our schema', async () => {
    expect(await all((sql) => db.sql(sql))).toEqual({})
  })

  it('would find a planted case of each', async () => {
    const planted = await db.asUser(null, (tx) => all(async (sql) => (await tx.query(sql)).rows), {
      rollback: true,
      setup: async (tx) => {
        await tx.query('create view public.zz_users as select id from auth.users')
        await tx.query('create table public.zz_open (id integer primary key)')
        await tx.query(`create function private.zz_mutable() returns integer language sql as 'select 1'`)
        await tx.query(
          `create policy knowledge_areas_update_zz on public.knowledge_areas for update to authenticated
             using (true) with check ((select auth.jwt()) -> 'user_metadata' ->> 'role' = 'admin')`,
        )
        await tx.query('create materialized view public.zz_counts as select 1 as n')
        await tx.query(`create function public.zz_definer() returns integer language sql security definer
                          set search_path = '' as 'select 1'`)
      },
    })
    expect(Object.keys(planted).sort()).toEqual([
      'auth_users_exposed',
      'function_search_path_mutable',
      'relation_in_api',
      'rls_disabled',
      'rls_policy_always_true',
      'rls_references_user_metadata',
      'security_definer_function_executable',
      'security_definer_view',
    ])
  })
})

describe('what a major-version upgrade needs', () => {
  // pg_upgrade refuses a column of a reg* type other than regclass, regrole and regtype, so one would
  // block a Supabase major-version upgrade (splinter: unsupported_reg_types).
  const regColumns = `
    select c.relname || '.' || a.attname as column, t.typname as type
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_type t on t.oid = a.atttypid
    where n.nspname in ('public', 'private') and a.attnum > 0 and not a.attisdropped
      and t.typname in ('regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper',
                        'regoperator', 'regproc', 'regprocedure')`

  it('stores no reg* column that pg_upgrade refuses, and would find one', async () => {
    expect(await db.sql(regColumns)).toEqual([])
    const planted = await db.asUser(null, async (tx) => (await tx.query(regColumns)).rows, {
      rollback: true,
      setup: async (tx) => {
        await tx.query('create table private.zz_handlers (handler regprocedure)')
      },
    })
    expect(planted).toEqual([{ column: 'zz_handlers.handler', type: 'regprocedure' }])
  })

  it('resolves every mutation kind to a function in private that takes the args', async () => {
    const kinds = await db.sql<{ kind: string; resolved: string | null }>(
      `select k.kind, pg_catalog.to_regprocedure(k.handler)::text as resolved
       from private.mutation_kinds k order by k.kind`,
    )
    expect(kinds.length).toBeGreaterThan(20)
    expect(kinds.filter((k) => k.resolved === null || !k.resolved.startsWith('private.push_'))).toEqual([])
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
