import 'fake-indexeddb/auto'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db, markRejected, type CertificationRuleRow, type ProfileRow } from '@/data'
import { fiscalYearOf, reiwaFiscalYearLabel } from '@/domain'
import ja from '@/i18n/ja'
import { routes } from '@/router'
import { useAuthStore } from '@/stores/auth'
import RouteCertificatePage from '@/features/route/RouteCertificatePage.vue'
import RoutePage from '@/features/route/RoutePage.vue'

const ME = '00000000-0000-4000-a000-000000000003'
const AREAS = [
  ['dx_basics', 'DX基礎知識・最新動向'],
  ['design_thinking', 'デザイン思考'],
  ['bpr', 'BPR（業務改革）'],
  ['generative_ai', '生成AI'],
  ['information_security', '情報セキュリティ'],
  ['online_procedures', '行政手続オンライン化'],
  ['it_governance', 'ITガバナンス'],
  ['system_management', '情報システム管理'],
  ['cross_org_dx', '全庁横断的なDX推進'],
] as const
const RULES: [string, CertificationRuleRow['kind'], Record<string, unknown>, string][] = [
  ['candidacy', 'candidacy', {}, '立候補または指名によるリーダー候補であること'],
  ['all_areas', 'areas_completed', { role: 'leader' }, '9つの知識分野すべての修了'],
  [
    'elearning',
    'training_completed',
    { training_kind: 'elearning', fiscal_year: 'candidacy' },
    'e-Learningの修了',
  ],
  [
    'workshop',
    'training_attended_with_survey',
    { training_kind: 'workshop', min_count: 1 },
    'ワークショップ',
  ],
  ['approval', 'division_approval', {}, 'DX推進課による認定'],
]
const FY = fiscalYearOf(new Date())
const stamp = '2026-04-01T00:00:00+09:00'

function profile(overrides: Partial<ProfileRow> = {}): ProfileRow {
  return {
    id: ME,
    employee_number: '000003',
    full_name: '飯山　悠斗',
    full_name_kana: 'イイヤマ　ユウト',
    department_code: null,
    position_grade_code: 'shuji',
    app_role: 'employee',
    leader_candidacy_fy: null,
    leader_candidacy_method: null,
    email: null,
    left_on: null,
    created_at: stamp,
    updated_at: stamp,
    ...overrides,
  }
}

async function seed(me: ProfileRow, areasDone: number) {
  await Promise.all([db.outbox.clear(), ...db.tables.map((table) => table.clear())])
  await db.replica('profiles').put(me)
  await db
    .replica('knowledge_areas')
    .bulkPut(
      AREAS.map(([code, name], i) => ({ code, name, name_en: code, sort_order: i + 1, description: '' })),
    )
  await db
    .replica('role_requirements')
    .bulkPut(AREAS.map(([code]) => ({ role_code: 'leader', area_code: code })))
  await db.replica('certification_rules').bulkPut(
    RULES.map(([code, kind, params, name], i) => ({
      code,
      kind,
      params,
      name,
      name_en: code,
      description: '',
      sort_order: i + 1,
    })),
  )
  await db.replica('dx_roles').put({
    code: 'leader',
    sort_order: 1,
    name: 'DX推進リーダー',
    name_en: 'DX leader',
    definition: '全庁のDXを推進します。',
    audience: '',
    duties: ['業務改革（BPR）'],
  })
  await db.replica('learning_records').bulkPut(
    AREAS.slice(0, areasDone).map(([code], i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      employee_id: ME,
      area_code: code,
      source: 'self_study' as const,
      session_id: null,
      title: code,
      minutes: 60,
      completed_on: '2026-05-01',
      note: '',
      version: 1,
      created_at: stamp,
      updated_at: stamp,
    })),
  )
}

