import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext, waitForServiceWorker } from './support/browser'
import { FIRST_INSTALL_MS, signInAsPersona } from './support/personas'

const RESPONSES = 30
const PIN = '2468'
// The demo city's anonymous workshop; its first session (last week) is the facilitator persona's.
const WORKSHOP = '全庁横断DXワークショップ'

function syncStatus(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
}

const heading = (page: Page) => page.locator('h1').textContent()
const counts = (page: Page) => page.locator('.kiosk__counts').textContent()

/** The summary's response count, or null while it is not shown. */
async function summaryResponses(page: Page): Promise<number | null> {
  const text = await page
    .getByTestId('summary-responses')
    .textContent({ timeout: 1000 })
    .catch(() => null)
  const match = text?.match(/回答 (\d+)件/)
  return match ? Number(match[1]) : null
}

/** Answers every radio group (each person a little differently) and one free text, then sends. */
async function answerSurvey(page: Page, person: number): Promise<void> {
  const groups = await page.evaluate(() => [
    ...new Set(
      Array.from(
        document.querySelectorAll<HTMLInputElement>('form.survey-form input[type=radio]'),
        (i) => i.name,
      ),
    ),
  ])
  expect(groups.length).toBeGreaterThanOrEqual(5)
  for (const name of groups) {
    const options = page.locator(`input[type=radio][name="${name}"]`)
    const count = await options.count()
    await options.nth((person + name.length) % count).check()
  }
  await page.getByRole('textbox', { name: /ご意見・ご感想/ }).fill(`会場での回答 ${person + 1}`)
  await page.getByRole('button', { name: '回答を送信する' }).click()
  await expect.poll(() => heading(page)).toBe('ありがとうございました')
}

