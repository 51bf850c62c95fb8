import { describe, expect, it } from 'vitest'
import { kioskNumberProblem, normalizeEmployeeNumber } from '@/composables/useKioskSurvey'

describe('a staff number typed at the kiosk', () => {
  const facts = { checkedIn: new Set(['A10001', 'A10002']), answered: new Set(['A10002']) }

  it('is read in any width and case', () => {
    expect(normalizeEmployeeNumber(' ａ１０００１ ')).toBe('A10001')
  })

  it('may answer when checked in and not answered yet', () => {
    expect(kioskNumberProblem('A10001', facts)).toBeNull()
  })

  it('is refused when malformed, not checked in, or already answered', () => {
    expect(kioskNumberProblem('A1', facts)).toBe('invalid')
    expect(kioskNumberProblem('A10003', facts)).toBe('not_checked_in')
    expect(kioskNumberProblem('A10002', facts)).toBe('answered')
  })

  it('is left to the server when no roster is cached on the device', () => {
    expect(kioskNumberProblem('A10003', { checkedIn: null, answered: new Set() })).toBeNull()
  })
})
