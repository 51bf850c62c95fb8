/**
 * The pull half of a round: sync_pull from the stored cursor until `has_more` is false, each page
 * applied with its cursor in one Dexie transaction (a lost answer is pulled again harmlessly). A
 * `reset` document empties the replica — never the outbox — and the pull starts from scratch.
 */
import * as v from 'valibot'
import type { Backend } from '@/backend/backend'
import { PULL_MAX_ROWS, PullDocumentSchema, type PullDocument } from '@/contract'
import type { DxpDatabase } from '@/data/db'
import { applyPullChanges, getSyncMeta, resetReplica } from '@/data/replica'
import { assertSignedIn } from './assert-signed-in'
import { SyncProtocolError } from './classify-failure'

export interface PullChangesOptions {
  db: DxpDatabase
  backend: Backend
  userId: string
  maxRows?: number
  /** A guard against a server that keeps answering has_more (or reset). */
  maxPages?: number
}

export interface PullSummary {
  /** sync_pull calls answered. */
  pages: number
  /** Changes received (written, deferred under pending changes, or skipped as unknown tables). */
  changes: number
  resets: number
}

const MAX_RESETS_PER_PULL = 3

function parseDocument(answer: unknown): PullDocument {
  const parsed = v.safeParse(PullDocumentSchema, answer)
  if (!parsed.success) throw new SyncProtocolError('sync_pull answered something other than a pull document')
  return parsed.output
}

export async function pullChanges({
  db,
  backend,
  userId,
  // The server's largest page: a first pull of a big replica takes half the round trips of the default.
  maxRows = PULL_MAX_ROWS,
  maxPages = 10_000,
}: PullChangesOptions): Promise<PullSummary> {
  const summary: PullSummary = { pages: 0, changes: 0, resets: 0 }
  let cursor = (await getSyncMeta(db, userId)).cursor
  while (summary.pages < maxPages) {
    await assertSignedIn(backend, userId)
    const document = parseDocument(await backend.rpc('sync_pull', { cursor, max_rows: maxRows }))
    // Signed out while the answer was on its way: sign-out has cleared this user's rows and cursor,
    // and a cursor written back now would make their next sign-in here skip the rows it cleared.
    await assertSignedIn(backend, userId)
    summary.pages += 1
    if (document.reset) {
      summary.resets += 1
      if (summary.resets > MAX_RESETS_PER_PULL)
        throw new SyncProtocolError('sync_pull keeps asking for a reset')
      await resetReplica(db, userId)
      cursor = null
      continue
    }
    await applyPullChanges(db, document.changes, userId, { cursor: document.cursor })
    summary.changes += document.changes.length
    cursor = document.cursor
    if (!document.has_more) return summary
  }
  throw new SyncProtocolError(`sync_pull still had more after ${maxPages} pages`)
}
