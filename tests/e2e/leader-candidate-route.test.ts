import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import {
  expectAccessible,
  goOffline,
  launchChromium,
  newAppContext,
  viewports,
  waitForServiceWorker,
} from './support/browser'
import { FIRST_INSTALL_MS, signInAsPersona } from './support/personas'

/** From any page, through the 認定 tab; axe checks the page left and the route once it has loaded. */
async function openRoute(page: Page): Promise<void> {
  await expectAccessible(page)
  await page.getByRole('link', { name: '認定' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('認定までの道のり')
  await expect.poll(() => page.getByRole('status').filter({ hasText: '読み込んでいます' }).count()).toBe(0)
  await expectAccessible(page)
}

/** The route's steps as [status, name] pairs, once the replica has the rules. */
async function steps(page: Page): Promise<[string, string][]> {
  const items = page.locator('ol.steps > li')
  await expect.poll(() => items.count(), { timeout: FIRST_INSTALL_MS }).toBe(5)
  return Promise.all(
    (await items.all()).map(
      async (item) =>
        [
          (await item.locator('.step__badge').textContent())!.trim(),
          (await item.locator('.step__name').textContent())!.trim(),
        ] as [string, string],
    ),
  )
}

describe('a leader candidate follows their route to certification', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('sees exactly what is missing, and the sessions that close the gap, on a phone and a PC', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'リーダー候補')
      await openRoute(page)
      expect(await steps(page)).toEqual([
        ['達成', '立候補または指名によるリーダー候補であること'],
        ['未達成', '9つの知識分野すべての修了'],
        ['達成', '候補年度のデジタル人材育成研修（e-Learning）の修了'],
        ['達成', 'DXワークショップへの参加と効果測定アンケートの提出'],
        ['未達成', 'DX推進課による認定'],
      ])
      await expect.poll(() => page.getByText('令和8年度のDX推進リーダー候補です（立候補）。').count()).toBe(1)
      const areas = page.locator('ol.steps > li').nth(1).locator('.step__areas li')
      expect(await areas.allTextContents()).toEqual(['情報セキュリティ', '行政手続オンライン化'])
      const elearning = page.locator('ol.steps > li').nth(2)
      expect(await elearning.textContent()).toContain('デジタル人材育成研修（令和8年度）を修了しました。')
      expect(await page.locator('ol.steps > li').nth(4).textContent()).toContain(
        'ほかの要件をすべて満たすと、DX推進課が認定を判断します。',
      )

      const proposed = page.getByRole('list', { name: '不足を補える直近の研修' }).getByRole('listitem')
      expect(await proposed.count()).toBeGreaterThan(0)
      const covered = (await proposed.allTextContents()).join('\n')
      for (const area of ['情報セキュリティ', '行政手続オンライン化']) expect(covered).toContain(area)
      // Each proposal is dated, earliest first.
      const dates = await proposed
        .locator('time')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''))
      expect(dates.length).toBe(await proposed.count())
      expect([...dates].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(dates)
      await expectAccessible(page)

      await page.setViewportSize(viewports.desktop)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })

  it('lets a promoter volunteer for this fiscal year and shows the candidacy once it is confirmed', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, '推進員')
      await openRoute(page)
      const volunteer = page.getByRole('button', { name: '立候補する' })
      await expect.poll(() => volunteer.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await expect.poll(() => page.getByText('9つの知識分野すべての修了').count()).toBe(1)
      await expectAccessible(page)

      await volunteer.click()
      await expect
        .poll(() => page.getByText('令和8年度の立候補は送信待ちです。', { exact: false }).count())
        .toBe(1)
      await expect
        .poll(() => page.getByText('令和8年度のDX推進リーダー候補です（立候補）。').count(), {
          timeout: FIRST_INSTALL_MS,
        })
        .toBe(1)
      expect(await page.getByRole('button', { name: '立候補する' }).count()).toBe(0)
      expect((await steps(page))[0]).toEqual(['達成', '立候補または指名によるリーダー候補であること'])
      await expectAccessible(page)

      await page.setViewportSize(viewports.phone)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })

  it('shows the check-in QR code with an accessible name and the employee number', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'リーダー候補')
      await openRoute(page)
      await page.getByRole('link', { name: 'わたしのQRコード（受付用）' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('わたしのQRコード')
      const image = page.getByRole('img', { name: '飯山　悠斗さん（職員番号 000003）の受付用QRコード' })
      await expect.poll(() => image.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
      expect((await image.boundingBox())!.width).toBeGreaterThanOrEqual(250)
      expect(await page.locator('.qr__number').textContent()).toBe('000003')
      await expectAccessible(page)
      await page.setViewportSize(viewports.desktop)
      await expectAccessible(page)

      // At a venue with no signal: the page and the QR library come from the precache.
      await waitForServiceWorker(page)
      await goOffline(context)
      await page.reload()
      await expect.poll(() => image.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    } finally {
      await context.close()
    }
  })

  it('exports the learning history as a CSV that Excel opens', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'リーダー候補')
      await expectAccessible(page)
      await page.goto(`${server.url}/history`)
      await expect.poll(() => page.locator('h1').textContent()).toBe('学習履歴')
      const entries = page.getByRole('list', { name: '学習履歴' }).getByRole('listitem')
      await expect.poll(() => entries.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(6)
      await expectAccessible(page)

      await page.getByLabel('種別').selectOption({ label: '学習記録' })
      await expect.poll(() => entries.count()).toBe(8)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'CSVで保存' }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^学習履歴_\d{4}-\d{2}-\d{2}\.csv$/)
      const bytes = await readFile((await download.path())!)
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = bytes.subarray(3).toString('utf8').split('\r\n')
      expect(lines[0]).toBe('種別,日付,年度,名称,知識分野,状況,時間（分）,メモ')
      expect(lines.filter((line) => line.startsWith('学習記録,')).length).toBe(8)
      await page.setViewportSize(viewports.phone)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
