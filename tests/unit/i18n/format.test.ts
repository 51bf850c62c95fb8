import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMonth, formatTime } from '@/i18n/format'

// 2026-12-07 23:30 UTC is already 8 December, 08:30, in Tokyo: every formatter reads the city's clock.
const lateEveningUtc = '2026-12-07T23:30:00Z'

describe('dates and times on the city’s clock', () => {
  it('formats an instant in Tokyo, given as a Date or as the server’s ISO text', () => {
    expect(formatDate(lateEveningUtc, 'ja')).toBe('2026年12月8日(火)')
    expect(formatDate(new Date(lateEveningUtc), 'ja')).toBe('2026年12月8日(火)')
    expect(formatTime(lateEveningUtc, 'ja')).toBe('8:30')
    expect(formatTime('2026-12-08T05:05:00Z', 'ja')).toBe('14:05')
    expect(formatDateTime(lateEveningUtc, 'ja')).toBe('2026年12月8日(火) 08:30')
  })

  it('writes the same in English, in the British order', () => {
    // The punctuation around the weekday differs between ICU versions: only the day is checked.
    expect(formatDate(lateEveningUtc, 'en')).toContain('8 December 2026')
    expect(formatTime('2026-12-08T05:05:00Z', 'en')).toBe('14:05')
  })

  it('names a calendar month as it is, whatever the zone', () => {
    expect(formatMonth('2026-05', 'ja')).toBe('2026年5月')
    expect(formatMonth('2027-01', 'en')).toBe('January 2027')
  })
})
