// Attending a training is learning: the facilitator checks 相川 (the promoter persona, registered for
// today's 生成AI workshop) in offline, the check-in syncs, 相川 finds its survey among her notices on
// ホーム and sees 生成AI 修了 through the session,
// the DX division's area table moves by one; the facilitator undoes it and the credit is gone.
// One browser context: the embedded backend lives in its IndexedDB, so every persona signs in there.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { expectAccessible, newAppContext, waitForServiceWorker } from './support/browser'
import { useJourney } from './support/journey'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

const SYNC_MS = 30_000
/** Today's workshop of the facilitator persona covers this one area; 相川 has not studied it yet. */
const AREA = '生成AI'
/** The promoter persona (another 相川 works in the city too). */
const ATTENDEE = '相川　美咲'

const h1 = (page: Page) => page.locator('h1').textContent()
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' })
const syncStatus = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
const attendeeItem = (page: Page) =>
  page.locator('li.person', { has: page.locator('.person__name', { hasText: ATTENDEE }) })

async function synced(page: Page): Promise<void> {
  await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: SYNC_MS }).toBe(1)
}

async function signOut(page: Page): Promise<void> {
  await mainMenu(page).getByRole('link', { name: '設定' }).click()
  await expect.poll(() => h1(page)).toBe('設定')
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await expect.poll(() => h1(page)).toBe('ログイン')
}

/** As the facilitator: 担当, then today's session (the one open for check-in); its page's path. */
async function openTodaysSession(page: Page): Promise<string> {
  await signInAsPersona(page, 'ファシリテーター')
  await synced(page)
  await mainMenu(page).getByRole('link', { name: '担当' }).click()
  await expect.poll(() => h1(page)).toBe('担当セッション')
  const today = page.locator('main li.ui-card').filter({ hasText: '受付中' }).first()
  await expect.poll(() => today.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
  const title = (await today.getByRole('link').textContent())!.trim()
  await today.getByRole('link').click()
  await expect.poll(() => h1(page)).toBe(title)
  await expect.poll(() => attendeeItem(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
  return new URL(page.url()).pathname
}

/** As the DX division: the dashboard's 役割ごと table, the promoters who completed the area. */
async function promotersWhoCompleted(page: Page): Promise<number> {
  await signInAsPersona(page, 'DX推進課')
  const menuLink = mainMenu(page).getByRole('link', { name: '集計' })
  await expect.poll(() => menuLink.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
  await menuLink.click()
  await expect.poll(() => h1(page)).toBe('集計ダッシュボード')
  // The last answer may be kept from an earlier visit on this device: ask for the current one.
  await page.getByRole('button', { name: '最新の集計を取得' }).first().click()
  const table = page.locator('table', {
    has: page.locator('caption', { hasText: '役割ごとの知識分野の修了' }),
  })
  await expect.poll(() => table.locator('tbody tr').count(), { timeout: SYNC_MS }).toBeGreaterThan(0)
  const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim())
  const column = headers.indexOf(AREA)
  expect(column).toBeGreaterThan(0)
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: /推進員/ }) })
  const cell = (await row.locator('th, td').nth(column).textContent())!.trim()
  await expectAccessible(page)
  return Number(cell.split('/')[0])
}

/** The survey notice the attendance wrote for 相川 on her ホーム (お知らせ). */
const SURVEY_NOTICE = /「生成AI活用ワークショップ」（[^）]+）の効果測定アンケートにご回答ください。/

