import type { AppLocale } from './index'

// The city's calendar day, whatever zone the device is set to.
const cityTimeZone = 'Asia/Tokyo'

const intlLocale: Record<AppLocale, string> = { ja: 'ja-JP', en: 'en-GB' }

const toDate = (instant: Date | string) => (typeof instant === 'string' ? new Date(instant) : instant)

const dayParts: Intl.DateTimeFormatOptions = {
  timeZone: cityTimeZone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
}

/** 2026年11月25日(水) / Wed, 25 November 2026 (an instant, or its ISO text as the server sends it) */
export function formatDate(instant: Date | string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], dayParts).format(toDate(instant))
}

/** 2026年11月25日(水) 14:05 / Wed 25 November 2026, 14:05 */
export function formatDateTime(instant: Date | string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    ...dayParts,
    hour: '2-digit',
    minute: '2-digit',
  }).format(toDate(instant))
}

/** 9:00 / 14:05, on the city's clock (an instant, or its ISO text as the server sends it) */
export function formatTime(instant: Date | string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: cityTimeZone,
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(instant))
}

/** A calendar month 'YYYY-MM' → 2026年5月 / May 2026 (no zone: it is a month, not an instant) */
export function formatMonth(month: string, locale: AppLocale): string {
  const [year, monthNumber] = month.split('-').map(Number)
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
  }).format(new Date(Date.UTC(year ?? 2000, (monthNumber ?? 1) - 1, 1)))
}
