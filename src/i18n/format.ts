import type { AppLocale } from './index'

// The city's calendar day, whatever zone the device is set to.
const cityTimeZone = 'Asia/Tokyo'

const intlLocale: Record<AppLocale, string> = { ja: 'ja-JP', en: 'en-GB' }

const dayParts: Intl.DateTimeFormatOptions = {
  timeZone: cityTimeZone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
}

/** 2026年11月25日(水) / Wed 25 November 2026 */
export function formatDate(date: Date, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], dayParts).format(date)
}

/** 2026年11月25日(水) 14:05 / Wed 25 November 2026, 14:05 */
export function formatDateTime(date: Date, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    ...dayParts,
    hour: '2-digit',
    minute: '2-digit',
  }).format(date)
}

/** 14:05, in Tokyo */
export function formatTime(date: Date, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: cityTimeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(date)
}
