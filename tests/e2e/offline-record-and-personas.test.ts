import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext, waitForServiceWorker } from './support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

const AREA = '生成AI'
const TITLE = '電車の中で生成AIの活用事例を読んだ'

function syncStatus(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
}

function myRecord(page: Page) {
  return page.locator('li.record').filter({ hasText: TITLE })
}

async function openArea(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '学ぶ' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('知識分野')
  await expect.poll(() => page.getByRole('link', { name: AREA, exact: true }).count()).toBe(1)
  await page.getByRole('link', { name: AREA, exact: true }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe(AREA)
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: '設定' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
  await page.getByRole('button', { name: 'ログアウト' }).click()
}

describe('an employee records study with no network, and the shared PC keeps people apart', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('records offline as 送信待ち, keeps it over a reload, sends it once online, and hides it from the next person', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      const promoter = await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, promoter)
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await expectAccessible(page)

      await openArea(page)
      await expectAccessible(page)
      await waitForServiceWorker(page)

      // On the train: no network at all.
      await context.setOffline(true)
      await expect.poll(() => syncStatus(page, 'オフライン').count()).toBe(1)
      await page.getByRole('button', { name: '記録する' }).click()
      await page.locator('#learning-title').fill(TITLE)
      await page.locator('#learning-minutes').fill('25')
      await page.locator('#learning-note').fill('窓口の問合せ対応に使えそう。')
      await expectAccessible(page)
      await page.getByRole('button', { name: '保存する' }).click()

      await expect.poll(() => myRecord(page).count()).toBe(1)
      expect(await myRecord(page).textContent()).toContain('送信待ち')
      await expect.poll(() => syncStatus(page, 'オフライン・1件送信待ち').count()).toBe(1)
      await expectAccessible(page)

      // Reloading with no network: the page, the record and its state all come from this device.
      await page.reload()
      await expect.poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS }).toBe(AREA)
      await expect.poll(() => myRecord(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      expect(await myRecord(page).textContent()).toContain('送信待ち')
      await expect.poll(() => syncStatus(page, 'オフライン・1件送信待ち').count()).toBe(1)
      await expectAccessible(page)

      // Back online: the record is sent and confirmed by the server.
      await context.setOffline(false)
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await expect.poll(() => myRecord(page).textContent()).toContain('確定')
      expect(await myRecord(page).textContent()).not.toContain('送信待ち')
      await expectAccessible(page)

      // Another person on the same browser sees none of it.
      await signOut(page)
      const manager = await signInAsPersona(page, '管理者')
      await expectSignedInAs(page, manager)
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await openArea(page)
      await expect.poll(() => page.getByText('わたしの学習記録').count()).toBe(1)
      expect(await page.getByText(TITLE).count()).toBe(0)
      await expectAccessible(page)

      // And the first person finds their record again, brought back by the sync.
      await signOut(page)
      await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, promoter)
      await openArea(page)
      await expect.poll(() => myRecord(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await expect.poll(() => myRecord(page).textContent(), { timeout: FIRST_INSTALL_MS }).toContain('確定')
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
