import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { hasUnsavedInput } from '@/composables/useUnsavedInput'
import { learningRecordDraftKey } from '@/composables/useLearningRecordForm'
import { db, markApplied, markRejected } from '@/data'
import { tokyoDateOf } from '@/domain'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import LearningRecordsSection from '@/features/learning/LearningRecordsSection.vue'
import { ME, clearDatabase, seedReference } from '../replica-fixtures'

const AREA = 'generative_ai'
const today = tokyoDateOf(new Date())
const tomorrow = tokyoDateOf(new Date(Date.now() + 24 * 60 * 60 * 1000))

let wrapper: VueWrapper | undefined

function mountSection() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(LearningRecordsSection, {
    props: { areaCode: AREA, areaName: '生成AI' },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  return wrapper
}

function button(w: VueWrapper, name: string) {
  const found = w.findAll('button').find((b) => b.text().startsWith(name))
  if (!found) throw new Error(`no button ${name}: ${w.findAll('button').map((b) => b.text())}`)
  return found
}

async function openForm(w: VueWrapper) {
  await button(w, '記録する').trigger('click')
  await flushPromises()
}

async function fill(
  w: VueWrapper,
  values: { title?: string; completed_on?: string; minutes?: string; note?: string; source?: string },
) {
  if (values.source !== undefined) await w.get('#learning-source').setValue(values.source)
  if (values.title !== undefined) await w.get('#learning-title').setValue(values.title)
  if (values.completed_on !== undefined) await w.get('#learning-completed_on').setValue(values.completed_on)
  if (values.minutes !== undefined) await w.get('#learning-minutes').setValue(values.minutes)
  if (values.note !== undefined) await w.get('#learning-note').setValue(values.note)
}

/** Submits and waits until the form is done saving (its button busy no more, or the form closed). */
async function submit(w: VueWrapper) {
  await w.get('form').trigger('submit')
  // The write goes through IndexedDB: wait for its outcome, not for a time that a busy machine outlasts.
  await vi.waitFor(
    () => expect(w.find('form').exists() && w.find('form [aria-busy="true"]').exists()).toBe(false),
    { timeout: 10_000 },
  )
  await flushPromises()
}

/** The one queued change, which must be a new learning record. */
async function queuedRecord() {
  const [entry] = await db.outbox.toArray()
  if (entry?.kind !== 'record_learning') throw new Error(`expected one record_learning, got ${entry?.kind}`)
  return entry
}

const errorOf = (w: VueWrapper, field: string) => {
  const el = w.find(`#learning-${field}-error`)
  return el.exists() ? el.text() : null
}

describe('recording learning in an area', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    sessionStorage.clear()
    await clearDatabase(db)
    await seedReference(db)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('refuses an empty title, 0 minutes and a date after today, says why at each field, and writes nothing', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: '   ', completed_on: tomorrow, minutes: '0' })
    await submit(w)
    expect(errorOf(w, 'title')).toBe('題名を入力してください。')
    expect(errorOf(w, 'minutes')).toBe('学習時間は1〜1440分の整数で入力してください。')
    expect(w.get('#learning-title').attributes('aria-invalid')).toBe('true')
    expect(w.get('#learning-title').attributes('aria-describedby')).toContain('learning-title-error')
    expect(w.get('[role="alert"]').text()).toContain('入力内容に誤りがあります。')
    expect(await db.outbox.count()).toBe(0)
    expect(await db.replica('learning_records').count()).toBe(0)

    // The date is checked once the other fields pass: validateArgs reports the schema's issues first.
    await fill(w, { title: '生成AI入門', minutes: '30' })
    await submit(w)
    expect(errorOf(w, 'title')).toBeNull()
    expect(errorOf(w, 'completed_on')).toBe('未来の日付は入力できません。今日以前の日付を入力してください。')
    expect(await db.outbox.count()).toBe(0)
  })

  it('refuses a 201-character title and 1441 minutes, and takes 200 characters and 1440 minutes', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: 'あ'.repeat(201), completed_on: today, minutes: '1441' })
    await submit(w)
    expect(errorOf(w, 'title')).toBe('題名は200字以内で入力してください。')
    expect(errorOf(w, 'minutes')).toBe('学習時間は1〜1440分の整数で入力してください。')
    expect(await db.outbox.count()).toBe(0)

    await fill(w, { title: 'あ'.repeat(200), minutes: '1440' })
    await submit(w)
    expect(w.find('form').exists()).toBe(false)
    const entries = await db.outbox.toArray()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ kind: 'record_learning', user_id: ME, status: 'pending' })
    expect(entries[0]!.args).toMatchObject({ area_code: AREA, minutes: 1440, completed_on: today })
  })

  it('refuses a note of 2001 characters and an empty minutes field', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: '題名', completed_on: today, minutes: '', note: 'x'.repeat(2001) })
    await submit(w)
    expect(errorOf(w, 'minutes')).toBe('学習時間は1〜1440分の整数で入力してください。')
    expect(errorOf(w, 'note')).toBe('メモは2000字以内で入力してください。')
    expect(await db.outbox.count()).toBe(0)
  })

  it('shows a new record at once as 送信待ち, then 確定 once the server applied it', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: '生成AIで議事録を要約', completed_on: today, minutes: '45', source: 'e_learning' })
    await submit(w)
    await vi.waitFor(() => expect(w.findAll('li.record')).toHaveLength(1))
    const item = w.get('li.record')
    expect(item.text()).toContain('生成AIで議事録を要約')
    expect(item.text()).toContain('送信待ち')
    expect(item.text()).toContain('eラーニング')
    expect(item.text()).toContain('45分')

    const entry = await queuedRecord()
    const row = await db.replica('learning_records').get(entry.args.id)
    await markApplied(db, entry.id, { ...row! })
    await vi.waitFor(() => expect(w.get('li.record').text()).toContain('確定'))
    expect(w.get('li.record').text()).not.toContain('送信待ち')
  })

  it('keeps a half-filled form across a reload, for this user only, and tells the update banner', async () => {
    const first = mountSection()
    await openForm(first)
    expect(hasUnsavedInput.value).toBe(false)
    await fill(first, { title: '下書きの題名', minutes: '20' })
    expect(hasUnsavedInput.value).toBe(true)
    expect(JSON.parse(sessionStorage.getItem(learningRecordDraftKey(ME, AREA))!)).toMatchObject({
      title: '下書きの題名',
      minutes: 20,
    })
    first.unmount()
    wrapper = undefined
    expect(hasUnsavedInput.value).toBe(false)

    const again = mountSection()
    await flushPromises()
    expect((again.get('#learning-title').element as HTMLInputElement).value).toBe('下書きの題名')
    expect(again.text()).toContain('入力途中の内容を復元しました。')
    expect(hasUnsavedInput.value).toBe(true)
    again.unmount()

    useAuthStore().user = { id: '22222222-2222-4222-8222-222222222222', email: null }
    const other = mountSection()
    await flushPromises()
    expect(other.find('form').exists()).toBe(false)
  })

  it('edits a record with the version it was read at, and shows the server’s conflict honestly', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: '元の題名', completed_on: today, minutes: '30' })
    await submit(w)
    const created = await queuedRecord()
    const row = (await db.replica('learning_records').get(created.args.id))!
    await markApplied(db, created.id, { ...row })
    await vi.waitFor(() => expect(w.get('li.record').text()).toContain('確定'))

    await button(w, '編集').trigger('click')
    await flushPromises()
    expect(w.text()).toContain('学習記録を編集する')
    expect(hasUnsavedInput.value).toBe(false)
    await fill(w, { title: '直した題名' })
    await submit(w)
    const [update] = await db.outbox.toArray()
    expect(update).toMatchObject({
      kind: 'update_learning',
      args: { id: row.id, version: 1, title: '直した題名' },
    })
    expect(update!.args).not.toHaveProperty('minutes')
    await vi.waitFor(() => expect(w.get('li.record').text()).toContain('直した題名'))

    await markRejected(db, update!.id, 'DXP041', 'この学習記録はほかの端末で更新されています。', {
      ...row,
      title: 'ほかの端末での題名',
      version: 2,
    })
    await vi.waitFor(() => expect(w.get('li.record').text()).toContain('却下'))
    const item = w.get('li.record')
    expect(item.text()).toContain('ほかの端末での題名')
    expect(item.text()).toContain('ほかの端末で更新されていたため')
    await button(w, '確認しました').trigger('click')
    await vi.waitFor(() => expect(w.get('li.record').text()).not.toContain('却下'))
    expect(await db.outbox.count()).toBe(0)
  })

  it('shows a record credited by attending a training with where it came from, and offers no way to edit it', async () => {
    const sessionId = '33333333-3333-4333-8333-333333333333'
    await db.replica('learning_records').put({
      id: '44444444-4444-4444-8444-444444444444',
      employee_id: ME,
      area_code: AREA,
      source: 'session',
      session_id: sessionId,
      title: '生成AI活用ワークショップ',
      minutes: 210,
      completed_on: today,
      note: '',
      version: 1,
      created_at: `${today}T10:00:00+09:00`,
      updated_at: `${today}T10:00:00+09:00`,
    })
    const w = mountSection()
    await vi.waitFor(() => expect(w.text()).toContain('生成AI活用ワークショップ'))
    const item = w.get('li.record')
    expect(item.text()).toContain('研修の出席から自動で記録されました')
    expect(item.findAll('button').map((b) => b.text())).toEqual([])

    // A new record cannot claim a training either: attendance writes those.
    await openForm(w)
    const options = w.findAll('#learning-source option').map((o) => o.attributes('value'))
    expect(options).toEqual(['self_study', 'e_learning', 'other'])
  })

  it('deletes a record only after the confirmation', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: '消す記録', completed_on: today, minutes: '10' })
    await submit(w)
    await vi.waitFor(() => expect(w.findAll('li.record')).toHaveLength(1))

    await button(w, '削除').trigger('click')
    await flushPromises()
    expect(document.querySelector('dialog')?.textContent).toContain('「消す記録」を削除します。')
    const cancel = w.findAll('dialog button').find((b) => b.text() === 'キャンセル')!
    await cancel.trigger('click')
    await flushPromises()
    expect(await db.outbox.count()).toBe(1)

    // As from the keyboard: the focus is on 削除 when the dialog opens, and goes back there after.
    ;(button(w, '削除').element as HTMLButtonElement).focus()
    await button(w, '削除').trigger('click')
    await flushPromises()
    await w
      .findAll('dialog button')
      .find((b) => b.text() === '削除する')!
      .trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(w.findAll('li.record')).toHaveLength(0))
    expect((await db.outbox.toArray()).map((e) => e.kind)).toEqual(['record_learning', 'delete_learning'])
    // The focus does not go down with the deleted record's buttons.
    expect(document.activeElement?.id).toBe('learning-open')
  })

  it('keeps a refused new record visible with the reason until it is dismissed', async () => {
    const w = mountSection()
    await openForm(w)
    await fill(w, { title: '却下される記録', completed_on: today, minutes: '10' })
    await submit(w)
    const [entry] = await db.outbox.toArray()
    await markRejected(db, entry!.id, 'DXP016', '未来の日付は登録できません。完了日を確認してください。')
    await vi.waitFor(() =>
      expect(w.text()).toContain('次の記録は受け付けられませんでした：「却下される記録」'),
    )
    expect(w.text()).toContain('理由：未来の日付・時刻は入力できません。')
    expect(w.findAll('li.record')).toHaveLength(0)
    await button(w, '確認しました').trigger('click')
    await vi.waitFor(() => expect(w.text()).not.toContain('却下される記録'))
  })
})
