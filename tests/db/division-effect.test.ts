// Training effect (効果測定) for the DX division and facilitators: who may read it, the figures
// against a brute-force computation over the same generated answers, and suppression of groups
// under 5 responses — including the difference of a training's total and its shown sessions.
import fc from 'fast-check'
import * as v from 'valibot'
import { SessionEffectSummarySchema } from '@/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  attendees,
  call,
  LIKERT_KEYS,
  mean2,
  randomAnswers,
  respond,
  roundRatio,
  seeded,
  TEXT_KEYS,
  type StandardAnswers,
} from './division-support'
import { createSession, createTraining } from './write-support'

interface Item {
  key: string
  answered: number
  mean: number | null
  distribution: Record<string, number>
}
interface Recommendation extends Item {
  nps: number | null
  promoters: number
  passives: number
  detractors: number
}
interface Group {
  suppressed: 'below_threshold' | 'complementary' | null
  responses: number | string | null
  response_rate: number | null
  attended: number
  seats_taken: number
  attendance_rate: number | null
  reaction: {
    items: Item[]
    recommendation: Recommendation[]
    free_text: { key: string; answers: string[] }[] | null
  } | null
  learning: {
    self_assessment: {
      area_code: string
      answered: number
      before_mean: number
      after_mean: number
      gain_mean: number
      before_distribution: Record<string, number>
      after_distribution: Record<string, number>
    }[]
  } | null
  behaviour: { follow_up_weeks: number | null; follow_up: null }
  results: { attendees: number; later_learning: number; later_certified: number } | null
}
interface TrainingEffect {
  total: Group
  sessions: (Group & { session_id: string })[]
}

const AREAS = ['bpr', 'generative_ai']
const DIVISION_RPCS: [string, Record<string, unknown>][] = [
  ['division_leader_targets', {}],
  ['division_department_coverage', {}],
  ['division_knowledge_areas', {}],
  ['division_training_comparison', { training_kind: 'workshop' }],
]

let db: TestDb
let admin: UserClaims
let employee: UserClaims
let facilitatorAB: UserClaims
let facilitatorC: UserClaims
let trainingT: string
let trainingU: string
const sessions: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' }
const given: Record<'A' | 'B' | 'C' | 'D', StandardAnswers[]> = { A: [], B: [], C: [], D: [] }
const attendedCount = { A: 9, B: 6, C: 10, D: 5 }
const responseCount = { A: 7, B: 4, C: 9, D: 4 }

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  employee = await db.createUser()
  facilitatorAB = await db.createUser({ appRole: 'facilitator' })
  facilitatorC = await db.createUser({ appRole: 'facilitator' })
  trainingT = await createTraining(db, { areas: AREAS, title: '生成AIワークショップ' })
  trainingU = await createTraining(db, { areas: AREAS, title: 'BPRワークショップ' })
  const random = seeded(20260401)
  for (const name of ['A', 'B', 'C', 'D'] as const) {
    sessions[name] = await createSession(db, {
      trainingId: name === 'D' ? trainingU : trainingT,
      facilitatorId: name === 'C' ? facilitatorC.sub : facilitatorAB.sub,
      startsIn: name === 'A' ? '-30 days' : name === 'B' ? '-20 days' : '-10 days',
      deadlineIn: '-40 days',
    })
    const people = await attendees(db, sessions[name], attendedCount[name])
    given[name] = people.slice(0, responseCount[name]).map(() => randomAnswers(random, AREAS, `日程${name}`))
    await respond(
      db,
      sessions[name],
      given[name].map((answers, i) => ({ employeeId: people[i]!, answers })),
    )
  }
})
afterAll(() => db?.close())

