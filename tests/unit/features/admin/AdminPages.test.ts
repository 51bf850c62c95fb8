import 'fake-indexeddb/auto'
import Encoding from 'encoding-japanese'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { backendKey, type AnyBackend } from '@/backend'
import { db } from '@/data'
import ja from '@/i18n/ja'
import { installAuthGuard, routes } from '@/router'
import { useAuthStore } from '@/stores/auth'
import AdminDirectoryImportPage from '@/features/admin/AdminDirectoryImportPage.vue'
import AdminElearningImportPage from '@/features/admin/AdminElearningImportPage.vue'
import AdminSettingsCard from '@/features/admin/AdminSettingsCard.vue'
import AdminTrainingPage from '@/features/admin/AdminTrainingPage.vue'
import { ME, clearDatabase, profileRow, seedReference } from '../replica-fixtures'
import { withContractCall } from '../../../support/contract-call'

vi.mock('@/stores/sync', () => ({
  useSyncStore: () => ({ start: async () => undefined, attach: () => undefined }),
}))

const Blank = defineComponent({ template: '<p />' })
const TRAINING = '00000000-0000-4000-8000-0000000000aa'
let wrapper: VueWrapper | undefined

function fakeBackend(rpc: (fn: string, args?: Record<string, unknown>) => unknown) {
  return withContractCall({
    kind: 'embedded',
    rpc: vi.fn(async (fn: string, args?: Record<string, unknown>) => rpc(fn, args)),
    currentUser: async () => ({ id: ME, email: null }),
    onAuthChange: () => () => undefined,
  }) as unknown as AnyBackend & { rpc: ReturnType<typeof vi.fn> }
}

function mountPage(component: object, props: Record<string, unknown> = {}, backend?: AnyBackend) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/admin/directory', name: 'admin-directory', component: Blank },
      { path: '/admin/catalogue', name: 'admin-catalogue', component: Blank },
      { path: '/admin/org', name: 'admin-org', component: Blank },
      { path: '/admin/elearning', name: 'admin-elearning', component: Blank },
    ],
  })
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const provide = backend ? { [backendKey as symbol]: async () => backend } : {}
  wrapper = mount(component, { props, global: { plugins: [i18n, router], provide } })
  return wrapper
}

function sjisFile(lines: string[]): File {
  const text = ['職員番号,氏名,氏名カナ,所属名,職位名,メールアドレス', ...lines].join('\r\n')
  const bytes = Uint8Array.from(
    Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }),
  )
  return new File([bytes], 'meibo.csv', { type: 'text/csv' })
}

async function choose(w: VueWrapper, file: File) {
  const input = w.get('input[type="file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

async function seedOrg() {
  await seedReference(db)
  await db.replica('departments').bulkPut([
    {
      code: 'kikaku_dx',
      name: 'DX推進課',
      division_name: '企画部',
      uses_information_systems: true,
      sort_order: 1,
    },
  ])
  await db.replica('survey_templates').put({
    id: '00000000-0000-4000-8000-000000000001',
    code: 'standard_post_training',
    title: '研修後アンケート',
    questions: [{ key: 'satisfaction', type: 'likert_5', label: 'この研修の満足度を教えてください。' }],
    anonymous: false,
    follow_up_weeks: null,
    follow_up_questions: [],
    created_at: '2026-04-01T00:00:00Z',
    updated_at: '2026-04-01T00:00:00Z',
  })
  await db.replica('training_kinds').put({
    code: 'workshop',
    sort_order: 3,
    name: 'DXワークショップ',
    name_en: 'DX workshop',
    description: '',
    schedule_note: '',
    audience_note: '',
  })
}

beforeEach(async () => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: ME, email: null }
  await clearDatabase(db)
  sessionStorage.clear()
  await seedOrg()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.restoreAllMocks()
})

