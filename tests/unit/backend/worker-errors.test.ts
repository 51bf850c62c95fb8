import { describe, expect, it } from 'vitest'
import { toRpcError } from '@/backend/embedded/execute-rpc'
import { decodeDatabaseError, encodeDatabaseError } from '@/backend/embedded/worker-errors'

/** What PGlite's worker hands the tab: a new Error built from the message alone. */
function acrossTheWorker(error: unknown): Error {
  return new Error((error as Error).message)
}

function databaseError(fields: Record<string, string>): Error {
  return Object.assign(new Error(fields.message), { name: 'DatabaseError', ...fields })
}

describe('Postgres errors across the PGlite worker boundary', () => {
  it('keeps the SQLSTATE, detail and hint of an error raised in the worker', () => {
    const raised = databaseError({
      message: 'DXP022',
      code: 'P0001',
      detail: '申込みの締切を過ぎています',
      hint: '次回',
    })

    const restored = decodeDatabaseError(acrossTheWorker(encodeDatabaseError(raised)))

    expect(toRpcError(restored)?.toJSON()).toEqual({
      code: 'P0001',
      message: 'DXP022',
      details: '申込みの締切を過ぎています',
      hint: '次回',
    })
  })

  it('keeps the fields on the encoded error too, for code running inside the worker', () => {
    const encoded = encodeDatabaseError(databaseError({ message: 'permission denied', code: '42501' }))
    expect(encoded).toMatchObject({ code: '42501' })
  })

  it('leaves other errors as they are', () => {
    const plain = new Error('worker terminated')
    expect(encodeDatabaseError(plain)).toBe(plain)
    expect(decodeDatabaseError(plain)).toBe(plain)
    expect(decodeDatabaseError('text')).toBe('text')
  })
})
