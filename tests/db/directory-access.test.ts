// Who the directory lets in (issue #16, 20260401001700_directory_import.sql): a profile binds only to a
// confirmed account its invitation created (or the city's single sign-on), never to a self-sign-up
// that uses the same address; a person marked as left is banned and their sessions revoked, and a
// person who returns is unbanned.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SqlTx } from '@/backend/embedded/execute-rpc'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

let db: TestDb
let admin: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  // Outside every section, so no import of this file marks the importer as left.
  admin = await db.createUser({ appRole: 'dx_admin', departmentCode: null })
})
afterAll(() => db?.close())

const person = (employeeNumber: string, email: string) => ({
  employee_number: employeeNumber,
  full_name: '厚木 名簿',
  full_name_kana: 'アツギ メイボ',
  department_code: 'kikaku_dx',
  department_name: '',
  position_grade_code: 'shuji',
  position_grade_name: '',
  email,
})

/** One transaction as the superuser, rolled back: a scenario that may change the shape of auth.users. */
async function scenario<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const done = new Error('rollback')
  let value: T | undefined
  await db.executor
    .transaction(async (tx) => {
      value = await fn(tx)
      throw done
    })
    .catch((error: unknown) => {
      if (error !== done) throw error
    })
  return value as T
}

/** What a Supabase project looks like to private.directory_creates_auth_users(): GoTrue's columns. */
const asSupabaseProject = (tx: SqlTx) => tx.query('alter table auth.users add column encrypted_password text')

async function importAs(tx: SqlTx, claims: UserClaims, rows: unknown[]) {
  await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)])
  await tx.query('set local role authenticated')
  const { rows: result } = await tx.query<{ r: { status: string; counts: Record<string, number> } }>(
    'select public.import_directory($1, $2) as r',
    [randomUUID(), JSON.stringify(rows)],
  )
  await tx.query('reset role')
  return result[0]!.r
}

const profileOf = async (tx: SqlTx, employeeNumber: string) =>
  (
    await tx.query<{ id: string }>('select id from public.profiles where employee_number = $1', [
      employeeNumber,
    ])
  ).rows[0]?.id ?? null

describe('on a Supabase project, invitations bind only to their own account', () => {
  it('gives an unconfirmed self-sign-up with the same address no profile, confirmed later or not', async () => {
    const outcome = await scenario(async (tx) => {
      await asSupabaseProject(tx)
      // Someone signs up with the new person's address before the division's import.
      const { rows } = await tx.query<{ id: string }>(
        `insert into auth.users (email, email_confirmed_at) values ('newcomer@city.atsugi.test', null) returning id`,
      )
      const squatter = rows[0]!.id
      const result = await importAs(tx, admin, [person('N00001', 'newcomer@city.atsugi.test')])
      const afterImport = await profileOf(tx, 'N00001')
      // Even once they confirm their own sign-up, it was not the invitation's account.
      await tx.query('update auth.users set email_confirmed_at = now() where id = $1', [squatter])
      const afterConfirm = await profileOf(tx, 'N00001')
      const waiting = (
        await tx.query(`select 1 from private.directory_invitations where employee_number = 'N00001'`)
      ).rows.length
      return { counts: result.counts, afterImport, afterConfirm, waiting }
    })
    expect(outcome).toMatchObject({
      counts: { created: 0, invited: 1 },
      afterImport: null,
      afterConfirm: null,
      waiting: 1,
    })
  })

  it('binds the invited account when the invitation is accepted, not before', async () => {
    const outcome = await scenario(async (tx) => {
      await asSupabaseProject(tx)
      await importAs(tx, admin, [person('N00002', 'invited@city.atsugi.test')])
      // auth.admin.inviteUserByEmail: the account exists, invited, its address not yet confirmed.
      const { rows } = await tx.query<{ id: string }>(
        `insert into auth.users (email, invited_at, email_confirmed_at)
         values ('Invited@City.Atsugi.test', now(), null) returning id`,
      )
      const invited = rows[0]!.id
      const beforeAccepting = await profileOf(tx, 'N00002')
      // The person follows the link: GoTrue confirms the address.
      await tx.query('update auth.users set email_confirmed_at = now() where id = $1', [invited])
      return { invited, beforeAccepting, afterAccepting: await profileOf(tx, 'N00002') }
    })
    expect(outcome.beforeAccepting).toBeNull()
    expect(outcome.afterAccepting).toBe(outcome.invited)
  })

  it("binds a confirmed single sign-on identity of the city's", async () => {
    const outcome = await scenario(async (tx) => {
      await asSupabaseProject(tx)
      await importAs(tx, admin, [person('N00003', 'sso@city.atsugi.test')])
      const { rows } = await tx.query<{ id: string }>(
        `insert into auth.users (email, is_sso_user, email_confirmed_at)
         values ('sso@city.atsugi.test', true, now()) returning id`,
      )
      return { account: rows[0]!.id, bound: await profileOf(tx, 'N00003') }
    })
    expect(outcome.bound).toBe(outcome.account)
  })
})

