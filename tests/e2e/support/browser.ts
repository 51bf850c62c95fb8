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
  })
}

/** Resolves once a service worker controls this scope and has finished installing (precache done). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
}

/** WCAG 2.1 A/AA by axe: the page must have no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
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
