// Fixtures for the DX division's aggregate tests (tests/db/division-*.test.ts): a seeded generator,
// attendance and survey answers written in bulk as the superuser, and the RPC outcome as data.
import { randomUUID } from 'node:crypto'
import type { JwtClaims } from '@/backend/embedded/execute-rpc'
import type { TestDb } from '../support/test-db'
import { STANDARD_TEMPLATE_ID } from './write-support'

/** mulberry32: small, seeded, good enough to generate fixtures reproducibly. */
export function seeded(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  }
}
export type Random = ReturnType<typeof seeded>

export interface StandardAnswers {
  satisfaction: number
  understanding: number
  usefulness: number
  facilitation: number
  recommendation: number
  self_assessment: Record<string, { before: number; after: number }>
  good_points?: string
  improvements?: string
  try_at_work?: string
}

export const LIKERT_KEYS = ['satisfaction', 'understanding', 'usefulness', 'facilitation'] as const
export const TEXT_KEYS = ['good_points', 'improvements', 'try_at_work'] as const

export function randomAnswers(random: Random, areas: readonly string[], tag: string): StandardAnswers {
  const answers: StandardAnswers = {
    satisfaction: random.int(1, 5),
    understanding: random.int(1, 5),
    usefulness: random.int(1, 5),
    facilitation: random.int(1, 5),
    recommendation: random.int(0, 10),
    self_assessment: Object.fromEntries(
      areas.map((area) => {
        const before = random.int(1, 4)
        return [area, { before, after: random.int(before, 5) }]
      }),
    ),
  }
  for (const key of TEXT_KEYS) {
    if (random.chance(0.6)) answers[key] = `${tag}の${key}（${random.int(1, 999)}）`
  }
  return answers
}

/** Attended registrations (walk-ins) for new employees, as the superuser; returns the employees. */
export async function attendees(db: TestDb, sessionId: string, count: number, departmentCode = 'kikaku_dx') {
  const ids: string[] = []
  for (let i = 0; i < count; i += 1) {
    const user = await db.createUser({ departmentCode })
    ids.push(user.sub)
  }
  if (ids.length > 0) {
    await db.sql(
      `insert into public.registrations (session_id, employee_id, status, checked_in_at)
       select $1, e, 'attended', s.starts_at from unnest($2::uuid[]) as e, public.sessions s where s.id = $1`,
      [sessionId, ids],
    )
  }
  return ids
}

/** Survey responses (identified) of the given employees, with their submissions. */
export async function respond(
  db: TestDb,
  sessionId: string,
  answers: readonly { employeeId: string | null; answers: StandardAnswers }[],
  templateId = STANDARD_TEMPLATE_ID,
) {
  const rows = answers.map((a) => ({ id: randomUUID(), respondent_id: a.employeeId, answers: a.answers }))
  await db.sql(
    `insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_by, collected_at)
     select r.id, $2, $1, r.respondent_id, r.answers, r.respondent_id, now()
     from jsonb_to_recordset($3::jsonb) as r (id uuid, respondent_id uuid, answers jsonb)`,
    [sessionId, templateId, JSON.stringify(rows)],
  )
  await db.sql(
    `insert into public.survey_submissions (session_id, employee_id)
     select $1, e from unnest($2::uuid[]) as e`,
    [sessionId, answers.map((a) => a.employeeId).filter((id): id is string => id !== null)],
  )
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string }

/** An RPC's answer, or the code it was refused with (SQLSTATE, or the DXP code of a P0001). */
export async function call<T = Record<string, unknown>>(
  db: TestDb,
  claims: JwtClaims | null,
  fn: string,
  args: Record<string, unknown> = {},
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: (await db.rpc(claims, fn, args)) as T }
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string }
    if (code === 'P0001' && message && /^DXP\d{3}$/.test(message)) return { ok: false, code: message }
    if (typeof code === 'string') return { ok: false, code }
    throw error
  }
}

/** num/den rounded to `digits` decimals half away from zero, exactly as PostgreSQL's round(numeric). */
export function roundRatio(num: number, den: number, digits: number): number {
  const f = 10 ** digits
  const sign = Math.sign(num) * Math.sign(den)
  const n = Math.abs(num) * f
  const d = Math.abs(den)
  return (sign * Math.floor((2 * n + d) / (2 * d))) / f
}

/** The mean of integers rounded to 2 decimals as SQL's round(avg(x), 2); null for none. */
export function mean2(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return roundRatio(
    values.reduce((a, b) => a + b, 0),
    values.length,
    2,
  )
}
