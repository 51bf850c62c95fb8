// Prints the figures the bench files recorded, in two lists: the budgets, which gate CI (the run exits 1
// past one), and the figures only reported, each against its goal where it has one. A budget is either
// deterministic (bytes, a count of libraries, an audit score) or a timing compared with the blank page
// measured in the same run, with a margin only a clear miss exceeds; absolute times are never budgets,
// since they measure the machine as much as the app. `--clear` empties the file first (npm run bench
// starts with it).
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
  .sort((a, b) => a.name.localeCompare(b.name))
if (figures.length === 0) {
  console.error('bench: no figures were recorded')
  process.exit(1)
}

const format = (n) =>
  Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(3)))
const meets = (value, { op, limit }) => (op === '<=' ? value <= limit : value >= limit)
const unitOf = (unit) => (unit ? ' ' + unit : '')
const limitOf = ({ op, limit }, unit) => `${op} ${format(limit)}${unitOf(unit)}`

const budgets = figures.filter((f) => f.budget)
const missed = budgets.filter((f) => !meets(f.value, f.budget))
console.log('\nPerformance budgets (gate CI: a miss fails the run)')
for (const { name, value, unit, budget } of budgets) {
  const ok = meets(value, budget)
  console.log(
    `${name}: ${format(value)}${unitOf(unit)} (budget ${limitOf(budget, unit)})${ok ? '' : '  ✗ MISSED'}`,
  )
}
console.log('\nReported figures (never fail the run; a goal is met or not met)')
for (const { name, value, unit, goal } of figures.filter((f) => !f.budget)) {
  const note = goal ? ` (goal ${limitOf(goal, unit)}: ${meets(value, goal) ? 'met' : 'not met'})` : ''
  console.log(`${name}: ${format(value)}${unitOf(unit)}${note}`)
}
console.log(`\nbudgets: ${budgets.length - missed.length} met, ${missed.length} missed`)
if (missed.length > 0) console.log(`missed: ${missed.map((f) => f.name).join(', ')}`)
process.exit(missed.length > 0 ? 1 : 0)
