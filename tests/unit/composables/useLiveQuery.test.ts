import 'fake-indexeddb/auto'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h, shallowRef } from 'vue'
import { useLiveQuery } from '@/composables/useLiveQuery'
import type { DxpDatabase } from '@/data/db'
import type { LearningRecordRow } from '@/data/rows'
import { ALICE, BOB, freshDb, serverRecord, uuidOf } from '../data/support'

let db: DxpDatabase

afterEach(async () => {
  await db.delete()
})

const titlesOf = (rows: readonly LearningRecordRow[]) => rows.map((row) => row.title)

describe('useLiveQuery', () => {
  it('shows the rows and follows every change to the table, until the component is unmounted', async () => {
    db = freshDb()
    await db.replica('learning_records').put(serverRecord(uuidOf(1), { title: '一' }))
    const querier = vi.fn(() => db.replica('learning_records').orderBy('id').toArray())
    const wrapper = mount(
      defineComponent({
        setup() {
          const { data } = useLiveQuery(querier, { initialValue: [] })
          return () => h('p', titlesOf(data.value).join(','))
        },
      }),
    )
    expect(wrapper.text()).toBe('')
    await vi.waitFor(() => expect(wrapper.text()).toBe('一'))

    await db.replica('learning_records').put(serverRecord(uuidOf(2), { title: '二' }))
    await vi.waitFor(() => expect(wrapper.text()).toBe('一,二'))

    wrapper.unmount()
    const runs = querier.mock.calls.length
    await db.replica('learning_records').put(serverRecord(uuidOf(3), { title: '三' }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(querier.mock.calls.length).toBe(runs)
  })

  it('queries again when a reactive input changes, and not for the old input any more', async () => {
    db = freshDb()
    await db
      .replica('learning_records')
      .bulkPut([
        serverRecord(uuidOf(1), { title: 'A の記録' }),
        serverRecord(uuidOf(2), { title: 'B の記録', employee_id: BOB }),
      ])
    const employee = shallowRef(ALICE)
    const scope = effectScope()
    const result = scope.run(() =>
      useLiveQuery(() => db.replica('learning_records').where({ employee_id: employee.value }).toArray(), {
        deps: employee,
        initialValue: [] as LearningRecordRow[],
      }),
    )
    if (!result) throw new Error('no result')
    await vi.waitFor(() => expect(titlesOf(result.data.value)).toEqual(['A の記録']))
    expect(result.isLoading.value).toBe(false)

    employee.value = BOB
    await vi.waitFor(() => expect(titlesOf(result.data.value)).toEqual(['B の記録']))
    await db.replica('learning_records').put(serverRecord(uuidOf(3), { title: 'A の新しい記録' }))
    await db
      .replica('learning_records')
      .put(serverRecord(uuidOf(4), { title: 'B の新しい記録', employee_id: BOB }))
    await vi.waitFor(() => expect(titlesOf(result.data.value)).toEqual(['B の記録', 'B の新しい記録']))
    scope.stop()
  })

  it('reports a failing query as an error', async () => {
    db = freshDb()
    const scope = effectScope()
    const result = scope.run(() =>
      useLiveQuery(() => db.replica('learning_records').where('no_such_index').equals(1).toArray()),
    )
    if (!result) throw new Error('no result')
    await vi.waitFor(() => expect(result.error.value).toBeInstanceOf(Error))
    expect(result.isLoading.value).toBe(false)
    expect(result.data.value).toBeUndefined()
    scope.stop()
  })
})
