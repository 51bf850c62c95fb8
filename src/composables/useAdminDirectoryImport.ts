import { computed, inject, shallowRef, type ComputedRef, type Ref } from 'vue'
import { backendKey, getBackend } from '@/backend'
import { failureCodeOf } from '@/backend/classify-error'
import type { DirectoryEntry, DirectoryImportResult } from '@/contract'
import { parseDirectoryCsv, type ParsedDirectoryCsv } from '@/domain/directory-csv'
import {
  resolveDepartment,
  resolvePositionGrade,
  validateDirectoryRows,
  type DirectoryImportRow,
  type DirectoryRowError,
} from '@/domain/directory-import'
import { useAdminOrgReference } from './useAdminOrgReference'
import { useNetworkStatus } from './useNetworkStatus'

/**
 *   idle ── choose ──▶ reading ──▶ preview ── confirm ──▶ importing ──▶ done (applied)
 *                         │           ▲                      │
 *                         ▼           └──── refused / failed ┘
 *                      unreadable
 */
export type DirectoryImportPhase = 'idle' | 'reading' | 'unreadable' | 'preview' | 'importing' | 'done'

export interface DirectoryPreviewRow {
  row: number
  source: DirectoryImportRow
  departmentCode: string | null
  positionGradeCode: string | null
}

export interface UseAdminDirectoryImportReturn {
  phase: Readonly<Ref<DirectoryImportPhase>>
  fileName: Readonly<Ref<string>>
  /** Why the file could not be read (encoding, no rows, columns missing). */
  problem: Readonly<Ref<Extract<ParsedDirectoryCsv, { ok: false }> | null>>
  rows: Readonly<Ref<DirectoryImportRow[]>>
  preview: ComputedRef<DirectoryPreviewRow[]>
  /** The device's report, against the replica's departments and grades. */
  errors: ComputedRef<DirectoryRowError[]>
  /** The server's last answer: applied with counts, or refused with its own report. */
  result: Readonly<Ref<DirectoryImportResult | null>>
  /** A call that failed (offline, server, permission): its code, for the message. */
  failure: Readonly<Ref<string | null>>
  online: Readonly<Ref<boolean>>
  /**
   * People the import would mark as left (active directory members missing from the file, the
   * importer excepted, as the server does); null until the directory has been read (online).
   */
  leaving: ComputedRef<DirectoryEntry[] | null>
  choose: (file: File) => Promise<void>
  confirm: () => Promise<void>
}

/** How many rows the preview table shows; the report lists every error. */
export const PREVIEW_ROWS = 20

/** The DX division's import of the HR CSV: read, check, preview, then one online call. */
export function useAdminDirectoryImport(): UseAdminDirectoryImportReturn {
  const load = inject(backendKey, getBackend)
  const { departments, positionGrades } = useAdminOrgReference()
  const { online } = useNetworkStatus()
  const phase = shallowRef<DirectoryImportPhase>('idle')
  const fileName = shallowRef('')
  const problem = shallowRef<Extract<ParsedDirectoryCsv, { ok: false }> | null>(null)
  const rows = shallowRef<DirectoryImportRow[]>([])
  const result = shallowRef<DirectoryImportResult | null>(null)
  const failure = shallowRef<string | null>(null)
  // One id per file read: a confirm retried after a lost answer is the same import, applied once.
  let importId = ''
  const current = shallowRef<DirectoryEntry[] | null>(null)
  const me = shallowRef<string | null>(null)
  const leaving = computed(() => {
    if (!current.value) return null
    const listed = new Set(rows.value.map((r) => r.employee_number))
    return current.value.filter(
      (e) => !e.left_on && e.department_code !== null && e.id !== me.value && !listed.has(e.employee_number),
    )
  })

  async function readDirectory() {
    try {
      const backend = await load()
      me.value = (await backend.currentUser())?.id ?? null
      current.value = await backend.call('admin_directory', {})
    } catch {
      // Offline or refused: the preview simply cannot say who would leave.
      current.value = null
    }
  }

  const reference = computed(() => ({ departments: departments.value, positionGrades: positionGrades.value }))
  const errors = computed(() => validateDirectoryRows(rows.value, reference.value))
  const preview = computed(() =>
    rows.value.slice(0, PREVIEW_ROWS).map((source, index) => ({
      row: index + 1,
      source,
      departmentCode: resolveDepartment(source, reference.value),
      positionGradeCode: resolvePositionGrade(source, reference.value),
    })),
  )

  async function choose(file: File) {
    phase.value = 'reading'
    fileName.value = file.name
    result.value = null
    failure.value = null
    problem.value = null
    rows.value = []
    importId = crypto.randomUUID()
    const parsed = await parseDirectoryCsv(new Uint8Array(await file.arrayBuffer()))
    if (!parsed.ok) {
      problem.value = parsed
      phase.value = 'unreadable'
      return
    }
    rows.value = parsed.rows
    phase.value = 'preview'
    if (online.value) await readDirectory()
  }

  async function confirm() {
    if (phase.value !== 'preview' || !online.value) return
    failure.value = null
    // The server cannot even read a file with U+0000 or a broken character: the preview's rows say which.
    if (errors.value.some((error) => error.code === 'DXP017')) {
      failure.value = 'DXP017'
      return
    }
    phase.value = 'importing'
    try {
      const backend = await load()
      const answer = await backend.call('import_directory', { import_id: importId, rows: rows.value })
      result.value = answer
      phase.value = answer.status === 'refused' ? 'preview' : 'done'
      if (answer.status !== 'refused') current.value = null
    } catch (error) {
      failure.value = failureCodeOf(error)
      phase.value = 'preview'
    }
  }

  return {
    phase,
    fileName,
    problem,
    rows,
    preview,
    errors,
    result,
    failure,
    online,
    leaving,
    choose,
    confirm,
  }
}
