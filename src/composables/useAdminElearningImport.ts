import { computed, inject, shallowRef, watch, type ComputedRef, type Ref } from 'vue'
import { backendKey, getBackend } from '@/backend'
import { failureCodeOf } from '@/backend/classify-error'
import type { ElearningImportResult } from '@/contract'
import { readElearningColumns, saveElearningColumns } from '@/data/elearning-columns'
import {
  columnsFit,
  guessElearningColumns,
  parseCompletionDate,
  readElearningCsv,
  toElearningRows,
  unreadableElearningCells,
  type ElearningCellProblem,
  type ElearningColumns,
  type ElearningCsvEncoding,
  type ElearningImportRow,
} from '@/domain/elearning-import'
import { useElearningWindows, type ElearningWindow } from './useElearningWindows'
import { useNetworkStatus } from './useNetworkStatus'

/**
 *   idle ── choose ──▶ reading ──▶ ready ── check ──▶ checking ──▶ ready (server's preview)
 *                         │          ▲                                  │ confirm
 *                         ▼          └──── refused / failed ◀── importing ◀┘
 *                       empty                                  └──▶ done (applied)
 */
export type ElearningImportPhase = 'idle' | 'reading' | 'empty' | 'ready' | 'checking' | 'importing' | 'done'

export interface ElearningPreviewRow {
  row: number
  source: ElearningImportRow
  /** The date the server will read, or null when it cannot (it reports the row). */
  date: string | null
}

export interface UseAdminElearningImportReturn {
  phase: Readonly<Ref<ElearningImportPhase>>
  fileName: Readonly<Ref<string>>
  encoding: Readonly<Ref<ElearningCsvEncoding | null>>
  headers: Readonly<Ref<string[]>>
  /** The picked columns; incomplete until the division picks what the headers did not say. */
  columns: Ref<Partial<ElearningColumns>>
  windows: ComputedRef<ElearningWindow[]>
  /** The e-learning window the completions belong to (the year's デジタル人材育成研修). */
  sessionId: Ref<string | null>
  rows: ComputedRef<ElearningImportRow[]>
  preview: ComputedRef<ElearningPreviewRow[]>
  /** Cells that cannot be sent as they are (broken characters): the file must be fixed first. */
  unreadable: ComputedRef<ElearningCellProblem[]>
  /** Course → area codes as the division set them ([]: not counted); filled from the server's mapping. */
  mapping: Ref<Record<string, string[]>>
  /** The server's last answer: a preview, or the import's. */
  result: Readonly<Ref<ElearningImportResult | null>>
  /** True when the answer shown is for the file, columns and mapping as they are now. */
  checked: ComputedRef<boolean>
  failure: Readonly<Ref<string | null>>
  online: Readonly<Ref<boolean>>
  choose: (file: File) => Promise<void>
  setAreas: (course: string, areaCodes: readonly string[]) => void
  /** Marks a course as one the plan does not count: its rows are skipped. */
  setNotCounted: (course: string) => void
  /** Asks the server what the import would do (writes nothing). */
  check: () => Promise<void>
  /** Imports: the server writes everything in one transaction, or nothing. */
  confirm: () => Promise<void>
}

/** How many rows the preview table shows; the report lists every error. */
export const ELEARNING_PREVIEW_ROWS = 20

