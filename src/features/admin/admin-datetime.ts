// <input type="datetime-local"> speaks the city's wall clock (Asia/Tokyo), whatever the device's zone.
const TOKYO = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** '2026-05-12T01:00:00Z' → '2026-05-12T10:00' (Tokyo). */
export function toTokyoLocalInput(timestamp: string): string {
  return TOKYO.format(new Date(timestamp)).replace(' ', 'T')
}

/** '2026-05-12T10:00' (Tokyo) → '2026-05-12T10:00:00+09:00'; '' stays ''. */
export function fromTokyoLocalInput(value: string): string {
  return value ? `${value}:00+09:00` : ''
}
