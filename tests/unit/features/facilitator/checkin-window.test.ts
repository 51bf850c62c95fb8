// The rules the facilitator's pages use besides the roster's own (tests/unit/domain/roster.test.ts):
// the check-in window (src/composables/useFacilitatorSessions.ts) and who sees 担当 in the navigation.
import { describe, expect, it } from 'vitest'
import { isCheckInOpen } from '@/composables/useFacilitatorSessions'
import { navDestinationsFor } from '@/router'

describe('the check-in window', () => {
  const session = {
    starts_at: '2026-12-01T09:00:00+09:00',
    ends_at: '2026-12-01T12:30:00+09:00',
    status: 'scheduled' as const,
  }
  it.each([
    ['2026-12-01T06:59:00+09:00', false],
    ['2026-12-01T07:00:00+09:00', true],
    ['2026-12-08T12:30:00+09:00', true],
    ['2026-12-08T12:31:00+09:00', false],
  ])('at %s is %s', (at, open) => {
    expect(isCheckInOpen(session, Date.parse(at))).toBe(open)
  })
  it('is closed for a cancelled session', () => {
    expect(isCheckInOpen({ ...session, status: 'cancelled' }, Date.parse('2026-12-01T10:00:00+09:00'))).toBe(
      false,
    )
  })
})

describe('the navigation', () => {
  it('shows 担当 to facilitators and the DX division only', () => {
    const names = (role: Parameters<typeof navDestinationsFor>[0]) =>
      navDestinationsFor(role).map((d) => d.name)
    const everyone = ['home', 'areas', 'catalogue', 'route']
    expect(names('facilitator')).toEqual([...everyone, 'facilitator', 'settings'])
    expect(names('dx_admin')).toEqual([...everyone, 'facilitator', 'division', 'settings'])
    expect(names('employee')).toEqual([...everyone, 'settings'])
    expect(names(null)).toEqual([...everyone, 'settings'])
  })
})
