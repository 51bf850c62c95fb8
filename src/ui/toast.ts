import { computed, shallowRef, type ComputedRef } from 'vue'

export type ToastTone = 'info' | 'success' | 'warning' | 'error'

export interface Toast {
  readonly id: number
  readonly tone: ToastTone
  /** Already translated text; rendered as text, never as HTML. */
  readonly message: string
}

export interface ShowToastOptions {
  tone?: ToastTone
  message: string
  /**
   * How long a non-error toast stays; 0 keeps it until dismissed. Ignored for errors: an error stays
   * until the user dismisses it, so they can read it and what to do next.
   */
  timeoutMs?: number
}

export interface UseToastsReturn {
  toasts: ComputedRef<readonly Toast[]>
  show: (options: ShowToastOptions) => number
  dismiss: (id: number) => void
  clear: () => void
  /** Stop the clocks while the user points at or focuses a toast (WCAG 2.2.1). */
  pause: () => void
  resume: () => void
}

export const DEFAULT_TOAST_TIMEOUT_MS = 6000

interface Clock {
  handle: ReturnType<typeof setTimeout> | undefined
  remainingMs: number
  startedAt: number
}

// Module-level: one toast queue per app, shared by every caller of useToasts().
const items = shallowRef<readonly Toast[]>([])
const clocks = new Map<number, Clock>()
const toasts = computed(() => items.value)
let paused = false
let nextId = 1

function startClock(id: number, clock: Clock): void {
  clock.startedAt = Date.now()
  clock.handle = setTimeout(() => dismiss(id), clock.remainingMs)
}

function stopClock(clock: Clock): void {
  if (clock.handle === undefined) return
  clearTimeout(clock.handle)
  clock.handle = undefined
  clock.remainingMs = Math.max(0, clock.remainingMs - (Date.now() - clock.startedAt))
}

function show({ tone = 'info', message, timeoutMs }: ShowToastOptions): number {
  // The same message twice (a retried sync failing again) restarts the first one instead of stacking.
  const existing = items.value.find((t) => t.tone === tone && t.message === message)
  const id = existing?.id ?? nextId++
  if (!existing) items.value = [...items.value, { id, tone, message }]

  const previous = clocks.get(id)
  if (previous) stopClock(previous)
  clocks.delete(id)

  const ms = timeoutMs ?? DEFAULT_TOAST_TIMEOUT_MS
  if (tone !== 'error' && ms > 0) {
    const clock: Clock = { handle: undefined, remainingMs: ms, startedAt: 0 }
    clocks.set(id, clock)
    if (!paused) startClock(id, clock)
  }
  return id
}

function dismiss(id: number): void {
  const clock = clocks.get(id)
  if (clock) stopClock(clock)
  clocks.delete(id)
  items.value = items.value.filter((t) => t.id !== id)
}

function clear(): void {
  for (const clock of clocks.values()) stopClock(clock)
  clocks.clear()
  items.value = []
  paused = false
}

function pause(): void {
  if (paused) return
  paused = true
  for (const clock of clocks.values()) stopClock(clock)
}

function resume(): void {
  if (!paused) return
  paused = false
  for (const [id, clock] of clocks) startClock(id, clock)
}

export function useToasts(): UseToastsReturn {
  return { toasts, show, dismiss, clear, pause, resume }
}
