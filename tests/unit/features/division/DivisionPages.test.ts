import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { BackendError, type AnyBackend } from '@/backend'
import type {
  CertificationQueue,
  DepartmentCoverage,
  KnowledgeAreas,
  LeaderTargets,
  TrainingComparison,
  TrainingEffect,
} from '@/contract'
import { forgetDecisions } from '@/composables/useDivisionDecisions'
import { clearDivisionCache } from '@/composables/useDivisionRpc'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import DivisionCertificationPage from '@/features/division/DivisionCertificationPage.vue'
import DivisionDashboardPage from '@/features/division/DivisionDashboardPage.vue'
import DivisionEffectPage from '@/features/division/DivisionEffectPage.vue'
import DivisionSummaryPage from '@/features/division/DivisionSummaryPage.vue'
import { ME, clearDatabase, seedReference } from '../replica-fixtures'
import { withContractCall } from '../../../support/contract-call'
import { demoDivision, type DemoDivision } from '../../../support/division-answers'

const Blank = defineComponent({ template: '<p />' })
let wrapper: VueWrapper | undefined
type Answers = Record<string, unknown | (() => unknown)>

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

// The server's answers on the demo city (tests/support/division-answers.ts); what each test expects is
// read from them, so the figures are the ones the app really serves today.
let targets: LeaderTargets
let coverage: DepartmentCoverage
let areas: KnowledgeAreas
let queue: CertificationQueue
/** A workshop with figures in total, one session shown and another withheld (under 5 responses). */
let effect: TrainingEffect
let comparison: TrainingComparison
let ANSWERS: Answers

/** 0.388 of 1 as the screens write it: one decimal at most ("38.8%", "20%"). */
const percent = (done: number, of: number) => `${Math.round((done / of) * 1000) / 10}%`
const decimals = (value: number, digits: number) => String(Math.round(value * 10 ** digits) / 10 ** digits)
const reiwa = (fiscalYear: number) => `令和${fiscalYear - 2018}年度`

async function workshopWithAWithheldSession(division: DemoDivision): Promise<TrainingEffect> {
  for (const training of division.trainings.filter((t) => t.kind === 'workshop')) {
    const answer = await division.effect(training.id)
    const freeText = answer.total.reaction?.free_text?.some((f) => f.answers.length > 0) ?? false
    const shown = answer.sessions.some((s) => s.suppressed === null)
    const withheld = answer.sessions.some((s) => s.suppressed !== null)
    if (answer.total.suppressed === null && freeText && shown && withheld) return answer
  }
  throw new Error('the demo city has no workshop with one session shown and another withheld')
}

beforeAll(async () => {
  const division = await demoDivision()
  ;[targets, coverage, areas, queue, effect] = await Promise.all([
    division.targets(),
    division.coverage(),
    division.areas(),
    division.queue(),
    workshopWithAWithheldSession(division),
  ])
  comparison = await division.comparison('workshop')
  ANSWERS = {
    division_leader_targets: targets,
    division_department_coverage: coverage,
    division_knowledge_areas: areas,
    division_certification_queue: queue,
    division_training_effect: effect,
    division_training_comparison: comparison,
  }
}, 180_000)

function currentYear() {
  const year = targets.fiscal_years.find((y) => y.fiscal_year === targets.current_fiscal_year)
  if (!year) throw new Error('no current fiscal year in the targets')
  return year
}

function stubBackend(answers: Answers = ANSWERS) {
  const rpc = vi.fn(async (fn: string) => {
    if (!(fn in answers)) {
      throw new BackendError(
        'client',
        { code: 'PGRST202', message: 'not found', details: null, hint: null },
        404,
      )
    }
    const answer = answers[fn]
    return clone(typeof answer === 'function' ? (answer as () => unknown)() : answer)
  })
  const auth = useAuthStore()
  auth.backend = withContractCall({ kind: 'supabase', rpc }) as unknown as AnyBackend
  return rpc
}

