// A leader candidate completes their route on a phone, the DX division certifies them on the same
// device (a shared PC), the target moves by one, and the new leader sees and prints their certificate.
// One browser context: the embedded backend lives in its IndexedDB, so every persona signs in there.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext, viewports } from './support/browser'
import {
  FIRST_INSTALL_MS,
  SYNC_MS,
  expectSignedInAs,
  expectSynced,
  signInAsPersona,
  signOut,
  UNREAD_SUFFIX,
} from './support/personas'

/** The two areas the leader-candidate persona has not studied yet (the demo city leaves them open). */
const MISSING_AREAS = ['情報セキュリティ', '行政手続オンライン化'] as const

const h1 = (page: Page) => page.locator('h1').textContent()
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' })
const divisionNav = (page: Page) => page.getByRole('navigation', { name: '集計のページ' })
const steps = (page: Page) => page.locator('ol.steps > li')

/** The row of the current FY in the targets table: its 認定者数 cell. */
async function certifiedThisYear(page: Page): Promise<string> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: '認定目標と実績' }) })
  const row = table.locator('tbody tr', { hasText: '今年度' })
  return (await row.locator('td').nth(2).textContent())?.trim() ?? ''
}

/** Today in Tokyo as the app writes it (2026年12月1日), and its fiscal year as 令和N年度. */
function tokyoToday(): { date: string; fiscalYear: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date())
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const [year, month, day] = [part('year'), part('month'), part('day')]
  const fiscalYear = month >= 4 ? year : year - 1
  return { date: `${year}年${month}月${day}日`, fiscalYear: `令和${fiscalYear - 2018}年度` }
}

async function goHome(page: Page): Promise<void> {
  await mainMenu(page).getByRole('link', { name: 'ホーム' }).click()
  await expect.poll(() => h1(page)).toBe('ようこそ')
}

