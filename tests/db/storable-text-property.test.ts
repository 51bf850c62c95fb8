// What the client's validation accepts, the server accepts and gives back unchanged: any text, drawn
// from the whole of Unicode (lone surrogates and control characters included), through sync_push on
// PGlite and on PostgreSQL 17. Text the client refuses as unstorable (DXP017), the server refuses too.
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateArgs } from '@/data/mutate'
import { RpcError } from '@/backend/embedded/execute-rpc'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import { op, pushOne, tokyoToday } from './write-support'

let db: TestDb
let employee: UserClaims

beforeAll(async () => {
  db = await createTestDb()
  employee = await db.createUser()
})
afterAll(() => db?.close())

/** Characters where a client and a server most often disagree, mixed into random text. */
const TRICKY = [
  ' ',
  '\u3000',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u000c',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u200b',
  '\u0000',
  '\u0001',
  '\u001b',
  '\u001f',
  '\u007f',
  '\ud83d',
  '\ude00',
  '😀',
  '𠮷',
  'é',
  'e\u0301',
  '"',
  "'",
  '\\',
  '\\u0000',
  '%',
  '{',
  '}',
  'ｱ',
  '髙',
]
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: Math.min(maxLength, 30) }),
    fc.string({
      unit: fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
      maxLength: Math.min(maxLength, 60),
    }),
  )

const utf8Hex = (value: unknown) => Buffer.from(String(value), 'utf8').toString('hex')

describe('free text through sync_push', () => {
  it('stores any title and note the client accepts exactly as the client sent them', async () => {
    await fc.assert(
      fc.asyncProperty(text(220), text(2100), async (title, note) => {
        const input = {
          id: randomUUID(),
          area_code: 'dx_basics',
          source: 'self_study',
          title,
          minutes: 30,
          completed_on: tokyoToday(),
          note,
        }
        const checked = validateArgs('record_learning', input)
        if (!checked.ok) {
          if (checked.code !== 'DXP017') return
          // The same text refused by the server: by its json layer, or by private.is_storable_text.
          const refused = await pushOne(db, employee, op('record_learning', input)).then(
            (result) => result.code,
            (error: unknown) => (error instanceof RpcError ? error.code : String(error)),
          )
          expect(['DXP017', '22P05', '22P02']).toContain(refused)
          return
        }
        const result = await pushOne(db, employee, op('record_learning', checked.args))
        expect(result).toMatchObject({ status: 'applied' })
        expect(result.row).toMatchObject({ title: checked.args.title, note: checked.args.note })
        // Compared as UTF-8 bytes: PGlite's client decodes text with a TextDecoder that drops a
        // leading U+FEFF, so reading the columns as strings would blame the server for the client.
        const [stored] = await db.sql<{ title: string; note: string }>(
          `select encode(convert_to(title, 'UTF8'), 'hex') as title,
                  encode(convert_to(note, 'UTF8'), 'hex') as note
             from public.learning_records where id = $1`,
          [input.id],
        )
        expect(stored).toEqual({ title: utf8Hex(checked.args.title), note: utf8Hex(checked.args.note) })
      }),
      // The counterexample CI once found: text that starts with a byte order mark.
      {
        numRuns: 150,
        examples: [
          ['!', '\ufeff'],
          ['\ufeff研修', 'メモ'],
        ],
      },
    )
  })
})
