import type { AppLocale } from '@/i18n'
import { formatDate } from '@/i18n/format'

// The city's clock, whatever zone the venue's device is set to.
const cityTimeZone = 'Asia/Tokyo'
const intlLocale: Record<AppLocale, string> = { ja: 'ja-JP', en: 'en-GB' }

/** 14:30 */
export function formatTime(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    timeZone: cityTimeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso))
}

/** The date, weekday and start–end of a session, for t('facilitator.time_range'). */
export function sessionTimeParts(
  startsAt: string,
  endsAt: string,
  locale: AppLocale,
): { date: string; start: string; end: string } {
  return {
    date: formatDate(new Date(startsAt), locale),
    start: formatTime(startsAt, locale),
    end: formatTime(endsAt, locale),
  }
}

/** 2026年12月1日(火) 14:30: when a cached roster was fetched. */
export function formatDateTime(iso: string, locale: AppLocale): string {
  return `${formatDate(new Date(iso), locale)} ${formatTime(iso, locale)}`
}
