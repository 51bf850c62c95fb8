// Prints the figures the bench files recorded as `name: value unit (budget)` and exits 1 past a
// budget; a goal is only reported. `--clear` empties the file first (npm run bench starts with it).
import { readFile, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const file = fileURLToPath(new URL('../.tmp/bench/figures.jsonl', import.meta.url))

if (process.argv.includes('--clear')) {
  await rm(file, { force: true })
  process.exit(0)
}

const text = await readFile(file, 'utf8').catch(() => '')
const figures = text
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line))
if (figures.length === 0) {
  console.error('bench: no figures were recorded')
  process.exit(1)
}

const format = (n) =>
  Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(3)))
let failed = 0
console.log('\nPerformance figures')
const meets = (value, { op, limit }) => (op === '<=' ? value <= limit : value >= limit)
const unitOf = (unit) => (unit ? ' ' + unit : '')
for (const { name, value, unit, budget, goal } of figures.sort((a, b) => a.name.localeCompare(b.name))) {
  let note = ''
  if (budget) {
    const ok = meets(value, budget)
    if (!ok) failed += 1
    note = ` (budget ${budget.op} ${format(budget.limit)}${unitOf(unit)})${ok ? '' : '  ✗ OVER BUDGET'}`
  } else if (goal) {
    note = ` (goal ${goal.op} ${format(goal.limit)}${unitOf(unit)}: ${meets(value, goal) ? 'met' : 'not met'})`
  }
  console.log(`${name}: ${format(value)}${unitOf(unit)}${note}`)
}
const budgeted = figures.filter((f) => f.budget).length
console.log(`\nbudgets: ${budgeted - failed} met, ${failed} missed`)
process.exit(failed > 0 ? 1 : 0)
