import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import {
  expectAccessible,
  goOffline,
  launchChromium,
  newAppContext,
  waitForServiceWorker,
} from './support/browser'
import { FIRST_INSTALL_MS, signInAsPersona } from './support/personas'

const dueCard = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { name: '回答待ちのアンケート' }) })
const question = (page: Page, number: number) =>
  page.getByRole('group', { name: new RegExp(`^問${number} `) })
const statusHeading = (page: Page) => page.getByRole('status').getByRole('heading', { level: 2 })

describe('an employee answers the survey of a training they attended, offline', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('opens it from home, fills half offline, reloads, finishes, sends it as 送信待ち and sees it 確定 once online', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, '推進員')
      // Home lists the one survey still waiting (the other attended training's survey is answered).
      await expect.poll(() => dueCard(page).getByRole('link').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      const link = dueCard(page).getByRole('link')
      const training = (await link.locator('.survey-due__title').textContent())!.trim()
      expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44)
      await expectAccessible(page)
      await waitForServiceWorker(page)

      await link.click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('効果測定アンケート')
      await expect.poll(() => page.locator('form').count()).toBe(1)
      expect(new URL(page.url()).pathname).toMatch(/^\/s\/[0-9a-f-]{36}\/survey$/)
      expect(await page.getByText(training, { exact: true }).count()).toBe(1)
      expect(await page.getByText('回答は、あなたの名前とともに記録されます。').count()).toBe(1)
      await expectAccessible(page)

      // On the train: no network. Half of the survey, then the page is reloaded.
      await goOffline(context)
      for (const number of [1, 2, 3, 4]) {
        await question(page, number).getByRole('radio', { name: '4', exact: true }).check()
      }
      await page.getByRole('textbox', { name: /問7/ }).fill('業務フローを図にする手順が分かった')
      await expect.poll(() => page.getByText('17 / 1000文字').count()).toBe(1)
      // A send now names what is missing and queues nothing.
      await page.getByRole('button', { name: '回答を送信する' }).click()
      await expect.poll(() => page.getByRole('alert').filter({ hasText: '2件あります' }).count()).toBe(1)
      await expectAccessible(page)

      await page.reload()
      await expect.poll(() => page.locator('form').count(), { timeout: 60_000 }).toBe(1)
      await expect.poll(() => page.getByText('前回の入力内容を復元しました。').count()).toBe(1)
      expect(await question(page, 1).getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true)
      expect(await page.getByRole('textbox', { name: /問7/ }).inputValue()).toBe(
        '業務フローを図にする手順が分かった',
      )
      await expectAccessible(page)

      await question(page, 5).getByRole('radio', { name: '8', exact: true }).check()
      const areas = question(page, 6)
        .getByRole('group')
        .filter({ has: page.getByRole('group', { name: '受講前' }) })
      const areaCount = await areas.count()
      expect(areaCount).toBeGreaterThan(0)
      for (let i = 0; i < areaCount; i += 1) {
        const area = areas.nth(i)
        await area
          .getByRole('group', { name: '受講前' })
          .getByRole('radio', { name: '2', exact: true })
          .check()
        await area
          .getByRole('group', { name: '受講後' })
          .getByRole('radio', { name: '4', exact: true })
          .check()
      }
      await page.getByRole('button', { name: '回答を送信する' }).click()
      await expect.poll(() => statusHeading(page).textContent()).toBe('送信待ち')
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'オフライン・1件送信待ち' }).count())
        .toBe(1)
      expect(await page.locator('form').count()).toBe(0)
      await expectAccessible(page)

      // Back in the office: the sync engine sends it, and the server's answer shows.
      await context.setOffline(false)
      await expect.poll(() => statusHeading(page).textContent(), { timeout: 60_000 }).toBe('確定')
      await expect.poll(() => page.getByText('業務フローを図にする手順が分かった').count()).toBe(1)
      expect(await page.getByText('受付を済ませてから').count()).toBe(0)
      await expectAccessible(page)

      await page.getByRole('link', { name: 'ホームへ戻る' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('ようこそ')
      await expect
        .poll(() => dueCard(page).getByText('回答待ちのアンケートはありません。').count(), {
          timeout: 60_000,
        })
        .toBe(1)
      expect(await dueCard(page).getByRole('link').count()).toBe(0)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
