// E-learning completions: the DX division imports the platform's export (every row checked, a
// preview that writes nothing, all or nothing, the same file twice changes nothing) and confirms an
// employee's own report; a confirmed completion attends the year's e-learning session (rule 3) and
// credits the course's mapped areas as learning (source 'e_learning').
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  guessElearningColumns,
  readElearningCsv,
  toElearningRows,
  type ElearningColumns,
} from '@/domain/elearning-import'
import { attempt, snapshot } from '../support/attempt'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { toShiftJis } from './admin-support'
import {
  createSession,
  createTraining,
  op,
  pushOne,
  rejected,
  tokyoFiscalYear,
  tokyoToday,
} from './write-support'

interface ImportResult {
  status: 'preview' | 'applied' | 'refused' | 'duplicate'
  code: string | null
  message: string | null
  errors: { row: number; field: string; code: string; message: string }[]
  counts: {
    rows: number
    created: number
    confirmed: number
    changed: number
    unchanged: number
    skipped: number
  } | null
  courses: { course: string; rows: number; area_codes: string[] | null }[]
}

interface Row {
  person: string
  course: string
  completed_on: string
}

const COURSE_AI = 'ChatGPT 業務活用入門'
const COURSE_SEC = '情報セキュリティ基礎'
const COURSE_EXCEL = 'Excel 関数マスター'
const MAPPING = { [COURSE_AI]: ['generative_ai', 'dx_basics'], [COURSE_SEC]: ['information_security'] }
const fy = tokyoFiscalYear()

let db: TestDb
let admin: UserClaims
let facilitator: UserClaims
let staff: UserClaims[]
let sessionId: string

function importFile(
  claims: UserClaims | null,
  rows: unknown,
  options: {
    apply?: boolean
    courses?: Record<string, string[]>
    personKey?: string
    importId?: string
  } = {},
): Promise<ImportResult> {
  return db.rpc<ImportResult>(claims, 'import_elearning_completions', {
    import_id: options.importId ?? randomUUID(),
    session_id: sessionId,
    person_key: options.personKey ?? 'email',
    courses: options.courses ?? {},
    rows,
    apply: options.apply ?? false,
  })
}

/** A day of the current fiscal year, `days` after 1 April (never after today). */
function dayOfYear(days: number): string {
  const date = new Date(Date.UTC(fy, 3, 1 + days))
  const iso = date.toISOString().slice(0, 10)
  return iso > tokyoToday() ? tokyoToday() : iso
}

async function rulesMet(employeeId: string): Promise<boolean> {
  const [row] = await db.sql<{ met: boolean }>(
    `select met from private.candidate_rules($1) where rule_code = 'elearning'`,
    [employeeId],
  )
  return row?.met ?? false
}

async function state(): Promise<string[]> {
  return Promise.all(
    ['elearning_completions', 'elearning_courses', 'registrations', 'learning_records'].map((t) =>
      snapshot(db, t),
    ),
  )
}

beforeAll(async () => {
  db = await createTestDb()
  admin = await db.createUser({ appRole: 'dx_admin' })
  facilitator = await db.createUser({ appRole: 'facilitator' })
  staff = []
  for (let i = 0; i < 6; i += 1) {
    staff.push(await db.createUser({ leaderCandidacyFy: fy, leaderCandidacyMethod: 'volunteered' }))
  }
  const trainingId = await createTraining(db, { kind: 'elearning', areas: ['dx_basics'], templateId: null })
  await db.sql('update public.trainings set fiscal_year = $2 where id = $1', [trainingId, fy])
  sessionId = await createSession(db, { trainingId, startsIn: '-30 days', capacity: 80 })
})

afterAll(async () => {
  await db.close()
})

