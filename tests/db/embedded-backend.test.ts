// The embedded Backend over the test database (PGlite, and PostgreSQL 17 for the same semantics):
// each RPC runs as the signed-in persona, failures come back classified for the sync engine.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BackendError, EmbeddedBackend } from '@/backend/backend'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { memoryClaimsStore, type ClaimsStore } from '@/backend/embedded/claims-store'
import type { PullDocument, PushResult } from '@/contract'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

const testFunctions = `
  create function public.test_backend_whoami() returns jsonb
  language sql stable set search_path = '' as $$
    select jsonb_build_object('uid', auth.uid(), 'email', auth.email(), 'role', current_user,
      'aud', auth.jwt() ->> 'aud', 'provider', auth.jwt() -> 'app_metadata' ->> 'provider')
  $$;
  create function public.test_backend_fail(code text) returns void
  language plpgsql set search_path = '' as $$
  begin
    raise exception using errcode = code, message = 'failed with ' || code;
  end
  $$;`

let db: TestDb
let store: ClaimsStore
let backend: EmbeddedBackend
let promoter: UserClaims
let manager: UserClaims
let candidate: UserClaims
let facilitator: UserClaims
let admin: UserClaims

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  )
  if (outcome === null) throw new Error('expected the call to fail')
  return outcome as BackendError
}

function learning(title: string) {
  return {
    mutation_id: randomUUID(),
    kind: 'record_learning',
    args: {
      id: randomUUID(),
      area_code: 'dx_basics',
      source: 'self_study',
      title,
      minutes: 30,
      completed_on: '2026-04-01',
    },
  }
}

async function myLearningTitles(): Promise<string[]> {
  const titles: string[] = []
  let cursor: string | null = null
  for (;;) {
    const page: PullDocument = await backend.rpc<PullDocument>('sync_pull', { cursor, max_rows: 1000 })
    for (const change of page.changes) {
      if (change.table === 'learning_records' && change.op === 'upsert') titles.push(String(change.row.title))
    }
    if (!page.has_more) return titles.sort()
    cursor = page.cursor
  }
}

beforeAll(async () => {
  db = await createTestDb()
  await db.exec(testFunctions)
  // Employee numbers ordered so each kind's first profile is known; the Z… ones must not be picked.
  promoter = await db.createUser({
    employeeNumber: 'A0001',
    positionGradeCode: 'shuji',
    email: 'promoter@city.test',
  })
  await db.createUser({ employeeNumber: 'Z0001', positionGradeCode: 'shuji' })
  manager = await db.createUser({ employeeNumber: 'A0002', positionGradeCode: 'kakaricho' })
  candidate = await db.createUser({
    employeeNumber: 'A0003',
    positionGradeCode: 'shuji',
    leaderCandidacyFy: 2026,
    leaderCandidacyMethod: 'volunteered',
  })
  facilitator = await db.createUser({
    employeeNumber: 'A0004',
    appRole: 'facilitator',
    departmentCode: null,
    positionGradeCode: null,
  })
  admin = await db.createUser({ employeeNumber: 'A0005', appRole: 'dx_admin' })
  await db.createUser({ employeeNumber: 'A0000', withProfile: false })
  store = memoryClaimsStore()
  backend = createEmbeddedBackend({ executor: db.executor, claimsStore: store })
})
afterAll(() => db?.close())

