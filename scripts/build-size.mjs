// Prints the first-paint weight of the last `vite build`: the entry chunk plus every chunk it
// imports statically (recursively), gzip -9, as the browser would receive them. Fails past budget.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const distDir = new URL('../dist/', import.meta.url)
const budgets = { js: 100 * 1024, css: 20 * 1024 }

const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', distDir), 'utf8'))
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry && key.endsWith('index.html'))
if (!entryKey) throw new Error('No index.html entry in dist/.vite/manifest.json: was the build run?')

const jsFiles = new Set()
const cssFiles = new Set()
const visit = (key) => {
  const chunk = manifest[key]
  if (!chunk || jsFiles.has(chunk.file)) return
  jsFiles.add(chunk.file)
  for (const css of chunk.css ?? []) cssFiles.add(css)
  for (const imported of chunk.imports ?? []) visit(imported)
}
visit(entryKey)

const gzipSize = (file) => gzipSync(readFileSync(new URL(file, distDir)), { level: 9 }).length
const total = (files) => [...files].reduce((sum, file) => sum + gzipSize(file), 0)
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

const js = total(jsFiles)
const css = total(cssFiles)
console.log(`first-paint-js-gzip: ${kb(js)} (budget ${kb(budgets.js)}; ${jsFiles.size} chunks)`)
console.log(`first-paint-css-gzip: ${kb(css)} (budget ${kb(budgets.css)})`)
if (js > budgets.js || css > budgets.css) {
  console.error('First-paint budget exceeded.')
  process.exit(1)
}
