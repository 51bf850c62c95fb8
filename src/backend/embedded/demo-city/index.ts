/**
 * The demo city: about 300 employees of a city like 厚木市, the FY2026–2028 training catalogue with
 * sessions (past ones closed, with attendance and survey answers; future ones with seats and
 * waitlists), learning records, leader candidacies and a few certifications, plus the five personas
 * the picker offers. Deterministic: the same seed, reference date and seed data build the same city.
 *
 * {@link generateDemoCity} is pure (rows as plain objects); {@link writeDemoCity} reads the seeded
 * reference data in the given transaction and inserts the rows set-based (one statement per table),
 * as the superuser: the schema installer's `demoData` seam, run in the seed's transaction.
 */
import { tokyoDateOf } from '@/domain/fiscal-year'
import type { SqlTx } from '../execute-rpc'
import { insertDemoCity, readDemoReference } from './database'
import { generateDemoCity } from './generate'
import type { DemoCity, DemoCityOptions } from './types'

export { insertDemoCity, readDemoReference } from './database'
export { generateDemoCity } from './generate'
export { DEMO_PERSONAS, type DemoPersona, type PersonaKey } from './personas'
export {
  DEMO_DEFAULTS,
  type DemoCity,
  type DemoCityOptions,
  type DemoReference,
  type SurveyQuestion,
} from './types'

/** Builds the demo city on the database's seed data and writes it (as the superuser, in `tx`). */
export async function writeDemoCity(
  tx: Pick<SqlTx, 'query'>,
  options: DemoCityOptions = {},
): Promise<DemoCity> {
  const city = generateDemoCity(await readDemoReference(tx), options)
  await insertDemoCity(tx, city)
  return city
}

/**
 * The demo's "today" when it is installed: the Tokyo date 9 hours ago, so that the facilitator
 * persona's 09:00 workshop of that day has started at whatever hour the demo is installed: its
 * check-in is open (until 7 days after) and so is the venue's survey collection, which waits for
 * the start. Before 09:00 in Tokyo the demo's today is yesterday.
 */
export function demoReferenceDate(now: Date = new Date()): string {
  return tokyoDateOf(new Date(now.getTime() - 9 * 3_600_000))
}

/** The schema installer's `demoData` seam. */
export async function demoData(tx: Pick<SqlTx, 'query'>): Promise<void> {
  await writeDemoCity(tx, { referenceDate: demoReferenceDate() })
}
