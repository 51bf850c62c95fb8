/**
 * The status indicator's one value (同期済み / N件送信待ち / オフライン / エラー), from the browser's
 * online flag, the outbox count and the last round. Offline wins: nothing else can change until
 * the network is back. A retrying round is not an error: the changes are 送信待ち and will go.
 */
import type { RoundOutcome } from './sync-loop'

export type SyncStatus =
  | { state: 'synced' }
  | { state: 'pending'; count: number }
  | { state: 'offline'; count: number }
  | { state: 'error'; code: string; message: string; count: number }

export interface SyncStatusInput {
  online: boolean
  /** Outbox entries not yet answered (pending and in flight). */
  pending: number
  lastOutcome: RoundOutcome | null
}

export function deriveSyncStatus({ online, pending, lastOutcome }: SyncStatusInput): SyncStatus {
  if (!online) return { state: 'offline', count: pending }
  if (lastOutcome?.status === 'failed') {
    const { code, message } = lastOutcome.failure
    return { state: 'error', code, message, count: pending }
  }
  if (pending > 0) return { state: 'pending', count: pending }
  return { state: 'synced' }
}
