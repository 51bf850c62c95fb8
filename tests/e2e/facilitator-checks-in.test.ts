import type { Browser, Page } from 'playwright-core'
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

function syncStatus(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
}

function rosterItem(page: Page, name: string) {
  return page.locator('li.person').filter({ hasText: name })
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' })

describe('a facilitator checks people in at a venue with no network', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('opens 担当セッション and a session, checks two people in offline (送信待ち), reloads, and sees them 確定 once online', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'ファシリテーター')
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)

      await nav(page).getByRole('link', { name: '担当' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('担当セッション')
      const cards = page.locator('main li.ui-card')
      await expect.poll(() => cards.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(1)
      expect(await page.getByRole('heading', { name: '終了したセッション' }).count()).toBe(1)
      await expectAccessible(page)

      // Today's workshop: the one whose check-in is open (受付中).
      const today = cards.filter({ hasText: '受付中' }).first()
      const title = (await today.getByRole('link').textContent())!.trim()
      await today.getByRole('link').click()
      await expect.poll(() => page.locator('h1').textContent()).toBe(title)
      const checkInButtons = page.getByRole('button', { name: /さんを受付する$/ })
      await expect.poll(() => checkInButtons.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThanOrEqual(2)
      expect((await checkInButtons.first().boundingBox())!.height).toBeGreaterThanOrEqual(44)
      await expectAccessible(page)

      // Searching by half-width kana finds the same person as the full-width name.
      const firstKana = (await page.locator('li.person .person__kana').first().textContent())!.trim()
      await page.getByLabel('名簿を検索').fill(firstKana.normalize('NFKC').split(' ')[0]!)
      await expect.poll(() => page.locator('li.person').count()).toBeGreaterThanOrEqual(1)
      await page.getByLabel('名簿を検索').fill('')

      await waitForServiceWorker(page)
      // The meeting room's Wi-Fi drops.
      await context.setOffline(true)
      await expect.poll(() => syncStatus(page, 'オフライン').count()).toBe(1)

      const names: string[] = []
      for (let i = 0; i < 2; i += 1) {
        const item = page
          .locator('li.person')
          .filter({ has: page.getByRole('button', { name: /さんを受付する$/ }) })
          .first()
        const name = (await item.locator('.person__name').textContent())!.trim()
        names.push(name)
        await item.getByRole('button', { name: /さんを受付する$/ }).click()
        await expect.poll(() => rosterItem(page, name).textContent()).toContain('送信待ち')
      }
      await expect.poll(() => syncStatus(page, 'オフライン・2件送信待ち').count()).toBe(1)
      await expectAccessible(page)

      // The page reloads with no network: the roster and the check-ins come from this device.
      await page.reload()
      await expect.poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS }).toBe(title)
      for (const name of names) {
        await expect
          .poll(() => rosterItem(page, name).textContent(), { timeout: FIRST_INSTALL_MS })
          .toContain('送信待ち')
      }
      await expect
        .poll(() => page.getByText(/時点の名簿を表示しています/).count(), { timeout: FIRST_INSTALL_MS })
        .toBe(1)
      await expectAccessible(page)

      // The Wi-Fi is back: the check-ins are sent and confirmed by the server.
      await context.setOffline(false)
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      for (const name of names) {
        await expect
          .poll(() => rosterItem(page, name).textContent(), { timeout: FIRST_INSTALL_MS })
          .toContain('確定')
        expect(await rosterItem(page, name).textContent()).not.toContain('送信待ち')
      }
      await expectAccessible(page)

      // The survey's QR code, full screen for the projector.
      await page.getByRole('button', { name: 'アンケートのQRコードを表示' }).click()
      const qr = page.getByRole('dialog', { name: '効果測定アンケート' })
      await expect.poll(() => qr.locator('img[src^="data:image/png"]').count()).toBe(1)
      const surveyUrl = `${server.url}/s/${new URL(page.url()).pathname.split('/').at(-1)}/survey`
      expect(await qr.getByText(surveyUrl).count()).toBe(1)
      await expectAccessible(page)
      await qr.getByRole('button', { name: '閉じる' }).click()
      await expect.poll(() => qr.isVisible()).toBe(false)

      // The same page on a phone.
      await page.setViewportSize(viewports.phone)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })

  it('keeps an employee out of /facilitator and out of the 担当 menu', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      // Their profile (and so their role) has reached the device once their name shows.
      await expectSignedInAs(page, await signInAsPersona(page, '推進員'))
      expect(await nav(page).getByRole('link', { name: '担当' }).count()).toBe(0)
      await page.goto(`${server.url}/facilitator`)
      await expect
        .poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS })
        .toBe('ようこそ')
      expect(new URL(page.url()).pathname).toBe('/')
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