describe('embedded backend: personas', () => {
  it('offers one profile of each kind, in the picker’s order, the lowest employee number first', async () => {
    const personas = await backend.listPersonas()

    expect(personas.map((p) => [p.kind, p.id])).toEqual([
      ['promoter', promoter.sub],
      ['manager', manager.sub],
      ['leader_candidate', candidate.sub],
      ['facilitator', facilitator.sub],
      ['dx_division', admin.sub],
    ])
    expect(personas[0]).toMatchObject({
      email: 'promoter@city.test',
      employeeNumber: 'A0001',
      appRole: 'employee',
      positionGradeCode: 'shuji',
      supervisory: false,
    })
    expect(personas[1]?.supervisory).toBe(true)
  })

  it('signs in as a persona: auth.uid() is the persona and the role is authenticated', async () => {
    const seen = vi.fn()
    const unsubscribe = backend.onAuthChange(seen)

    const user = await backend.signInAs(promoter.sub)

    expect(user).toEqual({ id: promoter.sub, email: 'promoter@city.test' })
    expect(await backend.currentUser()).toEqual(user)
    expect(await backend.rpc('test_backend_whoami')).toEqual({
      uid: promoter.sub,
      email: 'promoter@city.test',
      role: 'authenticated',
      aud: 'authenticated',
      provider: 'email',
    })
    expect(seen).toHaveBeenCalledWith(user)
    unsubscribe()
    await backend.signInAs(manager.sub)
    expect(seen).toHaveBeenCalledTimes(1)
  })

  it('refuses to sign in as someone who has no staff profile', async () => {
    const [noProfile] = await db.sql<{ id: string }>(
      'select u.id::text as id from auth.users u left join public.profiles p on p.id = u.id where p.id is null',
    )
    for (const id of [noProfile?.id ?? '', randomUUID(), 'not-a-uuid']) {
      const error = await failure(backend.signInAs(id))
      expect(error.kind).toBe('auth')
    }
  })

  it('pushes as one persona, and each persona pulls only their own records', async () => {
    await backend.signInAs(promoter.sub)
    const [result] = await backend.rpc<PushResult[]>('sync_push', { mutations: [learning('推進員の自習')] })
    expect(result?.status).toBe('applied')
    await backend.signInAs(manager.sub)
    await backend.rpc<PushResult[]>('sync_push', { mutations: [learning('管理者の自習')] })

    expect(await myLearningTitles()).toEqual(['管理者の自習'])
    await backend.signInAs(promoter.sub)
    expect(await myLearningTitles()).toEqual(['推進員の自習'])
  })

  it('runs as anon after sign-out, and anon may not push (sign in again, not a rejection)', async () => {
    await backend.signInAs(promoter.sub)
    await backend.signOut()

    expect(await backend.currentUser()).toBeNull()
    const error = await failure(backend.rpc('sync_push', { mutations: [learning('サインアウト後')] }))
    expect(error).toMatchObject({ kind: 'auth', code: '42501', status: 401 })
  })

  it('refuses stored claims edited to a role the embedded backend does not allow, and runs nothing', async () => {
    store.write(JSON.stringify({ sub: admin.sub, role: 'service_role' }))

    const error = await failure(backend.rpc('sync_push', { mutations: [learning('service_role')] }))

    expect(error).toMatchObject({ kind: 'auth', code: 'PGRST301', status: 401 })
    const [row] = await db.sql<{ n: number }>(
      "select count(*)::int as n from public.learning_records where title = 'service_role'",
    )
    expect(row?.n).toBe(0)
    await backend.signOut()
  })
})

describe('embedded backend: errors classified as the sync engine needs them', () => {
  beforeAll(() => backend.signInAs(promoter.sub))

  it('a rule of record (P0001 with a DXP code) is a client error carrying PostgREST’s body', async () => {
    const error = await failure(backend.rpc('sync_push', { mutations: 'not an array' }))

    expect(error).toMatchObject({
      kind: 'client',
      code: 'P0001',
      message: 'DXP003',
      status: 400,
      retryable: false,
    })
    expect(error.details).toEqual(expect.any(String))
    expect(error.toJSON()).toEqual({
      kind: 'client',
      code: 'P0001',
      message: 'DXP003',
      details: error.details,
      hint: error.hint,
      status: 400,
    })
  })

  it.each([
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['55P03', 'lock timeout'],
    ['57014', 'statement timeout'],
    ['53300', 'too many connections'],
  ])('%s (%s) is a server error worth retrying', async (code) => {
    const error = await failure(backend.rpc('test_backend_fail', { code }))
    expect(error).toMatchObject({ kind: 'server', code, retryable: true })
    expect(error.status).toBeGreaterThanOrEqual(500)
  })

  it.each([
    ['23505', 409],
    ['22023', 400],
    ['42501', 403],
  ])('%s as a signed-in user is a client error (HTTP %i)', async (code, status) => {
    const error = await failure(backend.rpc('test_backend_fail', { code }))
    expect(error).toMatchObject({ kind: 'client', code, status })
  })

  it('an unknown function is a client error (PGRST202, 404)', async () => {
    const error = await failure(backend.rpc('no_such_function', {}))
    expect(error).toMatchObject({ kind: 'client', code: 'PGRST202', status: 404 })
  })
})
