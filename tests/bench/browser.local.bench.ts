// The browser figures: Lighthouse (mobile preset) on the built app, and the offline cold start to a
// home screen showing data from IndexedDB, against a blank Vue page served and opened the same way.
// Needs `vite build` (dist/) and scripts/bench-bundle.mjs (the blank page): npm run bench runs both.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, it } from 'vitest'
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs'
import { startAppServer, type AppServer } from '../e2e/support/app-server'
import { launchChromium, newAppContext, waitForServiceWorker } from '../e2e/support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from '../e2e/support/personas'
import { median, recordFigure } from './support/figures'

const COLD_STARTS = 5
const BLANK_DIST = '.tmp/bench/blank-dist'

let browser: Browser
let app: AppServer
let blank: AppServer

beforeAll(async () => {
  if (!existsSync('dist/index.html') || !existsSync(`${BLANK_DIST}/index.html`)) {
    throw new Error('Build first: npm run bench builds dist/ and the blank page')
  }
  ;[browser, app, blank] = await Promise.all([launchChromium(), startAppServer(), startAppServer(BLANK_DIST)])
})
afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await blank?.stop()
})

/** Milliseconds from navigation until `ready` holds, `runs` times in a context that is offline. */
async function coldStarts(context: BrowserContext, url: string, ready: (page: Page) => Promise<void>) {
  await context.setOffline(true)
  const samples: number[] = []
  for (let i = 0; i < COLD_STARTS; i += 1) {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(url)
    await ready(page)
    samples.push(performance.now() - started)
    await page.close()
  }
  return samples
}

it('opens offline, cold, to a home screen with the user’s data', async () => {
  const context = await newAppContext(browser)
  const page = await context.newPage()
  await page.goto(app.url)
  const name = await signInAsPersona(page, '推進員')
  await expectSignedInAs(page, name)
  await waitForServiceWorker(page)
  await page.close()
  // Waiting on the element itself (not polling) so the figure is not rounded up to a poll interval.
  const appSamples = await coldStarts(context, app.url, (p) =>
    p.getByText(`${name}さんとしてログインしています。`).waitFor({ timeout: FIRST_INSTALL_MS }),
  )
  await context.close()

  const blankContext = await newAppContext(browser)
  const blankPage = await blankContext.newPage()
  await blankPage.goto(blank.url)
  await waitForServiceWorker(blankPage)
  await blankPage.close()
  const blankSamples = await coldStarts(blankContext, blank.url, (p) =>
    p.getByRole('heading', { name: 'ようこそ' }).waitFor({ timeout: FIRST_INSTALL_MS }),
  )
  await blankContext.close()

  await recordFigure({ name: 'offline-cold-start-median', value: median(appSamples), unit: 'ms' })
  await recordFigure({
    name: 'offline-cold-start-blank-page-median',
    value: median(blankSamples),
    unit: 'ms',
  })
  await recordFigure({
    name: 'offline-cold-start-ratio-to-blank-page',
    value: median(appSamples) / median(blankSamples),
    unit: '×',
    // Issue #9 names this one a goal (≤ 2×): reported, not failed on.
    goal: { op: '<=', limit: 2 },
  })
})

/** A Chromium with a DevTools port for Lighthouse (which drives it over CDP); its port. */
async function chromiumForLighthouse(): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(await findChromium(), [...chromiumArgs, '--remote-debugging-port=0', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let text = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', () => reject(new Error(`Chromium exited before listening: ${text}`)))
  })
  return { port, process: child }
}

const LIGHTHOUSE_RUNS = 3
/**
 * The app's Lighthouse performance as a share of the blank page's, both medians of the same run, below
 * which the bench fails. The score is a timing figure: idle, the app scores 95 next to the blank page’s
 * 100; on a 2-core machine also running two busy loops and the e2e suite, 77 next to 100 (its blocking
 * time grows with the load, the blank page has almost none). Only a clear miss is below 0.6.
 */
