/**
 * Runs `public.<fn>` the way PostgREST runs `POST /rpc/<fn>`, on any Postgres engine behind
 * {@link SqlExecutor}: the browser's PGlite worker, PGlite in Node tests, or node-postgres.
 *
 * Per call, in one transaction (PostgREST's order):
 *   1. role and claims: `set_config('role', <claims.role ?? 'anon'>, true)` (= `set local role`),
 *      `request.jwt.claims` = the claims as JSON, and the legacy `request.jwt.claim.sub|role|email`;
 *   2. the function's signature from the catalog (PostgREST's schema cache), picked by argument names;
 *   3. `select public.fn(a := pgrst_body.a, …) from json_to_record($1::json) as pgrst_body(a <type>, …)`:
 *      the arguments travel as one JSON text and Postgres converts each to its parameter type;
 *   4. the result aggregated to JSON like PostgREST's response body, then parsed.
 * Any error rolls the transaction back and surfaces as {@link RpcError} (PostgREST's error body).
 *
 * Browser-safe: no Node imports.
 */

export interface SqlTx {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>
}

export interface SqlExecutor {
  /** Runs `fn` in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>
}

/** The JWT claims of the caller; `null` means no token (PostgREST's anonymous request). */
export interface JwtClaims {
  sub?: string
  role?: string
  email?: string
  [claim: string]: unknown
}

export interface RequestContextOptions {
  /** Roles a token may switch to. The embedded engine runs as a superuser, so this list is the guard. */
  allowedRoles?: readonly string[]
}

/** PostgREST's error body: SQLSTATE (or a PGRST code) in `code`, the server's texts in the rest. */
export interface PostgrestErrorBody {
  code: string
  message: string
  details: string | null
  hint: string | null
}

export class RpcError extends Error implements PostgrestErrorBody {
  readonly code: string
  readonly details: string | null
  readonly hint: string | null

  constructor(body: PostgrestErrorBody) {
    super(body.message)
    this.name = 'RpcError'
    this.code = body.code
    this.details = body.details
    this.hint = body.hint
  }

  toJSON(): PostgrestErrorBody {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint }
  }
}

export const DEFAULT_ALLOWED_ROLES: readonly string[] = ['anon', 'authenticated', 'service_role']

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/
const SQLSTATE = /^[0-9A-Z]{5}$/

/**
 * Sets role and claims for the rest of the transaction, as PostgREST does before running a request.
 * Exported so tests can run arbitrary statements as a user under exactly the same settings.
 */
export async function applyRequestContext(
  tx: SqlTx,
  claims: JwtClaims | null,
  options: RequestContextOptions = {},
): Promise<void> {
  const role = claims?.role ?? 'anon'
  const allowed = options.allowedRoles ?? DEFAULT_ALLOWED_ROLES
  if (!IDENTIFIER.test(role) || !allowed.includes(role)) {
    throw new RpcError({
      code: 'PGRST301',
      message: `The role "${role}" in the JWT is not allowed`,
      details: `Allowed roles: ${allowed.join(', ')}`,
      hint: null,
    })
  }
  const fullClaims = { ...claims, role }
  await tx.query(
    `select set_config('role', $1, true),
            set_config('request.jwt.claims', $2, true),
            set_config('request.jwt.claim.sub', $3, true),
            set_config('request.jwt.claim.role', $1, true),
            set_config('request.jwt.claim.email', $4, true)`,
    [role, JSON.stringify(fullClaims), stringClaim(claims?.sub), stringClaim(claims?.email)],
  )
}

