// What the DX division's RPCs answer on the demo city, for the division screens' tests: the schema
// and the demo city installed as the app installs them (the bundled SQL, the city dated by today's
// clock like the server), then each RPC asked as the DX division persona on first use and kept.
// In-process on PGlite, once per test file.
import { PGlite } from '@electric-sql/pglite'
import { loadBundledSchemaFiles } from '@/backend/embedded/bundled-schema'
import { DEMO_PERSONAS, demoData } from '@/backend/embedded/demo-city'
import { executeRpc } from '@/backend/embedded/execute-rpc'
import { pgliteExecutor } from '@/backend/embedded/pglite-executor'
import { installSchema } from '@/backend/embedded/schema-installer'
import type { RpcResult } from '@/contract/rpc'

export interface DemoTraining {
  id: string
  kind: string
  title: string
  fiscal_year: number
}

export interface DemoDivision {
  /** The catalogue, oldest fiscal year first. */
  trainings: readonly DemoTraining[]
  targets(): Promise<RpcResult<'division_leader_targets'>>
  coverage(): Promise<RpcResult<'division_department_coverage'>>
  areas(): Promise<RpcResult<'division_knowledge_areas'>>
  queue(): Promise<RpcResult<'division_certification_queue'>>
  effect(trainingId: string): Promise<RpcResult<'division_training_effect'>>
  comparison(kind: string): Promise<RpcResult<'division_training_comparison'>>
}

let division: Promise<DemoDivision> | undefined

/** The demo city's division answers (installed on first use, then shared by the file's tests). */
export function demoDivision(): Promise<DemoDivision> {
  division ??= open()
  return division
}

async function open(): Promise<DemoDivision> {
  const pglite = await PGlite.create()
  const executor = pgliteExecutor(pglite)
  await installSchema(executor, await loadBundledSchemaFiles(), { demoData })
  const admin = { sub: DEMO_PERSONAS.find((p) => p.key === 'dx_division')?.id, role: 'authenticated' }
  const trainings = await pglite.query<DemoTraining>(
    'select id, kind, title, fiscal_year from public.trainings order by fiscal_year, title, id',
  )
  const asked = new Map<string, Promise<unknown>>()
  const ask = <T>(fn: string, args: Record<string, unknown> = {}): Promise<T> => {
    const key = `${fn}:${JSON.stringify(args)}`
    let answer = asked.get(key)
    if (!answer) {
      answer = executeRpc(executor, admin, fn, args)
      asked.set(key, answer)
    }
    return answer as Promise<T>
  }
  return {
    trainings: trainings.rows,
    targets: () => ask('division_leader_targets'),
    coverage: () => ask('division_department_coverage'),
    areas: () => ask('division_knowledge_areas'),
    queue: () => ask('division_certification_queue'),
    effect: (trainingId) => ask('division_training_effect', { training_id: trainingId }),
    comparison: (kind) => ask('division_training_comparison', { training_kind: kind }),
  }
}
