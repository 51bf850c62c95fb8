// Anonymity by construction (issue #16, 20260401000800_surveys.sql): after employees answer an
// anonymous survey, each in their own push, and one more answers on the venue's kiosk, a superuser
// tries every join a DBA would try (the ledger, transaction ids, timestamps, row order, a scan of
// every table for the free text) and finds no answer tied to its author.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushResult } from '@/contract'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'
import {
  checkedInEmployee,
  createAnonymousTemplate,
  createSession,
  createTraining,
  op,
  push,
  pushOne,
} from './write-support'

const OWN_ANSWERS = 30

let db: TestDb
let facilitator: UserClaims
let sessionId: string
let templateId: string
/** The free-text marker of each answer, in the order the answers were sent (the kiosk's last). */
const markers: string[] = []
const replies: PushResult[] = []
let replayed: PushResult
const submitters: UserClaims[] = []

const answersWith = (marker: string, i: number) => ({
  satisfaction: (i % 5) + 1,
  understanding: ((i + 2) % 5) + 1,
  usefulness: 4,
  facilitation: 5,
  recommendation: i % 11,
  self_assessment: { bpr: { before: 1 + (i % 3), after: 4 } },
  good_points: `${marker} 実習の時間がもっとほしい。`,
})

const checkIn = () => checkedInEmployee(db, facilitator, sessionId)

/** Every stored table (any schema the migrations made), as schema-qualified names. */
async function everyTable(): Promise<string[]> {
  const rows = await db.sql<{ name: string }>(
    `select pg_catalog.format('%I.%I', n.nspname, c.relname) as name
     from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
       and n.nspname not like 'pg\\_%'
     order by 1`,
  )
  return rows.map((r) => r.name)
}

/** The tables (and how many rows in each) whose row text contains `needle`. */
async function tablesHolding(needle: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {}
  for (const table of await everyTable()) {
    const [row] = await db.sql<{ n: number }>(
      `select count(*)::int as n from ${table} as t where strpos(t::text, $1) > 0`,
      [needle],
    )
    if (row!.n > 0) found[table] = row!.n
  }
  return found
}

beforeAll(async () => {
  db = await createTestDb()
  facilitator = await db.createUser({ appRole: 'facilitator' })
  templateId = await createAnonymousTemplate(db, 'anonymity_check')
  sessionId = await createSession(db, {
    facilitatorId: facilitator.sub,
    trainingId: await createTraining(db, { areas: ['bpr'], templateId }),
    startsIn: '-3 hours',
    deadlineIn: '-1 day',
  })
  for (let i = 0; i < OWN_ANSWERS; i++) submitters.push(await checkIn())
  // One more attendee, who answers on the kiosk (the cap counts the room).
  await checkIn()
  for (const [i, staff] of submitters.entries()) {
    const marker = `ANON-${i}-${randomUUID()}`
    markers.push(marker)
    const mutation = op('submit_survey', {
      id: randomUUID(),
      session_id: sessionId,
      answers: answersWith(marker, i),
      collected_device: '自席のパソコン',
      collected_at: new Date().toISOString(),
    })
    const [reply] = await push(db, staff, [mutation])
    replies.push(reply!)
    if (i === 0) replayed = (await push(db, staff, [mutation]))[0]!
  }
  const kioskMarker = `ANON-kiosk-${randomUUID()}`
  markers.push(kioskMarker)
  replies.push(
    await pushOne(
      db,
      facilitator,
      op('submit_kiosk_survey', {
        id: randomUUID(),
        session_id: sessionId,
        answers: answersWith(kioskMarker, OWN_ANSWERS),
        collected_device: '会場タブレット',
        collected_at: new Date().toISOString(),
      }),
    ),
  )
}, 120_000)
afterAll(() => db?.close())

