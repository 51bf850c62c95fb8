// iOS Safari closes IndexedDB connections of a backgrounded page, and a newer tab's upgrade closes
// ours: the next write and the screens' live queries must carry on, with nothing lost.
import 'fake-indexeddb/auto'
import { liveQuery } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { DxpDatabase } from '@/data/db'
import { mutate } from '@/data/mutate'
import { ALICE, NOW, freshDb, learningInput, uuidOf } from './support'

let db: DxpDatabase

afterEach(async () => {
  await db.delete()
})

async function record(n: number) {
  const result = await mutate(
    db,
    ALICE,
    'record_learning',
    learningInput(uuidOf(n), { title: `記録 ${n}` }),
    {
      now: NOW,
    },
  )
  expect(result.ok).toBe(true)
}

/** The browser closes the connection under us and says so (the `close` event). */
function closeByBrowser(): void {
  const connection = db.backendDB()
  connection.close()
  connection.onclose?.call(connection, new Event('close'))
}

describe('a closed IndexedDB connection', () => {
  it('is reopened by the next write after the browser closed it, and the outbox keeps every entry', async () => {
    db = freshDb()
    await record(1)
    closeByBrowser()
    await record(2)
    expect(db.isOpen()).toBe(true)
    expect((await db.outbox.toArray()).map((entry) => entry.args)).toMatchObject([
      { title: '記録 1' },
      { title: '記録 2' },
    ])
  })

  it('is reopened when it was closed without a word (a transaction on it fails as InvalidStateError)', async () => {
    db = freshDb()
    await record(1)
    db.backendDB().close()
    await record(2)
    expect(await db.replica('learning_records').count()).toBe(2)
  })

  it('keeps a live query delivering after the reopen', async () => {
    db = freshDb()
    await record(1)
    const seen: number[] = []
    const subscription = liveQuery(() => db.replica('learning_records').count()).subscribe((n) =>
      seen.push(n),
    )
    try {
      await expect.poll(() => seen.at(-1)).toBe(1)
      closeByBrowser()
      await record(2)
      await expect.poll(() => seen.at(-1)).toBe(2)
    } finally {
      subscription.unsubscribe()
    }
  })
})
