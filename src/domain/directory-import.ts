/**
 * The HR department's employee directory, as the DX division imports it: the columns of its CSV,
 * the normalisation of each cell, and the row-by-row report of what is wrong. The same rules run
 * again on the server (private.directory_row_errors), so the preview says what the import will say.
 */
import { isStorableText } from './storable-text'

/** Columns of the HR CSV; a department and a grade may each be given by code or by name. */
export const DIRECTORY_COLUMNS = {
  employee_number: '職員番号',
  full_name: '氏名',
  full_name_kana: '氏名カナ',
  department_code: '所属コード',
  department_name: '所属名',
  position_grade_code: '職位コード',
  position_grade_name: '職位名',
  email: 'メールアドレス',
} as const

export type DirectoryColumn = keyof typeof DIRECTORY_COLUMNS

/** One row as import_directory takes it: every cell trimmed and normalised, '' when empty. */
export type DirectoryImportRow = Record<DirectoryColumn, string>

/** Where an error lies: a department or grade is one field, whichever column gave it. */
export type DirectoryField =
  'row' | 'employee_number' | 'full_name' | 'full_name_kana' | 'department' | 'position_grade' | 'email'

/**
 * DXP017 a character that cannot be stored (a control character from a broken file), DXP103 missing,
 * DXP104 unknown department, DXP105 unknown grade, DXP106 employee number twice in the file,
 * DXP107 bad email, DXP108 malformed value, DXP114 email twice (or another employee's).
 */
export type DirectoryRowErrorCode =
  'DXP013' | 'DXP017' | 'DXP103' | 'DXP104' | 'DXP105' | 'DXP106' | 'DXP107' | 'DXP108' | 'DXP114'

export interface DirectoryRowError {
  /** 1-based position among the data rows (the CSV line is row + 1, after the header). */
  row: number
  field: DirectoryField
  code: DirectoryRowErrorCode
}

export interface DirectoryReference {
  departments: readonly { code: string; name: string }[]
  positionGrades: readonly { code: string; name: string }[]
}

const EMPLOYEE_NUMBER = /^[0-9A-Z][0-9A-Z-]{2,19}$/

/** Whether a normalised cell (see normalizeDirectoryCell) has the shape of an employee number. */
export function isEmployeeNumber(text: string): boolean {
  return EMPLOYEE_NUMBER.test(text)
}
const KANA = /^[ァ-ヶー・ \u3000]+$/
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/**
 * A cell as HR's spreadsheets write it, made comparable: NFKC turns full-width digits and letters
 * and half-width katakana into the forms the directory stores; employee numbers are upper-cased,
 * emails lower-cased. Names keep their spaces (氏名 has one between family and given name).
 */
export function normalizeDirectoryCell(column: DirectoryColumn, value: string | undefined): string {
  const text = (value ?? '').normalize('NFKC').trim()
  if (column === 'employee_number') return text.toUpperCase()
  if (column === 'email') return text.toLowerCase()
  if (column === 'full_name_kana') return text.replace(/ +/g, ' ')
  return text
}

/** A CSV record keyed by the Japanese headers → an import row. */
export function toDirectoryImportRow(
  record: Readonly<Record<string, string | undefined>>,
): DirectoryImportRow {
  const row = {} as DirectoryImportRow
  for (const [column, header] of Object.entries(DIRECTORY_COLUMNS) as [DirectoryColumn, string][]) {
    row[column] = normalizeDirectoryCell(column, record[header])
  }
  return row
}

/** Header problems that stop the preview: a required column, or both forms of a code column, missing. */
export function missingDirectoryColumns(headers: readonly string[]): string[] {
  const has = (column: DirectoryColumn) => headers.includes(DIRECTORY_COLUMNS[column])
  const missing: string[] = []
  for (const column of ['employee_number', 'full_name', 'full_name_kana'] as const) {
    if (!has(column)) missing.push(DIRECTORY_COLUMNS[column])
  }
  if (!has('department_code') && !has('department_name')) {
    missing.push(`${DIRECTORY_COLUMNS.department_code}/${DIRECTORY_COLUMNS.department_name}`)
  }
  if (!has('position_grade_code') && !has('position_grade_name')) {
    missing.push(`${DIRECTORY_COLUMNS.position_grade_code}/${DIRECTORY_COLUMNS.position_grade_name}`)
  }
  if (!has('email')) missing.push(DIRECTORY_COLUMNS.email)
  return missing
}

/** The department code a row names (by code, else by a name only one department has), or null. */
export function resolveDepartment(row: DirectoryImportRow, reference: DirectoryReference): string | null {
  if (row.department_code) {
    return reference.departments.some((d) => d.code === row.department_code) ? row.department_code : null
  }
  const named = reference.departments.filter((d) => d.name === row.department_name)
  return named.length === 1 ? named[0]!.code : null
}

export function resolvePositionGrade(row: DirectoryImportRow, reference: DirectoryReference): string | null {
  if (row.position_grade_code) {
    return reference.positionGrades.some((g) => g.code === row.position_grade_code)
      ? row.position_grade_code
      : null
  }
  return reference.positionGrades.find((g) => g.name === row.position_grade_name)?.code ?? null
}

/**
 * Every error of every row, in row order, at most one per field. A repeated employee number or
 * email is reported on its second and later rows: the first is the one kept.
 */
export function validateDirectoryRows(
  rows: readonly DirectoryImportRow[],
  reference: DirectoryReference,
): DirectoryRowError[] {
  const errors: DirectoryRowError[] = []
  const seenNumbers = new Set<string>()
  const seenEmails = new Set<string>()
  rows.forEach((r, index) => {
    const row = index + 1
    const add = (field: DirectoryField, code: DirectoryRowErrorCode) => errors.push({ row, field, code })

    if (!r.employee_number) add('employee_number', 'DXP103')
    else if (!isStorableText(r.employee_number)) add('employee_number', 'DXP017')
    else if (!isEmployeeNumber(r.employee_number)) add('employee_number', 'DXP108')
    else if (seenNumbers.has(r.employee_number)) add('employee_number', 'DXP106')
    if (r.employee_number) seenNumbers.add(r.employee_number)

    if (!r.full_name) add('full_name', 'DXP103')
    else if (!isStorableText(r.full_name)) add('full_name', 'DXP017')
    else if (r.full_name.length > 100) add('full_name', 'DXP108')

    if (!r.full_name_kana) add('full_name_kana', 'DXP103')
    else if (!isStorableText(r.full_name_kana)) add('full_name_kana', 'DXP017')
    else if (r.full_name_kana.length > 100 || !KANA.test(r.full_name_kana)) add('full_name_kana', 'DXP108')

    if (!r.department_code && !r.department_name) add('department', 'DXP103')
    else if (!isStorableText(r.department_code) || !isStorableText(r.department_name))
      add('department', 'DXP017')
    else if (resolveDepartment(r, reference) === null) add('department', 'DXP104')

    if (!r.position_grade_code && !r.position_grade_name) add('position_grade', 'DXP103')
    else if (!isStorableText(r.position_grade_code) || !isStorableText(r.position_grade_name))
      add('position_grade', 'DXP017')
    else if (resolvePositionGrade(r, reference) === null) add('position_grade', 'DXP105')

    if (!r.email) add('email', 'DXP103')
    else if (!isStorableText(r.email)) add('email', 'DXP017')
    else if (r.email.length > 254 || !EMAIL.test(r.email)) add('email', 'DXP107')
    else if (seenEmails.has(r.email)) add('email', 'DXP114')
    if (r.email) seenEmails.add(r.email)
  })
  return errors
}