/** The figures a shown group must report, computed in TypeScript from the answers given. */
function bruteForce(answers: readonly StandardAnswers[], attended: number) {
  const distribution = (values: number[], from: number, to: number) =>
    Object.fromEntries(
      Array.from({ length: to - from + 1 }, (_, i) => [
        String(from + i),
        values.filter((v) => v === from + i).length,
      ]),
    )
  const recommendation = answers.map((a) => a.recommendation)
  const promoters = recommendation.filter((v) => v >= 9).length
  const detractors = recommendation.filter((v) => v <= 6).length
  return {
    responses: answers.length,
    response_rate: roundRatio(answers.length, attended, 4),
    items: LIKERT_KEYS.map((key) => {
      const values = answers.map((a) => a[key])
      return { key, answered: values.length, mean: mean2(values), distribution: distribution(values, 1, 5) }
    }),
    recommendation: {
      answered: recommendation.length,
      mean: mean2(recommendation),
      promoters,
      detractors,
      passives: recommendation.length - promoters - detractors,
      nps: roundRatio(100 * (promoters - detractors), recommendation.length, 1),
      distribution: distribution(recommendation, 0, 10),
    },
    freeText: TEXT_KEYS.map((key) => ({
      key,
      answers: answers
        .map((a) => a[key])
        .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
        .sort(),
    })),
    selfAssessment: AREAS.map((area) => {
      const before = answers.map((a) => a.self_assessment[area]!.before)
      const after = answers.map((a) => a.self_assessment[area]!.after)
      return {
        area_code: area,
        answered: answers.length,
        before_mean: mean2(before),
        after_mean: mean2(after),
        before_distribution: distribution(before, 1, 5),
        after_distribution: distribution(after, 1, 5),
      }
    }),
  }
}

function expectFigures(group: Group, answers: readonly StandardAnswers[], attended: number) {
  const expected = bruteForce(answers, attended)
  expect(group.suppressed).toBeNull()
  expect(group.responses).toBe(expected.responses)
  expect(group.response_rate).toBe(expected.response_rate)
  expect(group.reaction!.items).toMatchObject(expected.items)
  expect(group.reaction!.recommendation[0]).toMatchObject({
    key: 'recommendation',
    ...expected.recommendation,
  })
  expect(group.reaction!.free_text).toMatchObject(expected.freeText)
  const self = group.learning!.self_assessment
  expect(self).toMatchObject(expected.selfAssessment)
  for (const area of self) expect(area.gain_mean).toBeCloseTo(area.after_mean - area.before_mean, 10)
}

/** Every free-text answer given in a session: none of them may appear in a suppressed group. */
const textsOf = (answers: readonly StandardAnswers[]) =>
  answers.flatMap((a) => TEXT_KEYS.map((key) => a[key]).filter((t): t is string => typeof t === 'string'))

describe('who may read training effect', () => {
  it('refuses anon every division RPC and the session summary outright', async () => {
    for (const [fn, args] of [
      ...DIVISION_RPCS,
      ['session_effect_summary', { session_id: sessions.C }] as const,
    ]) {
      expect(await call(db, null, fn, args), fn).toEqual({ ok: false, code: '42501' })
    }
    expect(await call(db, null, 'division_training_effect', { training_id: trainingT })).toEqual({
      ok: false,
      code: '42501',
    })
  })

  it('refuses an employee and a facilitator the division-wide RPCs with DXP070', async () => {
    for (const who of [employee, facilitatorAB, facilitatorC]) {
      for (const [fn, args] of [
        ...DIVISION_RPCS,
        ['division_training_effect', { training_id: trainingT }] as const,
      ]) {
        expect(await call(db, who, fn, args), fn).toEqual({ ok: false, code: 'DXP070' })
      }
    }
  })

  it('lets a facilitator read the summaries of their own sessions only', async () => {
    const own = await call<Group>(db, facilitatorC, 'session_effect_summary', { session_id: sessions.C })
    expect(own.ok).toBe(true)
    for (const other of [sessions.A, sessions.B, sessions.D]) {
      expect(await call(db, facilitatorC, 'session_effect_summary', { session_id: other })).toEqual({
        ok: false,
        code: 'DXP071',
      })
    }
    expect(await call(db, employee, 'session_effect_summary', { session_id: sessions.C })).toEqual({
      ok: false,
      code: 'DXP071',
    })
  })

  it('answers in the shape of SessionEffectSummarySchema, shown or suppressed', async () => {
    for (const id of [sessions.A, sessions.B, sessions.C]) {
      const result = await call(db, admin, 'session_effect_summary', {
        session_id: id,
      })
      if (!result.ok) throw new Error(result.code)
      expect(v.safeParse(SessionEffectSummarySchema, result.value).issues).toBeUndefined()
    }
  })

  it('gives the facilitator exactly what the DX division sees of that session', async () => {
    const byFacilitator = await call(db, facilitatorC, 'session_effect_summary', { session_id: sessions.C })
    const byAdmin = await call(db, admin, 'session_effect_summary', { session_id: sessions.C })
    expect(byFacilitator).toEqual(byAdmin)
  })

  it('answers DXP072 for a session that does not exist (to the DX division)', async () => {
    expect(
      await call(db, admin, 'session_effect_summary', { session_id: '00000000-0000-4000-8000-00000000dead' }),
    ).toEqual({ ok: false, code: 'DXP072' })
  })
})

