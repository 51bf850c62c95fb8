import { liveQuery, type Subscription } from 'dexie'
import { getCurrentScope, onScopeDispose, shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'

export interface UseLiveQueryOptions<I> {
  /**
   * Reactive inputs of the query (a ref, a getter, or an array of them). Dexie runs the query
   * outside Vue's tracking, so inputs must be named here; the query is subscribed again when they change.
   */
  deps?: WatchSource<unknown> | readonly WatchSource<unknown>[]
  /** `data` until the first result arrives. */
  initialValue?: I
}

export interface UseLiveQueryReturn<T, I = undefined> {
  /** The latest result; `initialValue` until the first one. */
  data: Readonly<ShallowRef<T | I>>
  /** The error of the latest run, cleared by the next result. */
  error: Readonly<ShallowRef<unknown>>
  /** True until the first result (or error) of the current inputs. */
  isLoading: Readonly<ShallowRef<boolean>>
  /** Stops listening (also done when the calling component or scope is disposed). */
  stop: () => void
}

/**
 * Reads rows from the device database and keeps them current: the result is recomputed whenever a
 * write touches what the query read, in this tab or another. The one way screens read the replica.
 *
 * ```ts
 * const { data: records } = useLiveQuery(
 *   () => db.replica('learning_records').where({ employee_id: userId.value }).toArray(),
 *   { deps: userId, initialValue: [] },
 * )
 * ```
 */
export function useLiveQuery<T, I = undefined>(
  querier: () => T | Promise<T>,
  options: UseLiveQueryOptions<I> = {},
): UseLiveQueryReturn<T, I> {
  const data = shallowRef<T | I>(options.initialValue as I)
  const error = shallowRef<unknown>(undefined)
  const isLoading = shallowRef(true)
  let subscription: Subscription | undefined

  const unsubscribe = () => {
    subscription?.unsubscribe()
    subscription = undefined
  }

  const subscribe = () => {
    unsubscribe()
    isLoading.value = true
    subscription = liveQuery(querier).subscribe({
      next: (value) => {
        data.value = value
        error.value = undefined
        isLoading.value = false
      },
      error: (reason: unknown) => {
        error.value = reason
        isLoading.value = false
      },
    })
  }

  const { deps } = options
  const sources: WatchSource<unknown> | WatchSource<unknown>[] | undefined = Array.isArray(deps)
    ? [...(deps as readonly WatchSource<unknown>[])]
    : (deps as WatchSource<unknown> | undefined)
  const stopWatch = sources === undefined ? undefined : watch(sources, subscribe)
  subscribe()

  const stop = () => {
    stopWatch?.()
    unsubscribe()
  }
  if (getCurrentScope()) onScopeDispose(stop)

  // Plain shallow refs typed read-only: no deep proxy over thousands of rows.
  return { data, error, isLoading, stop }
}
