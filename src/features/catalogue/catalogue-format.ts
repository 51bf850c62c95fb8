// Session times the Japanese way, on the city's clock whatever zone the device is in.
import type { AppLocale } from '@/i18n'
import { formatDate } from '@/i18n/format'

const intlLocale: Record<AppLocale, string> = { ja: 'ja-JP', en: 'en-GB' }
const cityTimeZone = 'Asia/Tokyo'

/** 9:00 / 09:00 */
export function formatTime(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: cityTimeZone,
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso))
}

/** 2027年1月21日(木) */
export function formatDay(iso: string, locale: AppLocale): string {
  return formatDate(new Date(iso), locale)
}

/** 2027年1月 */
export function formatMonth(month: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
  }).format(new Date(`${month}-01T00:00:00Z`))
}

/** Whether two instants fall on the same day in Japan. */
export function sameTokyoDay(a: string, b: string): boolean {
  const day = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10)
  return day(a) === day(b)
}
