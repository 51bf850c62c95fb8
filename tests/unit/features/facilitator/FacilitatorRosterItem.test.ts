import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { afterEach, describe, expect, it } from 'vitest'
import type { RosterPerson } from '@/contract'
import type { RosterEntry as AnyRosterEntry } from '@/domain/roster'
import FacilitatorRosterItem from '@/features/facilitator/FacilitatorRosterItem.vue'
import ja from '@/i18n/ja'

type RosterEntry = AnyRosterEntry<RosterPerson>

// Attached to the document (focus moves by id), so each test's item goes before the next one's.
enableAutoUnmount(afterEach)

function mountItem(entry: Partial<RosterEntry> & Pick<RosterEntry, 'state'>) {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(FacilitatorRosterItem, {
    attachTo: document.body,
    props: {
      entry: {
        rejection: null,
        rejectionCode: null,
        present: entry.state === 'checked_in' || entry.state === 'pending',
        ...entry,
        person: {
          registration_id: '55555555-5555-4555-8555-555555555555',
          employee_id: '44444444-4444-4444-8444-444444444444',
          employee_number: '100001',
          full_name: '山田 花子',
          full_name_kana: 'ヤマダ ハナコ',
          department_name: null,
          status: 'confirmed',
          waitlist_position: null,
          checked_in_at: null,
          walk_in: false,
          survey_submitted: false,
          ...entry.person,
        },
      },
    },
    global: { plugins: [i18n] },
  })
}

describe('a person on the roster', () => {
  it('offers a check-in button named for the person, and says who it checks in', async () => {
    const wrapper = mountItem({ state: 'waiting' })
    const button = wrapper.get('button')
    expect(button.attributes('aria-label')).toBe('山田 花子さんを受付する')
    expect(wrapper.text()).toContain('未受付')
    expect(wrapper.text()).toContain('所属なし')
    await button.trigger('click')
    expect(wrapper.emitted('checkIn')).toEqual([['44444444-4444-4444-8444-444444444444']])
  })

  it.each([
    ['pending', '出席（送信待ち）'],
    ['checked_in', '出席（確定）'],
  ] as const)('shows %s as %s, with no check-in to tap twice but its undo', (state, text) => {
    const wrapper = mountItem({ state })
    expect(wrapper.text()).toContain(text)
    expect(wrapper.findAll('button').map((b) => b.attributes('aria-label'))).toEqual([
      '山田 花子さんの受付を取り消す',
    ])
  })

  it('asks before undoing, with focus on the harmless answer, and gives focus back when kept', async () => {
    const wrapper = mountItem({ state: 'checked_in' })
    const undo = wrapper.get('button')
    await undo.trigger('click')
    await flushPromises()
    const group = wrapper.get('[role="group"]')
    const question = wrapper.get(`#${group.attributes('aria-labelledby')}`)
    expect(question.text()).toBe(
      '山田 花子さんの受付を取り消しますか。出席の記録と、この研修で記録された学習が取り消されます。',
    )
    expect(document.activeElement?.textContent?.trim()).toBe('取り消さない')
    expect(wrapper.emitted('undoCheckIn')).toBeUndefined()

    await group.trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(wrapper.find('[role="group"]').exists()).toBe(false)
    expect(document.activeElement?.getAttribute('aria-label')).toBe('山田 花子さんの受付を取り消す')
  })

  it('undoes once confirmed, and moves focus to the person’s state', async () => {
    const wrapper = mountItem({ state: 'checked_in' })
    await wrapper.get('button').trigger('click')
    await flushPromises()
    const confirm = wrapper.findAll('[role="group"] button').find((b) => b.text() === '取り消す')
    await confirm!.trigger('click')
    await flushPromises()
    expect(wrapper.emitted('undoCheckIn')).toEqual([['44444444-4444-4444-8444-444444444444']])
    expect(wrapper.find('[role="group"]').exists()).toBe(false)
    expect(document.activeElement?.classList.contains('person__state')).toBe(true)
  })

  it('shows an undo waiting to be sent, and lets the person be checked in again', () => {
    const wrapper = mountItem({
      state: 'undo_pending',
      person: { status: 'attended' } as RosterEntry['person'],
    })
    expect(wrapper.text()).toContain('受付取消（送信待ち）')
    expect(wrapper.get('button').attributes('aria-label')).toBe('山田 花子さんを受付する')
  })

  it('shows a refused undo with the server’s reason, the person still present', () => {
    const wrapper = mountItem({
      state: 'undo_rejected',
      present: true,
      rejectionCode: 'DXP031',
      rejection: '受付できる時間帯ではありません。',
      person: { status: 'attended' } as RosterEntry['person'],
    })
    expect(wrapper.text()).toContain('受付を取り消せませんでした（却下）')
    expect(wrapper.text()).toContain('却下：受付できる時間帯ではありません。')
    expect(wrapper.get('button').attributes('aria-label')).toBe('山田 花子さんの受付を取り消す')
  })

  it('shows an undo refused as already undone (DXP033) with its reason, and offers the check-in', () => {
    const wrapper = mountItem({
      state: 'undo_rejected',
      present: false,
      rejectionCode: 'DXP033',
      rejection: 'この職員の出席は記録されていません。名簿を更新してご確認ください。',
    })
    expect(wrapper.text()).toContain(
      '却下：この職員の出席は記録されていません。名簿を更新してご確認ください。',
    )
    expect(wrapper.get('button').attributes('aria-label')).toBe('山田 花子さんを受付する')
  })

  it('shows a refused check-in with the server’s reason, and lets it be tried again', () => {
    const wrapper = mountItem({
      state: 'rejected',
      rejection: '受付できるのは開始 2 時間前から終了 7 日後までです。',
    })
    expect(wrapper.text()).toContain('却下：受付できるのは開始 2 時間前から終了 7 日後までです。')
    expect(wrapper.find('button').exists()).toBe(true)
  })

  it('words the feature’s own codes in the user’s language', () => {
    const wrapper = mountItem({ state: 'rejected', rejection: 'server text。', rejectionCode: 'DXP091' })
    expect(wrapper.text()).toContain('却下：この日程の運営者または DX推進課の方だけが操作できます。')
  })

  it('names a waitlisted person’s position and a walk-in', () => {
    const wrapper = mountItem({
      state: 'waiting',
      person: { status: 'waitlisted', waitlist_position: 2, walk_in: true } as RosterEntry['person'],
    })
    expect(wrapper.text()).toContain('キャンセル待ち 2番')
    expect(wrapper.text()).toContain('当日参加')
  })
})
