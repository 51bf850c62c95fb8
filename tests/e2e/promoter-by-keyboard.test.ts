// The promoter's whole journey with the keyboard alone, on the work PC (and a phone): sign in, record
// self-study (and meet a validation error), answer the survey still due, register for a training, meet
// the cancel dialog, volunteer as a leader candidate, change language, sync and sign out. Only
// page.keyboard drives the app; locators only read what the user sees.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
import { FIRST_INSTALL_MS, SYNC_MS, expectSignedInAs, expectSynced, HOME_LINK } from './support/personas'

interface Focused {
  tag: string
  id: string
  name: string
  /** A focus indicator is drawn on the element or on the card/field around it. */
  ring: boolean
  /** Texts of the elements aria-describedby points at. */
  described: string[]
  invalid: boolean
}

/** What has the keyboard focus, with an approximation of its accessible name. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const text = (node: Element | null) =>
      ((node as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim()
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body)
      return { tag: 'body', id: '', name: '', ring: false, described: [], invalid: false }
    const ids = (attr: string) => (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)
    let name = el.getAttribute('aria-label') ?? ''
    if (!name && ids('aria-labelledby').length > 0) {
      name = ids('aria-labelledby')
        .map((id) => text(document.getElementById(id)))
        .join(' ')
    }
    const labels = (el as HTMLInputElement).labels
    if (!name && labels && labels.length > 0) name = text(labels[0]!)
    if (!name) name = text(el)
    let ring = false
    for (
      let node: HTMLElement | null = el, up = 0;
      node && up < 3 && !ring;
      node = node.parentElement, up += 1
    ) {
      const style = getComputedStyle(node)
      ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
    }
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: name.replace(/\s+/g, ' ').trim(),
      ring,
      described: ids('aria-describedby').map((id) => text(document.getElementById(id))),
      invalid: el.getAttribute('aria-invalid') === 'true',
    }
  })
}

const matches = (name: string, wanted: string | RegExp) =>
  typeof wanted === 'string' ? name === wanted : wanted.test(name)

/**
 * Presses Tab (Shift+Tab when `back`) until the focused element's name matches, at most `max` times,
 * so a keyboard trap or an unreachable control fails with the path the focus took.
 */
async function tabTo(
  page: Page,
  wanted: string | RegExp,
  { back = false, max = 80 }: { back?: boolean; max?: number } = {},
): Promise<Focused> {
  const path: string[] = []
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    const now = await focused(page)
    if (matches(now.name, wanted)) {
      expect(now.ring, `a focus indicator is drawn on "${now.name}"`).toBe(true)
      return now
    }
    path.push(`${now.tag}「${now.name.slice(0, 30)}」`)
  }
  throw new Error(
    `"${String(wanted)}" not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}: ${path.join(' → ')}`,
  )
}

/** After a navigation the focus is on the new page's h1 (not lost on body), and axe passes. */
async function expectOnPage(page: Page, heading: string | RegExp): Promise<void> {
  await expect
    .poll(
      async () => {
        const now = await focused(page)
        return now.tag === 'h1' && matches(now.name, heading)
          ? 'h1'
          : `${now.tag}「${now.name.slice(0, 30)}」`
      },
      { timeout: SYNC_MS },
    )
    .toBe('h1')
  await expectAccessible(page)
}

/** Back up from the page into the main menu (it comes before <main>) and follow one of its links. */
async function goByMenu(page: Page, label: string | RegExp, heading: string | RegExp): Promise<void> {
  await tabTo(page, label, { back: true, max: 40 })
  await page.keyboard.press('Enter')
  await expectOnPage(page, heading)
}

/** Moves the focused <select> down with the arrow key (as a closed select does) to the option named so. */
async function chooseWithArrows(page: Page, option: string, max = 10): Promise<void> {
  const chosen = () =>
    page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.text)
  for (let press = 0; press < max && (await chosen()) !== option; press += 1)
    await page.keyboard.press('ArrowDown')
  expect(await chosen()).toBe(option)
}

/**
 * Types an ISO date into the focused date input, whatever order the browser shows its parts in:
 * ArrowUp (then ArrowDown, to put it back) on the first two parts says which they are, then each part
 * is typed in turn. The input starts with a valid date (the form's default, today).
 */
