import { describe, expect, it } from 'vitest'
import { BackendError } from '@/backend/backend'
import { classifyError, postgrestStatus, toBackendError } from '@/backend/classify-error'

describe('postgrestStatus', () => {
  it.each([
    ['P0001', true, 400],
    ['23505', true, 409],
    ['23503', true, 409],
    ['22P02', true, 400],
    ['42501', true, 403],
    ['42501', false, 401],
    ['42883', true, 404],
    ['PGRST202', true, 404],
    ['PGRST301', true, 401],
    ['40001', true, 500],
    ['40P01', true, 500],
    ['55P03', true, 500],
    ['57014', true, 500],
    ['53300', true, 503],
    ['08006', true, 503],
    ['XX000', true, 500],
    ['P0004', true, 500],
  ])('answers %s (signed in: %s) with HTTP %i, as PostgREST does', (code, signedIn, status) => {
    expect(postgrestStatus(code, signedIn)).toBe(status)
  })
})

describe('classifyError', () => {
  it.each([
    ['', 0, 'TypeError: Failed to fetch', 'network'],
    ['', 0, 'AbortError: The user aborted a request.', 'network'],
    ['', 502, 'Bad gateway', 'server'],
    ['40001', 500, 'could not serialize access', 'server'],
    ['55P03', 500, 'canceling statement due to lock timeout', 'server'],
    ['PGRST301', 401, 'JWT expired', 'auth'],
    ['PGRST303', 401, 'JWT claims invalid', 'auth'],
    ['', 401, 'Unauthorized', 'auth'],
    ['42501', 401, 'permission denied for function sync_push', 'auth'],
    ['', 400, 'JWT expired', 'auth'],
    ['P0001', 400, 'DXP020', 'client'],
    ['42501', 403, 'permission denied for table profiles', 'client'],
    ['PGRST202', 404, 'Could not find the function', 'client'],
    ['23505', 409, 'duplicate key', 'client'],
  ] as const)('%s with HTTP %i (%s) is %s', (code, status, message, kind) => {
    expect(classifyError(code, status, message)).toBe(kind)
  })
})

describe('toBackendError', () => {
  it('keeps PostgREST’s body and status and says whether to retry', () => {
    const cause = new Error('driver')
    const error = toBackendError(
      { code: 'P0001', message: 'DXP022', details: '締切を過ぎています', hint: null },
      400,
      cause,
    )

    expect(error).toBeInstanceOf(BackendError)
    expect(error).toMatchObject({
      kind: 'client',
      code: 'P0001',
      message: 'DXP022',
      details: '締切を過ぎています',
      status: 400,
    })
    expect(error.retryable).toBe(false)
    expect(error.cause).toBe(cause)
    expect(toBackendError({ code: '', message: 'offline', details: null, hint: null }, 0).retryable).toBe(
      true,
    )
  })
})