describe('the forbidden side', () => {
  it('refuses anon outright and an employee or a facilitator with DXP101, writing nothing', async () => {
    const before = await state()
    await expect(importFile(null, [])).rejects.toMatchObject({ code: '42501' })
    await expect(db.rpc(null, 'admin_elearning_reports')).rejects.toMatchObject({ code: '42501' })
    for (const user of [staff[0]!, facilitator]) {
      const rows = [{ person: user.email, course: COURSE_AI, completed_on: dayOfYear(10) }]
      await expect(importFile(user, rows, { apply: true, courses: MAPPING })).rejects.toMatchObject({
        message: 'DXP101',
      })
      await expect(db.rpc(user, 'admin_elearning_reports')).rejects.toMatchObject({ message: 'DXP101' })
    }
    expect(await state()).toEqual(before)
  })

  it('shows the mapping and the import log to the DX division only, and each completion to its owner', async () => {
    await db.sql(`insert into public.elearning_courses (course, area_codes) values ('RLS 確認用', '{bpr}')`)
    const [other] = await db.sql<{ id: string }>(
      `insert into public.elearning_completions (id, employee_id, session_id, course, completed_on, origin, status)
       values (gen_random_uuid(), $1, $2, 'RLS 確認用', $3, 'self_report', 'reported') returning id`,
      [staff[5]!.sub, sessionId, dayOfYear(3)],
    )
    for (const user of [staff[0]!, facilitator, null]) {
      for (const table of ['elearning_courses', 'elearning_imports']) {
        const seen = await attempt(db, user, `select * from public.${table}`)
        expect(seen.ok ? seen.rows : []).toEqual([])
      }
      const completions = await attempt(db, user, 'select * from public.elearning_completions')
      expect(completions.ok ? completions.rows : []).toEqual([])
    }
    const own = await attempt<{ id: string }>(db, staff[5]!, 'select id from public.elearning_completions')
    expect(own).toEqual({ ok: true, rows: [{ id: other!.id }] })
    const division = await attempt(db, admin, 'select * from public.elearning_courses')
    expect(division.ok && division.rows.length).toBeGreaterThan(0)
    const write = await attempt(
      db,
      staff[5]!,
      `update public.elearning_completions set status = 'confirmed' where id = $1`,
      [other!.id],
    )
    expect(write).toMatchObject({ ok: false, code: '42501' })
    await db.sql('delete from public.elearning_completions where id = $1', [other!.id])
    await db.sql(`delete from public.elearning_courses where course = 'RLS 確認用'`)
  })
})

