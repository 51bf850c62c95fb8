import { createEvent } from 'ics'
import { describe, expect, it } from 'vitest'
import {
  sessionCalendarEvent,
  sessionCalendarFileName,
  type CalendarSessionFacts,
} from '@/domain/session-calendar'

const session: CalendarSessionFacts = {
  id: '6f1c0d8e-1111-4222-8333-444455556666',
  starts_at: '2027-01-21T09:00:00+09:00',
  ends_at: '2027-01-21T12:30:00+09:00',
  venue: '本庁舎 4階 大会議室',
  online_url: null,
  status: 'scheduled',
}
const texts = {
  title: '全庁横断DXワークショップ',
  description: 'DXワークショップ／2027年1月21日(木) 9:00〜12:30',
  reminder: '明日は全庁横断DXワークショップです',
}

/** The .ics text, unfolded (long lines are folded at 75 octets with CRLF + space). */
function ics(event: ReturnType<typeof sessionCalendarEvent>): string {
  const { error, value } = createEvent(event)
  expect(error).toBeNull()
  return (value ?? '').replace(/\r\n[ \t]/g, '')
}

describe('sessionCalendarEvent', () => {
  it('starts and ends at the Japan times, written as UTC instants', () => {
    const text = ics(sessionCalendarEvent(session, texts))
    expect(text).toContain('DTSTART:20270121T000000Z')
    expect(text).toContain('DTEND:20270121T033000Z')
  })

  it('carries the title, the description and the venue as the location', () => {
    const text = ics(sessionCalendarEvent(session, texts))
    expect(text).toContain('SUMMARY:全庁横断DXワークショップ')
    expect(text).toContain('LOCATION:本庁舎 4階 大会議室')
    expect(text).toContain('DESCRIPTION:DXワークショップ／2027年1月21日(木) 9:00〜12:30')
    expect(text).toContain(`UID:session-${session.id}@dx-passport`)
  })

  it('puts an online session’s URL in the location and the URL', () => {
    const online = { ...session, venue: null, online_url: 'https://meet.example.jp/abc' }
    const event = sessionCalendarEvent(online, texts)
    expect(event).toMatchObject({
      location: 'https://meet.example.jp/abc',
      url: 'https://meet.example.jp/abc',
    })
    expect(ics(event)).toContain('URL:https://meet.example.jp/abc')
  })

  it('reminds a day before by default, or an hour before', () => {
    const dayBefore = ics(sessionCalendarEvent(session, texts))
    expect(dayBefore).toMatch(/BEGIN:VALARM[\s\S]*ACTION:DISPLAY[\s\S]*TRIGGER:-P1D[\s\S]*END:VALARM/)
    expect(dayBefore).toContain('DESCRIPTION:明日は全庁横断DXワークショップです')
    const hourBefore = ics(sessionCalendarEvent(session, texts, '1_hour'))
    expect(hourBefore).toMatch(/TRIGGER:-PT1H/)
  })

  it('marks a cancelled session as cancelled', () => {
    expect(ics(sessionCalendarEvent({ ...session, status: 'cancelled' }, texts))).toContain(
      'STATUS:CANCELLED',
    )
  })
})

describe('sessionCalendarFileName', () => {
  it('names the file by the Japan date, in ASCII', () => {
    expect(sessionCalendarFileName({ starts_at: '2027-01-20T23:30:00Z' })).toBe(
      'dx-passport-session-2027-01-21.ics',
    )
  })
})
