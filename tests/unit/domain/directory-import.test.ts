import { describe, expect, it } from 'vitest'
import {
  missingDirectoryColumns,
  toDirectoryImportRow,
  validateDirectoryRows,
  type DirectoryImportRow,
} from '@/domain/directory-import'

const reference = {
  departments: [
    { code: 'kikaku_dx', name: 'DX推進課' },
    { code: 'soumu_shokuin', name: '職員課' },
    // Two 部 with a 総務課: the name alone does not say which.
    { code: 'a_soumu', name: '総務課' },
    { code: 'b_soumu', name: '総務課' },
  ],
  positionGrades: [
    { code: 'shuji', name: '主事' },
    { code: 'kakaricho', name: '係長' },
  ],
}

function row(overrides: Partial<DirectoryImportRow> = {}): DirectoryImportRow {
  return {
    employee_number: 'A0001',
    full_name: '厚木 花子',
    full_name_kana: 'アツギ ハナコ',
    department_code: '',
    department_name: 'DX推進課',
    position_grade_code: '',
    position_grade_name: '主事',
    email: 'hanako@city.atsugi.test',
    ...overrides,
  }
}

describe('the directory row check', () => {
  it('accepts rows naming a department and grade by name or by code', () => {
    const rows = [
      row(),
      row({
        employee_number: 'A0002',
        email: 'b@city.atsugi.test',
        department_name: '',
        department_code: 'soumu_shokuin',
        position_grade_name: '',
        position_grade_code: 'kakaricho',
      }),
    ]
    expect(validateDirectoryRows(rows, reference)).toEqual([])
  })

  it.each([
    ['a missing required field', { full_name_kana: '' }, 'full_name_kana', 'DXP103'],
    ['no department at all', { department_name: '' }, 'department', 'DXP103'],
    ['an unknown department', { department_name: '存在しない課' }, 'department', 'DXP104'],
    ['a department name two departments share', { department_name: '総務課' }, 'department', 'DXP104'],
    [
      'an unknown department code',
      { department_name: '', department_code: 'nowhere' },
      'department',
      'DXP104',
    ],
    ['an unknown grade', { position_grade_name: '参与' }, 'position_grade', 'DXP105'],
    ['a bad email', { email: 'hanako.city.atsugi.test' }, 'email', 'DXP107'],
    ['a malformed employee number', { employee_number: 'a-1' }, 'employee_number', 'DXP108'],
    ['a name with U+0000 from a broken file', { full_name: '厚木\u0000花子' }, 'full_name', 'DXP017'],
    ['a kana with a lone surrogate', { full_name_kana: 'アツギ\ud83d' }, 'full_name_kana', 'DXP017'],
    [
      'a department name with a control character',
      { department_name: '\u0007情報政策課' },
      'department',
      'DXP017',
    ],
    ['an email with U+0000', { email: 'hanako\u0000@city.atsugi.test' }, 'email', 'DXP017'],
    [
      'a name in hiragana where kana are asked for',
      { full_name_kana: 'あつぎ はなこ' },
      'full_name_kana',
      'DXP108',
    ],
  ] as const)('reports %s on its row and field', (_what, overrides, field, code) => {
    expect(
      validateDirectoryRows(
        [row({ employee_number: 'A0000', email: 'z@x.test' }), row(overrides)],
        reference,
      ),
    ).toEqual([{ row: 2, field, code }])
  })

  it('reports a repeated employee number or email on the later rows only', () => {
    const rows = [
      row(),
      row({ email: 'other@city.atsugi.test' }),
      row({ employee_number: 'A0003' }),
      row({ employee_number: 'A0001', email: 'third@city.atsugi.test' }),
    ]
    expect(validateDirectoryRows(rows, reference)).toEqual([
      { row: 2, field: 'employee_number', code: 'DXP106' },
      { row: 3, field: 'email', code: 'DXP114' },
      { row: 4, field: 'employee_number', code: 'DXP106' },
    ])
  })

  it('reports every field of a row, in order, and nothing for the good rows around it', () => {
    const rows = [
      row(),
      row({ employee_number: '', full_name: '', email: 'x' }),
      row({ employee_number: 'A0003', email: 'c@d.test' }),
    ]
    expect(validateDirectoryRows(rows, reference)).toEqual([
      { row: 2, field: 'employee_number', code: 'DXP103' },
      { row: 2, field: 'full_name', code: 'DXP103' },
      { row: 2, field: 'email', code: 'DXP107' },
    ])
  })
})

describe('a CSV record as the import takes it', () => {
  it('normalises full-width digits, half-width kana and case the way HR spreadsheets mix them', () => {
    expect(
      toDirectoryImportRow({
        職員番号: ' ａ００１２ ',
        氏名: '厚木　花子',
        氏名カナ: 'ｱﾂｷﾞ ﾊﾅｺ',
        所属名: 'DX推進課',
        職位名: '主事',
        メールアドレス: 'Hanako@City.Atsugi.TEST',
      }),
    ).toEqual({
      employee_number: 'A0012',
      full_name: '厚木 花子',
      full_name_kana: 'アツギ ハナコ',
      department_code: '',
      department_name: 'DX推進課',
      position_grade_code: '',
      position_grade_name: '主事',
      email: 'hanako@city.atsugi.test',
    })
  })

  it('names the columns a file lacks, accepting a code or a name for department and grade', () => {
    expect(
      missingDirectoryColumns(['職員番号', '氏名', '氏名カナ', '所属コード', '職位名', 'メールアドレス']),
    ).toEqual([])
    expect(missingDirectoryColumns(['職員番号', '氏名'])).toEqual([
      '氏名カナ',
      '所属コード/所属名',
      '職位コード/職位名',
      'メールアドレス',
    ])
  })
})