describe('the directory import page', () => {
  const good = '1001,相模 新太,サガミ アラタ,DX推進課,主事,arata@city.atsugi.test'

  it('reports a bad row of a Shift_JIS file before anything is sent, then shows the server refusing it', async () => {
    const backend = fakeBackend((fn) =>
      fn === 'admin_directory'
        ? []
        : {
            status: 'refused',
            code: 'DXP102',
            message: '1 件の誤りがあるため、取り込みませんでした。',
            errors: [{ row: 2, field: 'department', code: 'DXP104', message: '所属が見つかりません。' }],
            counts: null,
          },
    )
    const w = mountPage(AdminDirectoryImportPage, {}, backend)
    await choose(w, sjisFile([good, '1002,厚木 花,アツギ ハナ,存在しない課,主事,hana@city.atsugi.test']))
    await vi.waitFor(() => expect(w.text()).toContain('1件の誤りがあります。'))
    expect(w.text()).toContain('3行目（所属）：所属が見つかりません。')
    expect(w.text()).toContain('相模 新太')
    expect(backend.rpc).not.toHaveBeenCalledWith('import_directory', expect.anything())

    await w
      .findAll('button')
      .find((b) => b.text() === '取り込む')!
      .trigger('click')
    await vi.waitFor(() =>
      expect(w.text()).toContain('誤りがあるため、取り込みませんでした。何も書き込まれていません。'),
    )
    const [, args] = backend.rpc.mock.calls.find(([fn]) => fn === 'import_directory')!
    expect(args.rows).toHaveLength(2)
    expect(args.rows[0]).toMatchObject({ employee_number: '1001', full_name: '相模 新太' })
  })

  it('names the row with U+0000 from a broken file, and does not send a file the server could not read', async () => {
    const backend = fakeBackend(() => [])
    const w = mountPage(AdminDirectoryImportPage, {}, backend)
    await choose(w, sjisFile([good, '1002,厚木\u0000花,アツギ ハナ,DX推進課,主事,hana@city.atsugi.test']))
    await vi.waitFor(() => expect(w.text()).toContain('1件の誤りがあります。'))
    expect(w.text()).toContain('3行目（氏名）：使えない文字')

    await w
      .findAll('button')
      .find((b) => b.text() === '取り込む')!
      .trigger('click')
    await vi.waitFor(() =>
      expect(w.get('[role="alert"]').text()).toContain('使えない文字（制御文字など）を含む行'),
    )
    expect(backend.rpc).not.toHaveBeenCalledWith('import_directory', expect.anything())
  })

  it('warns how many people the file would mark as left, and shows the counts once imported', async () => {
    const backend = fakeBackend((fn) =>
      fn === 'admin_directory'
        ? [
            {
              id: ME,
              employee_number: 'X0001',
              full_name: '私',
              full_name_kana: 'ワタシ',
              department_code: 'kikaku_dx',
              position_grade_code: 'shuji',
              email: null,
              app_role: 'dx_admin',
              left_on: null,
            },
            {
              id: 'b1',
              employee_number: 'X0002',
              full_name: '他',
              full_name_kana: 'ホカ',
              department_code: 'kikaku_dx',
              position_grade_code: 'shuji',
              email: null,
              app_role: 'employee',
              left_on: null,
            },
          ]
        : {
            status: 'applied',
            code: null,
            message: null,
            errors: [],
            counts: { rows: 1, created: 1, updated: 0, unchanged: 0, left: 1, invited: 0 },
          },
    )
    const w = mountPage(AdminDirectoryImportPage, {}, backend)
    await choose(w, sjisFile([good]))
    await vi.waitFor(() =>
      expect(w.text()).toContain('この取込みで、1人が「名簿から外れた」扱いになります。'),
    )
    await w
      .findAll('button')
      .find((b) => b.text() === '取り込む')!
      .trigger('click')
    await vi.waitFor(() =>
      expect(w.text()).toContain('1行：新規 1人、更新 0人、変更なし 0人、名簿から外れた職員 1人'),
    )
  })

  it('says the import needs a connection and does not send while offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const backend = fakeBackend(() => [])
    const w = mountPage(AdminDirectoryImportPage, {}, backend)
    expect(w.text()).toContain('オフラインです。名簿の取込みはインターネットに接続しているときだけ行えます。')
    await choose(w, sjisFile([good]))
    await vi.waitFor(() => expect(w.text()).toContain('誤りは見つかりませんでした。'))
    const button = w.findAll('button').find((b) => b.text() === '取り込む')!
    expect(button.attributes('disabled')).toBeDefined()
    expect(backend.rpc).not.toHaveBeenCalled()
  })

  it('names the missing columns of a file that is not the HR format', async () => {
    const w = mountPage(
      AdminDirectoryImportPage,
      {},
      fakeBackend(() => []),
    )
    await choose(w, new File([new TextEncoder().encode('番号,名前\r\n1,a\r\n')], 'x.csv'))
    await vi.waitFor(() =>
      expect(w.get('[role="alert"]').text()).toContain('必要な列がありません：職員番号、氏名'),
    )
  })
})

