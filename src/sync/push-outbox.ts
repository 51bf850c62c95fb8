/**
 * The push half of a round: the user's outbox in the order the changes were made, in batches of at
 * most {@link MAX_MUTATIONS_PER_PUSH}, each entry marked in flight before the call and the batch's
 * answers recorded after it in one transaction. A call that fails leaves its entries pending again
 * (with why) and ends the push; sync_push's idempotency by mutation_id makes sending them again
 * harmless, even if the lost call was applied.
 *
 * Except when the call was refused for its content (class `content`, e.g. U+0000 in a change an
 * older client queued): that would fail every round for good, so the batch is halved until the
 * change at fault is sent alone; that one is rejected with the reason, and the rest go on.
 */
import * as v from 'valibot'
import type { Backend } from '@/backend/backend'
import {
  MAX_MUTATIONS_PER_PUSH,
  PushResponseSchema,
  type DxpErrorCode,
  type Mutation,
  type PushResult,
} from '@/contract'
import type { DxpDatabase, OutboxEntry } from '@/data/db'
import { markInFlight, outboxToPush, recordAnswers, releaseInFlight, type OutboxAnswer } from '@/data/outbox'
import type { AnyRow } from '@/data/rows'
import { classifyFailure, SyncProtocolError, type SyncFailure } from './classify-failure'
import { assertSignedIn } from './assert-signed-in'

export interface PushOutboxOptions {
  db: DxpDatabase
  backend: Backend
  userId: string
  /** At most this many mutations per sync_push call (capped at the server's limit). */
  batchSize?: number
}

export interface PushSummary {
  /** Entries the server applied now or earlier (`duplicate` of an applied one). */
  applied: number
  /** Entries refused: kept in the outbox with the server's code and message. */
  rejected: number
  /** sync_push calls that got an answer. */
  calls: number
}

function toMutation(entry: OutboxEntry): Mutation {
  return { mutation_id: entry.id, kind: entry.kind, args: entry.args } as Mutation
}

/** The rejection recorded for a change the server refused as a whole call, once it was sent alone. */
function refusedAlone(entry: OutboxEntry, failure: SyncFailure): OutboxAnswer {
  // 22P05 / 22P02 / 22021: the json or text layer could not take a character (U+0000, a lone surrogate).
  const code: DxpErrorCode = ['22P05', '22P02', '22021'].includes(failure.code) ? 'DXP017' : 'DXP018'
  return {
    mutationId: entry.id,
    outcome: 'rejected',
    code,
    message: `${failure.code}: ${failure.message}`,
    row: null,
  }
}

function parseResults(answer: unknown, sent: readonly OutboxEntry[]): PushResult[] {
  const parsed = v.safeParse(PushResponseSchema, answer)
  if (!parsed.success) throw new SyncProtocolError('sync_push answered something other than a result list')
  const results = parsed.output
  if (results.length !== sent.length) {
    throw new SyncProtocolError(`sync_push answered ${results.length} results for ${sent.length} mutations`)
  }
  results.forEach((result, index) => {
    if (result.mutation_id !== sent[index]?.id) throw new SyncProtocolError('sync_push answered out of order')
  })
  return results
}

/** One answer as the outbox records it. A `duplicate` carries the first answer's code: a replayed rejection stays one. */
function toAnswer(result: PushResult, mutationId: string): OutboxAnswer {
  const row = result.row as AnyRow | null
  if (result.status === 'rejected' || (result.status === 'duplicate' && result.code !== null)) {
    if (result.code === null) throw new SyncProtocolError('sync_push rejected a mutation without a code')
    return { mutationId, outcome: 'rejected', code: result.code, message: result.message ?? result.code, row }
  }
  return { mutationId, outcome: 'applied', row }
}

export async function pushOutbox({
  db,
  backend,
  userId,
  batchSize = MAX_MUTATIONS_PER_PUSH,
}: PushOutboxOptions): Promise<PushSummary> {
  const summary: PushSummary = { applied: 0, rejected: 0, calls: 0 }
  const fullSize = Math.max(1, Math.min(batchSize, MAX_MUTATIONS_PER_PUSH))
  let size = fullSize
  const answered = new Set<string>()
  for (;;) {
    const batch = await outboxToPush(db, userId, size)
    if (batch.length === 0) return summary
    // Every answer removes an entry from the list or marks it rejected; seeing one again means it did not.
    if (batch.some((entry) => answered.has(entry.id))) {
      throw new SyncProtocolError('an answered mutation is still waiting to be pushed')
    }
    const mutationIds = batch.map((entry) => entry.id)
    await assertSignedIn(backend, userId)
    await markInFlight(db, mutationIds)
    let answer: unknown
    try {
      answer = await backend.rpc('sync_push', { mutations: batch.map(toMutation) })
    } catch (error) {
      const failure = classifyFailure(error)
      await releaseInFlight(db, mutationIds, { code: failure.code, message: failure.message })
      if ((failure.class === 'batch' || failure.class === 'content') && batch.length > 1) {
        size = Math.max(1, Math.floor(batch.length / 2))
        continue
      }
      if (failure.class === 'content') {
        const answer = refusedAlone(batch[0]!, failure)
        await recordAnswers(db, [answer])
        answered.add(answer.mutationId)
        summary.rejected += 1
        // Found: the changes after it go in full batches again.
        size = fullSize
        continue
      }
      throw error
    }
    let results: PushResult[]
    try {
      results = parseResults(answer, batch)
    } catch (error) {
      await releaseInFlight(db, mutationIds, { code: 'protocol', message: (error as Error).message })
      throw error
    }
    summary.calls += 1
    let answers: OutboxAnswer[]
    try {
      answers = results.map((result, index) => toAnswer(result, mutationIds[index]!))
      // One transaction for the whole batch: all recorded, or none (then sent again next round).
      await recordAnswers(db, answers)
    } catch (error) {
      await releaseInFlight(db, mutationIds)
      throw error
    }
    for (const answer of answers) {
      answered.add(answer.mutationId)
      summary[answer.outcome] += 1
    }
  }
}