async function openRoute(page: Page): Promise<void> {
  await mainMenu(page).getByRole('link', { name: '認定' }).click()
  await expect.poll(() => h1(page)).toBe('認定までの道のり')
  await expect.poll(() => steps(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(5)
}

/** The route's steps as [status, name] pairs. */
async function routeSteps(page: Page): Promise<[string, string][]> {
  return Promise.all(
    (await steps(page).all()).map(
      async (item) =>
        [
          (await item.locator('.step__badge').textContent())!.trim(),
          (await item.locator('.step__name').textContent())!.trim(),
        ] as [string, string],
    ),
  )
}

/** From home: the area's page, 記録する, a self-study record saved. */
async function recordSelfStudy(page: Page, area: string, title: string): Promise<void> {
  await page.locator('li.area').getByRole('link', { name: area, exact: true }).click()
  await expect.poll(() => h1(page)).toBe(area)
  expect(await page.getByText('あなたの役割では必須の分野です。').count()).toBe(1)
  await expectAccessible(page)
  await page.getByRole('button', { name: '記録する' }).click()
  await page.locator('#learning-source').selectOption('self_study')
  await page.locator('#learning-title').fill(title)
  await page.locator('#learning-minutes').fill('60')
  await expectAccessible(page)
  await page.getByRole('button', { name: '保存する' }).click()
  await expect.poll(() => page.locator('li.record').filter({ hasText: title }).count()).toBe(1)
}

describe('a leader candidate completes the route and the DX division certifies them', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('records the missing areas, is approved, moves the target by one and prints the certificate', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    const today = tokyoToday()
    try {
      // --- The candidate, on a phone: what is missing, then done in the app --------------------
      await page.goto(server.url)
      const candidate = await signInAsPersona(page, 'リーダー候補')
      await expectSignedInAs(page, candidate)
      await openRoute(page)
      expect(await routeSteps(page)).toEqual([
        ['達成', '立候補または指名によるリーダー候補であること'],
        ['未達成', '9つの知識分野すべての修了'],
        ['達成', '候補年度のデジタル人材育成研修（e-Learning）の修了'],
        ['達成', 'DXワークショップへの参加と効果測定アンケートの提出'],
        ['未達成', 'DX推進課による認定'],
      ])
      expect(await steps(page).nth(1).locator('.step__areas li').allTextContents()).toEqual([
        ...MISSING_AREAS,
      ])
      await expectAccessible(page)

      await goHome(page)
      await expectAccessible(page)
      for (const area of MISSING_AREAS) {
        await recordSelfStudy(page, area, `${area}の研修動画を視聴した`)
        await goHome(page)
      }
      // The records reached the server before the candidate leaves this shared device.
      await expectSynced(page)
      await openRoute(page)
      await expect.poll(() => steps(page).nth(1).locator('.step__badge').textContent()).toBe('達成')
      expect((await routeSteps(page)).map(([status]) => status)).toEqual([
        '達成',
        '達成',
        '達成',
        '達成',
        '未達成',
      ])
      expect(await page.getByText('5件中4件を達成しています。').count()).toBe(1)
      expect(await steps(page).nth(1).textContent()).toContain('必要な知識分野をすべて修了しました。')
      expect(await steps(page).nth(4).textContent()).toContain('DX推進課の判断を待っています。')
      expect(await page.getByRole('link', { name: '認定証を表示する' }).count()).toBe(0)
      await expectAccessible(page)
      await signOut(page)

      // --- The DX division, on a PC: dashboard, effect, then the decision ----------------------
      await page.setViewportSize(viewports.desktop)
      await signInAsPersona(page, 'DX推進課')
      // 集計 appears in the main menu once the profile says dx_admin.
      const menuLink = mainMenu(page).getByRole('link', { name: '集計' })
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
      expect(text).toContain(`\r\n"${today.fiscalYear}","今年度",`)

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
      const readySection = page.locator('section[aria-labelledby="division-ready-title"]')
      const card = readySection.locator('article.candidate', {
        has: page.getByRole('heading', { name: candidate }),
      })
      await expect.poll(() => card.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      const readyCount = Number(
        /（(\d+)人）/.exec((await readySection.locator('h2').textContent()) ?? '')?.[1],
      )
      expect(readyCount).toBeGreaterThanOrEqual(1)
      // The evidence: the two records the candidate just made, dated today, and the e-learning.
      expect(await card.textContent()).toContain('認定の要件をすべて満たしています')
      await card.locator('summary', { hasText: '根拠を見る（学習記録と研修）' }).click()
      const areasTable = card.locator('table', {
        has: page.locator('caption', { hasText: `${candidate}さんの知識分野ごとの学習記録` }),
      })
      for (const area of MISSING_AREAS) {
        const row = areasTable.locator('tbody tr', { has: page.getByRole('rowheader', { name: area }) })
        expect(await row.locator('td').nth(1).textContent(), area).toContain(today.date)
      }
      const trainingsTable = card.locator('table', {
        has: page.locator('caption', { hasText: `${candidate}さんが出席した研修` }),
      })
      expect(await trainingsTable.textContent()).toContain('デジタル人材育成研修（令和8年度）')
      await expectAccessible(page)

      await card.getByRole('button', { name: '認定する' }).click()
      const dialog = page.getByRole('dialog', { name: '認定しますか' })
      await expect.poll(() => dialog.isVisible()).toBe(true)
      expect(await dialog.textContent()).toContain(`${candidate}さんをDX推進リーダーに認定します。`)
      await expectAccessible(page)
      await dialog.getByRole('button', { name: '認定する' }).click()
      // 送信待ち first or at once 確定: either way it ends confirmed by the server.
      const sent = page.locator('section', {
        has: page.getByRole('heading', { name: 'この画面で行った判断' }),
      })
      await expect.poll(() => sent.textContent(), { timeout: SYNC_MS }).toContain('確定')
      expect(await sent.textContent()).toContain(`認定（${candidate}）`)
      await expect
        .poll(() => page.getByRole('heading', { name: `認定できる候補者（${readyCount - 1}人）` }).count(), {
          timeout: SYNC_MS,
        })
        .toBe(1)
      expect(await card.count()).toBe(0)
      await expectAccessible(page)

      await divisionNav(page).getByRole('link', { name: 'ダッシュボード' }).click()
      await expect.poll(() => h1(page)).toBe('集計ダッシュボード')
      await page.getByRole('button', { name: '最新の集計を取得' }).first().click()
      await expect.poll(() => certifiedThisYear(page), { timeout: SYNC_MS }).toBe(String(before + 1))
      await expectAccessible(page)

      await divisionNav(page).getByRole('link', { name: '年度のまとめ' }).click()
      await expect.poll(() => h1(page)).toBe(`${today.fiscalYear} DX人材育成の状況`)
      await expect.poll(() => page.getByText(`${before + 1}人／30人`).count(), { timeout: SYNC_MS }).toBe(1)
      await expectAccessible(page)
      await signOut(page)

      // --- The new leader, on the phone again: certified, and the certificate ------------------
      await page.setViewportSize(viewports.phone)
      await signInAsPersona(page, 'リーダー候補')
      await expectSignedInAs(page, candidate)
      await expectSynced(page)
      await openRoute(page)
      await expect
        .poll(() => page.getByRole('heading', { name: 'DX推進リーダーに認定されています' }).count(), {
          timeout: SYNC_MS,
        })
        .toBe(1)
      expect((await routeSteps(page)).map(([status]) => status)).toEqual([
        '達成',
        '達成',
        '達成',
        '達成',
        '達成',
      ])
      expect(await steps(page).nth(4).textContent()).toMatch(
        new RegExp(
          `${today.date}\\([日月火水木金土]\\)に認定されました（${today.fiscalYear}の認定として数えます）。`,
        ),
      )
      expect(await page.getByRole('link', { name: '認定証を表示する' }).count()).toBe(1)
      await expectAccessible(page)

      // Home leads there too.
      await goHome(page)
      const homeLink = page.getByRole('link', { name: '認定証を表示する' })
      await expect.poll(() => homeLink.count()).toBe(1)
      expect(await page.getByText('DX推進リーダー（候補）').count()).toBe(0)
      await expectAccessible(page)
      await homeLink.click()
      await expect.poll(() => h1(page)).toBe('認定証')
      const certificate = page.locator('article.certificate')
      await expect.poll(() => certificate.count()).toBe(1)
      expect(await certificate.textContent()).toContain(`${candidate} 様`)
      expect(await certificate.textContent()).toContain(
        `${today.fiscalYear}のDX推進リーダーとして認定されました。`,
      )
      expect(await certificate.textContent()).toContain(`認定年度：${today.fiscalYear}`)
      expect(await certificate.textContent()).toMatch(
        new RegExp(`認定日：${today.date}\\([日月火水木金土]\\)`),
      )
      expect(await page.getByRole('button', { name: '印刷する' }).count()).toBe(1)
      await expectAccessible(page)

      // Printed: the certificate alone, on one A4 page (595 × 842 pt).
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.shell__header').isVisible()).toBe(false)
      expect(await mainMenu(page).isVisible()).toBe(false)
      expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false)
      expect(await certificate.isVisible()).toBe(true)
      const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true })).toString(
        'latin1',
      )
      expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length).toBe(1)
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(pdf)
      expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842])
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize(viewports.desktop)
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
      const menu = mainMenu(page).getByRole('link')
      expect((await menu.allTextContents()).map((text) => text.trim().replace(UNREAD_SUFFIX, ''))).toEqual([
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
