/**
 * How long to wait before the next round after `failures` retryable failures in a row: exponential
 * growth capped at `maxMs`, with full jitter (a uniform draw below the cap), so that many devices
 * coming back online at once do not retry in step.
 */
export interface BackoffOptions {
  /** The ceiling of the first wait. */
  baseMs: number
  /** No wait is longer than this. */
  maxMs: number
  /** A number in [0, 1); injected by tests. */
  random: () => number
}

export const DEFAULT_BACKOFF = { baseMs: 1_000, maxMs: 5 * 60_000 } as const

/** The ceiling for the `failures`-th failure in a row (1-based): base, 2 × base, 4 × base … max. */
export function backoffCeiling(failures: number, { baseMs, maxMs }: Omit<BackoffOptions, 'random'>): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30))
  return Math.min(maxMs, baseMs * 2 ** exponent)
}

export function computeBackoff(failures: number, options: BackoffOptions): number {
  const draw = Math.min(Math.max(options.random(), 0), 1)
  return Math.floor(draw * backoffCeiling(failures, options))
}
