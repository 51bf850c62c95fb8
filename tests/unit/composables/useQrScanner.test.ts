import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { flushPromises } from '@vue/test-utils'
import type * as Ponyfill from 'barcode-detector/ponyfill'
import { effectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useQrScanner } from '@/composables/useQrScanner'

// What the camera "sees" next: every reader hands back this text on every frame.
let shown: string | null = null

const library = vi.hoisted(() => ({
  prepareZXingModule: vi.fn(async (_options: unknown) => ({})),
  purgeZXingModule: vi.fn(),
  made: 0,
}))

vi.mock('barcode-detector/ponyfill', () => ({
  prepareZXingModule: library.prepareZXingModule,
  purgeZXingModule: library.purgeZXingModule,
  BarcodeDetector: class {
    constructor() {
      library.made += 1
    }
    async detect() {
      return shown === null ? [] : [{ rawValue: `library:${shown}` }]
    }
  },
}))

function nativeReader(formats: string[]) {
  const made = vi.fn()
  class NativeDetector {
    static getSupportedFormats = async () => formats
    constructor(options: unknown) {
      made(options)
    }
    async detect() {
      return shown === null ? [] : [{ rawValue: `native:${shown}` }]
    }
  }
  ;(window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector = NativeDetector
  return made
}

function camera() {
  const getUserMedia = vi.fn(async () => {
    const track = { stop: vi.fn() }
    return { getTracks: () => [track] } as unknown as MediaStream
  })
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } })
  return getUserMedia
}

function noCameraApi() {
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined })
}

async function scan() {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  // happy-dom accepts only its own MediaStream here; the fake stream is enough for the scanner.
  vi.spyOn(HTMLMediaElement.prototype, 'srcObject', 'set').mockImplementation(() => {})
  vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4)
  const scope = effectScope()
  const scanner = scope.run(() => useQrScanner())!
  const seen: string[] = []
  const video = document.createElement('video')
  await scanner.start(video, (text) => seen.push(text))
  return { scanner, seen, video, scope }
}

async function nextFrames() {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 400))
  await flushPromises()
}

describe('the QR reader the scanner uses', () => {
  beforeEach(() => {
    shown = null
    library.made = 0
    library.prepareZXingModule.mockReset().mockResolvedValue({})
    library.purgeZXingModule.mockReset()
  })
  afterEach(() => {
    vi.restoreAllMocks()
    delete (window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector
  })

  it("is the browser's own BarcodeDetector where it reads QR codes, and the library is not loaded", async () => {
    camera()
    const made = nativeReader(['ean_13', 'qr_code'])
    const { scanner, seen, scope } = await scan()
    expect(scanner.state.value).toBe('scanning')
    expect(made).toHaveBeenCalledWith({ formats: ['qr_code'] })
    shown = 'DXP1:CHECKIN:x'
    await nextFrames()
    expect(seen[0]).toBe('native:DXP1:CHECKIN:x')
    expect(library.prepareZXingModule).not.toHaveBeenCalled()
    expect(library.made).toBe(0)
    scope.stop()
  })

  it('is the library where the browser has no BarcodeDetector, its wasm served by this app, not a CDN', async () => {
    camera()
    const { scanner, seen, scope } = await scan()
    expect(scanner.state.value).toBe('scanning')
    expect(library.prepareZXingModule).toHaveBeenCalledTimes(1)
    const options = library.prepareZXingModule.mock.calls[0]![0] as {
      fireImmediately: boolean
      overrides: { locateFile: (file: string, prefix: string) => string }
    }
    // Compiled before the camera opens, so a reader that cannot work is known at once.
    expect(options.fireImmediately).toBe(true)
    const wasm = options.overrides.locateFile('zxing_reader.wasm', 'https://fastly.jsdelivr.net/npm/x/')
    expect(wasm).toMatch(/zxing_reader.*\.wasm$/)
    expect(new URL(wasm, location.href).origin).toBe(location.origin)
    shown = 'DXP1:CHECKIN:x'
    await nextFrames()
    expect(seen[0]).toBe('library:DXP1:CHECKIN:x')
    expect(library.made).toBe(1)
    scope.stop()
  })

  it("is the library where the browser's BarcodeDetector cannot read QR codes", async () => {
    camera()
    const made = nativeReader(['ean_13'])
    const { scanner, seen, scope } = await scan()
    expect(scanner.state.value).toBe('scanning')
    shown = 'DXP1:CHECKIN:x'
    await nextFrames()
    expect(seen[0]).toBe('library:DXP1:CHECKIN:x')
    expect(made).not.toHaveBeenCalled()
    scope.stop()
  })

  it('is no one where there is no camera API: it says it cannot scan and loads nothing', async () => {
    noCameraApi()
    nativeReader(['qr_code'])
    const { scanner, scope } = await scan()
    expect(scanner.state.value).toBe('unsupported')
    expect(library.prepareZXingModule).not.toHaveBeenCalled()
    scope.stop()
  })

  it('says the library could not be loaded, leaves the camera off, and loads it afresh the next time', async () => {
    const getUserMedia = camera()
    library.prepareZXingModule.mockRejectedValueOnce(new Error('failed to fetch zxing_reader.wasm'))
    const { scanner, video, scope } = await scan()
    expect(scanner.state.value).toBe('unavailable')
    expect(getUserMedia).not.toHaveBeenCalled()
    // A failed wasm load is otherwise remembered by zxing-wasm until the page reloads.
    expect(library.purgeZXingModule).toHaveBeenCalledTimes(1)

    await scanner.start(video, () => {})
    expect(scanner.state.value).toBe('scanning')
    expect(library.prepareZXingModule).toHaveBeenCalledTimes(2)
    expect(getUserMedia).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('ships the very wasm the library was built for', async () => {
    const actual = await vi.importActual<typeof Ponyfill>('barcode-detector/ponyfill')
    const file = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')
    const sha256 = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
    expect(sha256).toBe(actual.ZXING_WASM_SHA256)
  })
})
