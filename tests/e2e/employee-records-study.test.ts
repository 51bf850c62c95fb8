import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext, viewports } from './support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

const progressBar = (page: Page) => page.getByRole('progressbar', { name: '必須分野の修了' })

/** The required areas home lists as not completed yet, by their link text. */
async function openRequiredAreas(page: Page): Promise<string[]> {
  const rows = page.locator('li.area').filter({ hasText: '必須' }).filter({ hasText: '未修了' })
  return (await rows.getByRole('link').allTextContents()).map((text) => text.trim())
}

async function goHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('ようこそ')
  await expect.poll(() => progressBar(page).count()).toBe(1)
}

async function recordSelfStudy(page: Page, area: string, title: string): Promise<void> {
  await page.locator('li.area').getByRole('link', { name: area, exact: true }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe(area)
  expect(await page.getByText('あなたの役割では必須の分野です。').count()).toBe(1)
  await expectAccessible(page)
  await page.getByRole('button', { name: '記録する' }).click()
  await page.locator('#learning-source').selectOption('self_study')
  await page.locator('#learning-title').fill(title)
  await page.locator('#learning-minutes').fill('40')
  await page.getByRole('button', { name: '保存する' }).click()
  await expect.poll(() => page.locator('li.record').filter({ hasText: title }).count()).toBe(1)
  expect(await page.locator('li.record').filter({ hasText: title }).textContent()).toContain('自己学習')
  await expectAccessible(page)
}

describe('a promoter records self-study and sees their passport move', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it.each(Object.keys(viewports) as (keyof typeof viewports)[])(
    'records study in two required areas and sees home go from N/6 to N+2/6 (%s)',
    async (viewport) => {
      const context = await newAppContext(browser, viewport)
      const page = await context.newPage()
      try {
        await page.goto(server.url)
        const name = await signInAsPersona(page, '推進員')
        await expectSignedInAs(page, name)
        await expect.poll(() => progressBar(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
        expect(await page.getByRole('heading', { name: 'DX推進員' }).count()).toBe(1)
        expect(await page.getByText('担当業務の効率化に向けた見直し').count()).toBe(1)
        expect(await progressBar(page).getAttribute('aria-valuemax')).toBe('6')
        const before = Number(await progressBar(page).getAttribute('aria-valuenow'))
        expect(before).toBeLessThanOrEqual(4)
        expect(await page.getByText(`${before} / 6分野`).count()).toBe(1)
        await expectAccessible(page)

        const open = await openRequiredAreas(page)
        expect(open.length).toBeGreaterThanOrEqual(2)
        // 次にやること points at the first open required area.
        const nextSteps = page
          .locator('section')
          .filter({ has: page.getByRole('heading', { name: '次にやること' }) })
        expect(await nextSteps.textContent()).toContain(`必須の「${open[0]}」を学びましょう。`)

        await recordSelfStudy(page, open[0]!, `${open[0]}の入門書を読んだ`)
        await goHome(page)
        await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe(String(before + 1))
        await recordSelfStudy(page, open[1]!, `${open[1]}の動画教材を見た`)
        await goHome(page)
        await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe(String(before + 2))
        expect(await page.getByText(`${before + 2} / 6分野`).count()).toBe(1)
        expect(await openRequiredAreas(page)).toEqual(open.slice(2))
        await expectAccessible(page)
      } finally {
        await context.close()
      }
    },
  )
})
