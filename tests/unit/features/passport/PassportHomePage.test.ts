import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { db, type LearningRecordRow } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import PassportHomePage from '@/features/passport/PassportHomePage.vue'
import { allAreaCodes } from '../../domain/atsugi-plan'
import { ME, SOMEONE_ELSE, clearDatabase, profileRow, seedReference } from '../replica-fixtures'

const Blank = defineComponent({ template: '<p />' })
let wrapper: VueWrapper | undefined

function mountHome() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/areas/:code', name: 'area', component: Blank },
      { path: '/catalogue', name: 'catalogue', component: Blank },
      { path: '/sessions/:id', name: 'session', component: Blank },
      { path: '/s/:sessionId/survey', name: 'session-survey', component: Blank },
      { path: '/route', name: 'route', component: Blank },
      { path: '/route/certificate', name: 'certificate', component: Blank },
    ],
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(PassportHomePage, { global: { plugins: [i18n, router] } })
  return wrapper
}

function recordsIn(codes: readonly string[], employee = ME, completedOn = '2026-05-01'): LearningRecordRow[] {
  return codes.map((area) => ({
    id: crypto.randomUUID(),
    employee_id: employee,
    area_code: area,
    source: 'self_study',
    session_id: null,
    title: `${area}の自己学習`,
    minutes: 30,
    completed_on: completedOn,
    note: '',
    version: 1,
    created_at: '2026-05-01T00:00:00+00:00',
    updated_at: '2026-05-01T00:00:00+00:00',
  }))
}

const bar = (w: VueWrapper) => w.get('[role="progressbar"]')
const stepsText = (w: VueWrapper) => w.get('ol.steps').text()
const areaRow = (w: VueWrapper, code: string) => w.get(`li.area[data-area="${code}"]`).text()

async function settled(w: VueWrapper, check: () => void) {
  await vi.waitFor(() => {
    check()
  })
  await flushPromises()
  return w
}

