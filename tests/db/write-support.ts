// Fixtures for the write-path tests (tests/db/write-*.test.ts): catalogue rows made as the superuser,
// sync_push called exactly as the client calls it, and snapshots of every table the write path touches.
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { JwtClaims } from '@/backend/embedded/execute-rpc'
import * as v from 'valibot'
import { PushResponseSchema, type DxpErrorCode, type MutationKind, type PushResult } from '@/contract'
import { snapshot } from '../support/attempt'
import type { TestDb, UserClaims } from '../support/test-db'

export const STANDARD_TEMPLATE_ID = '00000000-0000-4000-8000-000000000001'

/** Tables a mutation may write: "nothing written" means all of them are unchanged. */
export const WRITE_TABLES = [
  'registrations',
  'learning_records',
  'survey_responses',
  'survey_submissions',
  // Anonymous survey answers (not in the API schema).
  'private.survey_ballot_boxes',
  'certifications',
  'audit_log',
  'applied_ops',
  'profiles',
  'sync_tombstones',
] as const

export async function snapshotAll(db: TestDb, tables: readonly string[] = WRITE_TABLES): Promise<string[]> {
  return Promise.all(tables.map((table) => snapshot(db, table)))
}

export interface Mutation {
  mutation_id: string
  kind: MutationKind | string
  args: unknown
}

export function op(kind: MutationKind | string, args: unknown, mutationId: string = randomUUID()): Mutation {
  return { mutation_id: mutationId, kind, args }
}

/** Calls sync_push as the client does; every answer must fit the contract's result schema. */
export async function push(db: TestDb, claims: JwtClaims | null, mutations: unknown): Promise<PushResult[]> {
  return v.parse(PushResponseSchema, await db.rpc(claims, 'sync_push', { mutations }))
}

/** Pushes one mutation and returns its result. */
export async function pushOne(db: TestDb, claims: JwtClaims | null, mutation: Mutation): Promise<PushResult> {
  const [result] = await push(db, claims, [mutation])
  if (!result) throw new Error('sync_push returned no result')
  return result
}

/** A new anonymous template with the standard template's questions; its id. */
export async function createAnonymousTemplate(db: TestDb, code: string): Promise<string> {
  const [template] = await db.sql<{ id: string }>(
    `insert into public.survey_templates (code, title, anonymous, questions)
     select $1, '無記名アンケート', true, questions from public.survey_templates where id = $2 returning id`,
    [code, STANDARD_TEMPLATE_ID],
  )
  return template!.id
}

/** A new employee checked in to the session by `facilitator` (an attended walk-in). */
export async function checkedInEmployee(
  db: TestDb,
  facilitator: JwtClaims,
  sessionId: string,
): Promise<UserClaims> {
  const employee = await db.createUser()
  const result = await pushOne(
    db,
    facilitator,
    op('check_in', { session_id: sessionId, employee_id: employee.sub }),
  )
  expect(result.status).toBe('applied')
  return employee
}

export function rejected(code: DxpErrorCode) {
  return { status: 'rejected', code, message: expectJapanese(), row: null }
}

/** A message a city office would write: Japanese, polite, ending in 。 */
function expectJapanese() {
  return expect.stringMatching(/^[^\n]*[ぁ-んァ-ヶ一-龠][^\n]*。$/)
}

export interface TrainingInput {
  kind?: string
  areas?: string[]
  templateId?: string | null
  title?: string
}

export async function createTraining(db: TestDb, input: TrainingInput = {}): Promise<string> {
  const [row] = await db.sql<{ id: string }>(
    `insert into public.trainings (kind, title, fiscal_year, delivery, survey_template_id)
     values ($1, $2, 2026, 'in_person', $3) returning id`,
    [
      input.kind ?? 'workshop',
      input.title ?? '生成AIワークショップ',
      input.templateId === undefined ? STANDARD_TEMPLATE_ID : input.templateId,
    ],
  )
  if (!row) throw new Error('no training')
  for (const area of input.areas ?? ['generative_ai', 'bpr']) {
    await db.sql('insert into public.training_areas (training_id, area_code) values ($1, $2)', [row.id, area])
  }
  return row.id
}

export interface SessionInput {
  trainingId?: string
  capacity?: number
  facilitatorId?: string | null
  /** Start relative to now, as a Postgres interval ('-1 hour' = started an hour ago). */
  startsIn?: string
  /** Registration deadline relative to now. */
  deadlineIn?: string
  status?: 'scheduled' | 'cancelled' | 'closed'
}

export async function createSession(db: TestDb, input: SessionInput = {}): Promise<string> {
  const trainingId = input.trainingId ?? (await createTraining(db))
  const startsIn = input.startsIn ?? '7 days'
  const [row] = await db.sql<{ id: string }>(
    `insert into public.sessions (training_id, starts_at, ends_at, venue, capacity, facilitator_id,
       registration_deadline, status)
     values ($1, now() + $2::interval, now() + $2::interval + interval '2 hours', '本庁舎 3階 会議室', $3, $4,
       least(now() + $5::interval, now() + $2::interval), $6)
     returning id`,
    [
      trainingId,
      startsIn,
      input.capacity ?? 30,
      input.facilitatorId ?? null,
      input.deadlineIn ?? '1 day',
      input.status ?? 'scheduled',
    ],
  )
  if (!row) throw new Error('no session')
  return row.id
}

export interface RegistrationRow {
  id: string
  employee_id: string
  status: string
  waitlist_position: number | null
}

export async function registrationsOf(db: TestDb, sessionId: string): Promise<RegistrationRow[]> {
  return db.sql<RegistrationRow>(
    `select id, employee_id, status, waitlist_position from public.registrations
     where session_id = $1 order by registered_at, id`,
    [sessionId],
  )
}

/** The session's invariants: seats never overbooked, waitlist positions 1..n, one active row per employee. */
export async function sessionInvariants(db: TestDb, sessionId: string) {
  const [row] = await db.sql<{
    capacity: number
    seated: number
    waitlisted: number
    positions_ok: boolean
    duplicates: number
  }>(
    `select s.capacity,
       (select count(*)::int from public.registrations r where r.session_id = s.id and r.status in ('confirmed', 'attended')) as seated,
       (select count(*)::int from public.registrations r where r.session_id = s.id and r.status = 'waitlisted') as waitlisted,
       coalesce((select bool_and(w.waitlist_position = w.n) from (
         select r.waitlist_position, row_number() over (order by r.waitlist_position) as n
         from public.registrations r where r.session_id = s.id and r.status = 'waitlisted') w), true) as positions_ok,
       (select count(*)::int from (select employee_id from public.registrations r where r.session_id = s.id
          and r.status <> 'cancelled' group by employee_id having count(*) > 1) d) as duplicates
     from public.sessions s where s.id = $1`,
    [sessionId],
  )
  if (!row) throw new Error('no session')
  return row
}

/** Today's date in Asia/Tokyo as YYYY-MM-DD, and the Japanese fiscal year it falls in. */
export function tokyoToday(offsetDays = 0): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(date)
}

export function tokyoFiscalYear(): number {
  const [year, month] = tokyoToday().split('-').map(Number)
  return (year ?? 0) - ((month ?? 0) < 4 ? 1 : 0)
}