const PERFORMANCE_SHARE_OF_BLANK = 0.6

type Report = Awaited<ReturnType<typeof lighthouseOnce>>

/** One Lighthouse run (mobile preset) on a fresh Chromium: scores by category and metric values. */
async function lighthouseOnce(url: string) {
  const { default: lighthouse } = await import('lighthouse')
  const chromium = await chromiumForLighthouse()
  try {
    const result = await lighthouse(url, {
      port: chromium.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    })
    return result!.lhr
  } finally {
    chromium.process.kill()
  }
}

const score = (lhr: Report, id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100)
const metric = (lhr: Report, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN

it(`scores on Lighthouse’s mobile preset (median of ${LIGHTHOUSE_RUNS} runs, the blank page alongside)`, async () => {
  // A single run varies (Lighthouse's own advice is a median). The app and the blank page take turns,
  // so whatever else the machine is doing weighs on both alike.
  const runs: Report[] = []
  const blankRuns: Report[] = []
  for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) {
    runs.push(await lighthouseOnce(app.url))
    blankRuns.push(await lighthouseOnce(blank.url))
  }
  const describe = (lhr: Report) =>
    `${score(lhr, 'performance')} (FCP ${Math.round(metric(lhr, 'first-contentful-paint'))} ms, ` +
    `LCP ${Math.round(metric(lhr, 'largest-contentful-paint'))} ms, ` +
    `TBT ${Math.round(metric(lhr, 'total-blocking-time'))} ms, CLS ${metric(lhr, 'cumulative-layout-shift').toFixed(3)})`
  console.log(`lighthouse performance, app: ${runs.map(describe).join('; ')}`)
  console.log(`lighthouse performance, blank page: ${blankRuns.map(describe).join('; ')}`)

  const performance = median(runs.map((r) => score(r, 'performance')))
  const blankPerformance = median(blankRuns.map((r) => score(r, 'performance')))
  await recordFigure({
    name: 'lighthouse-performance',
    value: performance,
    unit: '',
    // A timing figure: reported against the goal, gated only relative to the blank page (below).
    goal: { op: '>=', limit: 95 },
  })
  await recordFigure({ name: 'lighthouse-performance-blank-page', value: blankPerformance, unit: '' })
  await recordFigure({
    name: 'lighthouse-performance-ratio-to-blank-page',
    value: performance / blankPerformance,
    unit: '×',
    budget: { op: '>=', limit: PERFORMANCE_SHARE_OF_BLANK },
  })
  // Accessibility and best practices audit the page's markup, headers and console, not its speed.
  await recordFigure({
    name: 'lighthouse-accessibility',
    value: median(runs.map((r) => score(r, 'accessibility'))),
    unit: '',
    budget: { op: '>=', limit: 100 },
  })
  await recordFigure({
    name: 'lighthouse-best-practices',
    value: median(runs.map((r) => score(r, 'best-practices'))),
    unit: '',
    budget: { op: '>=', limit: 95 },
  })
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time']) {
    const values = runs.map((r) => metric(r, id)).filter((v) => !Number.isNaN(v))
    if (values.length > 0) await recordFigure({ name: `lighthouse-${id}`, value: median(values), unit: 'ms' })
  }
  const lcp = median(runs.map((r) => metric(r, 'largest-contentful-paint')))
  const blankLcp = median(blankRuns.map((r) => metric(r, 'largest-contentful-paint')))
  await recordFigure({
    name: 'lighthouse-largest-contentful-paint-ratio-to-blank-page',
    value: lcp / blankLcp,
    unit: '×',
  })
  const failing = [...runs, ...blankRuns].flatMap((lhr, i) =>
    Object.values(lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
      .map((audit) => `${i < runs.length ? 'app' : 'blank page'}: ${audit.id}`),
  )
  if (failing.length > 0) console.log(`lighthouse: failing audits: ${[...new Set(failing)].join(', ')}`)
})
