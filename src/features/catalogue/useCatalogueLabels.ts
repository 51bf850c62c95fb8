// Words the catalogue screens build from rows (times, places, seats), in one place.
import { useI18n } from 'vue-i18n'
import type { SessionRow } from '@/data'
import { seatsLeft, tokyoDateOf } from '@/domain'
import { formatDate, formatTime } from '@/i18n/format'
import { useSettingsStore } from '@/stores/settings'

/** Whether two instants fall on the same day in Japan. */
const sameTokyoDay = (a: string, b: string) => tokyoDateOf(new Date(a)) === tokyoDateOf(new Date(b))

export function useCatalogueLabels() {
  const { t } = useI18n()
  const settings = useSettingsStore()

  function timeRange(session: Pick<SessionRow, 'starts_at' | 'ends_at'>): string {
    const locale = settings.locale
    const start = formatTime(session.starts_at, locale)
    const end = sameTokyoDay(session.starts_at, session.ends_at)
      ? formatTime(session.ends_at, locale)
      : `${formatDate(session.ends_at, locale)} ${formatTime(session.ends_at, locale)}`
    return t('catalogue.time_range', { date: formatDate(session.starts_at, locale), start, end })
  }

  function deadline(session: Pick<SessionRow, 'registration_deadline'>): string {
    const locale = settings.locale
    return t('catalogue.deadline_value', {
      date: formatDate(session.registration_deadline, locale),
      time: formatTime(session.registration_deadline, locale),
    })
  }

  function place(session: Pick<SessionRow, 'venue' | 'online_url'>): string {
    return session.venue ?? (session.online_url ? t('catalogue.delivery.online') : '')
  }

  function seats(session: Pick<SessionRow, 'capacity' | 'confirmed_count'>): string {
    return t('catalogue.seats_value', { left: seatsLeft(session), capacity: session.capacity })
  }

  return { timeRange, deadline, place, seats }
}
