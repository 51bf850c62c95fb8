import Encoding from 'encoding-japanese'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import { FIRST_INSTALL_MS, signInAsPersona } from './support/personas'

const COURSE = 'ChatGPT 業務活用入門'

/** Yesterday in Tokyo: inside the current fiscal year unless today is 1 April. */
function yesterdayInTokyo(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() - 86_400_000),
  )
}

/** The platform's user activity export as Udemy Business writes it, saved as Shift_JIS. */
function platformCsv(email: string): Buffer {
  const text = [
    'User Name,User Email,Course Title,Course Category,Completion Date',
    `相模 新太,${email},${COURSE},AI,${yesterdayInTokyo()}T01:00:00Z`,
  ].join('\r\n')
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }))
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: '設定' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
  await page.getByRole('button', { name: 'ログアウト' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('ログイン')
}

describe('the DX division imports the e-learning platform export', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('maps the course, imports the file, and the employee finds the course in their learning', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'DX推進課')
      await page.getByRole('link', { name: '設定' }).click()
      await expect
        .poll(() => page.getByRole('link', { name: 'eラーニング修了の取込み' }).count(), {
          timeout: FIRST_INSTALL_MS,
        })
        .toBe(1)
      await page.getByRole('link', { name: 'eラーニング修了の取込み' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('eラーニング修了の取込み')
      await expect.poll(() => page.getByLabel('研修（年度）').count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await expectAccessible(page)

      await page.getByLabel('CSV ファイル').setInputFiles({
        name: 'udemy_user_activity.csv',
        mimeType: 'text/csv',
        buffer: platformCsv('persona+promoter@demo.dx-passport.invalid'),
      })
      // The course is new to the city: the server's preview says so, row by row.
      await expect
        .poll(
          () => page.getByText('2行目（講座）：講座の知識分野が決まっていません。', { exact: false }).count(),
          {
            timeout: FIRST_INSTALL_MS,
          },
        )
        .toBe(1)
      await expectAccessible(page)
      await page
        .getByRole('group', { name: `「${COURSE}」の知識分野` })
        .getByLabel('生成AI')
        .check()
      await page.getByRole('button', { name: '内容を確かめる' }).click()
      await expect.poll(() => page.getByText('誤りはありません。').count()).toBe(1)
      await page.getByRole('button', { name: '取り込む' }).click()
      await expect.poll(() => page.getByRole('heading', { name: '取り込みました' }).count()).toBe(1)
      expect(await page.getByText(/1行：新規 1件/).count()).toBe(1)
      await expectAccessible(page)
      await signOut(page)

      // The employee finds the course in their learning history, credited to its area.
      await signInAsPersona(page, '推進員')
      await page.getByRole('link', { name: '設定' }).click()
      await page.getByRole('link', { name: '学習履歴' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('学習履歴')
      await expect
        .poll(() => page.getByText(COURSE).count(), { timeout: FIRST_INSTALL_MS })
        .toBeGreaterThan(0)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