describe('ホーム: my role, my progress and what to do next', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await clearDatabase(db)
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('says honestly that nothing is here yet before the first pull, and shows no progress', async () => {
    const w = mountHome()
    await settled(w, () => expect(w.text()).toContain('まだこの端末にデータがありません。'))
    expect(w.find('[role="progressbar"]').exists()).toBe(false)
    expect(w.find('ol.steps').exists()).toBe(false)
  })

  it('shows a promoter with no records 0 of 6, the plan’s duties, and the first two areas to study', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    const w = mountHome()
    await settled(w, () => expect(w.find('[role="progressbar"]').exists()).toBe(true))
    expect(bar(w).attributes()).toMatchObject({ 'aria-valuenow': '0', 'aria-valuemax': '6' })
    expect(w.text()).toContain('0 / 6分野')
    expect(w.text()).toContain('DX推進員')
    expect(w.text()).toContain('担当業務の効率化に向けた見直し')
    expect(w.text()).toContain('職位：主任')
    expect(areaRow(w, 'dx_basics')).toContain('必須')
    expect(areaRow(w, 'dx_basics')).toContain('未修了')
    expect(areaRow(w, 'it_governance')).toContain('任意')
    expect(stepsText(w)).toContain('必須の「DX基礎知識・最新動向」を学びましょう。')
    expect(stepsText(w)).toContain('必須の「デザイン思考」を学びましょう。')
    expect(w.get('ol.steps a').attributes('href')).toBe('/areas/dx_basics')
  })

  it('counts only my own records, and moves as soon as one is added', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    await db.replica('learning_records').bulkPut(recordsIn(['dx_basics', 'bpr'], SOMEONE_ELSE))
    const w = mountHome()
    await settled(w, () => expect(w.find('[role="progressbar"]').exists()).toBe(true))
    expect(bar(w).attributes('aria-valuenow')).toBe('0')

    await db.replica('learning_records').bulkPut(recordsIn(['dx_basics']))
    await settled(w, () => expect(bar(w).attributes('aria-valuenow')).toBe('1'))
    expect(areaRow(w, 'dx_basics')).toContain('修了')
    expect(stepsText(w)).not.toContain('DX基礎知識')
  })

  it('marks all six done with 達成 and suggests an optional area, then all done once all nine are', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    await db.replica('learning_records').bulkPut(recordsIn(allAreaCodes.slice(0, 6)))
    const w = mountHome()
    await settled(w, () => expect(w.find('[role="progressbar"]').exists()).toBe(true))
    expect(w.text()).toContain('6 / 6分野')
    expect(w.text()).toContain('達成')
    expect(stepsText(w)).toContain('任意の「ITガバナンス」にも取り組んでみましょう。')

    await db.replica('learning_records').bulkPut(recordsIn(allAreaCodes))
    await settled(w, () => expect(stepsText(w)).toContain('すべての知識分野を修了しました。'))
    expect(w.text()).toContain('任意の分野：3分野を修了')
  })

  it('follows a role change: promoted to 係長, the same records count 6 of 8', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow())
    await db.replica('learning_records').bulkPut(recordsIn(allAreaCodes.slice(0, 6)))
    const w = mountHome()
    await settled(w, () => expect(w.find('[role="progressbar"]').exists()).toBe(true))
    expect(bar(w).attributes('aria-valuemax')).toBe('6')

    await db.replica('profiles').put(profileRow({ position_grade_code: 'kakaricho' }))
    await settled(w, () => expect(bar(w).attributes('aria-valuemax')).toBe('8'))
    expect(bar(w).attributes('aria-valuenow')).toBe('6')
    expect(w.text()).toContain('DX推進管理者')
    expect(w.text()).not.toContain('DX推進員')
    expect(areaRow(w, 'it_governance')).toContain('必須')
    expect(stepsText(w)).toContain('必須の「ITガバナンス」を学びましょう。')
  })

  it('asks a 係長 who is a leader candidate for all nine areas, and names both roles', async () => {
    await seedReference(db)
    await db.replica('profiles').put(
      profileRow({
        position_grade_code: 'kakaricho',
        leader_candidacy_fy: 2026,
        leader_candidacy_method: 'nominated',
      }),
    )
    await db.replica('learning_records').bulkPut(recordsIn(allAreaCodes.slice(0, 8)))
    const w = mountHome()
    await settled(w, () => expect(w.find('[role="progressbar"]').exists()).toBe(true))
    expect(bar(w).attributes()).toMatchObject({ 'aria-valuenow': '8', 'aria-valuemax': '9' })
    expect(w.text()).toContain('DX推進管理者')
    expect(w.text()).toContain('DX推進リーダー（候補）')
    expect(areaRow(w, 'cross_org_dx')).toContain('必須')
    expect(stepsText(w)).toContain('必須の「全庁横断的なDX推進」を学びましょう。')
  })

  it('sends a leader candidate with all nine areas done to the route, not to "all done"', async () => {
    await seedReference(db)
    await db.replica('profiles').put(
      profileRow({
        position_grade_code: 'kakaricho',
        leader_candidacy_fy: 2026,
        leader_candidacy_method: 'volunteered',
      }),
    )
    await db.replica('learning_records').bulkPut(recordsIn(allAreaCodes))
    const w = mountHome()
    await settled(w, () => expect(w.find('ol.steps').exists()).toBe(true))
    expect(stepsText(w)).toContain('残りの認定要件を「認定までの道のり」で確認しましょう。')
    expect(stepsText(w)).not.toContain('すべての知識分野を修了しました')
    expect(w.get('ol.steps a').attributes('href')).toBe('/route')
  })

  it('links a certified leader to the certificate, and a candidate or a revoked leader not', async () => {
    await seedReference(db)
    await db
      .replica('profiles')
      .put(profileRow({ leader_candidacy_fy: 2026, leader_candidacy_method: 'volunteered' }))
    const certificateLink = (w: VueWrapper) =>
      w.findAll('a').filter((a) => a.text().trim() === '認定証を表示する')
    const w = mountHome()
    await settled(w, () => expect(w.text()).toContain('DX推進リーダー（候補）'))
    expect(certificateLink(w)).toHaveLength(0)

    const certification = {
      id: '00000000-0000-4000-8000-0000000000c1',
      employee_id: ME,
      fiscal_year: 2026,
      approved_by: SOMEONE_ELSE,
      approved_at: '2026-11-20T06:00:00Z',
      revoked_at: null,
      revoked_reason: null,
    }
    await db.replica('certifications').put(certification)
    await settled(w, () => expect(certificateLink(w)).toHaveLength(1))
    expect(certificateLink(w)[0]!.attributes('href')).toBe('/route/certificate')
    expect(w.text()).not.toContain('DX推進リーダー（候補）')

    await db.replica('certifications').put({
      ...certification,
      revoked_at: '2026-11-25T06:00:00Z',
      revoked_reason: '要件の確認誤り',
    })
    await settled(w, () => expect(certificateLink(w)).toHaveLength(0))
  })

  it('says the role cannot be told for a profile without a grade, and suggests nothing', async () => {
    await seedReference(db)
    await db.replica('profiles').put(profileRow({ position_grade_code: null }))
    const w = mountHome()
    await settled(w, () => expect(w.text()).toContain('職位が登録されていないため'))
    expect(w.find('[role="progressbar"]').exists()).toBe(false)
    expect(w.text()).toContain('役割を判定できないため、おすすめを表示できません。')
  })
})
