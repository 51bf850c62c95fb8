import * as v from 'valibot'
import {
  computed,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type ShallowRef,
} from 'vue'
import { BackendError } from '@/backend'
import {
  DxpErrorCodeSchema,
  RPCS,
  type DxpErrorCode,
  type RpcArgs,
  type RpcName,
  type RpcResult,
} from '@/contract'
import { useAuthStore } from '@/stores/auth'
import { useNetworkStatus } from './useNetworkStatus'

/**
 * Why the last call gave no fresh answer, each with its own words and next step on screen:
 * `offline` no network (or no answer arrived), `auth` sign in again, `code` the server refused with
 * a DXP code (not dx_admin, not found…), `server` failed on the server's side, `invalid` answered
 * with a shape this version cannot read, `unsupported` the server has no such function (yet).
 */
export type DivisionFailure =
  | { kind: 'offline' }
  | { kind: 'auth' }
  | { kind: 'code'; code: DxpErrorCode }
  | { kind: 'server' }
  | { kind: 'invalid' }
  | { kind: 'unsupported' }

/** `loading`: nothing to show yet; `ready`: an answer is shown (fresh, or the cached one when `failure` is set). */
export type DivisionQueryState = 'loading' | 'ready' | 'error'

export interface DivisionCached<T> {
  value: T
  /** When the server gave this answer (ISO 8601). */
  fetchedAt: string
}

export interface UseDivisionRpcReturn<T> {
  data: Readonly<ShallowRef<T | null>>
  fetchedAt: Readonly<ShallowRef<string | null>>
  failure: Readonly<ShallowRef<DivisionFailure | null>>
  state: ComputedRef<DivisionQueryState>
  /** True while a call is on its way (the shown answer, if any, stays). */
  refreshing: Readonly<ShallowRef<boolean>>
  /** The shown answer is an earlier one because the latest call failed. */
  stale: ComputedRef<boolean>
  reload: () => Promise<void>
}

const STORAGE_PREFIX = 'dxp.division.'
// Numbers are not replicated: the last answers live in memory and in sessionStorage (gone when the tab
// closes, so a shared PC does not keep the city's figures).
const memory = new Map<string, DivisionCached<unknown>>()

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

export function readCached<T>(key: string, schema: v.GenericSchema<unknown, T>): DivisionCached<T> | null {
  const fromMemory = memory.get(key)
  if (fromMemory) return fromMemory as DivisionCached<T>
  const text = storage()?.getItem(STORAGE_PREFIX + key)
  if (!text) return null
  try {
    const parsed = JSON.parse(text) as { value?: unknown; fetchedAt?: unknown }
    const value = v.safeParse(schema, parsed.value)
    if (!value.success || typeof parsed.fetchedAt !== 'string') return null
    const cached = { value: value.output, fetchedAt: parsed.fetchedAt }
    memory.set(key, cached)
    return cached
  } catch {
    return null
  }
}

function writeCached(key: string, cached: DivisionCached<unknown>): void {
  memory.set(key, cached)
  try {
    storage()?.setItem(STORAGE_PREFIX + key, JSON.stringify(cached))
  } catch {
    // Full or blocked storage: the memory copy still serves this tab.
  }
}

/** Forgets every cached answer (tests; sign-out clears sessionStorage with the tab anyway). */
export function clearDivisionCache(): void {
  memory.clear()
  const store = storage()
  if (!store) return
  for (const key of Object.keys(store)) if (key.startsWith(STORAGE_PREFIX)) store.removeItem(key)
}

export function classifyDivisionFailure(error: unknown): DivisionFailure {
  if (error instanceof v.ValiError) return { kind: 'invalid' }
  if (error instanceof BackendError) {
    if (error.kind === 'network') return { kind: 'offline' }
    if (error.kind === 'auth') return { kind: 'auth' }
    const code = v.safeParse(DxpErrorCodeSchema, error.message)
    if (code.success) return { kind: 'code', code: code.output }
    if (error.code === 'PGRST202' || error.code === '42883') return { kind: 'unsupported' }
    return { kind: 'server' }
  }
  return { kind: 'server' }
}

/**
 * Calls a read RPC of the DX division (`division_leader_targets`…) as the signed-in user, checks the
 * answer against the contract, and keeps the last good answer with its time, so a failed or offline
 * call still shows the figures last seen, marked as such. Calls again when `args` change or on
 * `reload()`; `args` null means "not yet" (nothing chosen).
 */
export function useDivisionRpc<N extends RpcName>(
  name: N,
  args: MaybeRefOrGetter<RpcArgs<N> | null>,
): UseDivisionRpcReturn<RpcResult<N>> {
  type T = RpcResult<N>
  const schema: v.GenericSchema<unknown, T> = RPCS[name].result
  const auth = useAuthStore()
  const { online } = useNetworkStatus()
  const data = shallowRef<T | null>(null)
  const fetchedAt = shallowRef<string | null>(null)
  const failure = shallowRef<DivisionFailure | null>(null)
  const refreshing = shallowRef(false)
  let generation = 0

  const key = computed(() => {
    const a = toValue(args)
    return a === null ? null : `${auth.userId ?? ''}:${name}:${JSON.stringify(a)}`
  })

  function showCached(k: string): void {
    const cached = readCached(k, schema)
    data.value = cached?.value ?? null
    fetchedAt.value = cached?.fetchedAt ?? null
  }

  async function reload(): Promise<void> {
    const k = key.value
    const a = toValue(args)
    if (k === null || a === null) return
    const mine = ++generation
    const backend = auth.backend
    // Without a network there is no server to ask (the embedded demo's is on the device), and before the
    // backend has loaded there is nothing to ask: the cached answer stays.
    const offline = !online.value && backend?.kind !== 'embedded'
    if (offline || !backend) {
      if (offline) failure.value = { kind: 'offline' }
      return
    }
    refreshing.value = true
    try {
      const answer = await backend.call(name, a)
      if (mine !== generation) return
      const cached = { value: answer, fetchedAt: new Date().toISOString() }
      writeCached(k, cached)
      data.value = answer
      fetchedAt.value = cached.fetchedAt
      failure.value = null
    } catch (error) {
      if (mine !== generation) return
      failure.value = classifyDivisionFailure(error)
    } finally {
      if (mine === generation) refreshing.value = false
    }
  }

  watch(
    key,
    (k) => {
      failure.value = null
      if (k === null) {
        data.value = null
        fetchedAt.value = null
        return
      }
      showCached(k)
      void reload()
    },
    { immediate: true },
  )
  // The backend loads after first paint; ask once it is there, and again when the network returns.
  watch(
    () => auth.backend,
    (backend) => {
      if (backend) void reload()
    },
  )
  watch(online, (isOnline) => {
    if (isOnline) void reload()
    else if (data.value === null) failure.value = { kind: 'offline' }
  })

  const state = computed<DivisionQueryState>(() => {
    if (data.value !== null) return 'ready'
    return failure.value ? 'error' : 'loading'
  })
  const stale = computed(() => data.value !== null && failure.value !== null)

  return { data, fetchedAt, failure, state, refreshing, stale, reload }
}
