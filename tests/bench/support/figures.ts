// Bench files record their figures here; scripts/bench-report.mjs prints them all at the end and
// fails the run past a budget. One JSON line per figure, so parallel files never clobber each other.
import { appendFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const FIGURES_FILE = fileURLToPath(new URL('../../../.tmp/bench/figures.jsonl', import.meta.url))

export interface Figure {
  name: string
  value: number
  unit: string
  /** A limit the run fails past (the performance budgets). */
  budget?: Limit
  /** A target the figure is compared with but the run does not fail on (the issues' goals). */
  goal?: Limit
}

export interface Limit {
  op: '<=' | '>='
  limit: number
}

export async function recordFigure(figure: Figure): Promise<void> {
  await mkdir(path.dirname(FIGURES_FILE), { recursive: true })
  await appendFile(FIGURES_FILE, JSON.stringify(figure) + '\n')
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5)
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}