describe('where SQL creates the accounts (tests, the embedded demo)', () => {
  it('leaves an unconfirmed account with the address alone and keeps the person waiting', async () => {
    const outcome = await scenario(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `insert into auth.users (email, email_confirmed_at) values ('taken@city.atsugi.test', null) returning id`,
      )
      const result = await importAs(tx, admin, [
        person('N00004', 'taken@city.atsugi.test'),
        person('N00005', 'fresh@city.atsugi.test'),
      ])
      return {
        counts: result.counts,
        unconfirmed: rows[0]!.id,
        taken: await profileOf(tx, 'N00004'),
        fresh: await profileOf(tx, 'N00005'),
      }
    })
    expect(outcome.counts).toMatchObject({ created: 1, invited: 1 })
    expect(outcome.taken).toBeNull()
    expect(outcome.fresh).not.toBeNull()
    expect(outcome.fresh).not.toBe(outcome.unconfirmed)
  })
})

describe('leaving and returning', () => {
  const stateOf = async (ids: string[]) =>
    db.sql<{ id: string; banned: boolean; sessions: number; tokens: number }>(
      `select u.id, coalesce(u.banned_until > now() + interval '50 years', false) as banned,
              (select count(*)::int from auth.sessions as s where s.user_id = u.id) as sessions,
              (select count(*)::int from auth.refresh_tokens as t where t.user_id = u.id::text) as tokens
       from auth.users as u where u.id = any ($1::uuid[]) order by array_position($1::uuid[], u.id)`,
      [ids],
    )

  it('bans a leaver and revokes their sessions at once, and unbans them when they return', async () => {
    const leaver = await db.createUser({ employeeNumber: 'M00001' })
    const stayer = await db.createUser({ employeeNumber: 'M00002' })
    for (const who of [leaver, stayer]) {
      const [session] = await db.sql<{ id: string }>(
        'insert into auth.sessions (user_id) values ($1) returning id',
        [who.sub],
      )
      await db.sql(
        `insert into auth.refresh_tokens (token, user_id, session_id) values ($1, $2, $3), ($4, $2, null)`,
        [randomUUID(), who.sub, session!.id, randomUUID()],
      )
    }
    const rpc = (rows: unknown[]) =>
      db.rpc<{ counts: { left: number; updated: number } }>(admin, 'import_directory', {
        import_id: randomUUID(),
        rows,
      })
    const stays = person('M00002', stayer.email)
    const comesBack = person('M00001', leaver.email)

    expect(await stateOf([leaver.sub, stayer.sub])).toEqual([
      { id: leaver.sub, banned: false, sessions: 1, tokens: 2 },
      { id: stayer.sub, banned: false, sessions: 1, tokens: 2 },
    ])
    expect((await rpc([stays])).counts).toMatchObject({ left: 1 })
    expect(await stateOf([leaver.sub, stayer.sub])).toEqual([
      { id: leaver.sub, banned: true, sessions: 0, tokens: 0 },
      { id: stayer.sub, banned: false, sessions: 1, tokens: 2 },
    ])
    // A re-import that still leaves them out changes nothing more.
    expect((await rpc([stays])).counts).toMatchObject({ left: 0 })
    expect((await rpc([stays, comesBack])).counts).toMatchObject({ left: 0 })
    expect(await stateOf([leaver.sub, stayer.sub])).toEqual([
      { id: leaver.sub, banned: false, sessions: 0, tokens: 0 },
      { id: stayer.sub, banned: false, sessions: 1, tokens: 2 },
    ])
  })
})
