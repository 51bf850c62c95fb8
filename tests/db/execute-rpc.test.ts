import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError } from '@/backend/embedded/execute-rpc'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

// The rpc helper is the embedded backend's PostgREST: these functions exist only in this file's database.
const testFunctions = `
  create function public.test_whoami(greeting text, times integer default 1) returns jsonb
  language sql stable set search_path = '' as $$
    select jsonb_build_object(
      'uid', auth.uid(), 'role', auth.role(), 'email', auth.email(), 'current_user', current_user,
      'claims', auth.jwt(), 'greeting', repeat(greeting, times))
  $$;

  create function public.test_echo(payload jsonb, tags text[], day date, amount numeric) returns jsonb
  language sql immutable set search_path = '' as $$
    select jsonb_build_object('payload', payload, 'tags', to_jsonb(tags), 'day', day, 'next_day', day + 1,
      'amount', amount, 'tag_count', cardinality(tags))
  $$;

  create function public.test_fail() returns void
  language plpgsql set search_path = '' as $$
  begin
    raise exception using errcode = 'P0001', message = 'DXP001', detail = 'the session is full', hint = 'join the waitlist';
  end
  $$;

  create table public.test_log (id serial primary key, note text not null);
  alter table public.test_log enable row level security;
  create policy test_log_all_authenticated on public.test_log for all to authenticated using (true) with check (true);
  grant select, insert on table public.test_log to authenticated;
  grant usage on sequence public.test_log_id_seq to authenticated;

  create function public.test_log_then(note text, fail boolean) returns integer
  language plpgsql set search_path = '' as $$
  declare new_id integer;
  begin
    insert into public.test_log (note) values (note) returning id into new_id;
    if fail then
      raise exception using errcode = 'P0001', message = 'DXP999';
    end if;
    return new_id;
  end
  $$;

  create function public.test_areas(role text) returns table (code text, sort_order integer)
  language sql stable set search_path = '' as $$
    select a.code, a.sort_order from public.role_requirements r
    join public.knowledge_areas a on a.code = r.area_code
    where r.role_code = role order by a.sort_order
  $$;

  create function public.test_numbers(upto integer) returns setof integer
  language sql immutable set search_path = '' as $$ select generate_series(1, upto) $$;

  create function public.test_nothing() returns void
  language sql set search_path = '' as $$ select $$;

  create function public.test_admin_only() returns text
  language sql stable set search_path = '' as $$ select 'secret' $$;
  revoke execute on function public.test_admin_only() from public, anon, authenticated;
`

let db: TestDb
let employee: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  await db.exec(testFunctions)
  employee = await db.createUser({ email: 'hanako@city.test' })
})
afterAll(() => db?.close())

