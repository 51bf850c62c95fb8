/** The demo city and the database: the seeded reference data it is built on, and its rows written. */
import type { SqlTx } from '../execute-rpc'
import { STANDARD_TEMPLATE_ID } from './survey-templates'
import { DEMO_TABLES } from './tables'
import type { DemoCity, DemoReference, SurveyQuestion } from './types'

/** Reads the seeded reference data the city is built on. */
export async function readDemoReference(tx: Pick<SqlTx, 'query'>): Promise<DemoReference> {
  // One query at a time: a transaction is one connection.
  const departments = await tx.query<{ code: string }>(
    'select code from public.departments order by sort_order',
  )
  const grades = await tx.query<{ code: string; supervisory: boolean; rank: number }>(
    'select code, supervisory, rank from public.position_grades order by rank',
  )
  const areas = await tx.query<{ code: string }>(
    'select code from public.knowledge_areas order by sort_order',
  )
  const requirements = await tx.query<{ role_code: string; area_code: string }>(
    `select r.role_code, r.area_code from public.role_requirements as r
     join public.knowledge_areas as a on a.code = r.area_code order by r.role_code, a.sort_order`,
  )
  const template = await tx.query<{
    questions: SurveyQuestion[] | string
    follow_up_questions: SurveyQuestion[] | string
  }>('select questions, follow_up_questions from public.survey_templates where id = $1', [
    STANDARD_TEMPLATE_ID,
  ])
  const roleAreas: Record<string, string[]> = {}
  for (const { role_code, area_code } of requirements.rows) (roleAreas[role_code] ??= []).push(area_code)
  const questions = template.rows[0]?.questions
  const followUp = template.rows[0]?.follow_up_questions
  const parsed = <T>(value: T | string | undefined): T | null =>
    value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : value
  return {
    departments: departments.rows.map((r) => r.code),
    grades: grades.rows.map((r) => ({ code: r.code, supervisory: r.supervisory, rank: Number(r.rank) })),
    areas: areas.rows.map((r) => r.code),
    roleAreas,
    standardQuestions: parsed(questions),
    followUpQuestions: parsed(followUp),
  }
}

/** Inserts a generated city, one set-based statement per table, in dependency order. */
export async function insertDemoCity(tx: Pick<SqlTx, 'query'>, city: DemoCity): Promise<void> {
  for (const key of Object.keys(DEMO_TABLES) as (keyof DemoCity)[]) {
    const rows = city[key]
    if (rows.length === 0) continue
    const { table, columns } = DEMO_TABLES[key]
    const names = Object.keys(columns).join(', ')
    const recordType = Object.entries(columns)
      .map(([name, type]) => `${name} ${type}`)
      .join(', ')
    // Column names and types are constants (tables.ts); the data travels as one jsonb parameter.
    await tx.query(
      `insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as r(${recordType})`,
      [JSON.stringify(rows)],
    )
  }
}
