// A reminder's one sentence and the page it leads to, the same on home and in the device's notification.
import type { ReminderItem } from '@/composables/useReminders'
import type { AppLocale } from '@/i18n'
import { formatTime } from '@/i18n/format'

type Translate = (key: string, values: Record<string, unknown>) => string

export function reminderText(t: Translate, item: ReminderItem, locale: AppLocale): string {
  const title = item.training.title
  if (item.kind === 'session_soon') {
    const time = formatTime(item.startsAt, locale)
    return t(`reminders.session_${item.when}`, { title, time })
  }
  return t(item.phase === 'post' ? 'reminders.survey_waiting' : 'reminders.follow_up_waiting', {
    title,
    days: item.days,
  })
}

/** The page a reminder leads to: the session, or the survey waiting to be answered. */
export function reminderTarget(item: ReminderItem) {
  if (item.kind === 'session_soon') return { name: 'session', params: { id: item.sessionId } }
  return {
    name: item.phase === 'post' ? 'session-survey' : 'session-follow-up',
    params: { sessionId: item.sessionId },
  }
}