async function settle() {
  for (let i = 0; i < 6; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function mountPage(component: typeof RoutePage | typeof RouteCertificatePage) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/route')
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(component, { global: { plugins: [i18n, router] } })
  await settle()
  return wrapper
}

const button = (wrapper: Awaited<ReturnType<typeof mountPage>>, name: string) =>
  wrapper.findAll('button').find((b) => b.text() === name)

describe('the route page', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
  })

  it('shows a non-candidate the plan and queues 立候補 for the current fiscal year as 送信待ち', async () => {
    await seed(profile(), 0)
    const wrapper = await mountPage(RoutePage)
    expect(wrapper.findAll('ol.plan li').map((li) => li.text())).toEqual(RULES.map((rule) => rule[3]))
    await button(wrapper, '立候補する')!.trigger('click')
    await settle()
    const entries = await db.outbox.toArray()
    expect(entries.map((entry) => [entry.kind, entry.args])).toEqual([
      ['volunteer_candidacy', { fiscal_year: FY }],
    ])
    expect(wrapper.get('[role="status"]').text()).toContain('の立候補は送信待ちです。')
    expect(button(wrapper, '立候補する')).toBeUndefined()
  })

  it('shows a refusal in Japanese, and lets the user dismiss it and try again', async () => {
    await seed(profile(), 0)
    const wrapper = await mountPage(RoutePage)
    await button(wrapper, '立候補する')!.trigger('click')
    await settle()
    const [entry] = await db.outbox.toArray()
    await markRejected(db, entry!.id, 'DXP062', 'すでに DX推進リーダーに認定されています。')
    await settle()
    const alert = wrapper.get('[role="alert"]').text()
    expect(alert).toContain('立候補は受け付けられませんでした。')
    expect(alert).toContain('理由：すでにDX推進リーダーに認定されています。')
    await button(wrapper, 'この通知を閉じる')!.trigger('click')
    await settle()
    expect(await db.outbox.count()).toBe(0)
    expect(button(wrapper, '立候補する')).toBeDefined()
  })

  it("shows a candidate each step, the missing areas by name, and the division's decision awaited", async () => {
    await seed(profile({ leader_candidacy_fy: FY, leader_candidacy_method: 'nominated' }), 6)
    const wrapper = await mountPage(RoutePage)
    expect(button(wrapper, '立候補する')).toBeUndefined()
    const steps = wrapper.findAll('ol.steps > li')
    expect(steps.map((step) => step.get('.step__badge').text())).toEqual([
      '達成',
      '未達成',
      '未達成',
      '未達成',
      '未達成',
    ])
    expect(steps[0]!.text()).toContain('指名')
    expect(steps[1]!.findAll('.step__areas li').map((li) => li.text())).toEqual([
      'ITガバナンス',
      '情報システム管理',
      '全庁横断的なDX推進',
    ])
    expect(steps[4]!.text()).toContain('ほかの要件をすべて満たすと、DX推進課が認定を判断します。')
    expect(wrapper.text()).toContain('5件中1件を達成しています。')
    expect(wrapper.text()).not.toContain('認定証を表示する')
  })

  it('lets a candidate report an e-learning completion, 送信待ち until sent, then shows the division returning it', async () => {
    await seed(profile({ leader_candidacy_fy: FY, leader_candidacy_method: 'volunteered' }), 2)
    const training = '00000000-0000-4000-8000-0000000000e0'
    const window = '00000000-0000-4000-8000-0000000000e1'
    await db.replica('trainings').put({
      id: training,
      kind: 'elearning',
      title: 'デジタル人材育成研修',
      description: '',
      fiscal_year: FY,
      delivery: 'online',
      survey_template_id: null,
      created_at: stamp,
      updated_at: stamp,
    })
    await db.replica('sessions').put({
      id: window,
      training_id: training,
      starts_at: `${FY}-06-01T00:00:00Z`,
      ends_at: `${FY + 1}-02-28T08:00:00Z`,
      venue: null,
      online_url: null,
      capacity: 80,
      facilitator_id: null,
      registration_deadline: `${FY}-05-31T00:00:00Z`,
      status: 'scheduled',
      confirmed_count: 0,
      waitlist_count: 0,
      created_at: stamp,
      updated_at: stamp,
    })
    const wrapper = await mountPage(RoutePage)
    expect(wrapper.text()).toContain('eラーニングの修了を報告する')
    await wrapper.get('input[type="text"][maxlength="200"]').setValue('  自治体DXの進め方 ')
    await wrapper.get('input[type="date"]').setValue(`${FY}-06-15`)
    await wrapper.get('form.route-elearning__form').trigger('submit')
    await settle()
    const entries = await db.outbox.toArray()
    expect(entries.map((entry) => [entry.kind, entry.args])).toEqual([
      [
        'report_elearning_completion',
        {
          id: expect.any(String),
          session_id: window,
          course: '自治体DXの進め方',
          completed_on: `${FY}-06-15`,
        },
      ],
    ])
    expect(wrapper.text()).toContain('報告を受け付けました。')
    expect(wrapper.text()).toContain('自治体DXの進め方・修了日')
    expect(wrapper.text()).toContain('送信待ち')

    await db.outbox.clear()
    await db.replica('elearning_completions').put({
      id: (entries[0]!.args as { id: string }).id,
      employee_id: ME,
      session_id: window,
      course: '自治体DXの進め方',
      completed_on: `${FY}-06-15`,
      origin: 'self_report',
      status: 'returned',
      reason: '修了証の日付が読めません。',
      import_id: null,
      reported_at: stamp,
      decided_by: null,
      decided_at: stamp,
    })
    await settle()
    expect(wrapper.text()).toContain('差戻し（理由：修了証の日付が読めません。）')
  })

  it('tells a revoked certification with its reason', async () => {
    await seed(profile({ leader_candidacy_fy: FY, leader_candidacy_method: 'volunteered' }), 9)
    await db.replica('certifications').put({
      id: '00000000-0000-4000-8000-0000000000c1',
      employee_id: ME,
      fiscal_year: FY,
      approved_by: ME,
      approved_at: '2026-10-01T06:00:00Z',
      revoked_at: '2026-10-15T06:00:00Z',
      revoked_reason: '要件の確認誤り',
    })
    const wrapper = await mountPage(RoutePage)
    const approval = wrapper.findAll('ol.steps > li')[4]!
    expect(approval.text()).toContain('2026年10月15日(木)に認定が取り消されました。')
    expect(approval.text()).toContain('理由：要件の確認誤り')
  })
})