describe('import_elearning_completions', () => {
  it('reports every planted error row by row in the preview, and the apply writes nothing', async () => {
    const rows: unknown[] = [
      { person: staff[0]!.email, course: COURSE_AI, completed_on: dayOfYear(5) }, // 1 fine
      { person: 'nobody@city.example.test', course: COURSE_AI, completed_on: dayOfYear(5) }, // 2 DXP171
      { person: staff[1]!.email, course: 'Python 入門', completed_on: dayOfYear(5) }, // 3 DXP172
      { person: staff[0]!.email.toUpperCase(), course: COURSE_AI, completed_on: dayOfYear(6) }, // 4 DXP175
      { person: staff[2]!.email, course: COURSE_SEC, completed_on: `${fy - 1}-12-01` }, // 5 DXP174
      { person: staff[3]!.email, course: COURSE_SEC, completed_on: '05/04/2026' }, // 6 DXP173
      { person: staff[3]!.email, course: COURSE_AI, completed_on: `${fy + 1}-03-31` }, // 7 DXP174 (future)
      { person: '', course: COURSE_AI, completed_on: dayOfYear(5) }, // 8 DXP103
      { person: staff[4]!.email, course: COURSE_AI, completed_on: `${fy}-02-30` }, // 9 DXP173
      'not a row', // 10 DXP013
    ]
    const before = await state()
    const preview = await importFile(admin, rows, { courses: MAPPING })
    expect(preview.status).toBe('preview')
    expect(preview.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'person', 'DXP171'],
      [3, 'course', 'DXP172'],
      [4, 'row', 'DXP175'],
      [5, 'completed_on', 'DXP174'],
      [6, 'completed_on', 'DXP173'],
      [7, 'completed_on', 'DXP174'],
      [8, 'person', 'DXP103'],
      [9, 'completed_on', 'DXP173'],
      [10, 'row', 'DXP013'],
    ])
    expect(preview.errors.every((e) => /。$/.test(e.message))).toBe(true)
    expect(preview.courses.find((c) => c.course === 'Python 入門')).toEqual({
      course: 'Python 入門',
      rows: 1,
      area_codes: null,
    })
    const refused = await importFile(admin, rows, { courses: MAPPING, apply: true })
    expect(refused).toMatchObject({ status: 'refused', code: 'DXP170', counts: null })
    expect(refused.errors).toEqual(preview.errors)
    expect(await state()).toEqual(before)
  })

  it('credits the mapped areas, attends the e-learning session (rule 3), and remembers the mapping', async () => {
    const rows: Row[] = [
      {
        person: staff[0]!.email,
        course: COURSE_AI,
        completed_on: `${dayOfYear(20).replaceAll('-', '/')} 10:15`,
      },
      { person: staff[0]!.email, course: COURSE_SEC, completed_on: dayOfYear(25) },
      { person: staff[1]!.email, course: COURSE_EXCEL, completed_on: dayOfYear(25) },
    ]
    const courses = { ...MAPPING, [COURSE_EXCEL]: [] }
    expect(await rulesMet(staff[0]!.sub)).toBe(false)
    const preview = await importFile(admin, rows, { courses })
    expect(preview).toMatchObject({ status: 'preview', errors: [] })
    expect(preview.counts).toEqual({
      rows: 3,
      created: 2,
      confirmed: 0,
      changed: 0,
      unchanged: 0,
      skipped: 1,
    })

    const applied = await importFile(admin, rows, { courses, apply: true })
    expect(applied).toMatchObject({ status: 'applied', errors: [], counts: preview.counts })
    const records = await db.sql<{ area_code: string; source: string; completed_on: string; title: string }>(
      `select area_code, source, completed_on::text, title from public.learning_records
       where employee_id = $1 order by area_code`,
      [staff[0]!.sub],
    )
    expect(records).toEqual([
      { area_code: 'dx_basics', source: 'e_learning', completed_on: dayOfYear(20), title: COURSE_AI },
      { area_code: 'generative_ai', source: 'e_learning', completed_on: dayOfYear(20), title: COURSE_AI },
      {
        area_code: 'information_security',
        source: 'e_learning',
        completed_on: dayOfYear(25),
        title: COURSE_SEC,
      },
    ])
    const [registration] = await db.sql<{ status: string }>(
      'select status from public.registrations where employee_id = $1 and session_id = $2',
      [staff[0]!.sub, sessionId],
    )
    expect(registration?.status).toBe('attended')
    expect(await rulesMet(staff[0]!.sub)).toBe(true)
    // A course the plan does not count credits nothing.
    expect(await rulesMet(staff[1]!.sub)).toBe(false)
    const stored = await db.sql<{ course: string; area_codes: string[] }>(
      'select course, area_codes from public.elearning_courses order by course collate "C"',
    )
    expect(stored).toEqual([
      { course: COURSE_AI, area_codes: ['dx_basics', 'generative_ai'] },
      { course: COURSE_EXCEL, area_codes: [] },
      { course: COURSE_SEC, area_codes: ['information_security'] },
    ])
    const [audit] = await db.sql<{ n: number }>(
      `select count(*)::integer as n from public.audit_log where action = 'import_elearning_completions'`,
    )
    expect(audit?.n).toBe(1)

    // Next year's file needs no mapping: the one remembered is used.
    const again = await importFile(admin, rows)
    expect(again.errors).toEqual([])
    expect(again.courses.map((c) => [c.course, c.area_codes])).toEqual([
      [COURSE_AI, ['dx_basics', 'generative_ai']],
      [COURSE_EXCEL, []],
      [COURSE_SEC, ['information_security']],
    ])
  })

  it('changes nothing when the same file comes again, and answers a repeated import id with its first answer', async () => {
    const rows: Row[] = [
      {
        person: staff[0]!.email,
        course: COURSE_AI,
        completed_on: `${dayOfYear(20).replaceAll('-', '/')} 10:15`,
      },
      { person: staff[0]!.email, course: COURSE_SEC, completed_on: dayOfYear(25) },
    ]
    const before = await state()
    const second = await importFile(admin, rows, { apply: true })
    expect(second.counts).toMatchObject({ created: 0, changed: 0, unchanged: 2 })
    expect(await state()).toEqual(before)
    const importId = randomUUID()
    const first = await importFile(admin, rows, { apply: true, importId })
    const replay = await importFile(admin, [{ person: 'x' }], { apply: true, importId })
    expect(replay).toEqual({ ...first, status: 'duplicate' })
    expect(await state()).toEqual(before)
  })

  it('finds people by employee number and reads an instant in UTC as its date in Tokyo', async () => {
    const [profile] = await db.sql<{ employee_number: string }>(
      'select employee_number from public.profiles where id = $1',
      [staff[2]!.sub],
    )
    // 15:30 UTC is 00:30 the next day in Tokyo.
    const instant = `${dayOfYear(40)}T15:30:00Z`
    const applied = await importFile(
      admin,
      [{ person: profile!.employee_number.toLowerCase(), course: COURSE_SEC, completed_on: instant }],
      { personKey: 'employee_number', apply: true },
    )
    expect(applied).toMatchObject({ status: 'applied', errors: [] })
    const [completion] = await db.sql<{ completed_on: string }>(
      'select completed_on::text from public.elearning_completions where employee_id = $1',
      [staff[2]!.sub],
    )
    expect(completion?.completed_on).toBe(dayOfYear(41))
  })

  it('refuses a mapping to an area that does not exist, and a session that is not e-learning', async () => {
    const rows = [{ person: staff[0]!.email, course: 'X', completed_on: dayOfYear(1) }]
    await expect(importFile(admin, rows, { courses: { X: ['no_such_area'] } })).rejects.toMatchObject({
      message: 'DXP112',
    })
    const workshop = await createSession(db, {})
    await expect(
      db.rpc(admin, 'import_elearning_completions', {
        import_id: randomUUID(),
        session_id: workshop,
        person_key: 'email',
        courses: {},
        rows,
        apply: false,
      }),
    ).rejects.toMatchObject({ message: 'DXP176' })
  })
})

