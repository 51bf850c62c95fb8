import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DxpErrorCode, PullChange } from '@/contract'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { markApplied, markRejected, outboxToPush } from '@/data/outbox'
import { applyPullChanges } from '@/data/replica'
import type { LearningRecordRow } from '@/data/rows'
import { ALICE, NOW, freshDb, learningInput, serverRecord, uuidOf } from './support'

type Row = LearningRecordRow
type Command =
  | { type: 'record'; minutes: number }
  | { type: 'update'; pick: number; minutes: number | undefined; title: string | undefined; stale: boolean }
  | { type: 'delete'; pick: number; withVersion: boolean }
  | { type: 'remoteEdit'; pick: number; minutes: number }
  | { type: 'remoteDelete'; pick: number }
  | { type: 'remoteCreate' }
  | { type: 'pull'; count: number }
  | { type: 'answer'; reject: boolean }

const minutes = fc.integer({ min: 1, max: 1440 })
// Weighted so that remote edits and pulls often meet rows with pending changes.
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('record' as const), minutes }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('update' as const),
      pick: fc.nat(),
      minutes: fc.option(minutes, { nil: undefined }),
      title: fc.option(fc.constantFrom('甲', '乙'), { nil: undefined }),
      stale: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('delete' as const), pick: fc.nat(), withVersion: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('remoteEdit' as const), pick: fc.nat(), minutes }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remoteDelete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('remoteCreate' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({ type: fc.constant('pull' as const), count: fc.integer({ min: 1, max: 6 }) }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('answer' as const), reject: fc.boolean() }) },
)

type Op =
  | { kind: 'record_learning'; args: { id: string; minutes: number } }
  | { kind: 'update_learning'; args: { id: string; version: number; minutes?: number; title?: string } }
  | { kind: 'delete_learning'; args: { id: string; version?: number } }

interface PendingOp {
  mutationId: string
  op: Op
  createdAt: string
}

/** The server of record for Alice's learning records, reduced to what sync_push decides for them. */
class FakeServer {
  rows = new Map<string, Row>()
  /** Changes the client has not pulled yet, in commit order. */
  feed: PullChange[] = []
  private clock = 0

  private stamp(): string {
    this.clock += 1
    return new Date(Date.UTC(2026, 5, 2, 0, 0, this.clock)).toISOString()
  }

  private write(row: Row | null, id: string): void {
    if (row) this.rows.set(id, row)
    else this.rows.delete(id)
    this.feed.push(
      row
        ? { table: 'learning_records', key: id, op: 'upsert', row: { ...row } }
        : { table: 'learning_records', key: id, op: 'delete', row: null },
    )
  }

  create(id: string, minutes: number): Row {
    const at = this.stamp()
    const row = serverRecord(id, { minutes, created_at: at, updated_at: at })
    this.write(row, id)
    return row
  }

  edit(id: string, fields: { minutes?: number; title?: string }): Row {
    const current = this.rows.get(id)
    if (!current) throw new Error('no row')
    const row: Row = { ...current, updated_at: this.stamp(), version: current.version + 1 }
    if (fields.minutes !== undefined) row.minutes = fields.minutes
    if (fields.title !== undefined) row.title = fields.title
    this.write(row, id)
    return row
  }

  remove(id: string): void {
    this.write(null, id)
  }

  /** sync_push for one mutation: the row, or the code it is refused with (and the row it carries). */
  push(op: Op): { row: Row | null } | { code: DxpErrorCode; row: Row | null } {
    const current = this.rows.get(op.args.id)
    switch (op.kind) {
      case 'record_learning':
        if (current) return { code: 'DXP042', row: null }
        return { row: this.create(op.args.id, op.args.minutes) }
      case 'update_learning':
        if (!current) return { code: 'DXP040', row: null }
        if (current.version !== op.args.version) return { code: 'DXP041', row: current }
        return { row: this.edit(op.args.id, op.args) }
      case 'delete_learning':
        if (!current) return { code: 'DXP040', row: null }
        if (op.args.version !== undefined && current.version !== op.args.version) {
          return { code: 'DXP041', row: current }
        }
        this.remove(op.args.id)
        return { row: null }
    }
  }
}

