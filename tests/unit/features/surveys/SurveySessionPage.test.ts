import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { hasUnsavedInput } from '@/composables/useUnsavedInput'
import { db, loadDraft, markApplied, markRejected } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import SurveySessionPage from '@/features/surveys/SurveySessionPage.vue'
import { SESSION_ID, USER, emptyDatabase, writeReplica, until } from './support'

const mounted: { unmount: () => void }[] = []

function mountPage() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(SurveySessionPage, {
    attachTo: document.body,
    props: { sessionId: SESSION_ID },
    global: { plugins: [i18n] },
  })
  mounted.push(wrapper)
  return wrapper
}

/** Live queries answer after IndexedDB does: wait until the page shows what the test looks for. */

function statusOf(wrapper: ReturnType<typeof mountPage>): string {
  const heading = wrapper.find('[role="status"] h2')
  return heading.exists() ? heading.text() : ''
}

async function fillAll(wrapper: ReturnType<typeof mountPage>) {
  await wrapper.get('fieldset input[value="4"]').setValue(true)
  const phases = wrapper.findAll('.survey-area__phase')
  await phases[0]!.get('input[value="2"]').setValue(true)
  await phases[1]!.get('input[value="4"]').setValue(true)
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: USER, email: null }
  await emptyDatabase()
})
afterEach(() => {
  while (mounted.length > 0) mounted.pop()!.unmount()
})

