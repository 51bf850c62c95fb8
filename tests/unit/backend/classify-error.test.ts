import { describe, expect, it } from 'vitest'
import { BackendError } from '@/backend/backend'
import { classifyError, isContentRefusal, postgrestStatus, toBackendError } from '@/backend/classify-error'

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
    ['', 429, 'Too Many Requests', 'server'],
    ['', 408, 'Request Timeout', 'server'],
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

describe('isContentRefusal', () => {
  it.each([
    ['22P05', 'unsupported Unicode escape sequence', true],
    ['22P02', 'invalid input syntax for type json', true],
    ['22021', 'invalid byte sequence for encoding "UTF8"', true],
    ['23514', 'new row violates check constraint', true],
    ['PGRST102', 'Invalid JSON body', true],
    ['P0001', 'DXP020', true],
    ['P0001', 'DXP002', false],
    ['P0001', 'DXP100', false],
    ['42501', 'permission denied for function sync_push', false],
    ['42883', 'function public.sync_push(jsonb) does not exist', false],
    ['PGRST202', 'Could not find the function', false],
    ['40001', 'could not serialize access', false],
    ['PGRST301', 'JWT expired', false],
  ] as const)('says %s (%s) is about the content: %s', (code, message, expected) => {
    const error = toBackendError({ code, message, details: null, hint: null }, postgrestStatus(code, true))
    expect(isContentRefusal(error)).toBe(expected)
  })

  it('never calls a call that got no answer, a rate limit or a timeout a content refusal', () => {
    for (const status of [0, 408, 429, 500, 503]) {
      const error = toBackendError({ code: '', message: 'failed', details: null, hint: null }, status)
      expect(isContentRefusal(error), String(status)).toBe(false)
    }
  })
})