describe('the e-learning completion import page', () => {
  const WINDOW = '00000000-0000-4000-8000-0000000000e1'
  const udemy = [
    'User Name,User Email,Course Title,Completion Date',
    '相模 新太,arata@city.atsugi.test,ChatGPT 業務活用入門,2026-06-30T15:30:00Z',
    '厚木 花,hana@city.atsugi.test,Python 入門,2026/07/01 09:10',
  ].join('\r\n')
  const courses = (pythonAreas: string[] | null) => [
    { course: 'ChatGPT 業務活用入門', rows: 1, area_codes: ['generative_ai'] },
    { course: 'Python 入門', rows: 1, area_codes: pythonAreas },
  ]

  beforeEach(async () => {
    localStorage.clear()
    await db.replica('trainings').put({
      id: TRAINING,
      kind: 'elearning',
      title: 'デジタル人材育成研修',
      description: '',
      fiscal_year: 2026,
      delivery: 'online',
      survey_template_id: null,
      created_at: '2026-04-01T00:00:00Z',
      updated_at: '2026-04-01T00:00:00Z',
    })
    await db.replica('sessions').put({
      id: WINDOW,
      training_id: TRAINING,
      starts_at: '2026-06-01T00:00:00Z',
      ends_at: '2027-02-28T08:00:00Z',
      venue: null,
      online_url: null,
      capacity: 80,
      facilitator_id: null,
      registration_deadline: '2026-05-31T00:00:00Z',
      status: 'scheduled',
      confirmed_count: 0,
      waitlist_count: 0,
      created_at: '2026-04-01T00:00:00Z',
      updated_at: '2026-04-01T00:00:00Z',
    })
  })

  it("guesses the columns of a Shift_JIS export, shows the server's report, and imports once the courses are mapped", async () => {
    const backend = fakeBackend((fn, args) => {
      if (fn === 'admin_elearning_reports') return []
      const mapped = (args?.courses as Record<string, string[]>)['Python 入門']
      const errors = mapped
        ? []
        : [{ row: 2, field: 'course', code: 'DXP172', message: '講座の知識分野が決まっていません。' }]
      return {
        status: args?.apply ? 'applied' : 'preview',
        code: null,
        message: null,
        errors,
        counts: {
          rows: 2,
          created: mapped?.length ? 2 : 1,
          confirmed: 0,
          changed: 0,
          unchanged: 0,
          skipped: mapped?.length === 0 ? 1 : 0,
        },
        courses: courses(mapped ?? null),
      }
    })
    const w = mountPage(AdminElearningImportPage, {}, backend)
    const bytes = Uint8Array.from(
      Encoding.convert(Encoding.stringToCode(udemy), { to: 'SJIS', from: 'UNICODE' }),
    )
    await vi.waitFor(() => expect(w.text()).toContain('令和8年度 デジタル人材育成研修'))
    await choose(w, new File([bytes], 'udemy.csv', { type: 'text/csv' }))
    await vi.waitFor(() => expect(w.text()).toContain('3行目（講座）：講座の知識分野が決まっていません。'), {
      timeout: 5000,
    })

    const [, first] = backend.rpc.mock.calls.find(([fn]) => fn === 'import_elearning_completions')!
    expect(first).toMatchObject({ session_id: WINDOW, person_key: 'email', apply: false })
    expect(first.rows).toEqual([
      {
        person: 'arata@city.atsugi.test',
        course: 'ChatGPT 業務活用入門',
        completed_on: '2026-06-30T15:30:00Z',
      },
      { person: 'hana@city.atsugi.test', course: 'Python 入門', completed_on: '2026/07/01 09:10' },
    ])
    // The UTC instant is shown as its date in Tokyo.
    expect(w.text()).toContain('2026年7月1日')
    const importButton = () => w.findAll('button').find((b) => b.text() === '取り込む')!
    expect(importButton().attributes('disabled')).toBeDefined()

    await w
      .findAll('button')
      .find((b) => b.text() === '対象外にする')!
      .trigger('click')
    await vi.waitFor(() => expect(w.text()).toContain('もう一度「内容を確かめる」を押してください。'))
    await w
      .findAll('button')
      .find((b) => b.text() === '内容を確かめる')!
      .trigger('click')
    await vi.waitFor(() => expect(w.text()).toContain('誤りはありません。'))
    await importButton().trigger('click')
    await vi.waitFor(() => expect(w.text()).toContain('取り込みました'))
    const applied = backend.rpc.mock.calls.filter(([fn]) => fn === 'import_elearning_completions').at(-1)![1]
    expect(applied).toMatchObject({
      apply: true,
      courses: { 'ChatGPT 業務活用入門': ['generative_ai'], 'Python 入門': [] },
    })
    // The columns are remembered for next year's file.
    expect(JSON.parse(localStorage.getItem('dxp.elearning-import.columns')!)).toEqual({
      person: 'User Email',
      personKey: 'email',
      course: 'Course Title',
      completedOn: 'Completion Date',
    })
  })
})