describe('a facilitator collects the survey of a whole room on one tablet with no network', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('takes an identified answer only from someone checked in, once, in their name', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'ファシリテーター')
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '担当' })
        .click()
      // Today's workshop (the standard, identified survey): check one person in first.
      const today = page.locator('main li.ui-card').filter({ hasText: '受付中' }).first()
      await expect.poll(() => today.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      const title = (await today.getByRole('link').textContent())!.trim()
      await today.getByRole('link').click()
      await expect.poll(() => heading(page)).toBe(title)
      const waiting = page
        .locator('li.person')
        .filter({ has: page.getByRole('button', { name: /さんを受付する$/ }) })
      await expect.poll(() => waiting.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThanOrEqual(2)
      const numberOf = async (index: number) =>
        (await waiting.nth(index).locator('.person__meta').textContent())!.match(/職員番号 ([0-9A-Z-]+)/)![1]!
      const attendee = await numberOf(0)
      const absent = await numberOf(1)
      const name = (await waiting.nth(0).locator('.person__name').textContent())!.trim()
      await waiting
        .nth(0)
        .getByRole('button', { name: /さんを受付する$/ })
        .click()
      const item = page.locator('li.person').filter({ hasText: name })
      await expect.poll(() => item.textContent(), { timeout: FIRST_INSTALL_MS }).toContain('確定')

      const responses = async () =>
        Number((await page.getByText(/^アンケート回答 \d+件/).textContent())!.match(/(\d+)件/)![1])
      const before = await responses()
      await page.getByRole('link', { name: '会場の端末でアンケートを回収' }).click()
      await page.getByLabel('暗証番号', { exact: true }).fill(PIN)
      await page.getByLabel('暗証番号（確認）').fill(PIN)
      await page.getByRole('button', { name: '回収を始める' }).click()
      const numberBox = page.getByRole('textbox', { name: /職員番号/ })
      await expect.poll(() => numberBox.count()).toBe(1)
      await expectAccessible(page)

      await numberBox.fill(absent)
      await page.getByRole('button', { name: '回答を始める' }).click()
      await expect
        .poll(() =>
          page.getByText('この職員番号の方は受付が済んでいません。運営者にお声がけください。').count(),
        )
        .toBe(1)
      await numberBox.fill(attendee.toLowerCase())
      await page.getByRole('button', { name: '回答を始める' }).click()
      await expect.poll(() => page.getByText(`職員番号 ${attendee} の方の回答です。`).count()).toBe(1)
      await expectAccessible(page)
      const groups = await page.evaluate(() => [
        ...new Set(
          Array.from(
            document.querySelectorAll<HTMLInputElement>('form.survey-form input[type=radio]'),
            (i) => i.name,
          ),
        ),
      ])
      for (const group of groups) await page.locator(`input[type=radio][name="${group}"]`).nth(2).check()
      await page.getByRole('button', { name: '回答を送信する' }).click()
      await expect.poll(() => heading(page)).toBe('ありがとうございました')
      await expectAccessible(page)
      await page.getByRole('button', { name: '次の方へ' }).click()
      await expect
        .poll(() => counts(page), { timeout: FIRST_INSTALL_MS })
        .toMatch(/送信待ち 0件\s*\/\s*送信済み 1件/)

      // The same person cannot answer twice.
      await numberBox.fill(attendee)
      await page.getByRole('button', { name: '回答を始める' }).click()
      await expect.poll(() => page.getByText('この職員番号の方は回答済みです。').count()).toBe(1)

      await page.getByRole('button', { name: '終了（運営者）' }).click()
      await page.getByRole('dialog').getByLabel('暗証番号').fill(PIN)
      await page.getByRole('dialog').getByRole('button', { name: '終了する' }).click()
      await expect.poll(() => heading(page)).toBe(title)
      await page.getByRole('button', { name: '名簿を更新' }).click()
      // The roster counts identified answers (survey_submissions, in the attendee's name): one more.
      await expect.poll(responses, { timeout: FIRST_INSTALL_MS }).toBe(before + 1)
    } finally {
      await context.close()
    }
  })

  it('enters kiosk mode with a PIN, takes 30 answers offline across a reload, cannot leave without the PIN, and the server gets each answer once', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'ファシリテーター')
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)

      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '担当' })
        .click()
      const past = page
        .locator('section')
        .filter({ has: page.getByRole('heading', { name: '終了したセッション' }) })
      const card = past.locator('li.ui-card').filter({ hasText: WORKSHOP }).first()
      await expect.poll(() => card.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await card.getByRole('link').click()
      await expect.poll(() => heading(page)).toBe(WORKSHOP)

      // What the server had before the session's kiosk answers.
      await expect.poll(() => summaryResponses(page), { timeout: FIRST_INSTALL_MS }).not.toBeNull()
      const before = (await summaryResponses(page))!
      await expectAccessible(page)

      await page.getByRole('link', { name: '会場の端末でアンケートを回収' }).click()
      await expect.poll(() => heading(page)).toBe('会場でアンケートを回収する')
      await expectAccessible(page)
      await page.getByLabel('暗証番号', { exact: true }).fill('12')
      await page.getByLabel('暗証番号（確認）').fill('12')
      await page.getByRole('button', { name: '回収を始める' }).click()
      await expect.poll(() => page.getByText('暗証番号は4〜8桁の数字で入力してください。').count()).toBe(1)
      await page.getByLabel('暗証番号', { exact: true }).fill(PIN)
      await page.getByLabel('暗証番号（確認）').fill(PIN)
      await page.getByRole('button', { name: '回収を始める' }).click()
      await expect.poll(() => heading(page)).toBe('アンケートの回収')
      // Kiosk mode: the app's menu is gone, the survey says no name is stored.
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).count()).toBe(0)
      expect(
        await page
          .getByText('このアンケートは匿名です。あなたの名前は回答と結び付けて保存されません。')
          .count(),
      ).toBe(1)
      await expectAccessible(page)

      await waitForServiceWorker(page)
      // The meeting room's Wi-Fi drops for the whole session.
      await context.setOffline(true)
      const started = Date.now()

      for (let person = 0; person < RESPONSES; person += 1) {
        if (person === RESPONSES / 2) {
          // Halfway the tablet reloads: still in kiosk mode, every queued answer still there.
          await page.reload()
          await expect.poll(() => heading(page), { timeout: FIRST_INSTALL_MS }).toBe('アンケートの回収')
          await expect
            .poll(() => counts(page), { timeout: FIRST_INSTALL_MS })
            .toContain(`送信待ち ${person}件`)
          expect(await page.getByRole('navigation', { name: 'メインメニュー' }).count()).toBe(0)
          await expectAccessible(page)
        }
        await answerSurvey(page, person)
        if (person === 0) await expectAccessible(page)
        await page.getByRole('button', { name: '次の方へ' }).click()
        await expect.poll(() => heading(page)).toBe('アンケートの回収')
        // The next person sees nothing of the previous answers.
        expect(await page.locator('form.survey-form input[type=radio]:checked').count()).toBe(0)
        expect(await page.getByRole('textbox', { name: /ご意見・ご感想/ }).inputValue()).toBe('')
        expect(await page.getByText(`会場での回答 ${person + 1}`).count()).toBe(0)
      }
      await expect.poll(() => counts(page)).toContain(`送信待ち ${RESPONSES}件`)
      console.info(
        `kiosk: ${RESPONSES} answers entered offline in ${Math.round((Date.now() - started) / 1000)} s`,
      )

      // An attendee tries to leave: a wrong PIN is refused, the app's links and Back are blocked.
      await page.getByRole('button', { name: '終了（運営者）' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('暗証番号').fill('1357')
      await dialog.getByRole('button', { name: '終了する' }).click()
      await expect.poll(() => dialog.getByText('暗証番号が違います。').count()).toBe(1)
      await expectAccessible(page)
      await dialog.getByRole('button', { name: '戻る' }).click()
      await page.getByRole('link', { name: /DXまなびパスポート/ }).click()
      await expect.poll(() => dialog.isVisible()).toBe(true)
      expect(new URL(page.url()).pathname).toMatch(/\/kiosk$/)
      await dialog.getByRole('button', { name: '戻る' }).click()
      // Back (after the reload it loads the previous page afresh) still lands on the kiosk.
      await page.goBack()
      await expect.poll(() => new URL(page.url()).pathname, { timeout: FIRST_INSTALL_MS }).toMatch(/\/kiosk$/)
      await expect.poll(() => heading(page), { timeout: FIRST_INSTALL_MS }).toBe('アンケートの回収')
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).count()).toBe(0)
      await expect.poll(() => counts(page)).toContain(`送信待ち ${RESPONSES}件`)
      if (await dialog.isVisible()) {
        await dialog.getByRole('button', { name: '戻る' }).click()
      }

      // The Wi-Fi is back: every answer is sent, once.
      await context.setOffline(false)
      await expect
        .poll(() => counts(page), { timeout: FIRST_INSTALL_MS })
        .toMatch(new RegExp(`送信待ち 0件\\s*/\\s*送信済み ${RESPONSES}件`))
      await expectAccessible(page)

      // The facilitator leaves with the right PIN and reads the server's count.
      await page.getByRole('button', { name: '終了（運営者）' }).click()
      await dialog.getByLabel('暗証番号').fill(PIN)
      await dialog.getByRole('button', { name: '終了する' }).click()
      await expect.poll(() => heading(page)).toBe(WORKSHOP)
      expect(await page.getByRole('navigation', { name: 'メインメニュー' }).count()).toBe(1)
      await page.getByRole('button', { name: '集計を更新' }).click()
      await expect.poll(() => summaryResponses(page), { timeout: FIRST_INSTALL_MS }).toBe(before + RESPONSES)
      expect(await page.getByText('会場での回答 30').count()).toBe(1)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