function stringClaim(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

interface RoutineParam {
  name: string
  type: string
  variadic: boolean
}

interface Routine {
  params: RoutineParam[]
  requiredCount: number
  returnsSet: boolean
  returnsComposite: boolean
}

interface RoutineRow {
  params: RoutineParam[] | string
  n_defaults: number
  returns_set: boolean
  returns_composite: boolean
}

// Input parameters only (OUT and TABLE columns are part of the result, not of the call).
const ROUTINES_SQL = `
  select
    coalesce((
      select json_agg(json_build_object(
        'name', coalesce(a.name, ''),
        'type', pg_catalog.format_type(a.type, null),
        'variadic', a.mode = 'v'
      ) order by a.ord)
      from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames, p.proargmodes)
        with ordinality as a (type, name, mode, ord)
      where coalesce(a.mode, 'i') in ('i', 'b', 'v')
    ), '[]')::text as params,
    p.pronargdefaults::int as n_defaults,
    p.proretset as returns_set,
    (t.typtype = 'c' or t.oid = 'pg_catalog.record'::pg_catalog.regtype) as returns_composite
  from pg_catalog.pg_proc as p
  join pg_catalog.pg_type as t on t.oid = p.prorettype
  where p.pronamespace = 'public'::pg_catalog.regnamespace and p.proname = $1 and p.prokind = 'f'`

function toRoutine(row: RoutineRow): Routine {
  const params = typeof row.params === 'string' ? (JSON.parse(row.params) as RoutineParam[]) : row.params
  return {
    params,
    requiredCount: params.length - row.n_defaults,
    returnsSet: row.returns_set,
    returnsComposite: row.returns_composite,
  }
}

/** PostgREST's overload choice: every given key names a parameter and every parameter without a default is given. */
function matchesKeys(routine: Routine, keys: readonly string[]): boolean {
  const names = routine.params.map((param) => param.name)
  if (names.some((name) => name === '')) return false
  return (
    keys.every((key) => names.includes(key)) &&
    routine.params.slice(0, routine.requiredCount).every((param) => keys.includes(param.name))
  )
}

/** A single unnamed json/jsonb parameter receives the whole body. */
function takesWholeBody(routine: Routine): boolean {
  const [only] = routine.params
  return routine.params.length === 1 && only?.name === '' && (only.type === 'json' || only.type === 'jsonb')
}

function notFound(fn: string, keys: readonly string[]): RpcError {
  const signature = `public.${fn}(${keys.join(', ')})`
  return new RpcError({
    code: 'PGRST202',
    message: `Could not find the function ${signature} in the schema cache`,
    details: `Searched for the function public.${fn} with parameters ${keys.join(', ') || '(none)'} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    hint: null,
  })
}

function buildCall(fn: string, routine: Routine, keys: readonly string[], wholeBody: boolean): string {
  const qualified = `"public"."${fn}"`
  const scalar = !routine.returnsComposite
  const callIt = (argument: string): string =>
    scalar
      ? `(select ${qualified}(${argument}) as pgrst_scalar) as pgrst_call`
      : `${qualified}(${argument}) as pgrst_call`

  let from: string
  if (wholeBody) {
    const type = routine.params[0]?.type === 'json' ? 'json' : 'jsonb'
    from = `from ${callIt(`$1::${type}`)}`
  } else if (keys.length === 0) {
    from = `from ${callIt('')}`
  } else {
    const given = routine.params.filter((param) => keys.includes(param.name))
    const columns = given.map((param) => `"${param.name}" ${param.type}`).join(', ')
    const named = given
      .map((param) => `${param.variadic ? 'variadic ' : ''}"${param.name}" := pgrst_body."${param.name}"`)
      .join(', ')
    from = `from json_to_record($1::json) as pgrst_body(${columns}), ` + `lateral ${callIt(named)}`
  }

  const source = `select ${scalar ? 'pgrst_call.pgrst_scalar' : 'pgrst_call.*'} ${from}`
  const body = scalar
    ? routine.returnsSet
      ? `coalesce(json_agg(_postgrest_t.pgrst_scalar), '[]')`
      : `coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, 'null')`
    : routine.returnsSet
      ? `coalesce(json_agg(_postgrest_t), '[]')`
      : `coalesce(json_agg(_postgrest_t)->0, 'null')`
  return `with pgrst_source as (${source}) select (${body})::text as body from pgrst_source as _postgrest_t`
}

/** Turns a driver error (node-postgres and PGlite both expose the server's fields) into PostgREST's shape. */
export function toRpcError(error: unknown): RpcError | null {
  if (error instanceof RpcError) return error
  if (typeof error !== 'object' || error === null) return null
  const { code, message, detail, hint } = error as Record<string, unknown>
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return null
  return new RpcError({
    code,
    message: typeof message === 'string' ? message : '',
    details: typeof detail === 'string' ? detail : null,
    hint: typeof hint === 'string' ? hint : null,
  })
}

/**
 * Calls `public.<fn>` with named arguments as `claims` would through PostgREST, and returns the
 * function's JSON result (a scalar, an object, or an array for set-returning functions).
 * @throws {RpcError} on any database error, an unknown function or argument, or a disallowed role.
 */
export async function executeRpc<T = unknown>(
  executor: SqlExecutor,
  claims: JwtClaims | null,
  fn: string,
  args: Readonly<Record<string, unknown>> = {},
  options: RequestContextOptions = {},
): Promise<T> {
  const keys = Object.keys(args).filter((key) => args[key] !== undefined)
  if (!IDENTIFIER.test(fn)) throw notFound(fn, keys)
  const badKey = keys.find((key) => !IDENTIFIER.test(key))
  if (badKey !== undefined) throw notFound(fn, keys)

  try {
    return await executor.transaction(async (tx) => {
      await applyRequestContext(tx, claims, options)
      const { rows } = await tx.query<RoutineRow>(ROUTINES_SQL, [fn])
      const routines = rows.map(toRoutine)
      const keyed = routines.filter((routine) => matchesKeys(routine, keys))
      const wholeBody = keyed.length === 0 ? routines.filter(takesWholeBody) : []
      const candidates = keyed.length > 0 ? keyed : wholeBody
      const [routine] = candidates
      if (routine === undefined) throw notFound(fn, keys)
      if (candidates.length > 1) {
        throw new RpcError({
          code: 'PGRST203',
          message: `Could not choose the best candidate function between the overloads of public.${fn}`,
          details: null,
          hint: 'Overloaded functions with the same argument names are ambiguous; rename one of them.',
        })
      }
      const sql = buildCall(fn, routine, keys, keyed.length === 0)
      const needsBody = keyed.length === 0 || keys.length > 0
      const payload = JSON.stringify(
        keyed.length === 0 ? args : Object.fromEntries(keys.map((k) => [k, args[k]])),
      )
      const result = await tx.query<{ body: string }>(sql, needsBody ? [payload] : [])
      const body = result.rows[0]?.body
      return (body === undefined ? null : JSON.parse(body)) as T
    })
  } catch (error) {
    throw toRpcError(error) ?? error
  }
}
