// <input type="datetime-local"> speaks the city's wall clock (Asia/Tokyo), whatever the device's zone.
import { tokyoDateTimeOf } from '@/domain'

/** '2026-05-12T01:00:00Z' → '2026-05-12T10:00' (Tokyo). */
export function toTokyoLocalInput(timestamp: string): string {
  return tokyoDateTimeOf(new Date(timestamp))
}

/** '2026-05-12T10:00' (Tokyo) → '2026-05-12T10:00:00+09:00'; '' stays ''. */
export function fromTokyoLocalInput(value: string): string {
  return value ? `${value}:00+09:00` : ''
}
