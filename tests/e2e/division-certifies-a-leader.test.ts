import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

const h1 = (page: Page) => page.locator('h1').textContent()
const divisionNav = (page: Page) => page.getByRole('navigation', { name: '集計のページ' })
/** The row of the current FY in the targets table: its 認定者数 cell. */
async function certifiedThisYear(page: Page): Promise<string> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: '認定目標と実績' }) })
  const row = table.locator('tbody tr', { hasText: '今年度' })
  return (await row.locator('td').nth(2).textContent())?.trim() ?? ''
}

describe('the DX division certifies a leader', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('opens the dashboard, certifies the candidate who meets every rule, and sees the target move by one', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'DX推進課')
      // 集計 appears in the main menu once the profile says dx_admin.
      const menuLink = page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '集計' })
      await expect.poll(() => menuLink.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await menuLink.click()
      await expect.poll(() => h1(page)).toBe('集計ダッシュボード')
      await expect
        .poll(() => page.locator('caption').count(), { timeout: FIRST_INSTALL_MS })
        .toBeGreaterThanOrEqual(6)
      for (const caption of [
        '認定目標と実績',
        'リーダーの配置と学習状況',
        '役割ごとの知識分野の修了',
        '月ごとの学習と修了の推移',
      ]) {
        expect(await page.locator('caption', { hasText: caption }).count(), caption).toBe(1)
      }
      expect(await page.getByRole('columnheader', { name: '認定者数', exact: true }).count()).toBe(1)
      // Departments without a leader say so in words, not only by their shading.
      expect(await page.getByRole('cell', { name: 'リーダー不在' }).count()).toBeGreaterThan(0)
      const before = Number(await certifiedThisYear(page))
      expect(before).toBeGreaterThan(0)
      await expectAccessible(page)

      // The CSV of a table: UTF-8 with BOM, CRLF, Japanese headers.
      const download = page.waitForEvent('download')
      await page
        .getByRole('button', { name: '「年度ごとのDX推進リーダー認定目標と実績（人）」をCSVで保存' })
        .click()
      const file = await download
      expect(file.suggestedFilename()).toMatch(/^リーダー認定目標_\d{4}-\d{2}-\d{2}\.csv$/)
      const text = await new Promise<string>((resolve, reject) => {
        void file.createReadStream().then((stream) => {
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
          stream.on('error', reject)
        })
      })
      expect(text.startsWith('\uFEFF"年度","状況","目標","認定者数"')).toBe(true)
      expect(text).toContain('\r\n"令和8年度","今年度","30",')

      await divisionNav(page).getByRole('link', { name: '効果測定' }).click()
      await expect.poll(() => h1(page)).toBe('効果測定')
      await page.locator('#division-effect-kind').selectOption('workshop')
      await expect.poll(() => page.locator('#division-effect-training option').count()).toBeGreaterThan(1)
      await page
        .locator('#division-effect-training')
        .selectOption({ label: '生成AI活用ワークショップ（令和8年度）' })
      await expect
        .poll(() => page.locator('caption', { hasText: '日程ごとの出席と回答' }).count(), {
          timeout: FIRST_INSTALL_MS,
        })
        .toBe(1)
      // The whole training: means per question, NPS and the before/after gain, as tables.
      for (const caption of [
        '研修全体：5段階の質問の回答',
        '研修全体：推奨度（0〜10）とNPS',
        '研修全体：知識分野ごとの自己評価',
      ]) {
        expect(await page.locator('caption', { hasText: caption }).count(), caption).toBe(1)
      }
      expect(await page.locator('caption', { hasText: 'ワークショップの研修ごとの比較' }).count()).toBe(1)
      for (const level of [
        '反応（満足度など）',
        '学習（受講前後の自己評価）',
        '行動（職場での実践）',
        '成果（その後の学習と認定）',
      ]) {
        expect(await page.getByRole('heading', { name: level }).count(), level).toBe(1)
      }
      await expectAccessible(page)

      await divisionNav(page).getByRole('link', { name: '認定の審査' }).click()
      await expect.poll(() => h1(page)).toBe('認定の審査')
      await expect
        .poll(() => page.getByRole('heading', { name: '認定できる候補者（1人）' }).count(), {
          timeout: FIRST_INSTALL_MS,
        })
        .toBe(1)
      await expectAccessible(page)
      const card = page.locator('article.candidate').first()
      const name = (await card.locator('h3').textContent())?.split('職員番号')[0]?.trim() ?? ''
      expect(name).not.toBe('')
      await card.getByRole('button', { name: '認定する' }).click()
      const dialog = page.getByRole('dialog', { name: '認定しますか' })
      await expect.poll(() => dialog.isVisible()).toBe(true)
      expect(await dialog.textContent()).toContain(`${name}さんをDX推進リーダーに認定します。`)
      await expectAccessible(page)
      await dialog.getByRole('button', { name: '認定する' }).click()
      // 送信待ち first or at once 確定: either way it ends confirmed by the server.
      const sent = page.locator('section', {
        has: page.getByRole('heading', { name: 'この画面で行った判断' }),
      })
      await expect.poll(() => sent.textContent(), { timeout: 30_000 }).toContain('確定')
      expect(await sent.textContent()).toContain(`認定（${name}）`)
      await expect
        .poll(() => page.getByRole('heading', { name: '認定できる候補者（0人）' }).count(), {
          timeout: 30_000,
        })
        .toBe(1)
      await expectAccessible(page)

      await divisionNav(page).getByRole('link', { name: 'ダッシュボード' }).click()
      await expect.poll(() => h1(page)).toBe('集計ダッシュボード')
      await page.getByRole('button', { name: '最新の集計を取得' }).first().click()
      await expect.poll(() => certifiedThisYear(page), { timeout: 30_000 }).toBe(String(before + 1))

      await divisionNav(page).getByRole('link', { name: '年度のまとめ' }).click()
      await expect.poll(() => h1(page)).toBe('令和8年度 DX人材育成の状況')
      await expect.poll(() => page.getByText(`${before + 1}人／30人`).count(), { timeout: 30_000 }).toBe(1)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })

  it('keeps the division pages from an employee, and the 集計 link out of their menu', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      const name = await signInAsPersona(page, '推進員')
      // Once the profile has arrived, the menu holds what every employee has, and no 集計 or 担当.
      await expectSignedInAs(page, name)
      const menu = page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link')
      expect((await menu.allTextContents()).map((text) => text.trim())).toEqual([
        'ホーム',
        '学ぶ',
        '研修',
        '認定',
        '設定',
      ])
      await page.goto(`${server.url}/division`)
      await expect.poll(() => h1(page), { timeout: FIRST_INSTALL_MS }).toBe('ようこそ')
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