/** What the replica must show: the rows the client has heard of, with the pending changes on top. */
function expected(known: ReadonlyMap<string, Row>, pending: readonly PendingOp[]): Row[] {
  const rows = new Map(known)
  for (const { op, createdAt } of pending) {
    const id = op.args.id
    const row = rows.get(id)
    if (op.kind === 'record_learning') {
      if (!row) {
        rows.set(
          id,
          serverRecord(id, { minutes: op.args.minutes, created_at: createdAt, updated_at: createdAt }),
        )
      }
    } else if (op.kind === 'update_learning') {
      if (row) {
        const changed: Row = { ...row, version: op.args.version + 1, updated_at: createdAt }
        if (op.args.minutes !== undefined) changed.minutes = op.args.minutes
        if (op.args.title !== undefined) changed.title = op.args.title
        rows.set(id, changed)
      }
    } else {
      rows.delete(id)
    }
  }
  return sortById([...rows.values()])
}

function sortById(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => a.id.localeCompare(b.id))
}

async function visible(db: DxpDatabase): Promise<Row[]> {
  return sortById(await db.replica('learning_records').toArray())
}

async function run(db: DxpDatabase, commands: readonly Command[]): Promise<void> {
  const server = new FakeServer()
  const known = new Map<string, Row>()
  const pending: PendingOp[] = []
  let ids = 0
  let ops = 0

  const local = async (op: Op) => {
    ops += 1
    const mutationId = uuidOf(10_000 + ops)
    const at = new Date(NOW.getTime() + ops * 1000)
    const input =
      op.kind === 'record_learning' ? learningInput(op.args.id, { minutes: op.args.minutes }) : op.args
    const result = await mutate(db, ALICE, op.kind, input as never, { now: at, mutationId })
    expect(result.ok).toBe(true)
    pending.push({ mutationId, op, createdAt: at.toISOString() })
  }

  const pull = async (count: number) => {
    const changes = server.feed.splice(0, count)
    await applyPullChanges(db, changes, ALICE)
    for (const change of changes) {
      if (change.op === 'upsert') known.set(change.key, change.row as Row)
      else known.delete(change.key)
    }
  }

  const answer = async (forceReject: boolean) => {
    const head = pending.shift()
    if (!head) return
    if (forceReject) {
      await markRejected(db, head.mutationId, 'DXP015', '範囲外です。')
      return
    }
    const outcome = server.push(head.op)
    if ('code' in outcome) {
      await markRejected(db, head.mutationId, outcome.code, '却下', outcome.row)
      if (outcome.row) known.set(outcome.row.id, outcome.row)
    } else {
      await markApplied(db, head.mutationId, outcome.row)
      if (outcome.row) known.set(outcome.row.id, outcome.row)
      else known.delete(head.op.args.id)
    }
  }

  for (const c of commands) {
    const shown = await visible(db)
    const onServer = sortById([...server.rows.values()])
    switch (c.type) {
      case 'record':
        ids += 1
        await local({ kind: 'record_learning', args: { id: uuidOf(ids), minutes: c.minutes } })
        break
      case 'update': {
        const row = shown[c.pick % Math.max(shown.length, 1)]
        if (!row) break
        const args: Op['args'] & { version: number } = {
          id: row.id,
          version: c.stale ? Math.max(row.version - 1, 1) : row.version,
        }
        const update: Op = { kind: 'update_learning', args }
        if (c.minutes !== undefined) update.args.minutes = c.minutes
        if (c.title !== undefined) update.args.title = c.title
        await local(update)
        break
      }
      case 'delete': {
        const row = shown[c.pick % Math.max(shown.length, 1)]
        if (!row) break
        await local({
          kind: 'delete_learning',
          args: c.withVersion ? { id: row.id, version: row.version } : { id: row.id },
        })
        break
      }
      case 'remoteEdit': {
        const row = onServer[c.pick % Math.max(onServer.length, 1)]
        if (row) server.edit(row.id, { minutes: c.minutes })
        break
      }
      case 'remoteDelete': {
        const row = onServer[c.pick % Math.max(onServer.length, 1)]
        if (row) server.remove(row.id)
        break
      }
      case 'remoteCreate':
        ids += 1
        server.create(uuidOf(ids), 30)
        break
      case 'pull':
        await pull(c.count)
        break
      case 'answer':
        await answer(c.reject)
        break
    }
    expect(await visible(db)).toEqual(expected(known, pending))
  }

  // Everything answered and pulled: the replica is the server, the outbox holds only rejections.
  while (pending.length > 0) await answer(false)
  await pull(server.feed.length)
  expect(await visible(db)).toEqual(sortById([...server.rows.values()]))
  expect(await outboxToPush(db, ALICE)).toEqual([])
  expect(await db.shadows.count()).toBe(0)
}

describe('the replica under any mix of changes, pulls and answers', () => {
  it('equals the server state the client has heard of plus its still-pending changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 40 }), async (commands) => {
        const db = freshDb()
        try {
          await run(db, commands)
        } finally {
          await db.delete()
        }
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})
