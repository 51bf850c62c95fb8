import { describe, expect, it } from 'vitest'
import { classifyFailure, SyncProtocolError, UserChangedError } from '@/sync/classify-failure'
import { backoffCeiling, computeBackoff } from '@/sync/compute-backoff'
import { deriveSyncStatus } from '@/sync/derive-status'
import type { RoundOutcome } from '@/sync/sync-loop'
import { backendError, callError } from './support'

describe('classifyFailure', () => {
  it.each([
    [backendError('network', '', 'Failed to fetch'), 'retry'],
    [backendError('server', '40001'), 'retry'],
    [backendError('server', '40P01'), 'retry'],
    [backendError('server', '55P03'), 'retry'],
    [backendError('server', '57014'), 'retry'],
    [backendError('server', '53300'), 'retry'],
    [new TypeError('worker terminated'), 'retry'],
    [backendError('auth', 'PGRST301'), 'auth'],
    [callError('DXP001'), 'auth'],
    [callError('DXP002'), 'fatal'],
    [callError('DXP003'), 'fatal'],
    // Left the directory: sync_pull and sync_push refuse the whole call; stop, say why, keep the outbox.
    [callError('DXP100'), 'fatal'],
    [callError('DXP004'), 'batch'],
    [backendError('client', 'PGRST202'), 'fatal'],
    [backendError('client', '42501'), 'fatal'],
    [backendError('server', '', 'Too Many Requests', null, 429), 'retry'],
    [backendError('client', '22P05', 'unsupported Unicode escape sequence'), 'content'],
    [backendError('client', '22P02', 'invalid input syntax for type json'), 'content'],
    [backendError('client', 'PGRST102', 'Invalid JSON body'), 'content'],
    [callError('DXP020'), 'content'],
    [new SyncProtocolError('bad answer'), 'fatal'],
    [new UserChangedError(), 'user'],
  ])('%s → %s', (error, expected) => {
    expect(classifyFailure(error).class).toBe(expected)
  })

  it('shows a whole-call refusal in the server’s words', () => {
    expect(classifyFailure(callError('DXP002', '職員情報がありません'))).toEqual({
      class: 'fatal',
      code: 'DXP002',
      message: '職員情報がありません',
    })
  })
})

describe('computeBackoff', () => {
  const options = { baseMs: 1_000, maxMs: 60_000 }

  it('doubles the ceiling with each failure up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => backoffCeiling(n, options))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ])
  })

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(computeBackoff(3, { ...options, random: () => 0 })).toBe(0)
    expect(computeBackoff(3, { ...options, random: () => 0.25 })).toBe(1_000)
    expect(computeBackoff(3, { ...options, random: () => 0.9999 })).toBe(3_999)
  })
})

describe('deriveSyncStatus', () => {
  const failed: RoundOutcome = {
    status: 'failed',
    failure: { class: 'auth', code: 'PGRST301', message: 'JWT expired' },
  }
  const retrying: RoundOutcome = {
    status: 'retrying',
    failure: { class: 'retry', code: 'network', message: 'offline' },
    failures: 1,
    retryInMs: 500,
  }

  it.each([
    [
      { online: false, pending: 2, lastOutcome: failed },
      { state: 'offline', count: 2 },
    ],
    [
      { online: true, pending: 2, lastOutcome: failed },
      { state: 'error', code: 'PGRST301', message: 'JWT expired', count: 2 },
    ],
    [
      { online: true, pending: 3, lastOutcome: retrying },
      { state: 'pending', count: 3 },
    ],
    [{ online: true, pending: 0, lastOutcome: null }, { state: 'synced' }],
  ])('%o → %o', (input, expected) => {
    expect(deriveSyncStatus(input)).toEqual(expected)
  })
})
