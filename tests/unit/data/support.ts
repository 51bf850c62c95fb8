// Shared fixtures of the data-layer tests: fresh databases, users and a valid learning record.
import type { MutationInput } from '@/data/mutate'
import { DxpDatabase } from '@/data/db'
import type { LearningRecordRow } from '@/data/rows'

export const ALICE = '11111111-1111-4111-8111-111111111111'
export const BOB = '22222222-2222-4222-8222-222222222222'
export const SESSION = '33333333-3333-4333-8333-333333333333'
export const NOW = new Date('2026-06-01T03:00:00Z')

let databases = 0

/** A database of its own for one test (fake-indexeddb keeps them apart by name). */
export function freshDb(): DxpDatabase {
  databases += 1
  return new DxpDatabase(`dxp-test-${databases}-${Math.random().toString(36).slice(2)}`)
}

/** A v4-shaped UUID from a number, readable in failures. */
export function uuidOf(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

export function learningInput(
  id: string,
  overrides: Partial<MutationInput<'record_learning'>> = {},
): MutationInput<'record_learning'> {
  return {
    id,
    area_code: 'data_literacy',
    source: 'self_study',
    title: '統計の基礎',
    minutes: 60,
    completed_on: '2026-05-30',
    ...overrides,
  }
}

/** A learning record as sync_pull or sync_push would hand it back. */
export function serverRecord(id: string, overrides: Partial<LearningRecordRow> = {}): LearningRecordRow {
  return {
    id,
    employee_id: ALICE,
    area_code: 'data_literacy',
    source: 'self_study',
    session_id: null,
    title: '統計の基礎',
    minutes: 60,
    completed_on: '2026-05-30',
    note: '',
    version: 1,
    created_at: '2026-06-01T03:00:00+00:00',
    updated_at: '2026-06-01T03:00:00+00:00',
    ...overrides,
  }
}
