import Encoding from 'encoding-japanese'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import { FIRST_INSTALL_MS, expectSignedInAs, signInAsPersona } from './support/personas'

const HEADER = '職員番号,氏名,氏名カナ,所属名,職位名,メールアドレス'
const NEWCOMER = 'N26001,相模 新太,サガミ アラタ,DX推進課,主事,arata.sagami@city.atsugi.test'

/** The file as HR's Excel saves it: Shift_JIS, CRLF. */
function shiftJisCsv(lines: string[]): Buffer {
  const text = `${[HEADER, ...lines].join('\r\n')}\r\n`
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }))
}

describe('the DX division imports the HR directory', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('is refused a file with a bad row, then imports a good one and finds the newcomer in the directory', async () => {
    const context = await newAppContext(browser, 'desktop')
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      const me = await signInAsPersona(page, 'DX推進課')
      await expectSignedInAs(page, me)

      await page.getByRole('link', { name: '設定' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
      await expect
        .poll(() => page.getByRole('heading', { name: '管理' }).count(), { timeout: FIRST_INSTALL_MS })
        .toBe(1)
      await expectAccessible(page)

      await page.getByRole('link', { name: '職員名簿' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('職員名簿')
      await expect
        .poll(() => page.getByRole('cell', { name: me }).count(), { timeout: FIRST_INSTALL_MS })
        .toBe(1)
      await expectAccessible(page)

      await page.getByRole('link', { name: '名簿を取り込む' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('職員名簿の取込み')
      await expectAccessible(page)

      // One bad row: a section that does not exist.
      const file = page.getByLabel('名簿ファイル（CSV）')
      await file.setInputFiles({
        name: 'shokuin_meibo.csv',
        mimeType: 'text/csv',
        buffer: shiftJisCsv([
          NEWCOMER,
          'N26002,厚木 花,アツギ ハナ,存在しない課,主事,hana.atsugi@city.atsugi.test',
        ]),
      })
      await expect.poll(() => page.getByText('1件の誤りがあります。').count()).toBe(1)
      expect(await page.getByText('3行目（所属）：所属が見つかりません。').count()).toBe(1)
      // The preview reads the Shift_JIS names correctly.
      expect(await page.getByRole('cell', { name: /相模 新太/ }).count()).toBe(1)
      await expectAccessible(page)

      await page.getByRole('button', { name: '取り込む' }).click()
      await expect
        .poll(() =>
          page.getByRole('alert').filter({ hasText: '誤りがあるため、取り込みませんでした。' }).count(),
        )
        .toBe(1)
      expect(await page.getByText('3行目（所属）：所属が見つかりません。').count()).toBe(2)
      await expectAccessible(page)

      await file.setInputFiles({
        name: 'shokuin_meibo_2.csv',
        mimeType: 'text/csv',
        buffer: shiftJisCsv([NEWCOMER]),
      })
      await expect.poll(() => page.getByText('誤りは見つかりませんでした。').count()).toBe(1)
      // A one-person file would mark the rest of the city as left: the preview says so before confirming.
      await expect.poll(() => page.getByText(/人が「名簿から外れた」扱いになります。/).count()).toBe(1)
      await expectAccessible(page)
      await page.getByRole('button', { name: '取り込む' }).click()
      await expect.poll(() => page.getByRole('heading', { name: '取り込みました。' }).count()).toBe(1)
      expect(await page.getByText(/1行：新規 1人/).count()).toBe(1)
      await expectAccessible(page)

      await page.getByRole('link', { name: '職員名簿に戻る' }).click()
      await expect.poll(() => page.locator('h1').textContent()).toBe('職員名簿')
      await page.getByLabel('氏名・職員番号で絞り込む').fill('N26001')
      await expect
        .poll(() => page.getByRole('cell', { name: '相模 新太' }).count(), { timeout: FIRST_INSTALL_MS })
        .toBe(1)
      expect(
        await page
          .getByRole('row')
          .filter({ hasText: '相模 新太' })
          .getByRole('cell', { name: '在籍' })
          .count(),
      ).toBe(1)
      await expectAccessible(page)
    } finally {
      await context.close()
    }
  })
})
