/** Calendar arithmetic on 'YYYY-MM-DD' strings, in Asia/Tokyo (UTC+9 all year). */
import type { Random } from './random'

const DAY_MS = 86_400_000
export const toDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
export const fromDays = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10)
export const addDays = (date: string, days: number) => fromDays(toDays(date) + days)
export const minDate = (a: string, b: string) => (a < b ? a : b)
export const maxDate = (a: string, b: string) => (a > b ? a : b)
const weekday = (date: string) => new Date(toDays(date) * DAY_MS).getUTCDay()
/** A Tokyo timestamp on `date` at `hour`:`minute`. */
export const at = (date: string, hour: number, minute = 0) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+09:00`

/** A working day in [from, to] other than `avoid`, drawn from `random`. */
export function randomWeekday(random: Random, from: string, to: string, avoid: string): string {
  // The demo is dated by the clock: on some days a range is empty (a July date asked for in June)
  // or has no working day. Then its last day, so the city is still built, never a hang, and nothing
  // that already happened is dated after `to`.
  const hi = toDays(to)
  const lo = Math.min(toDays(from), hi)
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const date = fromDays(random.int(lo, hi))
    // Weekdays outside the year-end holidays (12/29–1/3).
    const holiday = date.slice(5) >= '12-29' || date.slice(5) <= '01-03'
    if (weekday(date) !== 0 && weekday(date) !== 6 && !holiday && date !== avoid) return date
  }
  return fromDays(hi)
}
