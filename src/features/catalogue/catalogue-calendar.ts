// 「カレンダーに追加」: the ics library is loaded only when someone asks for the file.
import {
  sessionCalendarEvent,
  sessionCalendarFileName,
  type CalendarSessionFacts,
  type CalendarTexts,
} from '@/domain'

export async function downloadSessionCalendar(
  session: CalendarSessionFacts,
  texts: CalendarTexts,
): Promise<void> {
  const { createEvent } = await import('ics')
  const { error, value } = createEvent(sessionCalendarEvent(session, texts))
  if (error || !value) throw error ?? new Error('no calendar text')
  const url = URL.createObjectURL(new Blob([value], { type: 'text/calendar;charset=utf-8' }))
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = sessionCalendarFileName(session)
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
