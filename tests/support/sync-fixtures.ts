// Rows the sync_pull tests write directly as the superuser: the same triggers fire as for sync_push.
import type { SqlTx } from '@/backend/embedded/execute-rpc'
import type { TestDb } from './test-db'

export interface Catalogue {
  trainingId: string
  sessionId: string
  templateId: string
}

/** A training with one session and the seeded post-training survey. */
export async function createCatalogue(db: TestDb): Promise<Catalogue> {
  const [training] = await db.sql<{ id: string; template_id: string }>(
    `insert into public.trainings (kind, title, fiscal_year, delivery, survey_template_id)
     select (select code from public.training_kinds order by sort_order limit 1), 'DX研修（同期テスト）', 2026,
            'in_person', (select id from public.survey_templates order by code limit 1)
     returning id, survey_template_id as template_id`,
  )
  if (!training) throw new Error('no training')
  const [session] = await db.sql<{ id: string }>(
    `insert into public.sessions (training_id, starts_at, ends_at, venue, capacity, registration_deadline)
     values ($1, now() - interval '2 hours', now() - interval '1 hour', '本庁舎 大会議室', 30, now() - interval '3 hours')
     returning id`,
    [training.id],
  )
  if (!session) throw new Error('no session')
  return { trainingId: training.id, sessionId: session.id, templateId: training.template_id }
}

export type Query = Pick<SqlTx, 'query'>

export async function upsertLearning(q: Query, id: string, employeeId: string, title: string): Promise<void> {
  await q.query(
    `insert into public.learning_records (id, employee_id, area_code, source, title, minutes, completed_on)
     values ($1, $2, 'dx_basics', 'self_study', $3, 30, date '2026-04-01')
     on conflict (id) do update set title = excluded.title, version = public.learning_records.version + 1`,
    [id, employeeId, title],
  )
}

export async function deleteLearning(q: Query, id: string): Promise<void> {
  await q.query('delete from public.learning_records where id = $1', [id])
}

/** An anonymous response stores no respondent (respondentId null). */
export async function insertResponse(
  q: Query,
  catalogue: Catalogue,
  id: string,
  respondentId: string | null,
): Promise<void> {
  await q.query(
    `insert into public.survey_responses (id, template_id, session_id, respondent_id, answers, collected_at)
     values ($1, $2, $3, $4, '{"satisfaction": 4}', now())`,
    [id, catalogue.templateId, catalogue.sessionId, respondentId],
  )
}

/** Autocommit statements as the superuser. */
export function superuser(db: TestDb): Query {
  return {
    query: async <R>(text: string, params: readonly unknown[] = []) => ({
      rows: await db.sql<R>(text, params),
    }),
  }
}

export function tx(db: TestDb, fn: (q: Query) => Promise<void>): Promise<void> {
  return db.executor.transaction(fn)
}
