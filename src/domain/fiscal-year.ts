import type { FiscalYear, IsoDate } from './types'

// Japan has had no daylight saving time since 1951, so Asia/Tokyo is a fixed UTC+9 offset.
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

// setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date
}

function daysInMonth(year: number, month: number): number {
  return utcDate(year, month, 0).getUTCDate()
}

function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(value)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

/** True for an existing calendar date written 'YYYY-MM-DD' ('2027-02-29' is false). */
export function isIsoDate(value: string): value is IsoDate {
  return parseIsoDate(value) !== null
}

/** The calendar date in Tokyo at the given instant, whatever the device's time zone. */
export function tokyoDateOf(instant: Date): IsoDate {
  const time = instant.getTime()
  if (Number.isNaN(time)) throw new RangeError('Invalid Date')
  const tokyo = new Date(time + TOKYO_OFFSET_MS)
  return `${pad(tokyo.getUTCFullYear(), 4)}-${pad(tokyo.getUTCMonth() + 1, 2)}-${pad(tokyo.getUTCDate(), 2)}`
}

/** The wall-clock minute in Tokyo at the given instant, 'YYYY-MM-DDTHH:mm' (as datetime-local takes it). */
export function tokyoDateTimeOf(instant: Date): string {
  const tokyo = new Date(instant.getTime() + TOKYO_OFFSET_MS)
  return `${tokyoDateOf(instant)}T${pad(tokyo.getUTCHours(), 2)}:${pad(tokyo.getUTCMinutes(), 2)}`
}

/** The fiscal year of an instant (read in Tokyo) or of a calendar date 'YYYY-MM-DD'. */
export function fiscalYearOf(date: Date | IsoDate): FiscalYear {
  const iso = typeof date === 'string' ? date : tokyoDateOf(date)
  const parsed = parseIsoDate(iso)
  if (!parsed) throw new RangeError(`Not a calendar date: ${iso}`)
  return parsed.month >= 4 ? parsed.year : parsed.year - 1
}

function assertFiscalYear(fy: FiscalYear): void {
  if (!Number.isInteger(fy) || fy < 1 || fy > 9998) throw new RangeError(`Not a fiscal year: ${fy}`)
}

/** First and last day of a fiscal year, inclusive. */
export function fiscalYearRange(fy: FiscalYear): { start: IsoDate; end: IsoDate } {
  assertFiscalYear(fy)
  return { start: `${pad(fy, 4)}-04-01`, end: `${pad(fy + 1, 4)}-03-31` }
}

const eraName = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'Asia/Tokyo',
})
// The English formatter always gives the era year as a number; the Japanese one may print 元 or 1.
const eraYear = new Intl.DateTimeFormat('en-US-u-ca-japanese', { year: 'numeric', timeZone: 'Asia/Tokyo' })

function partOf(format: Intl.DateTimeFormat, date: Date, type: Intl.DateTimeFormatPartTypes): string {
  return format
    .formatToParts(date)
    .filter((part) => part.type === type)
    .map((part) => part.value)
    .join('')
}

/**
 * '令和8年度' (ja) or 'FY2026' (en). The era is read on 31 December of the FY's first calendar year, so an
 * era that starts during a fiscal year names it (FY2019 = 令和元年度, as the city writes it) while one that
 * starts in January–March does not (FY1988 = 昭和63年度).
 */
export function reiwaFiscalYearLabel(fy: FiscalYear, locale: 'ja' | 'en'): string {
  assertFiscalYear(fy)
  if (locale === 'en') return `FY${fy}`
  const date = utcDate(fy, 11, 31)
  const era = partOf(eraName, date, 'era')
  const year = Number(partOf(eraYear, date, 'year'))
  return `${era}${year === 1 ? '元' : year}年度`
}
