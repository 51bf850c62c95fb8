import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer } from './support/app-server'
import {
  expectAccessible,
  goOffline,
  launchChromium,
  newAppContext,
  waitForServiceWorker,
} from './support/browser'
import { expectSignedInAs, signInAsPersona } from './support/personas'

describe('an employee opens the app, then opens it again with no network', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('signs in as the promoter, and still shows their home after reloading offline', async () => {
    const server = await startAppServer()
    const context = await newAppContext(browser)
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      const name = await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, name)
      expect(await page.getAttribute('html', 'lang')).toBe('ja')
      expect(await page.title()).toBe('ホーム | DXまなびパスポート')
      await expectAccessible(page)

      await waitForServiceWorker(page)
      // Offline twice over: the browser reports no network and the server is gone.
      await goOffline(context)
      await server.stop()
      await page.reload()

      // The name comes from the replica in IndexedDB: nothing here reached a server.
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 60_000 }).toBe('ようこそ')
      await expectSignedInAs(page, name)
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /^\s*オフライン\s*$/ })
            .count(),
        )
        .toBe(1)
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'オフラインです' }).count()).toBe(1)
      await expectAccessible(page)
    } finally {
      await context.close()
      await server.stop().catch(() => undefined)
    }
  })

  it('serves a Japanese web app manifest', async () => {
    const server = await startAppServer()
    const context = await newAppContext(browser)
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      const href = await page.getAttribute('link[rel="manifest"]', 'href')
      expect(href).toBeTruthy()
      const manifest = await (await page.request.get(new URL(href!, server.url).toString())).json()
      expect(manifest).toMatchObject({
        name: 'DXまなびパスポート',
        short_name: 'DXパスポート',
        lang: 'ja',
        theme_color: '#0017c1',
        display: 'standalone',
      })
      expect(manifest.icons.some((icon: { purpose?: string }) => icon.purpose === 'maskable')).toBe(true)
    } finally {
      await context.close()
      await server.stop()
    }
  })
})
