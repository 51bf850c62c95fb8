import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useLearningRecords, type LearningRecordFormValues } from '@/composables/useLearningRecords'
import { db, markApplied, markRejected, type LearningRecordRow } from '@/data'
import { tokyoDateOf } from '@/domain'
import { useAuthStore } from '@/stores/auth'
import { ME, SOMEONE_ELSE, clearDatabase, seedReference } from '../features/replica-fixtures'

const today = tokyoDateOf(new Date())
const uuidOfSession = '33333333-3333-4333-8333-333333333333'
const form = (overrides: Partial<LearningRecordFormValues> = {}): LearningRecordFormValues => ({
  source: 'self_study',
  title: '生成AIの基礎',
  completed_on: today,
  minutes: 30,
  note: '',
  ...overrides,
})

function row(id: number, overrides: Partial<LearningRecordRow> = {}): LearningRecordRow {
  return {
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    employee_id: ME,
    area_code: 'generative_ai',
    source: 'self_study',
    session_id: null,
    title: `記録${id}`,
    minutes: 30,
    completed_on: '2026-05-01',
    note: '',
    version: 1,
    created_at: '2026-05-01T00:00:00+00:00',
    updated_at: '2026-05-01T00:00:00+00:00',
    ...overrides,
  }
}

let scopes: ReturnType<typeof effectScope>[] = []

function use(area = 'generative_ai') {
  const scope = effectScope()
  scopes.push(scope)
  const result = scope.run(() => useLearningRecords(area))
  if (!result) throw new Error('no result')
  return result
}

describe('useLearningRecords', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await clearDatabase(db)
    await seedReference(db)
  })
  afterEach(() => {
    for (const scope of scopes) scope.stop()
    scopes = []
  })

  it('lists my records in the area, newest first, and nobody else’s nor other areas’', async () => {
    await db
      .replica('learning_records')
      .bulkPut([
        row(1, { completed_on: '2026-04-10' }),
        row(2, { completed_on: '2026-05-20' }),
        row(3, { completed_on: '2026-05-20', created_at: '2026-05-21T00:00:00+00:00' }),
        row(4, { employee_id: SOMEONE_ELSE }),
        row(5, { area_code: 'bpr' }),
      ])
    const { items } = use()
    await vi.waitFor(() => expect(items.value).toHaveLength(3))
    expect(items.value.map((item) => item.row.title)).toEqual(['記録3', '記録2', '記録1'])
    expect(items.value.every((item) => item.state === 'synced')).toBe(true)
  })

  it('writes nothing for bad input and answers the issues', async () => {
    const { record } = use()
    const result = await record(form({ title: '', minutes: 0 }))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(['minutes', 'title'])
    expect(await db.outbox.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)
  })

  it('marks a record 送信待ち while its change is queued and 確定 once applied', async () => {
    const { items, record } = use()
    expect((await record(form())).ok).toBe(true)
    await vi.waitFor(() => expect(items.value.map((i) => i.state)).toEqual(['pending']))
    const [entry] = await db.outbox.toArray()
    await markApplied(db, entry!.id, { ...items.value[0]!.row })
    await vi.waitFor(() => expect(items.value.map((i) => i.state)).toEqual(['synced']))
  })

  it('sends only the changed fields of an edit, with the version it started from', async () => {
    await db.replica('learning_records').put(row(1, { version: 3, note: '元のメモ' }))
    const { items, update } = use()
    await vi.waitFor(() => expect(items.value).toHaveLength(1))
    const current = items.value[0]!.row
    expect(
      (
        await update(
          current,
          form({ title: current.title, completed_on: current.completed_on, minutes: 45, note: '' }),
        )
      ).ok,
    ).toBe(true)
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({
      kind: 'update_learning',
      args: { id: current.id, version: 3, minutes: 45, note: '' },
    })
    expect(Object.keys(entry!.args).sort()).toEqual(['id', 'minutes', 'note', 'version'])
  })

  it('drops the session of a record from a session when it is changed to self-study', async () => {
    await db.replica('learning_records').put(row(1, { source: 'session', session_id: uuidOfSession }))
    const { items, update } = use()
    await vi.waitFor(() => expect(items.value).toHaveLength(1))
    const r = items.value[0]!.row
    const result = await update(
      r,
      form({ title: r.title, completed_on: r.completed_on, source: 'self_study' }),
    )
    expect(result.ok).toBe(true)
    const [entry] = await db.outbox.toArray()
    expect(entry!.args).toMatchObject({ source: 'self_study', session_id: null })
  })

  it('queues no change for an edit that changes nothing', async () => {
    await db.replica('learning_records').put(row(1))
    const { items, update } = use()
    await vi.waitFor(() => expect(items.value).toHaveLength(1))
    const r = items.value[0]!.row
    expect(
      (await update(r, form({ title: r.title, completed_on: r.completed_on, minutes: r.minutes }))).ok,
    ).toBe(true)
    expect(await db.outbox.count()).toBe(0)
  })

  it('shows a refused new record in its own area only, with the code, until dismissed', async () => {
    const { rejectedNew, record, dismiss } = use()
    const other = use('bpr')
    await record(form({ title: '却下される' }))
    const [entry] = await db.outbox.toArray()
    await markRejected(db, entry!.id, 'DXP043', '知識分野が見つかりません。')
    await vi.waitFor(() => expect(rejectedNew.value).toHaveLength(1))
    expect(rejectedNew.value[0]).toMatchObject({
      args: { title: '却下される' },
      rejection: { code: 'DXP043' },
    })
    expect(other.rejectedNew.value).toEqual([])
    await dismiss(entry!.id)
    await vi.waitFor(() => expect(rejectedNew.value).toEqual([]))
  })

  it('deletes with the version shown, and the record leaves the list at once', async () => {
    await db.replica('learning_records').put(row(1, { version: 2 }))
    const { items, remove } = use()
    await vi.waitFor(() => expect(items.value).toHaveLength(1))
    await remove(items.value[0]!.row)
    await vi.waitFor(() => expect(items.value).toHaveLength(0))
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ kind: 'delete_learning', args: { version: 2 } })
  })
})
