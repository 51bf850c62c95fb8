// The demo city's generator without a database: seeded randomness, names, and the same city for
// the same seed and reference date.
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { openEmbeddedBackend } from '@/backend/embedded/open-embedded'
import { loadBackend } from '@/backend'
import { demoData, DEMO_PERSONAS, generateDemoCity, type DemoReference } from '@/backend/embedded/demo-city'
import { ANONYMOUS_TEMPLATE_ID } from '@/backend/embedded/demo-city/survey-templates'
import { drawName } from '@/backend/embedded/demo-city/names'
import { createRandom, mulberry32 } from '@/backend/embedded/demo-city/random'

// A 300-employee city takes 40–60 ms to build and these tests build dozens to hundreds of them: about
// 1 s and 10 s on an idle 2-core machine, several times that on a busy one. Their limit is there to
// catch a hang (the generator once looped forever on an empty date range), not to time them.
const MANY_CITIES = { timeout: 120_000 }

vi.mock('@/backend/embedded/open-embedded', () => ({
  openEmbeddedBackend: vi.fn(async () => ({ kind: 'embedded' })),
}))

const AREAS = [
  'dx_basics',
  'design_thinking',
  'bpr',
  'generative_ai',
  'information_security',
  'online_procedures',
  'it_governance',
  'system_management',
  'cross_org_dx',
]
const REFERENCE: DemoReference = {
  departments: ['kikaku_dx', 'kyodo_shimin', 'fukushi_kaigo', 'toshi_keikaku', 'soumu_shokuin', 'kaikei'],
  grades: [
    ['shujiho', false],
    ['shuji', false],
    ['shunin', false],
    ['fukushukan', false],
    ['kakaricho', true],
    ['kacho_hosa', true],
    ['kacho', true],
    ['jicho', true],
    ['bucho', true],
  ].map(([code, supervisory], i) => ({ code: String(code), supervisory: Boolean(supervisory), rank: i + 1 })),
  areas: AREAS,
  roleAreas: { leader: AREAS, manager: AREAS.slice(0, 8), promoter: AREAS.slice(0, 6) },
  standardQuestions: [
    { key: 'satisfaction', type: 'likert_5', required: true },
    { key: 'recommendation', type: 'scale_0_10', required: true },
    { key: 'self_assessment', type: 'area_self_assessment', required: true },
    { key: 'good_points', type: 'free_text', required: false, max_length: 1000 },
  ],
}

describe('mulberry32', () => {
  it('gives the same stream for the same seed, another for another seed, always in [0, 1)', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const first = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first)
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(first)
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(first).size).toBeGreaterThan(990)
  })

  it('draws version-4 UUIDs and names with a katakana reading', () => {
    const random = createRandom(7)
    for (let i = 0; i < 200; i += 1) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      const { fullName, fullNameKana } = drawName(random)
      expect(fullName).toMatch(/^\S+\u3000\S+$/)
      expect(fullNameKana).toMatch(/^[ァ-ヶー]+\u3000[ァ-ヶー]+$/)
    }
  })
})

describe('generateDemoCity', () => {
  it('builds the same city for the same seed and reference date, another for another seed', () => {
    const once = generateDemoCity(REFERENCE)
    expect(JSON.stringify(generateDemoCity(REFERENCE))).toBe(JSON.stringify(once))
    expect(JSON.stringify(generateDemoCity(REFERENCE, { seed: 1 }))).not.toBe(JSON.stringify(once))
    expect(once.profiles).toHaveLength(300)
    expect(new Set(once.profiles.map((p) => p.employee_number)).size).toBe(300)
    expect(new Set(once.users.map((u) => u.email)).size).toBe(300)
  })

  it('puts the personas first, with the lowest employee numbers', () => {
    const city = generateDemoCity(REFERENCE, { employees: 40 })
    expect(city.profiles).toHaveLength(40)
    expect(city.profiles.slice(0, 5).map((p) => p.id)).toEqual(DEMO_PERSONAS.map((p) => p.id))
    const numbers = city.profiles.map((p) => String(p.employee_number))
    expect(numbers.slice(0, 5).every((n) => numbers.slice(5).every((m) => n < m))).toBe(true)
  })

  it('gives the promoter one attended training with its survey answered and another still to answer', () => {
    const city = generateDemoCity(REFERENCE)
    const promoter = DEMO_PERSONAS.find((p) => p.key === 'promoter')?.id
    const attended = city.registrations
      .filter((r) => r.employee_id === promoter && r.status === 'attended')
      .map((r) => String(r.session_id))
    const answered = new Set(
      city.surveySubmissions.filter((s) => s.employee_id === promoter).map((s) => String(s.session_id)),
    )
    expect(attended).toHaveLength(2)
    expect(attended.filter((id) => answered.has(id))).toHaveLength(1)
    const due = city.sessions.find((s) => s.id === attended.find((id) => !answered.has(id)))
    expect(String(due?.starts_at) < '2026-11-25').toBe(true)
    const training = city.trainings.find((t) => t.id === due?.training_id)
    expect(training?.survey_template_id).toBeTruthy()
  })

  it('dates nothing after the reference date that already happened', () => {
    const city = generateDemoCity(REFERENCE, { referenceDate: '2026-11-25' })
    for (const record of city.learningRecords) expect(String(record.completed_on) <= '2026-11-25').toBe(true)
    for (const c of city.certifications) expect(String(c.approved_at) < '2026-11-25').toBe(true)
    for (const r of city.registrations)
      expect(Date.parse(String(r.registered_at))).toBeLessThan(Date.parse('2026-11-25T00:00:00+09:00'))
  })
})