describe('the DX division’s latest decision on the route', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    await Promise.all(db.tables.map((table) => table.clear()))
  })

  it('tells a returned volunteer so, with the reason, and no longer calls them a candidate', async () => {
    await seed(profile({ leader_candidacy_fy: FY, leader_candidacy_method: 'volunteered' }), 6)
    await db.replica('certification_decisions').put({
      id: '00000000-0000-4000-8000-0000000000d1',
      employee_id: ME,
      decision: 'returned',
      fiscal_year: FY,
      certification_id: null,
      reason: '情報セキュリティの研修を先に修了してください',
      decided_by: null,
      decided_at: '2026-11-20T01:00:00Z',
    })
    const wrapper = await mountPage(RoutePage)
    const text = wrapper.text()
    expect(text).toContain('DX推進課からの最新の判断')
    const fy = reiwaFiscalYearLabel(FY, 'ja')
    expect(text).toContain(`2026年11月20日(金)、${fy}の立候補が差し戻されました。`)
    expect(text).toContain('理由：情報セキュリティの研修を先に修了してください')
    expect(text).toContain(`${fy}の立候補は、DX推進課から差し戻されています。`)
    expect(text).not.toContain('DX推進リーダー候補です')
    const candidacy = wrapper.findAll('ol.steps > li')[0]!
    expect(candidacy.get('.step__badge').text()).toBe('未達成')
    expect(candidacy.text()).toContain('差し戻されました')
  })
})