describe('an anonymous survey answer', () => {
  it('is accepted, and its reply and the replay from the ledger carry no row', () => {
    expect(replies.map((r) => [r.status, r.row])).toEqual(markers.map(() => ['applied', null]))
    expect(replayed).toMatchObject({ status: 'duplicate', row: null })
  })

  it('is recorded as answered by name, for own answers only', async () => {
    const rows = await db.sql<{ employee_id: string }>(
      'select employee_id from public.survey_submissions where session_id = $1',
      [sessionId],
    )
    expect(rows.map((r) => r.employee_id).sort()).toEqual(submitters.map((s) => s.sub).sort())
  })

  it('leaves its free text in the ballot box and in no other table, the ledger included', async () => {
    for (const marker of markers) {
      expect(await tablesHolding(marker), marker).toEqual({ 'private.survey_ballot_boxes': 1 })
    }
    const ledger = await db.sql<{ text: string }>(
      `select to_jsonb(a)::text as text from public.applied_ops as a where a.kind in ('submit_survey', 'submit_kiosk_survey')`,
    )
    expect(ledger.length).toBeGreaterThanOrEqual(markers.length)
    for (const { text } of ledger) expect(text).not.toMatch(/ANON-/)
  })

  it('is one bare answer in one box: no id, device, time or person beside it', async () => {
    const boxes = await db.sql<{ phase: string; answers: Record<string, unknown>[] }>(
      'select phase, answers from private.survey_ballot_boxes where session_id = $1 and template_id = $2',
      [sessionId, templateId],
    )
    expect(boxes).toHaveLength(1)
    expect(boxes[0]!.phase).toBe('post')
    expect(boxes[0]!.answers).toHaveLength(markers.length)
    const keys = new Set(Object.keys(answersWith('', 0)))
    for (const answer of boxes[0]!.answers) {
      expect(Object.keys(answer).filter((k) => !keys.has(k))).toEqual([])
    }
    // The box's own columns: where, which and when-in-the-plan only; no timestamp, id or person.
    const columns = await db.sql<{ column_name: string }>(
      `select column_name from information_schema.columns
       where table_schema = 'private' and table_name = 'survey_ballot_boxes' order by ordinal_position`,
    )
    expect(columns.map((c) => c.column_name)).toEqual(['session_id', 'template_id', 'phase', 'answers'])
    expect(
      await db.sql('select count(*)::int as n from public.survey_responses where session_id = $1', [
        sessionId,
      ]),
    ).toEqual([{ n: 0 }])
  })

  it('shares no transaction id with a named row, except the box, whose xmin names only the last sender', async () => {
    // A DBA's join: every row of any table written by a submitter's transaction (xmin) or stamped with
    // its id (_xid). Only the box may be among them, and only for the last answer sent.
    const xids = await db.sql<{ xid: string }>(
      `select ss.xmin::text as xid from public.survey_submissions as ss where ss.session_id = $1
       union select ss._xid::text from public.survey_submissions as ss where ss.session_id = $1`,
      [sessionId],
    )
    const named = new Set(xids.map((x) => x.xid))
    const sharing: string[] = []
    for (const table of await everyTable()) {
      const rows = await db.sql<{ xmin: string; text: string }>(
        `select t.xmin::text as xmin, t::text as text from ${table} as t`,
      )
      for (const row of rows) {
        if (named.has(row.xmin) && /ANON-/.test(row.text)) sharing.push(table)
      }
    }
    const [box] = await db.sql<{ xmin: string }>(
      'select xmin::text as xmin from private.survey_ballot_boxes where session_id = $1',
      [sessionId],
    )
    // The kiosk answer came last: the box's version is the facilitator's, who names no one.
    expect(named.has(box!.xmin)).toBe(false)
    expect(sharing).toEqual([])
    expect(
      await db.sql(
        `select r.id from public.survey_responses as r join public.survey_submissions as ss on ss._xid = r._xid
         where ss.session_id = $1`,
        [sessionId],
      ),
    ).toEqual([])
  })

  it('keeps no time finer than a day beside an answer', async () => {
    // Every date/time column of every table holding an answer (the box has none).
    const timeColumns = await db.sql<{ column_name: string }>(
      `select column_name from information_schema.columns
       where table_schema = 'private' and table_name = 'survey_ballot_boxes'
         and data_type in ('timestamp with time zone', 'timestamp without time zone', 'time with time zone',
                           'time without time zone', 'date', 'interval')`,
    )
    expect(timeColumns).toEqual([])
    for (const answer of await db.sql<{ text: string }>(
      `select a.value::text as text from private.survey_ballot_boxes as b, jsonb_array_elements(b.answers) as a (value)
       where b.session_id = $1`,
      [sessionId],
    )) {
      expect(answer.text).not.toMatch(/\d{4}-\d{2}-\d{2}T|\d{2}:\d{2}/)
    }
  })

  it('does not keep the order the answers were sent in', async () => {
    const [box] = await db.sql<{ order: string[] }>(
      `select array(select substring(a.value ->> 'good_points' from '^(ANON-[^ ]+)')
                    from jsonb_array_elements(b.answers) with ordinality as a (value, n) order by a.n) as order
       from private.survey_ballot_boxes as b where b.session_id = $1`,
      [sessionId],
    )
    expect([...box!.order].sort()).toEqual([...markers].sort())
    // 31 answers: the sent order (or its reverse) by chance is 2 in 31!, about 1e-33.
    expect(box!.order).not.toEqual(markers)
    expect(box!.order).not.toEqual([...markers].reverse())
  })

  it('goes in at a uniformly random place of the box', async () => {
    // Four places in a box of three; 400 draws, each place expected 100 times (under 50 by chance: < 1e-9).
    // A scratch table of the test's own database: a DO block cannot return rows.
    await db.sql('create table public.zz_ballot_places (place integer)')
    await db.sql(
      `do $$
       declare
         s uuid := (select id from public.sessions limit 1);
         t uuid := (select id from public.survey_templates where code = 'anonymity_check');
       begin
         for i in 1 .. 400 loop
           delete from private.survey_ballot_boxes where session_id = s and template_id = t and phase = 'follow_up';
           insert into private.survey_ballot_boxes (session_id, template_id, phase, answers)
             values (s, t, 'follow_up', '[{"k": 1}, {"k": 2}, {"k": 3}]');
           perform private.cast_ballot(s, t, 'follow_up', '{"k": 0}');
           insert into public.zz_ballot_places
             select a.n - 1 from private.survey_ballot_boxes as b, jsonb_array_elements(b.answers) with ordinality as a (value, n)
             where b.session_id = s and b.template_id = t and b.phase = 'follow_up' and a.value = '{"k": 0}';
         end loop;
         delete from private.survey_ballot_boxes where session_id = s and template_id = t and phase = 'follow_up';
       end
       $$`,
    )
    const [row] = await db.sql<{ places: number[] }>(
      `select array(select count(b.place)::int from generate_series(0, 3) as g (p)
                    left join public.zz_ballot_places as b on b.place = g.p group by g.p order by g.p) as places`,
    )
    await db.sql('drop table public.zz_ballot_places')
    expect(row!.places).toHaveLength(4)
    for (const n of row!.places) expect(n).toBeGreaterThan(50)
  })
})