describe('an employee reports a completion and the DX division confirms it', () => {
  it('counts a report for nothing until the division confirms it, mapping the course on the way', async () => {
    const me = staff[3]!
    const id = randomUUID()
    const report = { id, session_id: sessionId, course: '  自治体DX の進め方 ', completed_on: dayOfYear(30) }
    const reported = await pushOne(db, me, op('report_elearning_completion', report))
    expect(reported).toMatchObject({
      status: 'applied',
      row: { status: 'reported', course: '自治体DX の進め方' },
    })
    expect(
      await pushOne(db, me, op('report_elearning_completion', { ...report, id: randomUUID() })),
    ).toMatchObject(rejected('DXP177'))
    expect(await rulesMet(me.sub)).toBe(false)
    const [listed] = await db.rpc<{ id: string; area_codes: string[] | null }[]>(
      admin,
      'admin_elearning_reports',
    )
    expect(listed).toMatchObject({ id, area_codes: null })

    expect(await pushOne(db, me, op('confirm_elearning_completion', { id }))).toMatchObject(
      rejected('DXP101'),
    )
    expect(await pushOne(db, admin, op('confirm_elearning_completion', { id }))).toMatchObject(
      rejected('DXP179'),
    )
    const confirmed = await pushOne(
      db,
      admin,
      op('confirm_elearning_completion', { id, area_codes: ['bpr'] }),
    )
    expect(confirmed).toMatchObject({ status: 'applied', row: { status: 'confirmed' } })
    expect(await rulesMet(me.sub)).toBe(true)
    const areas = await db.sql<{ area_code: string }>(
      `select area_code from public.learning_records where employee_id = $1 and source = 'e_learning'`,
      [me.sub],
    )
    expect(areas).toEqual([{ area_code: 'bpr' }])
    expect(await pushOne(db, admin, op('confirm_elearning_completion', { id }))).toMatchObject(
      rejected('DXP178'),
    )
    expect(await db.rpc(admin, 'admin_elearning_reports')).toEqual([])
  })

  it('returns a report with a reason, after which the employee may report again', async () => {
    const me = staff[4]!
    const id = randomUUID()
    const report = { id, session_id: sessionId, course: COURSE_AI, completed_on: dayOfYear(50) }
    await pushOne(db, me, op('report_elearning_completion', report))
    expect(await pushOne(db, admin, op('return_elearning_completion', { id, reason: ' ' }))).toMatchObject(
      rejected('DXP180'),
    )
    const returned = await pushOne(
      db,
      admin,
      op('return_elearning_completion', { id, reason: '修了証の日付が読めません。' }),
    )
    expect(returned).toMatchObject({
      status: 'applied',
      row: { status: 'returned', reason: '修了証の日付が読めません。' },
    })
    expect(await rulesMet(me.sub)).toBe(false)
    const again = await pushOne(db, me, op('report_elearning_completion', { ...report, id: randomUUID() }))
    expect(again).toMatchObject({ status: 'applied' })
    // The platform's file then confirms the report: one completion, no second row.
    const applied = await importFile(
      admin,
      [{ person: me.email, course: COURSE_AI, completed_on: dayOfYear(51) }],
      {
        apply: true,
      },
    )
    expect(applied.counts).toMatchObject({ confirmed: 1, created: 0 })
    const rows = await db.sql<{ status: string; origin: string }>(
      'select status, origin from public.elearning_completions where employee_id = $1 order by reported_at',
      [me.sub],
    )
    expect(rows).toEqual([
      { status: 'returned', origin: 'self_report' },
      { status: 'confirmed', origin: 'self_report' },
    ])
    expect(await rulesMet(me.sub)).toBe(true)
  })

  it('refuses a report dated outside the training year, in the future, or for a session not e-learning', async () => {
    const me = staff[5]!
    const base = { session_id: sessionId, course: COURSE_SEC }
    expect(
      await pushOne(
        db,
        me,
        op('report_elearning_completion', { ...base, id: randomUUID(), completed_on: `${fy - 1}-06-01` }),
      ),
    ).toMatchObject(rejected('DXP174'))
    expect(
      await pushOne(
        db,
        me,
        op('report_elearning_completion', { ...base, id: randomUUID(), completed_on: tokyoToday(2) }),
      ),
    ).toMatchObject(rejected('DXP016'))
    const workshop = await createSession(db, {})
    expect(
      await pushOne(
        db,
        me,
        op('report_elearning_completion', {
          ...base,
          session_id: workshop,
          id: randomUUID(),
          completed_on: dayOfYear(1),
        }),
      ),
    ).toMatchObject(rejected('DXP176'))
  })
})

