/**
 * The embedded backend over any {@link SqlExecutor}: the browser's PGlite worker, PGlite in Node
 * tests, or PostgreSQL. An RPC runs exactly as PostgREST runs it (execute-rpc.ts) with the claims
 * Supabase Auth would put in the persona's JWT. The engine itself runs as a superuser, so the role
 * guard (`allowedRoles`) is what keeps stored claims from becoming `service_role`.
 */
import { PERSONA_KINDS, type Persona, type PersonaKind } from '@/contract'
import { BackendError, type AuthChangeListener, type EmbeddedBackend } from '../backend'
import { callRpc } from '../call-rpc'
import { postgrestStatus, toBackendError } from '../classify-error'
import { executeRpc, toRpcError, type JwtClaims, type SqlExecutor } from './execute-rpc'
import { UUID_PATTERN, memoryClaimsStore, parseClaims, userOf, type ClaimsStore } from './claims-store'
import { DEMO_PERSONAS } from './demo-city/personas'

/** The only roles a persona's token may carry: a signed-in user, or nobody. */
export const EMBEDDED_ALLOWED_ROLES: readonly string[] = ['anon', 'authenticated']

export interface EmbeddedBackendOptions {
  executor: SqlExecutor
  /** Default: memory (the sign-in ends with the page); the app passes localStorage. */
  claimsStore?: ClaimsStore
  allowedRoles?: readonly string[]
  /**
   * The demo's database stands for a remote server: while this says false (the browser is offline),
   * an RPC gets no answer, as it would from Supabase, so changes wait in the outbox as 送信待ち.
   * Default: always reachable (Node tests).
   */
  isOnline?: () => boolean
}

/** Any failure of the local engine as a classified error; one that is not Postgres's (the worker died) is worth a retry. */
function toEmbeddedError(error: unknown, signedIn: boolean): BackendError {
  const rpcError = toRpcError(error)
  if (rpcError) return toBackendError(rpcError.toJSON(), postgrestStatus(rpcError.code, signedIn), error)
  const message = error instanceof Error ? error.message : String(error)
  return new BackendError('server', { code: '', message, details: null, hint: null }, 500, { cause: error })
}

// One profile per kind, the same on every device and whatever the person later does: the demo
// city's persona of that kind (a fixed id, $1), else the lowest employee number whose state makes
// them that kind (a database without the demo city, as in tests).
const PERSONAS_SQL = `
  with pinned as (
    select (p->>'id')::uuid as id, p->>'kind' as kind from pg_catalog.jsonb_array_elements($1::jsonb) as p
  ),
  candidates as (
    select p.id::text as id, u.email, p.employee_number, p.full_name, p.app_role, p.department_code,
           p.position_grade_code, g.supervisory, p.leader_candidacy_fy,
           coalesce(pinned.kind, case
             when p.app_role = 'dx_admin' then 'dx_division'
             when p.app_role = 'facilitator' then 'facilitator'
             when p.leader_candidacy_fy is not null then 'leader_candidate'
             when g.supervisory then 'manager'
             when not g.supervisory then 'promoter'
           end) as kind,
           pinned.id is not null as pinned
    from public.profiles as p
    join auth.users as u on u.id = p.id
    left join public.position_grades as g on g.code = p.position_grade_code
    left join pinned on pinned.id = p.id
    where p.left_on is null
  )
  select distinct on (kind) * from candidates where kind is not null
  order by kind, pinned desc, employee_number`
const PINNED_PERSONAS = JSON.stringify(DEMO_PERSONAS.map((p) => ({ id: p.id, kind: p.key })))

interface PersonaRow {
  id: string
  email: string | null
  employee_number: string
  full_name: string
  app_role: Persona['appRole']
  department_code: string | null
  position_grade_code: string | null
  supervisory: boolean | null
  leader_candidacy_fy: number | null
  kind: PersonaKind
}

export function createEmbeddedBackend(options: EmbeddedBackendOptions): EmbeddedBackend {
  const { executor } = options
  const store = options.claimsStore ?? memoryClaimsStore()
  const allowedRoles = options.allowedRoles ?? EMBEDDED_ALLOWED_ROLES
  const listeners = new Set<AuthChangeListener>()
  const notify = () => {
    const user = userOf(parseClaims(store.read()))
    for (const listener of listeners) listener(user)
  }
  store.subscribe?.(notify)

  /** Superuser read of the local database: the persona picker runs before anyone is signed in. */
  async function query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    try {
      return await executor.transaction(async (tx) => (await tx.query<R>(sql, params)).rows)
    } catch (error) {
      throw toEmbeddedError(error, false)
    }
  }

  const backend: EmbeddedBackend = {
    kind: 'embedded',

    call: (name, args) => callRpc(backend, name, args),

    async rpc<T>(fn: string, args: Readonly<Record<string, unknown>> = {}): Promise<T> {
      if (options.isOnline && !options.isOnline()) {
        throw new BackendError('network', { code: '', message: 'offline', details: null, hint: null }, 0)
      }
      const claims = parseClaims(store.read())
      try {
        return await executeRpc<T>(executor, claims, fn, args, { allowedRoles })
      } catch (error) {
        throw toEmbeddedError(error, claims !== null)
      }
    },

    async currentUser() {
      return userOf(parseClaims(store.read()))
    },

    async signOut() {
      store.write(null)
      notify()
    },

    onAuthChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async signInAs(profileId) {
      const [row] = UUID_PATTERN.test(profileId)
        ? await query<{ id: string; email: string | null; app_metadata: unknown; user_metadata: unknown }>(
            `select u.id::text as id, u.email, u.raw_app_meta_data as app_metadata,
                    u.raw_user_meta_data as user_metadata
             from public.profiles as p join auth.users as u on u.id = p.id
             where p.id = $1::uuid and p.left_on is null`,
            [profileId],
          )
        : []
      if (!row) {
        throw new BackendError(
          'auth',
          { code: '', message: `No staff profile with id ${profileId}`, details: null, hint: null },
          401,
        )
      }
      // The claims Supabase Auth puts in an access token, less what only a signed token needs (exp, iat).
      const claims: JwtClaims = {
        sub: row.id,
        role: 'authenticated',
        aud: 'authenticated',
        ...(row.email === null ? {} : { email: row.email }),
        app_metadata: row.app_metadata,
        user_metadata: row.user_metadata,
        is_anonymous: false,
      }
      store.write(JSON.stringify(claims))
      notify()
      return { id: row.id, email: row.email }
    },

    async listPersonas() {
      const rows = await query<PersonaRow>(PERSONAS_SQL, [PINNED_PERSONAS])
      return rows
        .map((row): Persona => ({
          kind: row.kind,
          id: row.id,
          email: row.email,
          employeeNumber: row.employee_number,
          fullName: row.full_name,
          appRole: row.app_role,
          departmentCode: row.department_code,
          positionGradeCode: row.position_grade_code,
          supervisory: row.supervisory,
          leaderCandidacyFy: row.leader_candidacy_fy,
        }))
        .sort((a, b) => PERSONA_KINDS.indexOf(a.kind) - PERSONA_KINDS.indexOf(b.kind))
    },
  }
  return backend
}
