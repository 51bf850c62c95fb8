import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import {
  FIRST_INSTALL_MS,
  PERSONA_ROLES,
  expectSignedInAs,
  expectSynced,
  personaButtons,
  signInAsPersona,
} from './support/personas'

describe('a demo user picks a persona, and another takes over the shared PC', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('lists five personas, signs in as the promoter, syncs, and switches to the manager', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await expect.poll(() => personaButtons(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(5)
      expect(new URL(page.url()).pathname).toBe('/sign-in')
      expect(await page.locator('.persona__role').allTextContents()).toEqual([...PERSONA_ROLES])
      await expectAccessible(page)

      const promoter = await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, promoter)
      await expectSynced(page, FIRST_INSTALL_MS)
      const syncNow = page.getByRole('button', { name: '今すぐ同期' })
      expect((await syncNow.boundingBox())!.height).toBeGreaterThanOrEqual(44)
      await expectAccessible(page)

      await page.getByRole('link', { name: '設定' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
      await expectAccessible(page)
      await page.getByRole('button', { name: 'ログアウト' }).click()

      const manager = await signInAsPersona(page, '管理者')
      expect(manager).not.toBe(promoter)
      await expectSignedInAs(page, manager)
      expect(await page.getByText(`${promoter}さん`).count()).toBe(0)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
