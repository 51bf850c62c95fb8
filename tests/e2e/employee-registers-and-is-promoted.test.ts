// A promoter joins the waiting list of a full workshop; a colleague with a seat cancels on the same
// shared PC; the promoter signs back in and sees their place move up. All on a phone, axe on every page.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import {
  FIRST_INSTALL_MS,
  SYNC_MS,
  expectSignedInAs,
  expectSynced,
  signInAsPersona,
  HOME_LINK,
} from './support/personas'

// The demo city's full future workshop: the manager waits for a seat, the leader candidate holds one.
const WORKSHOP = '全庁横断DXワークショップ'

/** From anywhere in the app: 研修 → search → the workshop's (only upcoming) session. */
async function openWorkshopSession(page: Page, { checkFilters = false } = {}): Promise<void> {
  await page.getByRole('link', { name: '研修', exact: true }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('研修・ワークショップ')
  const search = page.getByRole('searchbox', { name: '研修名で探す' })
  // Typed in hiragana and with a space: the search reads it as the katakana of the title.
  // Key by key the first time: the focus must stay in the box while the URL follows the query.
  if (checkFilters) await search.pressSequentially('全庁横断 わーくしょっぷ')
  else await search.fill('全庁横断 わーくしょっぷ')
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: WORKSHOP }) })
  await expect.poll(() => card.count(), { timeout: SYNC_MS }).toBe(1)
  expect(new URL(page.url()).searchParams.get('q')).toBe('全庁横断 わーくしょっぷ')
  await expectAccessible(page)
  if (checkFilters) {
    // The filter lives in the URL: a reload keeps it.
    await page.reload()
    await expect.poll(() => search.inputValue(), { timeout: SYNC_MS }).toBe('全庁横断 わーくしょっぷ')
    await expect.poll(() => card.count(), { timeout: SYNC_MS }).toBe(1)
    // By keyboard: only trainings covering an area the promoter needs; this one covers DX基礎知識.
    const requiredOnly = page.getByRole('checkbox', { name: 'あなたに必要な分野の研修だけ表示する' })
    await requiredOnly.focus()
    await page.keyboard.press('Space')
    await expect.poll(() => new URL(page.url()).searchParams.get('required')).toBe('1')
    await expect.poll(() => card.getByText('あなたに必要な分野を含みます').count()).toBe(1)
    await page.keyboard.press('Space')
    await expect.poll(() => new URL(page.url()).searchParams.get('required')).toBeNull()
  }
  await card.getByRole('link').first().click()
  await expect.poll(() => page.locator('h1').textContent()).toBe(WORKSHOP)
  if (checkFilters) {
    // Back to the list as it was left, and forward again.
    await page.goBack()
    await expect.poll(() => search.inputValue()).toBe('全庁横断 わーくしょっぷ')
    await page.goForward()
    await expect.poll(() => page.locator('h1').textContent()).toBe(WORKSHOP)
  }
}

function upcomingCard(page: Page) {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: '申し込んでいる研修' }) })
}

/** The live status line of the あなたの申込み card. */
function registrationStatus(page: Page) {
  return page.locator('.panel__status[role="status"]')
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: '設定' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'ログアウト' }).click()
}

describe('an employee registers for a full workshop and is promoted when a seat frees up', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('joins the waiting list, a colleague cancels, and the promoter sees their place move up', async () => {
    const context = await newAppContext(browser, 'phone')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await expect
        .poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS })
        .toBe('ログイン')
      await expectAccessible(page)
      const promoter = await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, promoter)
      await expectSynced(page)
      // Home has the promoter's sessions card (what it lists depends on today's date in the demo city).
      await expect.poll(() => upcomingCard(page).count(), { timeout: SYNC_MS }).toBe(1)
      await expectAccessible(page)

      // The promoter finds the workshop: full, and the page says registering means waiting.
      await openWorkshopSession(page, { checkFilters: true })
      const full = registrationStatus(page)
      await expect.poll(() => full.textContent(), { timeout: SYNC_MS }).toMatch(/満席/)
      const note = (await full.textContent()) ?? ''
      const expected = Number(/キャンセル待ちの(\d+)番目/.exec(note)?.[1])
      expect(expected).toBeGreaterThanOrEqual(2)
      expect(await page.getByText(`${expected - 1}名`, { exact: true }).count()).toBe(1)
      await expectAccessible(page)

      await page.getByRole('button', { name: 'キャンセル待ちに申し込む' }).click()
      // Shown at once as on its way, then as the server decided it.
      await expect
        .poll(() => registrationStatus(page).textContent(), { timeout: SYNC_MS })
        .toMatch(/申込み送信待ち|キャンセル待ち \d+番目/)
      await expect
        .poll(() => registrationStatus(page).textContent(), { timeout: SYNC_MS })
        .toMatch(new RegExp(`キャンセル待ち ${expected}番目`))
      await expectSynced(page)
      await expectAccessible(page)
      await page.getByRole('button', { name: 'カレンダーに追加' }).waitFor()
      const download = page.waitForEvent('download')
      await page.getByRole('button', { name: 'カレンダーに追加' }).click()
      expect((await download).suggestedFilename()).toMatch(/^dx-passport-session-\d{4}-\d{2}-\d{2}\.ics$/)

      // The leader candidate, who holds a seat, cancels it on the same PC.
      await signOut(page)
      const candidate = await signInAsPersona(page, 'リーダー候補')
      await expectSignedInAs(page, candidate)
      await expectSynced(page)
      await openWorkshopSession(page)
      await expect.poll(() => registrationStatus(page).textContent(), { timeout: SYNC_MS }).toMatch(/確定/)
      await expectAccessible(page)
      await page.getByRole('button', { name: '申込みをキャンセルする' }).click()
      const dialog = page.getByRole('dialog', { name: '申込みをキャンセルしますか' })
      await dialog.waitFor()
      await expectAccessible(page)
      await dialog.getByRole('button', { name: '申込みをキャンセルする' }).click()
      // The freed seat went to the head of the waiting list: the session is full again.
      await expect
        .poll(() => registrationStatus(page).textContent(), { timeout: SYNC_MS })
        .toMatch(new RegExp(`満席.*キャンセル待ちの${expected}番目`))
      await expectSynced(page)
      await expectAccessible(page)

      // The promoter comes back: one place further up.
      await signOut(page)
      await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, promoter)
      await expectSynced(page)
      await openWorkshopSession(page)
      await expect
        .poll(() => registrationStatus(page).textContent(), { timeout: SYNC_MS })
        .toMatch(new RegExp(expected - 1 === 0 ? '確定' : `キャンセル待ち ${expected - 1}番目`))
      await expectAccessible(page)
      await page.getByRole('link', { name: HOME_LINK }).click()
      await expect
        .poll(() => upcomingCard(page).getByRole('listitem').filter({ hasText: WORKSHOP }).textContent())
        .toMatch(new RegExp(`キャンセル待ち ${expected - 1}番目`))
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