describe('generateDemoCity for any seed', MANY_CITIES, () => {
  it('keeps seats, waitlists, deadlines and dates consistent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const city = generateDemoCity(REFERENCE, { seed })
        const sessions = new Map(city.sessions.map((s) => [String(s.id), s]))
        const bySession = new Map<string, (typeof city.registrations)[number][]>()
        for (const r of city.registrations) {
          bySession.set(String(r.session_id), [...(bySession.get(String(r.session_id)) ?? []), r])
        }
        for (const [sessionId, regs] of bySession) {
          const session = sessions.get(sessionId)
          const seated = regs.filter((r) => ['confirmed', 'attended', 'no_show'].includes(String(r.status)))
          expect(seated.length).toBeLessThanOrEqual(Number(session?.capacity))
          const positions = regs
            .filter((r) => r.status === 'waitlisted')
            .map((r) => Number(r.waitlist_position))
          expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1))
          if (positions.length > 0) expect(seated).toHaveLength(Number(session?.capacity))
          const active = regs.filter((r) => r.status !== 'cancelled').map((r) => r.employee_id)
          expect(new Set(active).size).toBe(active.length)
          for (const r of regs) {
            expect(Date.parse(String(r.registered_at))).toBeLessThanOrEqual(
              Date.parse(String(session?.registration_deadline)),
            )
          }
        }
        for (const record of city.learningRecords)
          expect(String(record.completed_on) <= '2026-11-25').toBe(true)
        expect(city.certifications.length).toBeGreaterThan(0)
      }),
      { numRuns: 20 },
    )
  })
})

describe('generateDemoCity on any day', MANY_CITIES, () => {
  it('builds a city on every day of the plan’s three years, recording nothing later than that day', () => {
    // The demo is dated by the clock: a date range handed to the generator can be empty on some days.
    for (let day = 0; day < 3 * 365; day += 4) {
      const referenceDate = new Date(Date.UTC(2026, 3, 1) + day * 86_400_000).toISOString().slice(0, 10)
      const city = generateDemoCity(REFERENCE, { referenceDate })
      expect(city.profiles).toHaveLength(300)
      const late = city.learningRecords.filter((r) => String(r.completed_on) > referenceDate)
      expect(late, referenceDate).toEqual([])
    }
  })
})

describe('the kiosk journey in the demo city', MANY_CITIES, () => {
  it("leaves room for 30 kiosk answers in the facilitator's past anonymous workshop, under the server's cap", () => {
    const facilitator = DEMO_PERSONAS.find((p) => p.key === 'facilitator')?.id
    // Any day of FY2026 (the demo is dated by the clock).
    const fyDays = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 3, 1) + i * 86_400_000))
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(...fyDays.map((d) => d.toISOString().slice(0, 10))),
        (seed, referenceDate) => {
          const city = generateDemoCity(REFERENCE, { seed, referenceDate })
          const anonymous = new Set(
            city.trainings.filter((t) => t.survey_template_id === ANONYMOUS_TEMPLATE_ID).map((t) => t.id),
          )
          const hall = city.sessions
            .filter((s) => anonymous.has(s.training_id) && s.facilitator_id === facilitator)
            .find((s) => s.status === 'closed')
          expect(hall).toBeDefined()
          // The cap (20260401001400_survey_writes.sql): answers never beyond confirmed + attended.
          const room = city.registrations.filter(
            (r) => r.session_id === hall?.id && (r.status === 'confirmed' || r.status === 'attended'),
          ).length
          // An anonymous workshop's answers are in its ballot box (one per phase).
          const box = city.surveyBallotBoxes.find((b) => b.session_id === hall?.id && b.phase === 'post')
          const answered = Array.isArray(box?.answers) ? box.answers.length : 0
          // The facilitator's summary shows a count from 5 answers on (fewer could name someone).
          expect(answered).toBeGreaterThanOrEqual(5)
          expect(room - answered).toBeGreaterThanOrEqual(30)
        },
      ),
      { numRuns: 20 },
    )
  })
})

describe('loadBackend', () => {
  it('opens the embedded backend with the demo city as its demo data', async () => {
    vi.stubEnv('VITE_SUPABASE_URL', undefined)
    await loadBackend()
    expect(openEmbeddedBackend).toHaveBeenCalledWith({ demoData })
    vi.unstubAllEnvs()
  })
})
