import 'fake-indexeddb/auto'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { beforeEach, describe, expect, it } from 'vitest'
import { applyPullChanges, db, mutate } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import SurveyDueCard from '@/features/surveys/SurveyDueCard.vue'
import { SESSION_ID, USER, emptyDatabase, writeReplica, until } from './support'

function mountCard() {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(SurveyDueCard, { global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } } })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: USER, email: null }
  await emptyDatabase()
})

describe('the surveys waiting for me, on home', () => {
  it('links to the survey of an attended session, marks it 送信待ち once sent, and drops it once confirmed', async () => {
    await writeReplica()
    const wrapper = mountCard()
    await until(() => wrapper.findAllComponents(RouterLinkStub).length === 1)
    const link = wrapper.getComponent(RouterLinkStub)
    expect(link.props('to')).toEqual({ name: 'session-survey', params: { sessionId: SESSION_ID } })
    expect(link.text()).toContain('BPRワークショップ')
    expect(link.text()).toContain('2026年11月20日(金)実施')
    expect(link.text()).not.toContain('送信待ち')

    await mutate(db, USER, 'submit_survey', {
      id: '77777777-7777-4777-8777-777777777777',
      session_id: SESSION_ID,
      answers: { satisfaction: 4 },
    })
    await until(() => wrapper.text().includes('送信待ち'))

    await db.outbox.clear()
    await applyPullChanges(
      db,
      [
        {
          table: 'survey_submissions',
          key: `${SESSION_ID}:${USER}`,
          op: 'upsert',
          row: { session_id: SESSION_ID, employee_id: USER },
        },
      ],
      USER,
    )
    await until(() => wrapper.findAllComponents(RouterLinkStub).length === 0)
    expect(wrapper.text()).toContain('回答待ちのアンケートはありません。')
  })

  it('lists a follow-up once its weeks have passed, linking to the follow-up page', async () => {
    await writeReplica({ startsAt: '2026-06-01T10:00:00+09:00', followUpWeeks: 4, submitted: true })
    const wrapper = mountCard()
    await until(() => wrapper.findAllComponents(RouterLinkStub).length === 1)
    const link = wrapper.getComponent(RouterLinkStub)
    expect(link.props('to')).toEqual({ name: 'session-follow-up', params: { sessionId: SESSION_ID } })
    expect(link.text()).toContain('事後アンケート')
  })

  it('lists nothing for a session the user registered for but did not attend', async () => {
    await writeReplica({ status: 'confirmed' })
    const wrapper = mountCard()
    await until(() => wrapper.text().includes('回答待ちのアンケートはありません。'))
    expect(wrapper.findAllComponents(RouterLinkStub)).toHaveLength(0)
  })
})
