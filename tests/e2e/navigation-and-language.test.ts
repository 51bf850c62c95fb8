import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import { signInAsPersona } from './support/personas'

describe('an employee finds their way around, on a phone and on a work PC', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('uses a bottom tab bar on a phone and a side navigation from 1024 px', async () => {
    for (const viewport of ['phone', 'desktop'] as const) {
      const context = await newAppContext(browser, viewport)
      const page = await context.newPage()
      await page.goto(server.url)
      await signInAsPersona(page, '推進員')
      const nav = page.getByRole('navigation', { name: 'メインメニュー' })
      const box = await nav.boundingBox()
      expect(box).not.toBeNull()
      if (viewport === 'phone') {
        expect(box!.y + box!.height).toBeCloseTo(844, -1)
        expect(box!.width).toBeCloseTo(390, -1)
      } else {
        expect(box!.x).toBe(0)
        expect(box!.height).toBeGreaterThan(400)
      }
      // Every tab is a touch target of at least 44 × 44 CSS px.
      for (const link of await nav.getByRole('link').all()) {
        const linkBox = (await link.boundingBox())!
        expect(linkBox.height).toBeGreaterThanOrEqual(44)
        expect(linkBox.width).toBeGreaterThanOrEqual(44)
      }
      await expectAccessible(page)
      await context.close()
    }
  })

  it('moves to settings, switches to English and keeps the choice after a reload', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    await page.goto(server.url)
    await signInAsPersona(page, '推進員')
    await page.getByRole('link', { name: '設定' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
    expect(await page.getByRole('link', { name: '設定' }).getAttribute('aria-current')).toBe('page')
    await expectAccessible(page)

    await page.getByRole('radio', { name: 'English' }).check()
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings')

    await page.reload()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings')
    expect(await page.title()).toBe('Settings | DX Passport')
    await expectAccessible(page)
    await context.close()
  })

  it('answers an unknown address with a page that leads back home, through sign-in', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.url}/no-such-page`)
    await expect.poll(() => page.locator('h1').textContent()).toBe('ページが見つかりません')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'ホームへ戻る' }).click()
    await signInAsPersona(page, '推進員')
    expect(new URL(page.url()).pathname).toBe('/')
    await context.close()
  })
})
