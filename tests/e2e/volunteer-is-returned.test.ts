// The DX division returns a volunteer's candidacy with a reason; the volunteer, after one sync,
// reads it offline on ホーム (a notice, counted unread in the menu) and on the route, which no longer
// calls them a candidate. One browser context: the embedded backend lives in its IndexedDB, so both
// personas sign in there (a shared PC, then the volunteer's own session).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectAccessible,
  goOffline,
  newAppContext,
  viewports,
  waitForServiceWorker,
} from './support/browser'
import { useJourney } from './support/journey'
import {
  FIRST_INSTALL_MS,
  SYNC_MS,
  expectSignedInAs,
  expectSynced,
  signInAsPersona,
  signOut,
} from './support/personas'

const REASON = '情報セキュリティと行政手続オンライン化の2分野を修了してから、あらためてご相談ください。'

const h1 = (page: Page) => page.locator('h1').textContent()
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' })
const divisionNav = (page: Page) => page.getByRole('navigation', { name: '集計のページ' })
const notices = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { name: 'お知らせ' }) })

describe('the DX division returns a volunteer with a reason', () => {
  const journey = useJourney()

  it('shows the volunteer the reason on ホーム and on the route, offline after one sync', async () => {
    const context = await newAppContext(journey.browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(journey.server.url)
      // Who the volunteer is: the leader candidate persona (立候補, two areas still open).
      const volunteer = await signInAsPersona(page, 'リーダー候補')
      await expectSignedInAs(page, volunteer)
      await signOut(page)

      // --- The DX division returns the candidacy, with the reason ----------------------------
      await signInAsPersona(page, 'DX推進課')
      const menuLink = mainMenu(page).getByRole('link', { name: '集計' })
      await expect.poll(() => menuLink.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await menuLink.click()
      await divisionNav(page).getByRole('link', { name: '認定の審査' }).click()
      await expect.poll(() => h1(page)).toBe('認定の審査')
      const card = page.locator('article.candidate', { has: page.getByRole('heading', { name: volunteer }) })
      await expect.poll(() => card.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await card.getByRole('button', { name: '差し戻す' }).click()
      const dialog = page.getByRole('dialog', { name: '差し戻しますか' })
      await expect.poll(() => dialog.isVisible()).toBe(true)
      expect(await dialog.textContent()).toContain('理由は本人に表示されます')
      await dialog.getByRole('textbox', { name: /理由/ }).fill(REASON)
      await dialog.getByRole('button', { name: '差し戻す' }).click()
      const sent = page.locator('section', {
        has: page.getByRole('heading', { name: 'この画面で行った判断' }),
      })
      await expect.poll(() => sent.textContent(), { timeout: SYNC_MS }).toContain('確定')
      await signOut(page)

      // --- The volunteer, on their phone: one sync, then no network --------------------------
      await page.setViewportSize(viewports.phone)
      await signInAsPersona(page, 'リーダー候補')
      await expectSignedInAs(page, volunteer)
      await expectSynced(page)
      await waitForServiceWorker(page)
      await goOffline(context)
      await page.reload()
      await expect.poll(() => h1(page), { timeout: FIRST_INSTALL_MS }).toBe('ようこそ')
      await expectSignedInAs(page, volunteer)

      // ホーム: the notice and its reason, unread, and the count in the name of ホーム in the menu.
      const returned = notices(page).locator('li', { hasText: 'DX推進課から差し戻されました' })
      await expect.poll(() => returned.count(), { timeout: SYNC_MS }).toBe(1)
      expect(await returned.textContent()).toContain(`理由：${REASON}`)
      expect(await returned.textContent()).toContain('未読')
      const home = mainMenu(page).getByRole('link', { name: /^ホーム\s*\d*\s*（未読\d+件）$/ })
      expect(await home.count()).toBe(1)
      await expectAccessible(page)

      // Following the notice marks it read (送信待ち while offline) and leads to the route.
      await returned.getByRole('link', { name: '認定までの道のりを見る' }).click()
      await expect.poll(() => h1(page)).toBe('認定までの道のり')
      await expect
        .poll(() => page.getByRole('heading', { name: 'DX推進課からの最新の判断' }).count(), {
          timeout: SYNC_MS,
        })
        .toBe(1)
      const text = (await page.locator('main').textContent()) ?? ''
      expect(text).toMatch(/の立候補が差し戻されました。/)
      expect(text).toContain(`理由：${REASON}`)
      expect(text).toMatch(/の立候補は、DX推進課から差し戻されています。/)
      expect(text).not.toContain('DX推進リーダー候補です（立候補）')
      const candidacy = page.locator('ol.steps > li').first()
      expect((await candidacy.locator('.step__badge').textContent())?.trim()).toBe('未達成')
      await expectAccessible(page)

      await mainMenu(page)
        .getByRole('link', { name: /^ホーム/ })
        .click()
      await expect.poll(() => h1(page)).toBe('ようこそ')
      await expect.poll(() => returned.textContent()).not.toContain('未読')
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
