// 「カレンダーに追加」: the ics library is loaded only when someone asks for the file.
import {
  sessionCalendarEvent,
  sessionCalendarFileName,
  type CalendarSessionFacts,
  type CalendarTexts,
} from '@/domain'
import { downloadText } from '@/ui/download'

export async function downloadSessionCalendar(
  session: CalendarSessionFacts,
  texts: CalendarTexts,
): Promise<void> {
  const { createEvent } = await import('ics')
  const { error, value } = createEvent(sessionCalendarEvent(session, texts))
  if (error || !value) throw error ?? new Error('no calendar text')
  downloadText(sessionCalendarFileName(session), value, 'text/calendar;charset=utf-8')
}
