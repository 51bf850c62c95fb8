import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import {
  expectAccessible,
  goOffline,
  launchChromium,
  newAppContext,
  waitForServiceWorker,
} from './support/browser'
import { FIRST_INSTALL_MS, signInAsPersona } from './support/personas'

// The fake camera's picture: a QR code drawn module by module into one YUV4MPEG2 (C420) frame, so no
// image library is needed. Chromium plays the file in a loop as the camera.
const FRAME = 360
const SCALE = 8

interface DrawnQr {
  text: string
  size: number
  margin: number
  /** '1' for a dark module, row by row. */
  bits: string
}

function drawQr(text: string): DrawnQr {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const bits = Array.from(modules.data, (dark) => (dark ? '1' : '0')).join('')
  return { text, size: modules.size, margin: (FRAME - modules.size * SCALE) / 2, bits }
}

function y4m(qr: DrawnQr | null): Buffer {
  const luma = Buffer.alloc(FRAME * FRAME, 235)
  if (qr) {
    for (let y = 0; y < FRAME; y += 1) {
      for (let x = 0; x < FRAME; x += 1) {
        const r = Math.floor((y - qr.margin) / SCALE)
        const c = Math.floor((x - qr.margin) / SCALE)
        if (r >= 0 && c >= 0 && r < qr.size && c < qr.size && qr.bits[r * qr.size + c] === '1') {
          luma[y * FRAME + x] = 16
        }
      }
    }
  }
  const chroma = Buffer.alloc((FRAME / 2) * (FRAME / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma])
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${FRAME} H${FRAME} F10:1 Ip A1:1 C420jpeg\n`), frame, frame])
}

/** The people on this session's roster (kept on the device) whom 受付する would still check in. */
async function waitingAttendees(page: Page): Promise<{ id: string; name: string }[]> {
  const sessionId = new URL(page.url()).pathname.split('/').at(-1)!
  return page.evaluate(
    (sessionId) =>
      new Promise<{ id: string; name: string }[]>((resolve, reject) => {
        const open = indexedDB.open('dx-passport')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('facilitatorRosters').objectStore('facilitatorRosters').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = () => {
            const rows = all.result as {
              session_id: string
              roster: { people: { employee_id: string; full_name: string; status: string }[] }
            }[]
            const people = rows
              .filter((row) => row.session_id === sessionId)
              .flatMap((row) => row.roster.people)
              .filter((p) => p.status === 'confirmed' || p.status === 'no_show')
            open.result.close()
            resolve(people.map((p) => ({ id: p.employee_id, name: p.full_name })))
          }
        }
      }),
    sessionId,
  )
}

describe('a facilitator checks people in by scanning their QR code', () => {
  let browser: Browser
  let server: AppServer
  let dir: string
  let camera: string

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dxp-camera-'))
    camera = path.join(dir, 'camera.y4m')
    await writeFile(camera, y4m(null))
    ;[browser, server] = await Promise.all([
      launchChromium([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${camera}`,
      ]),
      startAppServer(),
    ])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  })

  it('reads a shown code with the QR library served by the app, checks the person in, and still does offline', async () => {
    const context = await newAppContext(browser, 'phone')
    await context.grantPermissions(['camera'], { origin: server.url })
    const requested: string[] = []
    context.on('request', (request) => requested.push(request.url()))
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'ファシリテーター')
      await page.goto(`${server.url}/facilitator`)
      const today = page.locator('main li.ui-card').filter({ hasText: '受付中' }).first()
      await expect.poll(() => today.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await today.getByRole('link').click()
      const checkInButtons = page.getByRole('button', { name: /さんを受付する$/ })
      await expect.poll(() => checkInButtons.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(1)
      // Chromium on Linux has no BarcodeDetector: what reads the code below is the library.
      expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false)
      const [first, second] = await waitingAttendees(page)
      if (!first || !second) throw new Error('fewer than two people waiting on the cached roster')

      // The camera shows the first attendee's passport code.
      await writeFile(camera, y4m(drawQr(`DXP1:CHECKIN:${first.id}`)))
      const scanner = page.getByRole('dialog', { name: 'QRコードで受付' })
      await page.getByRole('button', { name: 'QRコードで受付' }).click()
      await expect
        .poll(() => scanner.locator('[aria-live="polite"]').textContent(), { timeout: 20_000 })
        .toBe(`${first.name}さんを受付しました。`)
      expect(await scanner.locator('video').isVisible()).toBe(true)
      await expectAccessible(page)
      // The decoder came from this app, nothing from a CDN.
      expect(
        requested.some((url) => url.startsWith(server.url) && /zxing_reader-[^/]*\.wasm$/.test(url)),
      ).toBe(true)
      expect(requested.filter((url) => !url.startsWith(server.url))).toEqual([])

      // Closing turns the camera off.
      await scanner.getByRole('button', { name: '閉じる' }).click()
      await expect.poll(() => scanner.isVisible()).toBe(false)
      await expect
        .poll(() =>
          page.evaluate(() => {
            const stream = document.querySelector('video')?.srcObject as MediaStream | null
            return stream ? stream.getTracks().map((track) => track.readyState) : []
          }),
        )
        .toEqual(['ended'])
      const firstItem = page.locator('li.person').filter({ hasText: first.name })
      await expect.poll(() => firstItem.textContent(), { timeout: FIRST_INSTALL_MS }).toMatch(/送信待ち|確定/)
      expect(await firstItem.getByRole('button', { name: /さんを受付する$/ }).count()).toBe(0)

      // At a venue with no network (and no server at all), the reader still loads from the device.
      await waitForServiceWorker(page)
      await goOffline(context)
      await server.stop()
      await page.reload()
      await expect.poll(() => checkInButtons.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(0)
      await writeFile(camera, y4m(drawQr(`DXP1:CHECKIN:${second.id}`)))
      await page.getByRole('button', { name: 'QRコードで受付' }).click()
      await expect
        .poll(() => scanner.locator('[aria-live="polite"]').textContent(), { timeout: 20_000 })
        .toBe(`${second.name}さんを受付しました。`)
      await expectAccessible(page)
      await scanner.getByRole('button', { name: '閉じる' }).click()
      const secondItem = page.locator('li.person').filter({ hasText: second.name })
      await expect
        .poll(() => secondItem.textContent(), { timeout: FIRST_INSTALL_MS })
        .toMatch(/送信待ち|確定/)
      expect(requested.filter((url) => !url.startsWith(server.url))).toEqual([])
    } finally {
      await context.close()
    }
  })
})