async function typeDate(page: Page, iso: string): Promise<void> {
  const value = () => page.evaluate(() => (document.activeElement as HTMLInputElement).value)
  const start = await value()
  expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  const order: ('y' | 'm' | 'd')[] = []
  for (let part = 0; part < 2; part += 1) {
    await page.keyboard.press('ArrowUp')
    const after = await value()
    await page.keyboard.press('ArrowDown')
    // An impossible date (31 November) empties the value: only a month does that, bar 29 February.
    order.push(
      after === '' || after.slice(5, 7) !== start.slice(5, 7)
        ? 'm'
        : after.slice(0, 4) !== start.slice(0, 4)
          ? 'y'
          : 'd',
    )
    if (part === 0) await page.keyboard.press('Tab')
  }
  expect(await value()).toBe(start)
  order.push((['y', 'm', 'd'] as const).find((p) => !order.includes(p))!)
  await page.keyboard.press('Shift+Tab')
  const [y, m, d] = iso.split('-') as [string, string, string]
  for (const [index, part] of order.entries()) {
    await page.keyboard.type(part === 'y' ? y : part === 'm' ? m : d)
    // A year takes up to six digits, so it does not move on by itself.
    if (part === 'y' && index < 2) await page.keyboard.press('Tab')
  }
  expect(await value()).toBe(iso)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * From the survey page's h1, Tab through the form answering as it goes: each radio group is entered
 * with Tab, its first option taken with Space and the wanted one reached with ArrowRight; free text
 * is typed. Stops on the submit button, with every answer given.
 */
async function answerSurveyByKeyboard(page: Page): Promise<void> {
  for (let press = 0; press < 200; press += 1) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    if (now.name === '回答を送信する') return
    const control = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement
      const group = el.type === 'radio' ? document.getElementsByName(el.name).length : 0
      return { tag: el.tagName.toLowerCase(), type: el.type, name: el.name, group, checked: el.checked }
    })
    expect(now.ring, `a focus indicator on ${now.name}`).toBe(true)
    if (control.tag === 'textarea') await page.keyboard.type('業務フローを図にする手順が分かった')
    if (control.type !== 'radio' || control.checked) continue
    // 0–10 recommends 8; a self-assessment goes from 2 before to 4 after; other scales answer 4.
    const wanted =
      control.group === 11 ? '8' : control.name.endsWith('-before') ? '2' : control.group >= 4 ? '4' : null
    await page.keyboard.press('Space')
    for (let step = 0; wanted && step < 11; step += 1) {
      const value = await page.evaluate(() => (document.activeElement as HTMLInputElement).value)
      if (value === wanted) break
      await page.keyboard.press('ArrowRight')
    }
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement).checked),
      `the focused option of ${control.name} is checked`,
    ).toBe(true)
  }
  throw new Error('the survey’s send button was not reached by Tab')
}

const tokyoDate = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' })

const progressBar = (page: Page) => page.getByRole('progressbar', { name: '必須分野の修了' })

