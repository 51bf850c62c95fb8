// The demo city gives the facilitator persona a workshop on the day it is installed, started (open for
// check-in and for the venue's survey collection) at any hour (src/backend/embedded/demo-city/index.ts: demoReferenceDate and the session of the day).
import { describe, expect, it } from 'vitest'
import {
  DEMO_PERSONAS,
  demoReferenceDate,
  generateDemoCity,
  type DemoReference,
} from '@/backend/embedded/demo-city'
import { isCheckInOpen } from '@/composables/useFacilitatorSessions'

const AREAS = [
  'dx_basics',
  'design_thinking',
  'bpr',
  'generative_ai',
  'information_security',
  'online_procedures',
]
const REFERENCE: DemoReference = {
  departments: ['kikaku_dx', 'kyodo_shimin', 'fukushi_kaigo', 'toshi_keikaku'],
  grades: [
    { code: 'shuji', supervisory: false, rank: 1 },
    { code: 'kakaricho', supervisory: true, rank: 2 },
  ],
  areas: AREAS,
  roleAreas: { leader: AREAS, manager: AREAS, promoter: AREAS },
  standardQuestions: null,
}
const facilitator = DEMO_PERSONAS.find((p) => p.key === 'facilitator')!.id

describe('the demo facilitator’s workshop of the day', () => {
  it('takes the demo’s today as the Tokyo date nine hours ago', () => {
    expect(demoReferenceDate(new Date('2026-12-02T00:00:00Z'))).toBe('2026-12-02') // 09:00 JST on the 2nd
    expect(demoReferenceDate(new Date('2026-12-01T23:59:00Z'))).toBe('2026-12-01') // 08:59 JST on the 2nd
    expect(demoReferenceDate(new Date('2026-12-01T14:59:00Z'))).toBe('2026-12-01') // 23:59 JST on the 1st
  })

  it.each([
    '2026-12-02T00:00:00Z', // 09:00 JST
    '2026-12-02T03:00:00Z', // noon
    '2026-12-02T14:59:00Z', // 23:59
    '2026-12-02T22:50:00Z', // 07:50 the next morning: still the day before's session
    '2026-12-02T23:59:00Z', // 08:59 the next morning
  ])('has started and is open for check-in when the demo is installed at %s', (installedAt) => {
    const now = new Date(installedAt)
    const city = generateDemoCity(REFERENCE, { referenceDate: demoReferenceDate(now), employees: 60 })
    const open = city.sessions.filter(
      (s) =>
        s.facilitator_id === facilitator &&
        isCheckInOpen(
          { starts_at: String(s.starts_at), ends_at: String(s.ends_at), status: 'scheduled' },
          now.getTime(),
        ),
    )
    expect(open.length).toBeGreaterThanOrEqual(1)
    // The venue's survey collection (the kiosk) waits for the start.
    expect(Date.parse(String(open[0]!.starts_at))).toBeLessThanOrEqual(now.getTime())
    const confirmed = city.registrations.filter(
      (r) => r.session_id === open[0]?.id && r.status === 'confirmed',
    )
    expect(confirmed.length).toBeGreaterThanOrEqual(2)
  })
})
