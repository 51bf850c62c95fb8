import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import QRCode from 'qrcode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppServer, type AppServer } from './support/app-server'
import { expectAccessible, launchChromium, newAppContext } from './support/browser'
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

/**
 * Headless Chromium on Linux has no BarcodeDetector. For the second half, this stands in for it: it
 * reads the camera's real frames (drawn on a canvas) and answers the code only when every module of
 * the QR code drawn above is where it should be, so the camera → video → detector path is exercised.
 */
function installDetector(qr: DrawnQr): void {
  class FrameReadingDetector {
    static async getSupportedFormats() {
      return ['qr_code']
    }
    async detect(video: HTMLVideoElement) {
      const w = video.videoWidth
      const h = video.videoHeight
      if (!w || !h) return []
      const canvas = document.createElement('canvas')
      canvas.width = w
      canvas.height = h
      const g = canvas.getContext('2d', { willReadFrequently: true })!
      g.drawImage(video, 0, 0, w, h)
      const pixels = g.getImageData(0, 0, w, h).data
      const frame = qr.margin * 2 + qr.size * 8
      for (let r = 0; r < qr.size; r += 1) {
        for (let c = 0; c < qr.size; c += 1) {
          const x = Math.floor(((qr.margin + c * 8 + 4) / frame) * w)
          const y = Math.floor(((qr.margin + r * 8 + 4) / frame) * h)
          const dark = pixels[(y * w + x) * 4]! < 128
          if (dark !== (qr.bits[r * qr.size + c] === '1')) return []
        }
      }
      return [{ rawValue: qr.text, format: 'qr_code' }]
    }
  }
  ;(window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = FrameReadingDetector
}

/** Someone on this session's roster (kept on the device) whom 受付する would still check in. */
async function waitingAttendee(page: Page): Promise<{ id: string; name: string }> {
  const sessionId = new URL(page.url()).pathname.split('/').at(-1)!
  return page.evaluate(
    (sessionId) =>
      new Promise<{ id: string; name: string }>((resolve, reject) => {
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
            const person = rows
              .filter((row) => row.session_id === sessionId)
              .flatMap((row) => row.roster.people)
              .find((p) => p.status === 'confirmed' || p.status === 'no_show')
            open.result.close()
            if (person) resolve({ id: person.employee_id, name: person.full_name })
            else reject(new Error('no one waiting on the cached roster'))
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
    await server?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('says this browser cannot scan and the tap remains; with a QR reader, a shown code checks the person in', async () => {
    const context = await newAppContext(browser, 'phone')
    await context.grantPermissions(['camera'], { origin: server.url })
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await signInAsPersona(page, 'ファシリテーター')
      await page.goto(`${server.url}/facilitator`)
      const today = page.locator('main li.ui-card').filter({ hasText: '受付中' }).first()
      await expect.poll(() => today.count(), { timeout: FIRST_INSTALL_MS }).toBe(1)
      await today.getByRole('link').click()
      const checkInButtons = page.getByRole('button', { name: /さんを受付する$/ })
      await expect.poll(() => checkInButtons.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(0)

      // This browser (Chromium on Linux) has no QR reader: it says so and the camera stays off.
      await page.getByRole('button', { name: 'QRコードで受付' }).click()
      const scanner = page.getByRole('dialog', { name: 'QRコードで受付' })
      await expect
        .poll(() => scanner.getByRole('alert').textContent())
        .toBe('このブラウザーではQRコードを読み取れません。名簿の「受付する」を押して受付してください。')
      expect(await scanner.locator('video').isVisible()).toBe(false)
      await expectAccessible(page)
      await scanner.getByRole('button', { name: '閉じる' }).click()
      await expect.poll(() => scanner.isVisible()).toBe(false)
      expect(await checkInButtons.count()).toBeGreaterThan(0)

      // The same page on a browser that reads QR codes, the camera showing an attendee's code.
      const attendee = await waitingAttendee(page)
      const qr = drawQr(`DXP1:CHECKIN:${attendee.id}`)
      await writeFile(camera, y4m(qr))
      await page.addInitScript(installDetector, qr)
      await page.reload()
      await expect.poll(() => checkInButtons.count(), { timeout: FIRST_INSTALL_MS }).toBeGreaterThan(0)
      await page.getByRole('button', { name: 'QRコードで受付' }).click()
      await expect
        .poll(() => scanner.locator('[aria-live="polite"]').textContent(), { timeout: 20_000 })
        .toBe(`${attendee.name}さんを受付しました。`)
      expect(await scanner.locator('video').isVisible()).toBe(true)
      await expectAccessible(page)

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
      const item = page.locator('li.person').filter({ hasText: attendee.name })
      await expect.poll(() => item.textContent(), { timeout: FIRST_INSTALL_MS }).toMatch(/送信待ち|確定/)
      expect(await item.getByRole('button', { name: /さんを受付する$/ }).count()).toBe(0)
    } finally {
      await context.close()
    }
  })
})