describe('session_effect_summary', () => {
  it('reports attendance, responses and every reaction and learning figure as computed by hand', async () => {
    const result = await call<Group>(db, admin, 'session_effect_summary', { session_id: sessions.C })
    if (!result.ok) throw new Error(result.code)
    expect(result.value).toMatchObject({ attended: 10, seats_taken: 10, attendance_rate: 1 })
    expectFigures(result.value, given.C, attendedCount.C)
    expect(result.value.results).toEqual({ attendees: 10, later_learning: 0, later_certified: 0 })
    expect(result.value.behaviour).toEqual({ follow_up_weeks: null, follow_up: null })
  })

  it('counts, as results, attendees who went on to learn in the training’s areas or were certified', async () => {
    const people = await db.sql<{ employee_id: string }>(
      `select employee_id from public.registrations where session_id = $1 order by employee_id limit 3`,
      [sessions.C],
    )
    const [a, b, c] = people.map((p) => p.employee_id)
    // a: bpr after the session (counts); b: bpr on the session's day (does not); c: certified since.
    await db.sql(
      `insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
       select gen_random_uuid(), e, 'bpr', 'self_study', '復習', 30, d
       from (values ($1::uuid, (select (ends_at at time zone 'Asia/Tokyo')::date + 2 from public.sessions where id = $3)),
                    ($2::uuid, (select (ends_at at time zone 'Asia/Tokyo')::date from public.sessions where id = $3))) as v (e, d)`,
      [a, b, sessions.C],
    )
    await db.sql(
      `insert into public.certifications (employee_id, fiscal_year, approved_by) values ($1, 2026, $2)`,
      [c, admin.sub],
    )
    try {
      const result = await call<Group>(db, admin, 'session_effect_summary', { session_id: sessions.C })
      if (!result.ok) throw new Error(result.code)
      expect(result.value.results).toEqual({ attendees: 10, later_learning: 1, later_certified: 1 })
    } finally {
      await db.sql(
        `delete from public.learning_records where employee_id = any ($1::uuid[]) and title = '復習'`,
        [[a, b]],
      )
      await db.sql('delete from public.certifications where employee_id = $1', [c])
    }
  })

  it('shows a session with 4 responses as counts only: "<5", no mean, no distribution, no free text', async () => {
    const result = await call<Group>(db, facilitatorAB, 'session_effect_summary', { session_id: sessions.B })
    if (!result.ok) throw new Error(result.code)
    expect(result.value).toMatchObject({
      suppressed: 'below_threshold',
      responses: '<5',
      response_rate: null,
      reaction: null,
      learning: null,
      attended: 6,
    })
    const text = JSON.stringify(result.value)
    for (const answer of textsOf(given.B)) expect(text).not.toContain(answer)
  })

  it('also suppresses the sibling that would let the 4 be recovered as the total minus the shown sessions', async () => {
    const result = await call<Group>(db, facilitatorAB, 'session_effect_summary', { session_id: sessions.A })
    if (!result.ok) throw new Error(result.code)
    // A has 7 responses, but T's total minus C would otherwise be A + B, and minus A too, B alone.
    expect(result.value).toMatchObject({
      suppressed: 'complementary',
      responses: null,
      reaction: null,
      learning: null,
    })
    const text = JSON.stringify(result.value)
    for (const answer of textsOf(given.A)) expect(text).not.toContain(answer)
  })
})

