import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { launchChromium } from '../../../scripts/chromium.mjs'

export { launchChromium }

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const

export async function newAppContext(browser: Browser, viewport: keyof typeof viewports = 'phone') {
  const phone = viewport === 'phone'
  return browser.newContext({
    viewport: viewports[viewport],
    isMobile: phone,
    hasTouch: phone,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    // Toasts then appear without fading, so axe never checks a colour contrast mid-fade.
    reducedMotion: 'reduce',
  })
}

/** Resolves once a service worker controls this scope and has finished installing (precache done). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
}

const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url))

/**
 * A picture of the page as the user sees it, for people to look at (test-results/ is not committed):
 * `<path>-<width>x<height>.png`, the last visit of a path at a size winning.
 */
export async function screenshot(page: Page): Promise<void> {
  const { pathname } = new URL(page.url())
  const slug = pathname.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'home'
  const size = page.viewportSize()
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOTS}${slug}-${size?.width}x${size?.height}.png`, fullPage: true })
}

/** WCAG 2.1 A/AA by axe: the page must have no serious or critical violation. Also takes its picture. */
export async function expectAccessible(page: Page): Promise<void> {
  await screenshot(page)
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    )
  expect(blocking, `axe on ${page.url()}`).toEqual([])
}

export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true)
}
