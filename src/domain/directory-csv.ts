/**
 * Bytes of the HR department's CSV → import rows. HR's spreadsheets save Shift_JIS (Excel's
 * default in Japanese Windows) or UTF-8 with or without a BOM; encoding-japanese tells which, and
 * papaparse reads the CSV (quoted commas, CRLF). Both are loaded on first use: only the import
 * screen needs them.
 */
import { missingDirectoryColumns, toDirectoryImportRow, type DirectoryImportRow } from './directory-import'

export type DirectoryCsvEncoding = 'UTF8' | 'SJIS'

export type ParsedDirectoryCsv =
  | { ok: true; encoding: DirectoryCsvEncoding; rows: DirectoryImportRow[] }
  | {
      ok: false
      encoding: DirectoryCsvEncoding | null
      problem: 'encoding' | 'empty' | 'columns'
      missing: string[]
    }

/** The file's text and the encoding it was read as, or null when it is neither UTF-8 nor Shift_JIS. */
export async function decodeDirectoryCsv(
  bytes: Uint8Array,
): Promise<{ text: string; encoding: DirectoryCsvEncoding } | null> {
  const module = await import('encoding-japanese')
  // A CommonJS module: its functions are on `default` when bundled, on the namespace under Node.
  const Encoding = (module as unknown as { default?: typeof module }).default ?? module
  const detected = Encoding.detect(bytes, ['UTF8', 'SJIS'])
  // Pure ASCII is valid as either; UTF-8 is the safe reading.
  const encoding: DirectoryCsvEncoding | null =
    detected === 'SJIS' ? 'SJIS' : detected === 'UTF8' || detected === 'ASCII' ? 'UTF8' : null
  if (encoding === null) return null
  const text = Encoding.convert(bytes, { to: 'UNICODE', from: encoding, type: 'string' })
  return { text: text.replace(/^\uFEFF/, ''), encoding }
}

/** A decoded CSV's header row and its records keyed by header (headers NFKC-normalised and trimmed). */
export interface CsvRecords {
  headers: string[]
  records: Record<string, string | undefined>[]
}

/** Reads decoded CSV text (quoted commas, CRLF, blank lines skipped); shared by every CSV import. */
export async function readCsvRecords(text: string): Promise<CsvRecords> {
  const { default: Papa } = await import('papaparse')
  const parsed = Papa.parse<Record<string, string | undefined>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.normalize('NFKC').trim(),
  })
  return { headers: parsed.meta.fields ?? [], records: parsed.data }
}

export async function parseDirectoryCsv(bytes: Uint8Array): Promise<ParsedDirectoryCsv> {
  const decoded = await decodeDirectoryCsv(bytes)
  if (!decoded) return { ok: false, encoding: null, problem: 'encoding', missing: [] }
  const { headers, records } = await readCsvRecords(decoded.text)
  if (headers.length === 0) return { ok: false, encoding: decoded.encoding, problem: 'empty', missing: [] }
  const missing = missingDirectoryColumns(headers)
  if (missing.length > 0) return { ok: false, encoding: decoded.encoding, problem: 'columns', missing }
  if (records.length === 0) return { ok: false, encoding: decoded.encoding, problem: 'empty', missing: [] }
  return { ok: true, encoding: decoded.encoding, rows: records.map(toDirectoryImportRow) }
}