describe('the training editor', () => {
  it('refuses a training without a title or an area and queues nothing', async () => {
    const w = mountPage(AdminTrainingPage, { id: TRAINING })
    await flushPromises()
    await w.get('form').trigger('submit')
    await vi.waitFor(() => expect(w.text()).toContain('入力できる範囲を外れています。'))
    expect(await db.outbox.count()).toBe(0)
  })

  it('queues a new training with its areas and shows the survey questions it will ask', async () => {
    const w = mountPage(AdminTrainingPage, { id: TRAINING })
    await vi.waitFor(() => expect(w.findAll('input[type="checkbox"]').length).toBeGreaterThan(9))
    await w.get('input[type="text"]').setValue('生成AI活用ワークショップ')
    await w
      .findAll('input[type="checkbox"]')
      .find((c) => c.element.getAttribute('value') === 'generative_ai')!
      .setValue(true)
    const survey = w.findAll('select').at(-1)!
    await survey.setValue('00000000-0000-4000-8000-000000000001')
    expect(w.text()).toContain('この研修の満足度を教えてください。')
    await w.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(1))
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({
      kind: 'save_training',
      status: 'pending',
      args: { id: TRAINING, title: '生成AI活用ワークショップ', area_codes: ['generative_ai'] },
    })
    await vi.waitFor(() => expect(w.text()).toContain('研修の保存 · 送信待ち'))
  })
})

describe('a half-filled training form', () => {
  it('is still there after a reload, and forgotten once saved', async () => {
    let w = mountPage(AdminTrainingPage, { id: TRAINING })
    await flushPromises()
    await w.get('input[type="text"]').setValue('書きかけの研修')
    await flushPromises()
    w.unmount()
    wrapper = undefined
    w = mountPage(AdminTrainingPage, { id: TRAINING })
    await flushPromises()
    expect((w.get('input[type="text"]').element as HTMLInputElement).value).toBe('書きかけの研修')
    await vi.waitFor(() => expect(w.findAll('input[type="checkbox"]').length).toBeGreaterThan(9))
    await w
      .findAll('input[type="checkbox"]')
      .find((c) => c.element.getAttribute('value') === 'bpr')!
      .setValue(true)
    await w.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(1))
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('dxp:admin-draft:'))).toEqual([])
  })
})

describe('the 管理 card and the admin routes', () => {
  it('shows the card to the DX division only', async () => {
    await db.replica('profiles').put(profileRow({ app_role: 'employee' }))
    const w = mountPage(AdminSettingsCard)
    await flushPromises()
    expect(w.text()).toBe('')
    await db.replica('profiles').put(profileRow({ app_role: 'dx_admin' }))
    await vi.waitFor(() => expect(w.text()).toContain('管理'))
    expect(w.findAll('a').map((a) => a.attributes('href'))).toEqual([
      '/admin/catalogue',
      '/admin/directory',
      '/admin/elearning',
      '/admin/org',
    ])
  })

  it.each([
    ['an employee', 'employee', '/admin/directory', 'home'],
    ['a facilitator', 'facilitator', '/admin/directory', 'home'],
    ['the DX division', 'dx_admin', '/admin/directory', 'admin-directory'],
    ['an employee', 'employee', '/admin/elearning', 'home'],
    ['a facilitator', 'facilitator', '/admin/elearning', 'home'],
    ['the DX division', 'dx_admin', '/admin/elearning', 'admin-elearning'],
  ] as const)('lets %s reach %s or sends them home', async (_who, appRole, path, expected) => {
    await db.replica('profiles').put(profileRow({ app_role: appRole }))
    const auth = useAuthStore()
    await auth.start({ load: async () => fakeBackend(() => []), loadDb: async () => db })
    const router = createRouter({ history: createMemoryHistory(), routes })
    installAuthGuard(router)
    await router.push(path)
    expect(router.currentRoute.value.name).toBe(expected)
  })
})
