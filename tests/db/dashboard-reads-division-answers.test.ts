// The DX division's screens check every RPC answer against their schemas (src/contract/division.ts)
// and show "could not read" otherwise: every answer the server gives on the demo city must pass.
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PERSONAS, writeDemoCity } from '@/backend/embedded/demo-city'
import {
  CertificationQueueSchema,
  DepartmentCoverageSchema,
  KnowledgeAreasSchema,
  LeaderTargetsSchema,
  TrainingComparisonSchema,
  TrainingEffectSchema,
} from '@/contract'
import { createTestDb, type TestDb } from '../support/test-db'

const issuesOf = (schema: v.GenericSchema, value: unknown) => {
  const result = v.safeParse(schema, value)
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`)
}

describe('the division screens read the server’s answers', () => {
  let db: TestDb
  const admin = { sub: DEMO_PERSONAS.find((p) => p.key === 'dx_division')?.id, role: 'authenticated' }

  beforeAll(async () => {
    db = await createTestDb()
    await db.executor.transaction((tx) => writeDemoCity(tx))
  })
  afterAll(async () => {
    await db?.close()
  })

  it.each([
    ['division_leader_targets', LeaderTargetsSchema],
    ['division_department_coverage', DepartmentCoverageSchema],
    ['division_knowledge_areas', KnowledgeAreasSchema],
    ['division_certification_queue', CertificationQueueSchema],
  ] as const)('accepts %s as the demo city answers it', async (fn, schema) => {
    expect(issuesOf(schema, await db.rpc(admin, fn, {}))).toEqual([])
  })

  it('accepts the effect of every training, and the comparison of every kind with trainings', async () => {
    const trainings = await db.sql<{ id: string; kind: string }>('select id, kind from public.trainings')
    expect(trainings.length).toBeGreaterThan(5)
    for (const training of trainings) {
      const answer = await db.rpc(admin, 'division_training_effect', { training_id: training.id })
      expect(issuesOf(TrainingEffectSchema, answer), training.id).toEqual([])
    }
    for (const kind of new Set(trainings.map((t) => t.kind))) {
      const answer = await db.rpc(admin, 'division_training_comparison', { training_kind: kind })
      expect(issuesOf(TrainingComparisonSchema, answer), kind).toEqual([])
    }
  })
})