async function mountPage(component: object, query: Record<string, string> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['division', 'division-effect', 'division-certification', 'division-summary', 'home'].map(
      (name) => ({
        path: `/${name}`,
        name,
        component: Blank,
      }),
    ),
  })
  await router.push({ name: 'division-effect', query })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(component, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 20))
  await flushPromises()
  return wrapper
}

function tableByCaption(w: VueWrapper, caption: string) {
  const table = w
    .findAll('table')
    .find((t) => t.find('caption').exists() && t.find('caption').text().includes(caption))
  if (!table) throw new Error(`no table captioned ${caption}: ${w.findAll('caption').map((c) => c.text())}`)
  return table
}

function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
  window.dispatchEvent(new Event(online ? 'online' : 'offline'))
}

describe('the DX division’s pages', () => {
  beforeEach(async () => {
    setActivePinia(createPinia())
    useAuthStore().user = { id: ME, email: null }
    clearDivisionCache()
    forgetDecisions()
    setOnline(true)
    await clearDatabase(db)
    await seedReference(db)
    await db.replica('training_kinds').put({
      code: 'workshop',
      sort_order: 3,
      name: 'ワークショップ',
      name_en: 'Workshop',
      description: '',
      schedule_note: '',
      audience_note: '',
    })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('says it is calculating until the first answer arrives', async () => {
    const auth = useAuthStore()
    auth.backend = withContractCall({
      kind: 'supabase',
      rpc: () => new Promise(() => undefined),
    }) as unknown as AnyBackend
    const w = await mountPage(DivisionDashboardPage)
    expect(w.find('[role="status"]').text()).toBe('集計しています…')
    expect(w.findAll('table')).toHaveLength(0)
  })

  it('shows the targets, coverage and completion as tables with captions and header cells', async () => {
    stubBackend()
    const w = await mountPage(DivisionDashboardPage)
    const targetsTable = tableByCaption(w, '年度ごとのDX推進リーダー認定目標と実績')
    expect(targetsTable.findAll('thead th').every((th) => th.attributes('scope') === 'col')).toBe(true)
    const current = targetsTable.findAll('tbody tr')[0]!
    expect(current.find('th').attributes('scope')).toBe('row')
    const year = currentYear()
    expect(current.find('th').text()).toBe(reiwa(year.fiscal_year))
    expect(current.findAll('td').map((td) => td.text())).toEqual([
      '今年度',
      String(year.target),
      String(year.certified),
      percent(year.certified, year.target),
      year.projected_certified === null ? '—' : decimals(year.projected_certified, 1),
      String(year.cumulative_target),
      String(year.cumulative_certified),
    ])
    expect(w.text()).toContain(`累計${targets.certified_total}人／目標${targets.goal}人`)
    // The pipeline: the candidates by how many of the steps they meet, then those ready.
    const pipeline = tableByCaption(w, '年度ごとの候補者と要件の達成段階')
    expect(
      pipeline
        .findAll('tbody tr')[0]!
        .findAll('td')
        .map((td) => td.text()),
    ).toEqual([
      String(year.candidates),
      ...Array.from({ length: year.steps_total }, (_x, steps) =>
        String(year.candidates_by_steps_met[String(steps)] ?? 0),
      ),
      String(year.candidates_ready),
    ])
    // A department without a leader says so in words, and names its closest candidate.
    const uncovered = coverage.departments.find((d) => !d.covered && d.closest_candidates.length > 0)!
    const closest = uncovered.closest_candidates[0]!
    const coverageTable = tableByCaption(w, '課等ごとのDX推進リーダーの配置と学習状況')
    const row = coverageTable.findAll('tbody tr').find((tr) => tr.find('th').text() === uncovered.name)!
    expect(row.classes()).toContain('marked')
    expect(row.text()).toContain('リーダー不在')
    expect(row.text()).toContain(
      `${closest.full_name}（${closest.employee_number}）${closest.steps_met}/${closest.steps_total}段階`,
    )
    const covered = coverage.departments.find((d) => d.covered)!
    const coveredRow = coverageTable.findAll('tbody tr').find((tr) => tr.find('th').text() === covered.name)!
    expect(coveredRow.classes()).not.toContain('marked')
    expect(coveredRow.text()).not.toContain('リーダー不在')
    expect(w.text()).toContain(
      `${coverage.departments_total}課等のうち${coverage.departments_covered}課等にDX推進リーダーがいます（${percent(coverage.departments_covered, coverage.departments_total)}）`,
    )
    // The heatmap cells carry their figure as text.
    const role = areas.by_role.find((r) => typeof r.members === 'number' && r.members > 0 && r.areas?.length)!
    const members = role.members as number
    const area = role.areas![0]!
    const byRole = tableByCaption(w, '役割ごとの知識分野の修了')
    expect(byRole.text()).toContain(`${area.completed}/${members}（${percent(area.completed, members)}）`)
    const byDepartment = tableByCaption(w, '課等ごとの必須分野の修了')
    // A department under 5 staff shows no figure, in one short line (not a column of wrapped words).
    expect(areas.by_department.some((d) => d.members === '<5')).toBe(true)
    const small = byDepartment.findAll('tbody tr').find((tr) => tr.find('td').text() === '5人未満')!
    const columns = byDepartment.findAll('thead th').length
    expect(small.findAll('td').map((td) => td.text())).toEqual(['5人未満', ...Array(columns - 2).fill('—')])
    expect(tableByCaption(w, '月ごとの学習と修了の推移').findAll('tbody tr')).toHaveLength(areas.trend.length)
  })

  it('exports a table as CSV text Excel reads: BOM, Japanese headers, CRLF, the rows shown', async () => {
    stubBackend()
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:test'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    const w = await mountPage(DivisionDashboardPage)
    const button = w
      .findAll('button')
      .find((b) => b.text().includes('「年度ごとのDX推進リーダー認定目標と実績（人）」をCSVで保存'))!
    await button.trigger('click')
    // papaparse is loaded on first use: on a busy machine that takes longer than a fixed pause.
    await vi.waitFor(() => expect(blobs).toHaveLength(1), { timeout: 5000 })
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes.slice(3))
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      '"年度","状況","目標","認定者数","達成率","年度末の見込み","累計目標","累計認定者数"',
    )
    const year = currentYear()
    const cells = [
      reiwa(year.fiscal_year),
      '今年度',
      year.target,
      year.certified,
      Math.round((year.certified / year.target) * 1000) / 10,
      year.projected_certified ?? '',
      year.cumulative_target,
      year.cumulative_certified,
    ]
    expect(lines[1]).toBe(cells.map((cell) => `"${cell}"`).join(','))
    // The header, one line a fiscal year, and the final CRLF.
    expect(lines).toHaveLength(targets.fiscal_years.length + 2)
    vi.restoreAllMocks()
  })

  it('shows the last figures with their time when offline, and says what to do', async () => {
    stubBackend()
    const first = await mountPage(DivisionDashboardPage)
    first.unmount()
    setOnline(false)
    const rpc = stubBackend({})
    const w = await mountPage(DivisionDashboardPage)
    expect(rpc).not.toHaveBeenCalled()
    expect(tableByCaption(w, '年度ごとのDX推進リーダー認定目標と実績').exists()).toBe(true)
    const alert = w.find('[role="alert"]').text()
    expect(alert).toMatch(
      /最新の集計を取得できなかったため、\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}時点の集計を表示しています。/,
    )
    expect(alert).toContain('ネットワークにつないでから「最新の集計を取得」を押してください。')
  })

  it('says plainly why there are no figures when the server refuses', async () => {
    stubBackend({
      division_leader_targets: () => {
        throw new BackendError('client', { code: 'P0001', message: 'DXP070', details: '', hint: null }, 400)
      },
    })
    const w = await mountPage(DivisionDashboardPage)
    expect(w.find('[role="alert"]').text()).toBe('この集計は DX推進課の職員だけが見られます。')
    expect(w.findAll('table')).toHaveLength(0)
  })

  it('keeps the four levels apart, and does not show a group under five responses', async () => {
    stubBackend()
    const withheld = effect.sessions.findIndex((s) => s.suppressed !== null)
    const w = await mountPage(DivisionEffectPage, {
      kind: 'workshop',
      training: effect.training_id,
      scope: effect.sessions[withheld]!.session_id,
    })
    const headings = w.findAll('h3').map((h) => h.text())
    expect(headings).toEqual([
      '反応（満足度など）',
      '学習（受講前後の自己評価）',
      '行動（職場での実践）',
      '成果（その後の学習と認定）',
    ])
    const sessions = tableByCaption(w, '日程ごとの出席と回答')
    const rows = sessions.findAll('tbody tr')
    expect(rows).toHaveLength(effect.sessions.length + 1)
    effect.sessions.forEach((session, i) => {
      const says = rows[i]!.text().includes('回答が5件未満のため表示しません')
      expect(says, `session ${i + 1}`).toBe(session.suppressed !== null)
    })
    expect(rows.at(-1)!.find('th').text()).toBe('研修全体')
    // The chosen session is suppressed: no means, no free text (the training's is not shown either).
    expect(w.findAll('.suppressed').map((p) => p.text())).toContain('回答が5件未満のため表示しません')
    const freeText = (effect.total.reaction!.free_text ?? []).flatMap((f) => f.answers)
    expect(freeText.length).toBeGreaterThan(0)
    for (const answer of freeText) expect(w.text()).not.toContain(answer)
  })

  it('shows the whole training’s free text as text, never as markup', async () => {
    const marked = clone(effect)
    marked.total.reaction!.free_text![0]!.answers.push('<b>太字</b><script>alert(1)</script>')
    stubBackend({ ...ANSWERS, division_training_effect: marked })
    const w = await mountPage(DivisionEffectPage, { kind: 'workshop', training: effect.training_id })
    expect(w.text()).toContain('<b>太字</b><script>alert(1)</script>')
    expect(w.find('.free-text b').exists()).toBe(false)
    const { items, recommendation } = effect.total.reaction!
    const likert = tableByCaption(w, '研修全体：5段階の質問の回答')
    for (const item of items) {
      const row = likert.findAll('tbody tr').find((tr) => tr.find('th').text() === item.label)!
      expect(row.text(), item.key).toContain(decimals(item.mean!, 2))
    }
    const nps = tableByCaption(w, '研修全体：推奨度（0〜10）とNPS')
    for (const r of recommendation) expect(nps.text()).toContain(decimals(r.nps!, 1))
    expect(tableByCaption(w, 'ワークショップの研修ごとの比較').findAll('tbody tr')).toHaveLength(
      comparison.trainings.length,
    )
  })

  it('queues an approval (送信待ち) with the fiscal year meant, and asks for a reason before returning', async () => {
    const ready = clone(queue)
    ready.candidates[0]!.ready = true
    stubBackend({ ...ANSWERS, division_certification_queue: ready })
    const w = await mountPage(DivisionCertificationPage)
    const card = w.find('article.candidate')
    expect(card.text()).toContain(ready.candidates[0]!.full_name)
    const button = (label: string) => card.findAll('button').find((b) => b.text() === label)!
    // Returning without a reason changes nothing and says why.
    await button('差し戻す').trigger('click')
    await flushPromises()
    await w.find('dialog form').trigger('submit')
    await flushPromises()
    expect(w.find('dialog').text()).toContain('理由を入力してください。理由は本人に表示されます。')
    expect(w.find('dialog textarea').attributes('aria-invalid')).toBe('true')
    expect(await db.outbox.count()).toBe(0)
    await w
      .findAll('dialog button')
      .find((b) => b.text() === 'キャンセル')!
      .trigger('click')
    await flushPromises()

    await button('認定する').trigger('click')
    await flushPromises()
    const dialog = w.find('dialog')
    expect(dialog.text()).toContain(`${ready.candidates[0]!.full_name}さんをDX推進リーダーに認定します。`)
    await dialog.find('form').trigger('submit')
    // The decision is written to IndexedDB and read back by a live query: wait for both, however long.
    await vi.waitFor(
      async () => {
        const entries = await db.outbox.toArray()
        expect(entries.map((e) => [e.kind, e.args])).toEqual([
          [
            'approve_certification',
            { employee_id: ready.candidates[0]!.employee_id, fiscal_year: targets.current_fiscal_year },
          ],
        ])
        expect(w.text()).toContain('送信待ち')
      },
      { timeout: 10_000 },
    )
    // While it waits to be sent, no second decision about the same person can race it.
    expect(card.findAll('button').every((b) => b.attributes('disabled') !== undefined)).toBe(true)
  })

  it('lists certified leaders and finds an employee by number, as the server answers them', async () => {
    // The shapes of 20260401002000_division_leaders.sql (tests/db/division-lookups.test.ts).
    const rpc = stubBackend({
      ...ANSWERS,
      division_certified_leaders: {
        leaders: [
          {
            certification_id: '6f1c7a52-2b51-4a43-9a43-0c1d2e3f4a5b',
            employee_id: '7a2d8b63-3c62-4b54-8b54-1d2e3f4a5b6c',
            employee_number: 'L00001',
            full_name: '厚木 認定',
            department_code: null,
            fiscal_year: 2026,
            approved_at: '2026-05-01T00:00:00+00:00',
          },
        ],
      },
      division_find_employee: {
        employee_id: '8b3e9c74-4d73-4c65-9c65-2e3f4a5b6c7d',
        employee_number: 'E00001',
        full_name: '厚木 職員',
        department_code: null,
        position_grade_code: null,
        leader_candidacy_fy: null,
        certified: false,
      },
    })
    const w = await mountPage(DivisionCertificationPage)
    const revoking = w.find('section[aria-labelledby="division-revoke-title"]')
    expect(revoking.text()).toContain('厚木 認定（L00001）')
    expect(revoking.findAll('button').map((b) => b.text())).toEqual(['認定を取り消す'])
    await w.find('form.nominate input').setValue('E00001')
    await w.find('form.nominate').trigger('submit')
    await flushPromises()
    expect(rpc).toHaveBeenCalledWith('division_find_employee', { employee_number: 'E00001' })
    expect(w.find('.found').text()).toContain('厚木 職員（E00001）')
    expect(w.find('.found').text()).toContain('リーダー候補に指名する')
  })

  it('says so when the server cannot list certified leaders for revoking yet', async () => {
    stubBackend()
    const w = await mountPage(DivisionCertificationPage)
    expect(w.text()).toContain('認定済みの職員の一覧をサーバーがまだ提供していないため')
  })

  it('prints a one-page summary: this year against the target, coverage and the largest gaps', async () => {
    stubBackend()
    const w = await mountPage(DivisionSummaryPage)
    const year = currentYear()
    expect(w.find('h1').text()).toBe(`${reiwa(year.fiscal_year)} DX人材育成の状況`)
    expect(w.text()).toContain(`${year.certified}人／${year.target}人`)
    expect(w.text()).toContain(`${targets.certified_total}人／${targets.goal}人`)
    // The largest departments without a leader, five at most.
    const uncovered = coverage.departments
      .filter((d) => !d.covered)
      .sort((a, b) => b.members - a.members || a.name.localeCompare(b.name, 'ja'))
    const uncoveredRows = tableByCaption(w, 'リーダー不在の課等').findAll('tbody tr')
    expect(uncoveredRows.map((tr) => tr.find('th').text())).toEqual(uncovered.slice(0, 5).map((d) => d.name))
    const gaps = areas.by_role.flatMap((r) =>
      typeof r.members === 'number' && r.members > 0 ? (r.areas ?? []) : [],
    )
    expect(tableByCaption(w, '修了が遅れている知識分野').findAll('tbody tr')).toHaveLength(
      Math.min(5, gaps.length),
    )
  })
})
