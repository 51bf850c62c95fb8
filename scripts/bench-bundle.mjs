// Bundle budgets for `npm run bench`: builds the app as a Supabase deployment would (no PGlite), and
// a blank Vite + Vue + PWA page the same way, then records the first-paint JS and CSS, their ratio
// to the blank page, and the heavy libraries (PGlite, charts, QR codes and the QR reader, CSV,
// calendar) found in first paint.
import { appendFile, mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { firstPaintOf } from './first-paint.mjs'

const root = new URL('../', import.meta.url)
const figuresFile = new URL('.tmp/bench/figures.jsonl', root)
const HEAVY =
  /node_modules\/(@electric-sql\/pglite|qrcode|papaparse|ics|uplot|chart\.js|echarts|barcode-detector|zxing-wasm|encoding-japanese)\//

async function record(figure) {
  await mkdir(new URL('.', figuresFile), { recursive: true })
  await appendFile(figuresFile, JSON.stringify(figure) + '\n')
}

/** Builds one app into `outDir` and returns its first paint, with the modules its chunks hold. */
async function buildAndMeasure({ configFile, outDir, env = {} }) {
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    const result = await build({
      configFile: fileURLToPath(configFile),
      logLevel: 'warn',
      build: { outDir: fileURLToPath(outDir), emptyOutDir: true },
    })
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output ?? [])
    const paint = firstPaintOf(outDir)
    const modules = outputs
      .filter((chunk) => chunk.type === 'chunk' && paint.files.includes(chunk.fileName))
      .flatMap((chunk) => chunk.moduleIds)
    return { ...paint, modules }
  } finally {
    process.env = saved
  }
}

const app = await buildAndMeasure({
  configFile: new URL('vite.config.ts', root),
  outDir: new URL('.tmp/bench/supabase-dist/', root),
  // Any URL and key make a Supabase build; nothing is contacted while building.
  env: { VITE_SUPABASE_URL: 'https://project-ref.supabase.co', VITE_SUPABASE_ANON_KEY: 'bench-anon-key' },
})
const blank = await buildAndMeasure({
  configFile: new URL('tests/bench/blank-app/vite.config.ts', root),
  outDir: new URL('.tmp/bench/blank-dist/', root),
})
const heavy = [...new Set(app.modules.filter((id) => HEAVY.test(id)).map((id) => id.match(HEAVY)[1]))]

await record({
  name: 'first-paint-js-supabase-build',
  value: app.js / 1024,
  unit: 'KB',
  budget: { op: '<=', limit: 100 },
})
await record({
  name: 'first-paint-css-supabase-build',
  value: app.css / 1024,
  unit: 'KB',
  budget: { op: '<=', limit: 20 },
})
await record({ name: 'first-paint-js-blank-page', value: blank.js / 1024, unit: 'KB' })
await record({ name: 'first-paint-js-ratio-to-blank-page', value: app.js / blank.js, unit: '×' })
await record({
  name: 'first-paint-heavy-libraries',
  value: heavy.length,
  unit: '',
  budget: { op: '<=', limit: 0 },
})
if (heavy.length > 0) console.error(`bench: heavy libraries in first paint: ${heavy.join(', ')}`)
