// Every main screen opens cold with no network after one online visit: the service worker serves
// the app, and the screen shows what the device holds. Each is a new page in an offline browser,
// checked by axe (and pictured) on a phone and again at the work PC's size.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import {
  expectAccessible,
  launchChromium,
  newAppContext,
  viewports,
  waitForServiceWorker,
} from './support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

/** The screens of the bottom tab bar and the ones they lead to, with the heading each opens on. */
const SCREENS: [path: string, heading: string][] = [
  ['/', 'ようこそ'],
  ['/areas', '知識分野'],
  ['/areas/generative_ai', '生成AI'],
  ['/catalogue', '研修・ワークショップ'],
  ['/route', '認定までの道のり'],
  ['/history', '学習履歴'],
  ['/me/qr', 'わたしのQRコード'],
  ['/settings', '設定'],
]

describe('an employee opens any screen on a train with no signal', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('opens each main screen cold and offline, with the data this device holds', async () => {
    const context = await newAppContext(browser)
    try {
      const first = await context.newPage()
      await first.goto(server.url)
      const name = await signInAsPersona(first, '推進員')
      await expectSignedInAs(first, name)
      await waitForServiceWorker(first)
      // One online visit of a session page, so its id is known (it comes from the replica).
      await first.goto(`${server.url}/catalogue`)
      const sessionLink = first.locator('a[href^="/sessions/"]').first()
      await sessionLink.waitFor({ timeout: FIRST_INSTALL_MS })
      const sessionPath = (await sessionLink.getAttribute('href'))!
      await first.close()

      await context.setOffline(true)
      for (const [path, heading] of [...SCREENS, [sessionPath, ''] as [string, string]]) {
        const page = await context.newPage()
        await page.goto(`${server.url}${path}`)
        const h1 = page.locator('h1')
        await h1.waitFor({ timeout: FIRST_INSTALL_MS })
        if (heading) await expect.poll(() => h1.textContent(), { timeout: FIRST_INSTALL_MS }).toBe(heading)
        else await expect.poll(async () => (await h1.textContent())?.trim().length ?? 0).toBeGreaterThan(0)
        await expectAccessible(page)
        await page.setViewportSize(viewports.desktop)
        await expectAccessible(page)
        await page.close()
      }
      // And the home screen's data is the signed-in person's, from IndexedDB.
      const home = await context.newPage()
      await home.goto(server.url)
      await expectSignedInAs(home, name)
      await home.close()
    } finally {
      await context.close()
    }
  })
})
