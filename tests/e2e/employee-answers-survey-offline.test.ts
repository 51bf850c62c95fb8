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
import { FIRST_INSTALL_MS, signInAsPersona, signOut } from './support/personas'

const dueCard = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { name: '回答待ちのアンケート' }) })
const question = (page: Page, number: number) =>
  page.getByRole('group', { name: new RegExp(`^問${number} `) })
const statusHeading = (page: Page) => page.getByRole('status').getByRole('heading', { level: 2 })

/** What the DX division's 効果測定 shows for one training: 回答数 of each session (by its label), and in all. */
interface Responses {
  sessions: Record<string, string>
  total: string
}

/** As the DX division: 集計 → 効果測定 → the training with this title, read from its sessions table. */
async function divisionResponses(page: Page, training: string): Promise<Responses> {
  await signInAsPersona(page, 'DX推進課')
  const menuLink = page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('link', { name: '集計' })
  await expect.poll(() => menuLink.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
  await menuLink.click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('集計ダッシュボード')
  await page.getByRole('navigation', { name: '集計のページ' }).getByRole('link', { name: '効果測定' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('効果測定')
  // The training's kind is not on the survey: try each until the training is listed under one.
  const kinds = page.locator('#division-effect-kind')
  await expect.poll(() => kinds.locator('option').count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(1)
  // Listed as 「title（令和N年度）」; another training's title may start with this one's.
  const trainingValue = () =>
    page.locator('#division-effect-training option').evaluateAll(
      (options, title) =>
        options
          .map((o) => o as HTMLOptionElement)
          .filter(
            (o) =>
              new RegExp('^（[^（）]+）$').test(o.text.trim().replace(title, '')) &&
              o.text.trim().startsWith(title),
          )
          .map((o) => o.value),
      training,
    )
  for (const kind of await kinds
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean))) {
    // Wait for this kind's list: the one before stays on screen until it is replaced.
    const listed = () => page.locator('#division-effect-training option').allTextContents()
    const before = (await listed()).join('|')
    await kinds.selectOption(kind)
    await expect
      .poll(async () => {
        const now = await listed()
        return now.length > 1 && now.join('|') !== before
      })
      .toBe(true)
    if ((await trainingValue()).length > 0) break
  }
  const values = await trainingValue()
  expect(values, `${training} is listed once in 効果測定`).toHaveLength(1)
  await page.locator('#division-effect-training').selectOption(values[0]!)
  const table = page.locator('table', {
    has: page.locator('caption', { hasText: `${training}：日程ごとの出席と回答` }),
  })
  await expect.poll(() => table.locator('tbody tr').count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(1)
  // The page first shows the figures it last fetched (as of their time), then asks the server again:
  // read them once that answer is in.
  await expect
    .poll(() => page.getByRole('button', { name: '最新の集計を取得' }).getAttribute('aria-busy'), {
      timeout: FIRST_INSTALL_MS,
    })
    .toBeNull()
  await expectAccessible(page)
  // Wide tables scroll in their own region: the page itself fits the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  )
  const headers = (await table.locator('thead th').allTextContents()).map((text) => text.trim())
  const column = headers.indexOf('回答数')
  expect(column).toBeGreaterThan(0)
  const rows = await table
    .locator('tbody tr')
    .evaluateAll(
      (trs, index) =>
        trs
          .map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? ''))
          .map((cells) => [cells[0]!, cells[index]!]),
      column,
    )
  const total = rows.find(([label]) => label === '研修全体')
  expect(total, 'the 研修全体 row').toBeDefined()
  return {
    sessions: Object.fromEntries(rows.filter(([label]) => label !== '研修全体')),
    total: total![1]!,
  }
}

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

  it('opens it from home, fills half offline, reloads, finishes, sends it as 送信待ち, sees it 確定 once online, and the DX division counts it', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    try {
      // First, what the DX division sees of that training before the answer (the promoter tells which).
      await page.goto(server.url)
      await signInAsPersona(page, '推進員')
      await expect.poll(() => dueCard(page).getByRole('link').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      const dueTraining = (await dueCard(page).locator('.survey-due__title').textContent())!.trim()
      await signOut(page)
      const before = await divisionResponses(page, dueTraining)
      await signOut(page)

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

      // On the same device (the embedded backend is this browser's), the DX division now counts it.
      await signOut(page)
      const after = await divisionResponses(page, training)
      expect(training).toBe(dueTraining)
      const count = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : null)
      const suppressed = '回答が5件未満のため表示しません'
      expect(Object.keys(after.sessions)).toEqual(Object.keys(before.sessions))
      const changed = Object.keys(after.sessions).filter((s) => after.sessions[s] !== before.sessions[s])
      expect(changed.length, JSON.stringify({ before, after })).toBeLessThanOrEqual(1)
      if (changed.length === 1) {
        const was = before.sessions[changed[0]!]
        const now = count(after.sessions[changed[0]!])
        // One more response; a session that had four now reaches five and is shown for the first time.
        if (count(was) !== null) expect(now).toBe(count(was)! + 1)
        else expect([was, now]).toEqual([suppressed, 5])
      } else {
        // Still under five: the division is shown that honestly, before and after.
        expect(Object.values(after.sessions)).toContain(suppressed)
      }
      if (count(before.total) !== null) expect(count(after.total)).toBe(count(before.total)! + 1)
      else expect(after.total).toMatch(/表示しません$/)
      // The figures prove the response arrived only if one of them is shown.
      expect(changed.length === 1 || count(before.total) !== null, JSON.stringify({ before, after })).toBe(
        true,
      )
    } finally {
      await context.close()
    }
  })
})