/** As 相川: the notices on ホーム, 学ぶ, the area's card (修了 or 未修了), and the area's page. */
async function areaAsAttendee(
  page: Page,
  surveyNotice: boolean,
): Promise<{ badge: string; notices: string; page: Page }> {
  await expectSignedInAs(page, await signInAsPersona(page, '推進員'))
  await synced(page)
  const notices = page.locator('section', { has: page.getByRole('heading', { name: 'お知らせ' }) })
  await expect.poll(() => notices.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
  // The list is read from the device's database: wait until it has loaded and shows what is expected.
  const loaded = async () => {
    const text = (await notices.textContent()) ?? ''
    return !text.includes('読み込んでいます') && SURVEY_NOTICE.test(text) === surveyNotice
  }
  await expect.poll(loaded, { timeout: SYNC_MS }).toBe(true)
  const noticesText = (await notices.textContent()) ?? ''
  await mainMenu(page).getByRole('link', { name: '学ぶ' }).click()
  await expect.poll(() => h1(page)).toBe('知識分野')
  const card = page.locator('li', { has: page.getByRole('heading', { name: AREA, exact: true }) })
  await expect.poll(() => card.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
  const badge = (await card.locator('.badge').nth(1).textContent())!.trim()
  await expectAccessible(page)
  await card.getByRole('link').click()
  await expect.poll(() => h1(page)).toBe(AREA)
  return { badge, notices: noticesText, page }
}

describe('attending a training credits its areas, and undoing the check-in takes the credit back', () => {
  const journey = useJourney()

  it('checks 相川 in offline, credits 生成AI through the session, counts it for the division, and undoes it', async () => {
    const context = await newAppContext(journey.browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(journey.server.url)
      const before = await promotersWhoCompleted(page)
      await signOut(page)

      // --- The facilitator at the venue: the Wi-Fi drops, 相川 is checked in all the same ------
      const sessionPath = await openTodaysSession(page)
      await waitForServiceWorker(page)
      await context.setOffline(true)
      await expect.poll(() => syncStatus(page, 'オフライン').count()).toBe(1)
      await attendeeItem(page)
        .getByRole('button', { name: /さんを受付する$/ })
        .click()
      await expect.poll(() => attendeeItem(page).textContent()).toContain('出席（送信待ち）')
      await context.setOffline(false)
      await synced(page)
      await expect
        .poll(() => attendeeItem(page).textContent(), { timeout: SYNC_MS })
        .toContain('出席（確定）')
      await signOut(page)

      // --- 相川: 生成AI 修了, recorded by the attendance, with the way to the session -------------
      const attendee = await areaAsAttendee(page, true)
      expect(attendee.badge).toBe('修了')
      expect(attendee.notices).toMatch(SURVEY_NOTICE)
      const credit = page.locator('li.record').filter({ hasText: '研修の出席から自動で記録されました' })
      await expect.poll(() => credit.count(), { timeout: SYNC_MS }).toBe(1)
      const sessionId = sessionPath.split('/').at(-1)
      expect(await credit.getByRole('link', { name: /研修の日程を見る/ }).getAttribute('href')).toBe(
        `/sessions/${sessionId}`,
      )
      expect(await credit.getByRole('button').count()).toBe(0)
      await expectAccessible(page)
      await signOut(page)

      // --- The DX division: one more promoter has completed 生成AI ------------------------------
      expect(await promotersWhoCompleted(page)).toBe(before + 1)
      await signOut(page)

      // --- The facilitator tapped the wrong name after all: a second look, then undone ---------
      await openTodaysSession(page)
      await attendeeItem(page)
        .getByRole('button', { name: /さんの受付を取り消す$/ })
        .click()
      const question = attendeeItem(page).getByRole('group')
      await expect.poll(() => question.textContent()).toContain('受付を取り消しますか')
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('取り消さない')
      await expectAccessible(page)
      await question.getByRole('button', { name: '取り消す', exact: true }).click()
      await expect
        .poll(() => page.getByText(/さんの受付を取り消しました（送信待ち）。/).count())
        .toBeGreaterThanOrEqual(1)
      await synced(page)
      await expect.poll(() => attendeeItem(page).textContent(), { timeout: SYNC_MS }).toContain('未受付')
      expect(
        await attendeeItem(page)
          .getByRole('button', { name: /さんを受付する$/ })
          .count(),
      ).toBe(1)
      await expectAccessible(page)
      await signOut(page)

      // --- 相川 again: the credit is gone with the attendance ------------------------------------
      const after = await areaAsAttendee(page, false)
      expect(after.badge).toBe('未修了')
      expect(after.notices).not.toMatch(SURVEY_NOTICE)
      expect(await credit.count()).toBe(0)
    } finally {
      await context.close()
    }
  }, 300_000)
})
