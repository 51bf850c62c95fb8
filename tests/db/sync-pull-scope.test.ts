// The pull scope as data (private.replicated_tables, 20260401000100_sync_support.sql): a replicated
// table is added by one row, and sync_pull hands its rows to whom the row says, with its deletions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PullDocument } from '@/contract'
import { createTestDb, type TestDb, type UserClaims } from '../support/test-db'

let db: TestDb
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(() => db?.close())

async function pullAll(claims: UserClaims): Promise<PullDocument['changes']> {
  const changes: PullDocument['changes'] = []
  let cursor: string | null = null
  for (;;) {
    const doc: PullDocument = await db.rpc(claims, 'sync_pull', { cursor, max_rows: 1000 })
    changes.push(...doc.changes)
    cursor = doc.cursor
    if (!doc.has_more) break
  }
  return changes
}

const notes = (changes: PullDocument['changes']) =>
  changes.filter((change) => change.table === 'probe_notes').map(({ key, op, row }) => ({ key, op, row }))

describe('the pull scope', () => {
  it('lists every table the client replicates, each with its owner column', async () => {
    const rows = await db.sql<{ table_name: string; owner_column: string | null }>(
      'select table_name, owner_column from private.replicated_tables order by table_name',
    )
    expect(rows.filter((row) => row.owner_column !== null)).toEqual([
      { table_name: 'certification_decisions', owner_column: 'employee_id' },
      { table_name: 'certifications', owner_column: 'employee_id' },
      { table_name: 'elearning_completions', owner_column: 'employee_id' },
      { table_name: 'learning_records', owner_column: 'employee_id' },
      { table_name: 'notices', owner_column: 'employee_id' },
      { table_name: 'profiles', owner_column: 'id' },
      { table_name: 'registrations', owner_column: 'employee_id' },
      { table_name: 'survey_responses', owner_column: 'respondent_id' },
      { table_name: 'survey_submissions', owner_column: 'employee_id' },
    ])
    expect(rows).toHaveLength(22)
  })

  it('replicates a table added by one row to its owner only, deletions included, and stops when the row goes', async () => {
    const [ann, ben] = await Promise.all([db.createUser(), db.createUser()])
    await db.exec(`
      create table public.probe_notes (
        employee_id uuid not null references public.profiles (id),
        n integer not null,
        body text not null,
        _xid xid8 not null default pg_catalog.pg_current_xact_id(),
        primary key (employee_id, n)
      );
      create trigger probe_notes_stamp_xid before insert or update on public.probe_notes
        for each row execute function private.stamp_xid();
      create trigger probe_notes_record_tombstone after delete on public.probe_notes
        for each row execute function private.record_tombstone('employee_id');
      insert into private.replicated_tables (table_name, owner_column) values ('probe_notes', 'employee_id');`)
    await db.sql(
      `insert into public.probe_notes (employee_id, n, body) values ($1, 1, 'a1'), ($1, 2, 'a2'), ($2, 1, 'b1')`,
      [ann.sub, ben.sub],
    )
    await db.sql('delete from public.probe_notes where employee_id = $1 and n = 2', [ann.sub])

    expect(notes(await pullAll(ann))).toEqual([
      { key: `${ann.sub}:1`, op: 'upsert', row: { employee_id: ann.sub, n: 1, body: 'a1' } },
      { key: `${ann.sub}:2`, op: 'delete', row: null },
    ])
    expect(notes(await pullAll(ben))).toEqual([
      { key: `${ben.sub}:1`, op: 'upsert', row: { employee_id: ben.sub, n: 1, body: 'b1' } },
    ])

    await db.sql("delete from private.replicated_tables where table_name = 'probe_notes'")
    await db.sql("delete from public.sync_tombstones where table_name = 'probe_notes'")
    expect(notes(await pullAll(ann))).toEqual([])
    expect((await pullAll(ann)).some((change) => change.table === 'profiles')).toBe(true)
  })

  it('refuses a row naming a table that does not exist', async () => {
    await expect(
      db.sql(
        "insert into private.replicated_tables (table_name, owner_column) values ('no_such_table', null)",
      ),
    ).rejects.toThrow(/no_such_table does not exist or has no primary key/)
  })
})
