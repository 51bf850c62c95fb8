// A new version of the app arrives while an employee is half way through a form, with changes still
// waiting to be sent: the update waits for them, and nothing typed or queued is lost by it.
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext, waitForServiceWorker } from './support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

const AREA = 'BPR（業務改革）'
const FIRST = '窓口業務の流れ図を描いた'
const HALF_TYPED = '申請書の項目を見直し'

function syncStatus(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
}

function record(page: Page, title: string) {
  return page.locator('li.record').filter({ hasText: title })
}

async function openArea(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '学ぶ' }).click()
  await expect.poll(() => page.getByRole('link', { name: AREA, exact: true }).count()).toBe(1)
  await page.getByRole('link', { name: AREA, exact: true }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe(AREA)
}

async function recordStudy(page: Page, title: string, submit: boolean): Promise<void> {
  await page.getByRole('button', { name: '記録する' }).click()
  await page.locator('#learning-title').fill(title)
  await page.locator('#learning-minutes').fill('40')
  if (submit) await page.getByRole('button', { name: '保存する' }).click()
}

describe('an app update never takes away what the employee is doing', () => {
  let browser: Browser
  let server: AppServer
  let dist: string

  beforeAll(async () => {
    // A copy of the build of its own, so this test can publish a new version without touching dist/.
    dist = await mkdtemp(path.join(tmpdir(), 'dxp-update-'))
    await cp('dist', dist, { recursive: true })
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer(dist)])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await rm(dist, { recursive: true, force: true })
  })

  it('waits while a form is half filled, then updates with the form saved and the outbox whole', async () => {
    const context = await newAppContext(browser)
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      const name = await signInAsPersona(page, '推進員')
      await expectSignedInAs(page, name)
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await waitForServiceWorker(page)

      // The city publishes a new version; the browser finds it on the next navigation.
      await appendFile(path.join(dist, 'sw.js'), '\n// a new version\n')
      await page.reload()
      await expectSignedInAs(page, name)
      await expect
        .poll(() => page.getByText('新しいバージョンがあります。').count(), { timeout: FIRST_INSTALL_MS })
        .toBe(1)

      // On the way to a meeting room: no network, one record queued, another half typed.
      await context.setOffline(true)
      await openArea(page)
      await recordStudy(page, FIRST, true)
      await expect.poll(() => record(page, FIRST).count()).toBe(1)
      await recordStudy(page, HALF_TYPED, false)
      await expect.poll(() => page.getByText('入力中の内容があります。', { exact: false }).count()).toBe(1)
      const update = page.getByRole('button', { name: '更新する' })
      expect(await update.isDisabled()).toBe(true)
      await expectAccessible(page)
      expect(await page.locator('#learning-title').inputValue()).toBe(HALF_TYPED)

      // Saved: now the update may run, and it reloads into the new version, still offline.
      await page.getByRole('button', { name: '保存する' }).click()
      await expect.poll(() => record(page, HALF_TYPED).count()).toBe(1)
      await expect.poll(() => update.isDisabled()).toBe(false)
      await Promise.all([page.waitForEvent('load', { timeout: FIRST_INSTALL_MS }), update.click()])
      await expect.poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS }).toBe(AREA)
      expect(await page.getByText('新しいバージョンがあります。').count()).toBe(0)
      // Both records are on the device (the demo's backend runs in the page, so the start of the new
      // version may already have sent them: 送信待ち or 確定, never lost, never twice).
      for (const title of [FIRST, HALF_TYPED]) {
        await expect.poll(() => record(page, title).count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      }
      await expectAccessible(page)

      // Back online, both are sent once.
      await context.setOffline(false)
      await expect.poll(() => syncStatus(page, '同期済み').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      for (const title of [FIRST, HALF_TYPED]) {
        await expect.poll(() => record(page, title).textContent()).toContain('確定')
        expect(await record(page, title).count()).toBe(1)
      }
    } finally {
      await context.close()
    }
  })
})
