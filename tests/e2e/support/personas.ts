import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectAccessible } from './browser'

/** The embedded backend's first install (PGlite wasm, schema, demo city) takes about 5 s headless. */
export const FIRST_INSTALL_MS = 60_000

/** The persona picker's roles, in the order the picker lists them. */
export const PERSONA_ROLES = ['推進員', '管理者', 'リーダー候補', 'ファシリテーター', 'DX推進課'] as const

export function personaButtons(page: Page) {
  return page.getByRole('list').getByRole('button')
}

/** Waits for the persona picker, picks the persona with this role, and returns their name. */
export async function signInAsPersona(page: Page, role: (typeof PERSONA_ROLES)[number]): Promise<string> {
  await expect.poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS }).toBe('ログイン')
  await expect.poll(() => personaButtons(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(5)
  const button = personaButtons(page).filter({
    has: page.locator('.persona__role', { hasText: new RegExp(`^${role}$`) }),
  })
  const name = (await button.locator('.persona__name').textContent())!.trim()
  await button.click()
  await expect.poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS }).toBe('ようこそ')
  return name
}

/** The home screen's line naming who is signed in (it shows once the first pull brought their profile). */
export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect
    .poll(() => page.getByText(`${name}さんとしてログインしています。`).count(), {
      timeout: FIRST_INSTALL_MS,
    })
    .toBe(1)
}

/** How long a sync round (push and pull) may take on a loaded machine. */
/** The menu's ホーム link, whose name also counts the unread notices (「ホーム（未読2件）」; its text adds the badge's number). */
export const HOME_LINK = /^ホーム\s*\d*\s*(（未読\d+件）)?$/
/** What the ホーム link's text adds when notices are unread: the visible count and its spoken words. */
export const UNREAD_SUFFIX = /\d*（未読\d+件）$/

export const SYNC_MS = 30_000

/** Waits until the sync status says 同期済み: every change sent, the replica pulled. */
export async function expectSynced(page: Page, timeout: number = SYNC_MS): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .getByRole('status')
          .filter({ hasText: /^\s*同期済み\s*$/ })
          .count(),
      { timeout },
    )
    .toBe(1)
}

/** From the main menu's 設定 (checked with axe on the way): ログアウト, then the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '設定' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await expect.poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS }).toBe('ログイン')
}