describe('division_training_effect', () => {
  it('reports the training total over all its sessions as computed by hand', async () => {
    const result = await call<TrainingEffect>(db, admin, 'division_training_effect', {
      training_id: trainingT,
    })
    if (!result.ok) throw new Error(result.code)
    expectFigures(
      result.value.total,
      [...given.A, ...given.B, ...given.C],
      attendedCount.A + attendedCount.B + attendedCount.C,
    )
  })

  it('never lets the total minus the shown sessions isolate fewer than 5 responses', async () => {
    const result = await call<TrainingEffect>(db, admin, 'division_training_effect', {
      training_id: trainingT,
    })
    if (!result.ok) throw new Error(result.code)
    const { total, sessions: perSession } = result.value
    const shown = perSession.filter((s) => s.suppressed === null)
    const rest = (total.responses as number) - shown.reduce((n, s) => n + (s.responses as number), 0)
    expect(rest === 0 || rest >= 5).toBe(true)
    // And item by item: the difference of the distributions covers at least 5 answers.
    for (const [i, item] of total.reaction!.items.entries()) {
      const left =
        Object.values(item.distribution).reduce((a, b) => a + b, 0) -
        shown.reduce(
          (n, s) => n + Object.values(s.reaction!.items[i]!.distribution).reduce((a, b) => a + b, 0),
          0,
        )
      expect(left === 0 || left >= 5).toBe(true)
    }
    const shownSession = perSession.find((s) => s.session_id === sessions.C)!
    expectFigures(shownSession, given.C, attendedCount.C)
    expect(perSession.find((s) => s.session_id === sessions.B)).toMatchObject({
      suppressed: 'below_threshold',
      responses: '<5',
    })
    expect(perSession.find((s) => s.session_id === sessions.A)).toMatchObject({
      suppressed: 'complementary',
      responses: null,
    })
  })

  it('suppresses a training whose sessions hold fewer than 5 responses in all', async () => {
    const result = await call<TrainingEffect>(db, admin, 'division_training_effect', {
      training_id: trainingU,
    })
    if (!result.ok) throw new Error(result.code)
    expect(result.value.total).toMatchObject({
      suppressed: 'below_threshold',
      responses: '<5',
      reaction: null,
    })
    expect(JSON.stringify(result.value)).not.toContain('日程D')
  })

  it('answers DXP073 for a training that does not exist', async () => {
    expect(
      await call(db, admin, 'division_training_effect', {
        training_id: '00000000-0000-4000-8000-00000000dead',
      }),
    ).toEqual({ ok: false, code: 'DXP073' })
  })
})

describe('division_training_comparison', () => {
  it('puts the trainings of one kind side by side, each suppressed on its own count, without free text', async () => {
    const result = await call<{ trainings: (Group & { training_id: string })[] }>(
      db,
      admin,
      'division_training_comparison',
      { training_kind: 'workshop' },
    )
    if (!result.ok) throw new Error(result.code)
    const t = result.value.trainings.find((x) => x.training_id === trainingT)!
    const u = result.value.trainings.find((x) => x.training_id === trainingU)!
    expect(t).toMatchObject({ suppressed: null, responses: 20 })
    expect(t.reaction!.free_text).toBeNull()
    // Compact: means, NPS and gains to compare, without distributions.
    expect(t.reaction!.items).toEqual(
      bruteForce([...given.A, ...given.B, ...given.C], 25).items.map(({ distribution: _, ...item }) => ({
        ...item,
        label: expect.any(String),
        distribution: null,
      })),
    )
    // The same figures as the training's own total.
    const own = await call<TrainingEffect>(db, admin, 'division_training_effect', { training_id: trainingT })
    if (!own.ok) throw new Error(own.code)
    expect(t.reaction!.recommendation[0]!.nps).toBe(own.value.total.reaction!.recommendation[0]!.nps)
    expect(t.learning!.self_assessment.map((a) => a.gain_mean)).toEqual(
      own.value.total.learning!.self_assessment.map((a) => a.gain_mean),
    )
    expect(t).toMatchObject({
      attended: own.value.total.attended,
      response_rate: own.value.total.response_rate,
      results: own.value.total.results,
    })
    expect(u).toMatchObject({
      suppressed: 'below_threshold',
      responses: '<5',
      reaction: null,
      learning: null,
    })
  })

  it('refuses an unknown training kind with DXP074', async () => {
    expect(await call(db, admin, 'division_training_comparison', { training_kind: 'karaoke' })).toEqual({
      ok: false,
      code: 'DXP074',
    })
  })
})

describe('private.suppression', () => {
  it('hides every group under 5, and enough others that the hidden ones hold 0 or at least 5 in all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          const groups = Object.fromEntries(sizes.map((n, i) => [`g${i}`, n]))
          const [row] = await db.sql<{ reasons: Record<string, string | null> }>(
            'select private.suppression($1::jsonb) as reasons',
            [JSON.stringify(groups)],
          )
          const reasons = row!.reasons
          const hidden = sizes.filter((_, i) => reasons[`g${i}`] != null)
          for (const [i, n] of sizes.entries()) {
            if (n < 5) expect(reasons[`g${i}`]).toBe('below_threshold')
          }
          const hiddenSum = hidden.reduce((a, b) => a + b, 0)
          const allHidden = hidden.length === sizes.length
          expect(hiddenSum === 0 || hiddenSum >= 5 || allHidden).toBe(true)
          // No more than one group is hidden beyond the threshold.
          expect(sizes.filter((n, i) => n >= 5 && reasons[`g${i}`] != null).length).toBeLessThanOrEqual(1)
        },
      ),
      { numRuns: 40 },
    )
  })
})