describe('a 3,000-row Shift_JIS export of the platform', () => {
  const size = 3000
  const header = 'User Name,User Email,Course Title,Completion Date'
  const courses = [COURSE_AI, COURSE_SEC, COURSE_EXCEL]
  type Planted = { row: number; field: string; code: string }

  /** The export as the platform writes it, with 4 errors of each of 5 kinds planted at known rows. */
  function platformCsv(plant: boolean): { text: string; planted: Planted[] } {
    const kinds: Planted['code'][] = ['DXP171', 'DXP172', 'DXP175', 'DXP174', 'DXP173']
    const lines = [header]
    const planted: Planted[] = []
    for (let row = 1; row <= size; row += 1) {
      let cells = [
        `厚木 職員${row}`,
        `el.${row}@city.atsugi.test`,
        courses[row % 2]!,
        `${dayOfYear(row % 200)}T01:00:00Z`,
      ]
      const kind = plant && row % 150 === 0 ? kinds[(row / 150) % kinds.length] : undefined
      if (kind === 'DXP171') cells[1] = `gone.${row}@city.atsugi.test`
      if (kind === 'DXP172') cells[2] = 'Python 入門 第2版'
      if (kind === 'DXP175')
        cells = [cells[0]!, `el.${row - 1}@city.atsugi.test`, courses[(row - 1) % 2]!, cells[3]!]
      if (kind === 'DXP174') cells[3] = `${fy - 1}/12/24`
      if (kind === 'DXP173') cells[3] = '24/12/2026'
      if (kind) {
        const field =
          kind === 'DXP171'
            ? 'person'
            : kind === 'DXP172'
              ? 'course'
              : kind === 'DXP175'
                ? 'row'
                : 'completed_on'
        planted.push({ row, field, code: kind })
      }
      lines.push(cells.join(','))
    }
    return { text: `${lines.join('\r\n')}\r\n`, planted }
  }

  async function rowsOf(text: string) {
    const csv = await readElearningCsv(toShiftJis(text))
    if (!csv.ok) throw new Error('not read')
    expect(csv.encoding).toBe('SJIS')
    return toElearningRows(csv.records, guessElearningColumns(csv.headers) as ElearningColumns)
  }

  beforeAll(async () => {
    await db.sql(
      `with n as (select g, gen_random_uuid() as id from generate_series(1, $1::integer) as g),
       u as (insert into auth.users (id, email) select id, 'el.' || g || '@city.atsugi.test' from n returning id)
       insert into public.profiles (id, employee_number, full_name, full_name_kana, department_code, position_grade_code, email)
       select n.id, 'EL' || lpad(g::text, 5, '0'), '厚木 職員' || g, 'アツギ ショクイン',
         (select code from public.departments order by sort_order limit 1),
         (select code from public.position_grades order by rank limit 1), 'el.' || g || '@city.atsugi.test'
       from n join u on u.id = n.id`,
      [size],
    )
  })

  it('finds exactly the 20 planted errors and writes nothing', async () => {
    const { text, planted } = platformCsv(true)
    expect(planted).toHaveLength(20)
    const rows = await rowsOf(text)
    const before = await state()
    const started = performance.now()
    const result = await importFile(admin, rows, { apply: true })
    const ms = performance.now() - started
    console.log(
      `elearning-import-3000-rows-refused ${db.engine} ${Math.round(ms)} ms, ${result.errors.length} errors`,
    )
    expect(result).toMatchObject({ status: 'refused', code: 'DXP170' })
    expect(result.errors.map(({ row, field, code }) => ({ row, field, code }))).toEqual(planted)
    expect(await state()).toEqual(before)
  })

  it('imports the clean file in one go, and the same file again writes nothing', async () => {
    const rows = await rowsOf(platformCsv(false).text)
    const preview = await importFile(admin, rows)
    expect(preview.errors).toEqual([])
    const started = performance.now()
    const result = await importFile(admin, rows, { apply: true })
    const ms = performance.now() - started
    console.log(
      `elearning-import-3000-rows ${db.engine} ${Math.round(ms)} ms = ${Math.round((size / ms) * 1000)} rows/s`,
    )
    expect(result).toMatchObject({ status: 'applied', counts: { rows: size, created: size, skipped: 0 } })
    const [credits] = await db.sql<{ n: number }>(
      `select count(*)::integer as n from public.learning_records where source = 'e_learning' and title in ($1, $2)
         and employee_id in (select id from public.profiles where employee_number like 'EL%')`,
      [COURSE_AI, COURSE_SEC],
    )
    expect(credits?.n).toBe(size * 1.5)
    const before = await state()
    const again = performance.now()
    const second = await importFile(admin, rows, { apply: true })
    console.log(`elearning-reimport-3000-rows ${db.engine} ${Math.round(performance.now() - again)} ms`)
    expect(second.counts).toMatchObject({ created: 0, unchanged: size })
    expect(await state()).toEqual(before)
  })
})
