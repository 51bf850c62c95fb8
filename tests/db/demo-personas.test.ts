// The persona picker's five buttons are five fixed people of the demo city, whatever they do in the
// demo: the promoter who volunteers stays the promoter button, the candidate certified (and revoked)
// stays the candidate button, and nobody else takes a button meanwhile (issue #15).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmbeddedBackend } from '@/backend/embedded/embedded-backend'
import { DEMO_PERSONAS, writeDemoCity } from '@/backend/embedded/demo-city'
import type { EmbeddedBackend } from '@/backend/backend'
import { createTestDb, type TestDb } from '../support/test-db'
import { op, pushOne, tokyoFiscalYear, tokyoToday } from './write-support'

let db: TestDb
let backend: EmbeddedBackend

const as = (key: string) => ({
  sub: DEMO_PERSONAS.find((p) => p.key === key)?.id ?? '',
  role: 'authenticated',
})
const expected = DEMO_PERSONAS.map((p) => [p.key, p.id])

/** Every button of the picker, and who it signs in. */
async function buttons(): Promise<string[][]> {
  const personas = await backend.listPersonas()
  const signedIn: string[][] = []
  for (const persona of personas) {
    const user = await backend.signInAs(persona.id)
    signedIn.push([persona.kind, user.id])
  }
  await backend.signOut()
  return signedIn
}

beforeAll(async () => {
  db = await createTestDb()
  await db.executor.transaction((tx) => writeDemoCity(tx))
  backend = createEmbeddedBackend({ executor: db.executor })
})
afterAll(() => db?.close())

describe('the demo’s persona picker', () => {
  it('signs in the same five people after the promoter volunteers to be a leader', async () => {
    expect(await buttons()).toEqual(expected)
    const volunteered = await pushOne(
      db,
      as('promoter'),
      op('volunteer_candidacy', { fiscal_year: tokyoFiscalYear() }),
    )
    expect(volunteered.status).toBe('applied')
    expect(await buttons()).toEqual(expected)
    const promoter = (await backend.listPersonas()).find((p) => p.kind === 'promoter')
    expect(promoter?.leaderCandidacyFy).toBe(tokyoFiscalYear())
  })

  it('signs in the same five people after the candidate is certified, and after the certificate is revoked', async () => {
    // The two areas the candidate persona still misses, recorded by them, make them ready.
    for (const area of ['information_security', 'online_procedures']) {
      const recorded = await pushOne(
        db,
        as('leader_candidate'),
        op('record_learning', {
          id: randomUUID(),
          area_code: area,
          source: 'self_study',
          title: '自己学習',
          minutes: 60,
          completed_on: tokyoToday(),
        }),
      )
      expect(recorded.status).toBe('applied')
    }
    const candidateId = as('leader_candidate').sub
    const approved = await pushOne(
      db,
      as('dx_division'),
      op('approve_certification', { employee_id: candidateId }),
    )
    expect(approved.status).toBe('applied')
    expect(await buttons()).toEqual(expected)

    const [certification] = await db.sql<{ id: string }>(
      `select id::text from public.certifications where employee_id = $1 and revoked_at is null`,
      [candidateId],
    )
    const revoked = await pushOne(
      db,
      as('dx_division'),
      op('revoke_certification', { certification_id: certification!.id, reason: 'デモの確認のため' }),
    )
    expect(revoked.status).toBe('applied')
    expect(await buttons()).toEqual(expected)
  })
})