/** The DX division's import of the e-learning platform's export: read, pick, map, preview, import. */
export function useAdminElearningImport(): UseAdminElearningImportReturn {
  const load = inject(backendKey, getBackend)
  const { online } = useNetworkStatus()
  const { windows, current } = useElearningWindows()
  const phase = shallowRef<ElearningImportPhase>('idle')
  const fileName = shallowRef('')
  const encoding = shallowRef<ElearningCsvEncoding | null>(null)
  const headers = shallowRef<string[]>([])
  const records = shallowRef<Record<string, string | undefined>[]>([])
  const columns = shallowRef<Partial<ElearningColumns>>({})
  const sessionId = shallowRef<string | null>(null)
  const mapping = shallowRef<Record<string, string[]>>({})
  const result = shallowRef<ElearningImportResult | null>(null)
  const failure = shallowRef<string | null>(null)
  // What the last answer was asked about: an answer for other columns or mapping is not shown as current.
  const askedAbout = shallowRef('')
  // One id per file read: a confirm retried after a lost answer is the same import, applied once.
  let importId = ''

  // The replica may answer after a file was chosen: the year's window is picked then, and the file checked.
  watch(
    current,
    (w) => {
      if (sessionId.value !== null || !w) return
      sessionId.value = w.sessionId
      if (phase.value === 'ready' && result.value === null && complete.value && online.value) void check()
    },
    { immediate: true },
  )

  const complete = computed((): ElearningColumns | null => {
    const c = columns.value
    return c.person && c.personKey && c.course && c.completedOn ? (c as ElearningColumns) : null
  })
  const rows = computed(() => (complete.value ? toElearningRows(records.value, complete.value) : []))
  const preview = computed(() =>
    rows.value.slice(0, ELEARNING_PREVIEW_ROWS).map((source, index) => ({
      row: index + 1,
      source,
      date: parseCompletionDate(source.completed_on),
    })),
  )
  const unreadable = computed(() => unreadableElearningCells(rows.value))
  const question = computed(() => JSON.stringify([importId, sessionId.value, columns.value, mapping.value]))
  const checked = computed(() => result.value !== null && askedAbout.value === question.value)

  async function choose(file: File) {
    phase.value = 'reading'
    fileName.value = file.name
    result.value = null
    failure.value = null
    mapping.value = {}
    importId = crypto.randomUUID()
    const csv = await readElearningCsv(new Uint8Array(await file.arrayBuffer()))
    encoding.value = csv.encoding
    if (!csv.ok) {
      headers.value = []
      records.value = []
      phase.value = 'empty'
      return
    }
    headers.value = csv.headers
    records.value = csv.records
    const remembered = readElearningColumns()
    columns.value =
      remembered && columnsFit(remembered, csv.headers) ? remembered : guessElearningColumns(csv.headers)
    phase.value = 'ready'
    if (complete.value && online.value) await check()
  }

  function setAreas(course: string, areaCodes: readonly string[]) {
    mapping.value = { ...mapping.value, [course]: [...new Set(areaCodes)].sort() }
  }

  function setNotCounted(course: string) {
    mapping.value = { ...mapping.value, [course]: [] }
  }

  async function ask(apply: boolean): Promise<ElearningImportResult | null> {
    const picked = complete.value
    const session = sessionId.value
    if (!picked || !session || !online.value || unreadable.value.length > 0) return null
    failure.value = null
    try {
      const backend = await load()
      const answer = await backend.call('import_elearning_completions', {
        import_id: importId,
        session_id: session,
        person_key: picked.personKey,
        courses: mapping.value,
        rows: rows.value,
        apply,
      })
      result.value = answer
      // The server's mapping of each course in the file, for the ones the division has not set here.
      const known = Object.fromEntries(
        answer.courses.flatMap((c) => (c.area_codes === null ? [] : [[c.course, c.area_codes]])),
      )
      mapping.value = { ...known, ...mapping.value }
      // Filling in the server's own mapping asks nothing new: the answer is current for the merged one.
      askedAbout.value = question.value
      saveElearningColumns(picked)
      return answer
    } catch (error) {
      failure.value = failureCodeOf(error)
      return null
    }
  }

  async function check() {
    if (phase.value !== 'ready') return
    phase.value = 'checking'
    await ask(false)
    phase.value = 'ready'
  }

  async function confirm() {
    if (phase.value !== 'ready' || !checked.value) return
    phase.value = 'importing'
    const answer = await ask(true)
    phase.value = answer && answer.status !== 'refused' ? 'done' : 'ready'
  }

  return {
    phase,
    fileName,
    encoding,
    headers,
    columns,
    windows,
    sessionId,
    rows,
    preview,
    unreadable,
    mapping,
    result,
    checked,
    failure,
    online,
    choose,
    setAreas,
    setNotCounted,
    check,
    confirm,
  }
}
