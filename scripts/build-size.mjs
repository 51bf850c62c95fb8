// Prints the first-paint weight of the last `vite build` (see first-paint.mjs) and fails past budget.
import { firstPaintOf, kb } from './first-paint.mjs'

const budgets = { js: 100 * 1024, css: 20 * 1024 }
const { js, css, chunks } = firstPaintOf(new URL('../dist/', import.meta.url))
console.log(`first-paint-js-gzip: ${kb(js)} (budget ${kb(budgets.js)}; ${chunks} chunks)`)
console.log(`first-paint-css-gzip: ${kb(css)} (budget ${kb(budgets.css)})`)
if (js > budgets.js || css > budgets.css) {
  console.error('First-paint budget exceeded.')
  process.exit(1)
}