describe('rpc(claims, fn, args)', () => {
  it('hands the caller’s claims to SQL and switches to their role', async () => {
    const result = await db.rpc(employee, 'test_whoami', { greeting: 'hi' })
    expect(result).toEqual({
      uid: employee.sub,
      role: 'authenticated',
      email: 'hanako@city.test',
      current_user: 'authenticated',
      claims: { sub: employee.sub, role: 'authenticated', email: 'hanako@city.test' },
      greeting: 'hi',
    })
  })

  it('runs a call without claims as anon', async () => {
    expect(await db.rpc(null, 'test_whoami', { greeting: 'hi' })).toMatchObject({
      uid: null,
      role: 'anon',
      current_user: 'anon',
      claims: { role: 'anon' },
    })
  })

  it('passes arguments by name, in any order, and lets omitted ones take their defaults', async () => {
    expect(await db.rpc(employee, 'test_whoami', { times: 3, greeting: 'ab' })).toMatchObject({
      greeting: 'ababab',
    })
    expect(await db.rpc(employee, 'test_whoami', { greeting: 'ab' })).toMatchObject({ greeting: 'ab' })
  })

  it('converts JSON arguments to the parameter types: jsonb, arrays, dates, numerics', async () => {
    const payload = { mutations: [{ id: 'm1', name: 'record_learning' }], nested: { ok: true } }
    const result = await db.rpc(employee, 'test_echo', {
      payload,
      tags: ['生成AI', 'BPR'],
      day: '2027-03-31',
      amount: 12.5,
    })
    expect(result).toEqual({
      payload,
      tags: ['生成AI', 'BPR'],
      day: '2027-03-31',
      next_day: '2027-04-01',
      amount: 12.5,
      tag_count: 2,
    })
  })

  it('returns rows of a table function as objects and a set of scalars as an array', async () => {
    const areas = await db.rpc<{ code: string; sort_order: number }[]>(employee, 'test_areas', {
      role: 'promoter',
    })
    expect(areas.map((area) => area.sort_order)).toEqual([1, 2, 3, 4, 5, 6])
    expect(areas[0]).toEqual({ code: 'dx_basics', sort_order: 1 })
    expect(await db.rpc(employee, 'test_numbers', { upto: 3 })).toEqual([1, 2, 3])
    expect(await db.rpc(employee, 'test_numbers', { upto: 0 })).toEqual([])
    expect(await db.rpc(employee, 'test_nothing')).toBeNull()
  })

  it('returns an error shaped like PostgREST’s, with the SQLSTATE in code', async () => {
    const error = await db.rpc(employee, 'test_fail').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RpcError)
    expect((error as RpcError).toJSON()).toEqual({
      code: 'P0001',
      message: 'DXP001',
      details: 'the session is full',
      hint: 'join the waitlist',
    })
  })

  it('reports a server error with its own SQLSTATE and null details', async () => {
    await expect(
      db.rpc(employee, 'test_echo', { payload: {}, tags: [], day: 'not a date', amount: 1 }),
    ).rejects.toEqual(expect.objectContaining({ code: '22007', details: null }))
    await expect(db.rpc(employee, 'test_admin_only')).rejects.toMatchObject({ code: '42501' })
  })

  it('commits a successful call and rolls back a failed one entirely', async () => {
    const id = await db.rpc<number>(employee, 'test_log_then', { note: 'kept', fail: false })
    await expect(db.rpc(employee, 'test_log_then', { note: 'dropped', fail: true })).rejects.toMatchObject({
      code: 'P0001',
      message: 'DXP999',
    })
    expect(await db.sql('select id, note from public.test_log order by id')).toEqual([{ id, note: 'kept' }])
  })

  it('leaves no role or claims behind on the connection after the call', async () => {
    await db.rpc(employee, 'test_whoami', { greeting: 'hi' })
    const [after] = await db.sql<{ user: string; claims: string | null }>(
      `select current_user as user, nullif(current_setting('request.jwt.claims', true), '') as claims`,
    )
    expect(after).toEqual({ user: expect.not.stringMatching(/^(anon|authenticated)$/), claims: null })
  })

  it('answers an unknown function or argument with PGRST202, as PostgREST does', async () => {
    await expect(db.rpc(employee, 'test_missing', {})).rejects.toMatchObject({ code: 'PGRST202' })
    await expect(db.rpc(employee, 'test_whoami', { greeting: 'hi', shout: true })).rejects.toMatchObject({
      code: 'PGRST202',
    })
    await expect(db.rpc(employee, 'test_whoami', {})).rejects.toMatchObject({ code: 'PGRST202' })
  })

  it('rejects names that are not plain identifiers before any SQL runs', async () => {
    const hostile = ['test_whoami(); drop table public.test_log; --', 'Test_Whoami', 'public.test_whoami', '']
    for (const fn of hostile) {
      await expect(db.rpc(employee, fn, { greeting: 'x' })).rejects.toMatchObject({ code: 'PGRST202' })
    }
    await expect(db.rpc(employee, 'test_whoami', { 'greeting" := null, "times': 1 })).rejects.toMatchObject({
      code: 'PGRST202',
    })
    expect(await db.sql(`select to_regclass('public.test_log') is not null as present`)).toEqual([
      { present: true },
    ])
  })

  it('refuses a token whose role is not an API role', async () => {
    await expect(
      db.rpc({ sub: employee.sub, role: 'postgres' }, 'test_whoami', { greeting: 'hi' }),
    ).rejects.toMatchObject({ code: 'PGRST301' })
  })
})