describe('the certificate', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
  })

  async function seedCertified() {
    await seed(profile({ leader_candidacy_fy: 2026, leader_candidacy_method: 'volunteered' }), 9)
    const session = '00000000-0000-4000-8000-0000000000e1'
    const training = '00000000-0000-4000-8000-0000000000e2'
    const workshop = '00000000-0000-4000-8000-0000000000e3'
    const workshopTraining = '00000000-0000-4000-8000-0000000000e4'
    const sessionRow = (id: string, trainingId: string) => ({
      id,
      training_id: trainingId,
      starts_at: '2026-06-01T09:00:00+09:00',
      ends_at: '2026-06-01T12:00:00+09:00',
      venue: null,
      online_url: null,
      capacity: 30,
      confirmed_count: 0,
      waitlist_count: 0,
      facilitator_id: null,
      registration_deadline: '2026-05-25T17:00:00+09:00',
      status: 'closed' as const,
      created_at: stamp,
      updated_at: stamp,
    })
    const trainingRow = (id: string, kind: string) => ({
      id,
      kind,
      title: kind,
      description: '',
      fiscal_year: 2026,
      delivery: 'online' as const,
      survey_template_id: null,
      created_at: stamp,
      updated_at: stamp,
    })
    await db
      .replica('trainings')
      .bulkPut([trainingRow(training, 'elearning'), trainingRow(workshopTraining, 'workshop')])
    await db
      .replica('sessions')
      .bulkPut([sessionRow(session, training), sessionRow(workshop, workshopTraining)])
    const registration = (id: string, sessionId: string) => ({
      id,
      session_id: sessionId,
      employee_id: ME,
      status: 'attended' as const,
      waitlist_position: null,
      registered_at: stamp,
      updated_at: stamp,
      cancelled_at: null,
      checked_in_at: null,
      checked_in_by: null,
    })
    await db
      .replica('registrations')
      .bulkPut([
        registration('00000000-0000-4000-8000-0000000000f1', session),
        registration('00000000-0000-4000-8000-0000000000f2', workshop),
      ])
    await db
      .replica('survey_submissions')
      .put({ session_id: workshop, employee_id: ME, follow_up_submitted_at: null })
    await db.replica('certifications').put({
      id: '00000000-0000-4000-8000-0000000000c1',
      employee_id: ME,
      fiscal_year: 2026,
      approved_by: ME,
      approved_at: '2026-11-20T06:00:00Z',
      revoked_at: null,
      revoked_reason: null,
    })
  }

  it('links to the certificate once every step is met', async () => {
    await seedCertified()
    const wrapper = await mountPage(RoutePage)
    expect(wrapper.text()).toContain('DX推進リーダーに認定されています')
    expect(wrapper.text()).toContain('2026年11月20日(金)に認定されました。')
    expect(wrapper.get('a[href="/route/certificate"]').text()).toBe('認定証を表示する')
  })

  it('shows the name, 令和8年度 and the approval date, and prints', async () => {
    await seedCertified()
    // happy-dom has no window.print.
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const wrapper = await mountPage(RouteCertificatePage)
    const certificate = wrapper.get('article.certificate').text()
    expect(certificate).toContain('DX推進リーダー認定証')
    expect(certificate).toContain('飯山　悠斗 様')
    expect(certificate).toContain('令和8年度のDX推進リーダーとして認定されました。')
    expect(certificate).toContain('認定日：2026年11月20日(金)')
    expect(certificate).toContain('全庁のDXを推進します。')
    await button(wrapper, '印刷する')!.trigger('click')
    expect(print).toHaveBeenCalledTimes(1)
    vi.unstubAllGlobals()
  })

  it('shows no certificate to someone not certified', async () => {
    await seed(profile({ leader_candidacy_fy: FY, leader_candidacy_method: 'volunteered' }), 9)
    const wrapper = await mountPage(RouteCertificatePage)
    expect(wrapper.find('article.certificate').exists()).toBe(false)
    expect(wrapper.text()).toContain('認定されると、ここに認定証が表示されます。')
  })
})