describe('a promoter goes through the whole app with the keyboard alone', () => {
  let browser: Browser
  let server: AppServer

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startAppServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  // The work PC first; a phone with a keyboard (or switch access) takes the same path.
  it.each(['desktop', 'phone'] as const)(
    'signs in, records self-study past an error, answers a survey, registers, volunteers, switches language, syncs and signs out (%s)',
    async (viewport) => {
      const context = await newAppContext(browser, viewport)
      const page = await context.newPage()
      // Toasts fade in and out: axe run while one fades measures half-transparent text nobody reads.
      // With reduced motion (as many keyboard users set it) they simply appear and go.
      await page.emulateMedia({ reducedMotion: 'reduce' })
      try {
        await page.goto(server.url)
        await expect
          .poll(() => page.locator('h1').textContent(), { timeout: FIRST_INSTALL_MS })
          .toBe('ログイン')
        await expect
          .poll(() => page.getByRole('list').getByRole('button').count(), { timeout: FIRST_INSTALL_MS })
          .toBe(5)
        await expectAccessible(page)

        // The first Tab reaches the skip link, which takes the focus past the header into the page.
        const skip = await tabTo(page, '本文へ移動', { max: 1 })
        expect(skip.tag).toBe('a')
        await page.keyboard.press('Enter')
        await expect.poll(async () => (await focused(page)).id).toBe('main')

        // Sign in: the persona picker is a list of buttons.
        const persona = await tabTo(page, /推進員$/, { max: 10 })
        const name = persona.name.replace(/\s*推進員$/, '')
        await page.keyboard.press('Enter')
        await expectOnPage(page, 'ようこそ')
        await expectSignedInAs(page, name)
        await expect.poll(() => progressBar(page).count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
        const before = Number(await progressBar(page).getAttribute('aria-valuenow'))
        // Signed in, the skip link passes the header and the main menu: back to it, and on into the page.
        await tabTo(page, '本文へ移動', { back: true, max: 15 })
        await page.keyboard.press('Enter')
        await expect.poll(async () => (await focused(page)).id).toBe('main')
        const first = await tabTo(page, /./, { max: 1 })
        expect(
          await page.evaluate(() => document.getElementById('main')!.contains(document.activeElement)),
          `Tab after the skip link goes into the page (${first.name})`,
        ).toBe(true)

        // 学ぶ: a required area not completed yet.
        await goByMenu(page, '学ぶ', '知識分野')
        const openRequired = page.locator('li').filter({ hasText: '必須' }).filter({ hasText: '未修了' })
        await expect.poll(() => openRequired.count(), { timeout: SYNC_MS }).toBeGreaterThan(0)
        const area = (await openRequired.first().getByRole('heading').textContent())!.trim()
        await tabTo(page, area)
        await page.keyboard.press('Enter')
        await expectOnPage(page, area)
        expect(await page.getByText('あなたの役割では必須の分野です。').count()).toBe(1)

        // 記録する opens the form with the focus on its first field.
        await tabTo(page, '記録する')
        await page.keyboard.press('Enter')
        await expect.poll(async () => (await focused(page)).id).toBe('learning-source')
        expect(await page.locator('#learning-source').inputValue()).toBe('self_study')
        const title = `${area}の入門書を読んだ（キーボード）`
        await tabTo(page, /^題名/, { max: 1 })
        await page.keyboard.type(title)
        await tabTo(page, /^完了日/, { max: 1 })
        const studiedOn = tokyoDate(7)
        await typeDate(page, studiedOn)
        await tabTo(page, /^学習時間/, { max: 3 })
        await page.keyboard.type('0')
        await tabTo(page, /^メモ/, { max: 1 })
        await page.keyboard.type('第1章から第3章まで')
        await tabTo(page, '保存する', { max: 1 })
        await page.keyboard.press('Enter')

        // The error is on the field, read with it, and the focus is taken there.
        await expect.poll(async () => (await focused(page)).id).toBe('learning-minutes')
        const minutes = await focused(page)
        expect(minutes.invalid).toBe(true)
        expect(minutes.described).toContain('学習時間は1〜1440分の整数で入力してください。')
        expect(await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります。' }).count()).toBe(
          1,
        )
        await expectAccessible(page)
        await page.keyboard.press('Control+A')
        await page.keyboard.type('45')
        await tabTo(page, '保存する', { max: 3 })
        await page.keyboard.press('Enter')

        // Saved: the focus is back on 記録する, the record is listed, the form is gone.
        await expect.poll(async () => (await focused(page)).name).toBe('記録する')
        const record = page.locator('li.record').filter({ hasText: title })
        await expect.poll(() => record.count()).toBe(1)
        expect(await record.textContent()).toContain('45分')
        const [y, m, d] = studiedOn.split('-').map(Number)
        expect(await record.textContent()).toContain(`${y}年${m}月${d}日`)
        expect(await record.textContent()).toContain('第1章から第3章まで')
        await expect.poll(() => record.textContent(), { timeout: SYNC_MS }).toMatch(/送信待ち|確定/)
        await expectAccessible(page)

        // Home shows one more required area completed.
        await goByMenu(page, HOME_LINK, 'ようこそ')
        await expect.poll(() => progressBar(page).getAttribute('aria-valuenow')).toBe(String(before + 1))

        // The survey still due from an attended training, answered with Tab, Space, arrows and typing.
        const due = page.locator('section', {
          has: page.getByRole('heading', { name: '回答待ちのアンケート' }),
        })
        await expect.poll(() => due.getByRole('link').count(), { timeout: SYNC_MS }).toBe(1)
        const training = (await due.locator('.survey-due__title').textContent())!.trim()
        await tabTo(page, new RegExp(escapeRegExp(training)))
        await page.keyboard.press('Enter')
        await expectOnPage(page, '効果測定アンケート')
        await answerSurveyByKeyboard(page)
        await page.keyboard.press('Enter')
        // The form gives way to its status, which takes the focus.
        await expect
          .poll(async () => (await focused(page)).name, { timeout: SYNC_MS })
          .toMatch(/^(送信待ち|確定)$/)
        await expect
          .poll(() => page.getByRole('status').getByRole('heading', { level: 2 }).textContent(), {
            timeout: SYNC_MS,
          })
          .toBe('確定')
        await expectAccessible(page)

        // 研修: search and filter by keyboard, then open a session still taking registrations.
        await goByMenu(page, '研修', '研修・ワークショップ')
        const search = await tabTo(page, '研修名で探す', { max: 5 })
        expect(search.tag).toBe('input')
        await page.keyboard.type('わーくしょっぷ')
        await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('わーくしょっぷ')
        expect((await focused(page)).name).toBe('研修名で探す')
        await tabTo(page, '種類', { max: 3 })
        await chooseWithArrows(page, 'DXワークショップ')
        await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('workshop')
        expect((await focused(page)).name).toBe('種類')
        const cards = page.locator('li.training')
        await expect.poll(() => cards.count(), { timeout: SYNC_MS }).toBeGreaterThan(0)
        expect(await page.getByText(/件の研修があります。/).count()).toBe(1)
        await expectAccessible(page)
        await tabTo(page, /受付中/, { max: 120 })
        await page.keyboard.press('Enter')
        await expectOnPage(page, /ワークショップ/)
        // The badge of the あなたの申込み card (its note below may say 確定 as a promise).
        const badge = async () =>
          (await page.locator('.panel__status[role="status"] .badge').textContent())?.trim()
        await expect.poll(badge, { timeout: SYNC_MS }).toBe('受付中')

        await tabTo(page, '申し込む')
        await page.keyboard.press('Enter')
        // Shown at once as on its way, then as the server decided; the focus stays with the registration.
        await expect.poll(badge, { timeout: SYNC_MS }).toMatch(/^(申込み送信待ち|確定)$/)
        await expect.poll(badge, { timeout: SYNC_MS }).toBe('確定')
        // The focus followed the registration: on its status, one Tab away from the new button.
        expect((await focused(page)).name).toMatch(/^確定 席が確定しています。/)
        await expectAccessible(page)
        // The cancel dialog takes the focus, keeps Tab inside, and Escape closes it with nothing changed.
        await tabTo(page, '申込みをキャンセルする', { max: 1 })
        await page.keyboard.press('Enter')
        await expect.poll(async () => (await focused(page)).name).toBe('申込みをキャンセルしますか')
        await expectAccessible(page)
        // The rest of the page is inert: Tab cycles through the dialog (and the browser's own UI, where
        // <body> stands for it), never onto the page behind.
        const where = () =>
          page.evaluate(() => {
            const active = document.activeElement
            if (active === null || active === document.body) return 'browser'
            return active.closest('dialog[open]') ? 'dialog' : `page: ${active.textContent?.trim()}`
          })
        const stops: string[] = []
        for (let press = 0; press < 5; press += 1) {
          await page.keyboard.press('Tab')
          stops.push(await where())
        }
        expect(stops.filter((stop) => stop !== 'dialog' && stop !== 'browser')).toEqual([])
        expect(stops.filter((stop) => stop === 'dialog').length).toBeGreaterThanOrEqual(3)
        await tabTo(page, '申込みを続ける', { max: 3 })
        await page.keyboard.press('Escape')
        await expect.poll(() => page.locator('dialog[open]').count()).toBe(0)
        expect((await focused(page)).name).toBe('申込みをキャンセルする')
        expect(await badge()).toBe('確定')

        // 認定: volunteer as a leader candidate.
        await goByMenu(page, '認定', '認定までの道のり')
        expect(await page.getByRole('heading', { name: 'DX推進リーダーに立候補する' }).count()).toBe(1)
        await tabTo(page, '立候補する')
        await page.keyboard.press('Enter')
        // Pending first (the button is gone), then the route of a candidate once the server took it;
        // the focus goes with what the user did, never back to the top of the page.
        await expect
          .poll(async () => (await focused(page)).name, { timeout: SYNC_MS })
          .toMatch(/の立候補は送信待ちです|のDX推進リーダー候補です（立候補）。/)
        await expect
          .poll(() => page.getByText(/のDX推進リーダー候補です（立候補）。/).count(), { timeout: SYNC_MS })
          .toBe(1)
        expect(await page.getByRole('heading', { name: '要件ごとの達成状況' }).count()).toBe(1)
        await expect
          .poll(async () => (await focused(page)).name)
          .toMatch(/のDX推進リーダー候補です（立候補）。/)
        await expectAccessible(page)

        // 設定: English and back with the arrow keys, then 今すぐ同期.
        await goByMenu(page, '設定', '設定')
        const japanese = await tabTo(page, '日本語', { max: 5 })
        expect(japanese.tag).toBe('input')
        await page.keyboard.press('ArrowDown')
        await expect.poll(() => page.locator('h1').textContent()).toBe('Settings')
        expect((await focused(page)).name).toBe('English')
        await expectAccessible(page)
        await page.keyboard.press('ArrowUp')
        await expect.poll(() => page.locator('h1').textContent()).toBe('設定')
        await tabTo(page, '今すぐ同期', { max: 5 })
        await page.keyboard.press('Enter')
        await expectSynced(page)
        await expect.poll(() => page.getByText(/^最後に同期した日時：/).count()).toBe(1)
        expect(await page.getByText('送信待ちの変更はありません。').count()).toBe(1)
        expect((await focused(page)).tag).not.toBe('body')
        await expectAccessible(page)

        // Everything sent: the shared PC is left signed out, back at the persona picker.
        await tabTo(page, 'ログアウト', { max: 20 })
        await page.keyboard.press('Enter')
        await expectOnPage(page, 'ログイン')
        await tabTo(page, /推進員$/, { max: 10 })
      } finally {
        await context.close()
      }
    },
  )
})