describe('the session survey page', () => {
  it('keeps a half-filled survey as a draft and restores it after a reload', async () => {
    await writeReplica()
    const first = mountPage()
    await until(() => first.find('form').exists(), 'the form')
    expect(first.text()).toContain('BPRワークショップ')
    expect(first.text()).toContain('2026年11月20日(金)実施')
    expect(first.text()).not.toContain('前回の入力内容を復元しました。')
    expect(hasUnsavedInput.value).toBe(false)
    await first.get('fieldset input[value="4"]').setValue(true)
    await first.get('textarea').setValue('図にすると分かりやすい')
    await until(() => hasUnsavedInput.value, 'the unsaved-input flag')
    // The draft is saved to IndexedDB: wait until it is there, not for a time a busy machine outlasts.
    await vi.waitFor(
      async () =>
        expect((await loadDraft(db, USER, `survey:${SESSION_ID}`))?.value).toEqual({
          satisfaction: 4,
          good_points: '図にすると分かりやすい',
        }),
      { timeout: 10_000 },
    )
    first.unmount()
    mounted.pop()
    expect(hasUnsavedInput.value).toBe(false)

    const second = mountPage()
    await until(() => second.find('form').exists(), 'the form again')
    expect(second.get('[role="status"]').text()).toBe('前回の入力内容を復元しました。')
    expect(second.get('fieldset input:checked').attributes('value')).toBe('4')
    expect((second.get('textarea').element as HTMLTextAreaElement).value).toBe('図にすると分かりやすい')
    expect(hasUnsavedInput.value).toBe(true)
  })

  it('queues nothing while a required answer is missing', async () => {
    await writeReplica()
    const wrapper = mountPage()
    await until(() => wrapper.find('form').exists(), 'the form')
    await wrapper.get('fieldset input[value="4"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('.survey-form__summary').text()).toContain('1件あります')
    expect(await db.outbox.count()).toBe(0)
  })

  it('queues the answers through the outbox, shows 送信待ち, then the confirmed answers', async () => {
    await writeReplica()
    const wrapper = mountPage()
    await until(() => wrapper.find('form').exists(), 'the form')
    await fillAll(wrapper)
    await wrapper.get('form').trigger('submit')
    await until(() => statusOf(wrapper) === '送信待ち', '送信待ち')
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ kind: 'submit_survey', user_id: USER, status: 'pending' })
    expect(entry?.args).toMatchObject({
      session_id: SESSION_ID,
      answers: { satisfaction: 4, self_assessment: { bpr: { before: 2, after: 4 } } },
    })
    expect(await loadDraft(db, USER, `survey:${SESSION_ID}`)).toBeUndefined()
    expect(wrapper.find('form').exists()).toBe(false)
    expect(hasUnsavedInput.value).toBe(false)
    expect(wrapper.text()).toContain('満足度')

    // The server answers: the response row arrives with the answer, the submission with the pull.
    const args = entry!.args as { id: string; answers: Record<string, unknown> }
    await markApplied(db, entry!.id, {
      id: args.id,
      template_id: '00000000-0000-4000-8000-000000000001',
      session_id: SESSION_ID,
      respondent_id: USER,
      answers: args.answers,
      collected_by: USER,
      collected_device: null,
      collected_at: '2026-11-20T04:00:00+00:00',
      submitted_at: '2026-11-20T04:00:00+00:00',
    })
    await until(() => statusOf(wrapper) === '確定', '確定')
    expect(wrapper.get('dl').text()).toContain('4（5段階）')
    expect(wrapper.get('dl').text()).toContain('BPR（業務改革）：受講前 2 → 受講後 4')
    expect(wrapper.get('dl').text()).toContain('未回答')
  })

  it('shows the server’s reason for a refused survey and lets the user correct and resend it', async () => {
    await writeReplica()
    const wrapper = mountPage()
    await until(() => wrapper.find('form').exists(), 'the form')
    await fillAll(wrapper)
    await wrapper.get('form').trigger('submit')
    await until(() => wrapper.text().includes('送信待ち'), '送信待ち')
    const [entry] = await db.outbox.toArray()
    await markRejected(db, entry!.id, 'DXP053', '回答内容に誤りがあります（理解度）。')
    await until(() => wrapper.text().includes('却下されました'), '却下')
    expect(wrapper.get('[role="alert"]').text()).toContain('回答内容に誤りがあります（理解度）。')
    const resend = wrapper.findAll('button').find((b) => b.text() === '回答を直して送信し直す')!
    await resend.trigger('click')
    await until(() => !wrapper.text().includes('却下されました'), 'the rejection dismissed')
    expect(await db.outbox.count()).toBe(0)
    expect(wrapper.get('fieldset input:checked').attributes('value')).toBe('4')
  })

  it.each([
    ['not attended', { status: 'confirmed' as const }, '出席が記録されていないため'],
    ['not started', { startsAt: '2099-01-01T10:00:00+09:00' }, '研修が始まる前は回答できません。'],
  ])('says in plain words why a survey cannot be answered: %s', async (_name, options, text) => {
    await writeReplica(options)
    const wrapper = mountPage()
    await until(() => wrapper.text().includes('このアンケートには回答できません'), 'the reason')
    expect(wrapper.text()).toContain(text)
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('says a survey was answered, without the answers of an anonymous one', async () => {
    await writeReplica({ anonymous: true, submitted: true })
    const wrapper = mountPage()
    await until(() => statusOf(wrapper) === '確定', '確定')
    expect(wrapper.text()).toContain('匿名のアンケートのため、回答の内容は表示しません。')
    expect(wrapper.find('dl').exists()).toBe(false)
  })

  it('shows an identified answered survey read-only, from the replica', async () => {
    await writeReplica({ submitted: true, response: { satisfaction: 5, good_points: '実習が良かった' } })
    const wrapper = mountPage()
    await until(() => wrapper.find('dl').exists(), 'the answers')
    expect(wrapper.get('dl').text()).toContain('実習が良かった')
    expect(wrapper.find('form').exists()).toBe(false)
  })
})

describe('the follow-up survey page', () => {
  function mountFollowUp() {
    const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
    const wrapper = mount(SurveySessionPage, {
      attachTo: document.body,
      props: { sessionId: SESSION_ID, phase: 'follow_up' },
      global: { plugins: [i18n] },
    })
    mounted.push(wrapper)
    return wrapper
  }

  it('asks the follow-up questions once due and queues them as phase follow_up', async () => {
    await writeReplica({ startsAt: '2026-06-01T10:00:00+09:00', followUpWeeks: 4, submitted: true })
    const wrapper = mountFollowUp()
    await until(() => wrapper.find('form').exists(), 'the form')
    expect(wrapper.get('h1').text()).toBe('事後アンケート')
    expect(wrapper.text()).toContain('職場で活用しましたか。')
    expect(wrapper.text()).not.toContain('満足度')
    await wrapper.get('input[value="often"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await until(() => statusOf(wrapper) === '送信待ち', '送信待ち')
    const [entry] = await db.outbox.toArray()
    expect(entry?.args).toMatchObject({
      session_id: SESSION_ID,
      phase: 'follow_up',
      answers: { applied: 'often' },
    })
    // The post-training survey's draft is another draft: the follow-up's never touches it.
    expect(await loadDraft(db, USER, `survey:${SESSION_ID}`)).toBeUndefined()
  })

  it('says from when a follow-up can be answered, and that the post-training survey comes first', async () => {
    await writeReplica({ startsAt: '2026-11-20T10:00:00+09:00', followUpWeeks: 52, submitted: true })
    const early = mountFollowUp()
    await until(() => early.text().includes('このアンケートには回答できません'), 'the reason')
    expect(early.text()).toContain('事後アンケートは2027年11月19日(金)から回答できます。')
    early.unmount()
    mounted.pop()

    await emptyDatabase()
    await writeReplica({ startsAt: '2026-06-01T10:00:00+09:00', followUpWeeks: 4 })
    const first = mountFollowUp()
    await until(() => first.text().includes('このアンケートには回答できません'), 'the reason')
    expect(first.text()).toContain('事後アンケートの前に、研修後のアンケートに回答してください。')
    expect(first.findAll('a').map((a) => a.text())).toContain('研修後のアンケートに回答する')
  })

  it('shows an answered follow-up as 確定', async () => {
    await writeReplica({
      startsAt: '2026-06-01T10:00:00+09:00',
      followUpWeeks: 4,
      submitted: true,
      followUpAnswered: true,
    })
    const wrapper = mountFollowUp()
    await until(() => statusOf(wrapper) === '確定', '確定')
  })
})
