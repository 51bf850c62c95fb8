import type { AppLocale } from '@/i18n'
import { formatDate, formatTime } from '@/i18n/format'

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
