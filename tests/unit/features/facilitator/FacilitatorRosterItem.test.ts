import { mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import type { RosterPerson } from '@/contract'
import type { RosterEntry as AnyRosterEntry } from '@/domain/roster'
import FacilitatorRosterItem from '@/features/facilitator/FacilitatorRosterItem.vue'
import ja from '@/i18n/ja'

type RosterEntry = AnyRosterEntry<RosterPerson>

function mountItem(entry: Partial<RosterEntry> & Pick<RosterEntry, 'state'>) {
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  return mount(FacilitatorRosterItem, {
    props: {
      entry: {
        rejection: null,
        rejectionCode: null,
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
  ] as const)('shows %s as %s, with no button to tap twice', (state, text) => {
    const wrapper = mountItem({ state })
    expect(wrapper.text()).toContain(text)
    expect(wrapper.find('button').exists()).toBe(false)
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
