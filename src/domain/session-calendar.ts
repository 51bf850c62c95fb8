/**
 * The calendar entry of a session (「カレンダーに追加」), as the attributes the `ics` library takes.
 * Times go out as UTC instants (`…Z`): a calendar shows them at the right Japan time on any device,
 * where a floating local time would shift on a device set to another zone. Wording arrives from i18n.
 */
import type { EventAttributes } from 'ics'

export interface CalendarSessionFacts {
  id: string
  starts_at: string
  ends_at: string
  venue: string | null
  online_url: string | null
  status: 'scheduled' | 'cancelled' | 'closed'
}

export interface CalendarTexts {
  title: string
  /** Free text: kind, date in Japanese, venue or URL, what to bring… */
  description: string
  /** The reminder's text. */
  reminder: string
}

export type ReminderLead = '1_day' | '1_hour'

export function sessionCalendarEvent(
  session: CalendarSessionFacts,
  texts: CalendarTexts,
  reminder: ReminderLead = '1_day',
): EventAttributes {
  const location = session.venue ?? session.online_url ?? undefined
  return {
    // Stable per session: adding it again updates the entry instead of duplicating it.
    uid: `session-${session.id}@dx-passport`,
    productId: 'dx-passport/ics',
    title: texts.title,
    description: texts.description,
    start: Date.parse(session.starts_at),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(session.ends_at),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(location ? { location } : {}),
    ...(session.online_url ? { url: session.online_url } : {}),
    status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    alarms: [
      {
        action: 'display',
        description: texts.reminder,
        trigger: reminder === '1_day' ? { days: 1, before: true } : { hours: 1, before: true },
      },
    ],
  }
}

/** A file name safe on every system: ASCII only, by date. */
export function sessionCalendarFileName(session: Pick<CalendarSessionFacts, 'starts_at'>): string {
  const date = new Date(Date.parse(session.starts_at) + 9 * 3_600_000).toISOString().slice(0, 10)
  return `dx-passport-session-${date}.ics`
}
