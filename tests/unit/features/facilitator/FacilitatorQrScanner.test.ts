import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ScanRosterPerson } from '@/domain/checkin-scan'
import FacilitatorQrScanner from '@/features/facilitator/FacilitatorQrScanner.vue'
import ja from '@/i18n/ja'

const HANAKO = '0b6f3c1e-6d0a-4b8e-9a57-2f1d3c4b5a60'
const roster: ScanRosterPerson[] = [{ employeeId: HANAKO, fullName: '山田 花子', state: 'waiting' }]

// The library reader (where there is no BarcodeDetector): loading it is what these tests control.
const ponyfill = vi.hoisted(() => ({
  prepareZXingModule: vi.fn(async () => ({})),
  purgeZXingModule: vi.fn(),
}))
vi.mock('barcode-detector/ponyfill', () => ({
  ...ponyfill,
  BarcodeDetector: class {
    async detect() {
      return []
    }
  },
}))

// What the camera "sees" next: the fake detector hands back this text on every frame.
let shown: string | null = null
let tracks: { readyState: string; stop: () => void }[] = []

function fakeCamera() {
  tracks = []
  const getUserMedia = vi.fn(async () => {
    const track = {
      readyState: 'live',
      stop() {
        this.readyState = 'ended'
      },
    }
    tracks.push(track)
    return { getTracks: () => [track] } as unknown as MediaStream
  })
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } })
  class FakeDetector {
    static getSupportedFormats = async () => ['qr_code']
    async detect() {
      return shown === null ? [] : [{ rawValue: shown }]
    }
  }
  ;(window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector = FakeDetector
  return getUserMedia
}

async function mountScanner(checkIn = vi.fn(async () => true)) {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  // happy-dom accepts only its own MediaStream here; the fake stream is enough for the scanner.
  vi.spyOn(HTMLMediaElement.prototype, 'srcObject', 'set').mockImplementation(() => {})
  vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4)
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  const wrapper = mount(FacilitatorQrScanner, {
    props: { open: true, roster, checkIn, 'onUpdate:open': (open: boolean) => wrapper.setProps({ open }) },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  await settle()
  return { wrapper, checkIn }
}

async function settle() {
  for (let i = 0; i < 4; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const live = (wrapper: { find: (s: string) => { text: () => string } }) =>
  wrapper.find('[aria-live="polite"]').text()

describe('checking in by QR code', () => {
  beforeEach(() => {
    shown = null
  })
  afterEach(() => {
    vi.restoreAllMocks()
    delete (window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector
    document.body.innerHTML = ''
  })

  it('opens the back camera and checks in the person whose code it sees, once, saying so aloud', async () => {
    const getUserMedia = fakeCamera()
    const { wrapper, checkIn } = await mountScanner()
    expect(getUserMedia).toHaveBeenCalledWith({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    })
    shown = `DXP1:CHECKIN:${HANAKO}`
    await settle()
    expect(checkIn).toHaveBeenCalledTimes(1)
    expect(checkIn).toHaveBeenCalledWith(HANAKO)
    expect(live(wrapper)).toBe('山田 花子さんを受付しました。')
    wrapper.unmount()
  })

  it('says a code is not a check-in code and checks no one in', async () => {
    fakeCamera()
    const { wrapper, checkIn } = await mountScanner()
    shown = 'https://example.jp/'
    await settle()
    expect(live(wrapper)).toBe('受付用のQRコードではありません。')
    expect(checkIn).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('offers the walk-in path for someone who did not register', async () => {
    fakeCamera()
    const { wrapper, checkIn } = await mountScanner()
    shown = 'DXP1:CHECKIN:4fad7a5c-ab4e-4fcd-9e9b-6d5b7a8f9ea4'
    await settle()
    expect(live(wrapper)).toContain('この方は申込みがありません。')
    expect(checkIn).not.toHaveBeenCalled()
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '当日参加の追加へ')!
      .trigger('click')
    expect(wrapper.emitted('walkIn')).toHaveLength(1)
    await settle()
    expect(tracks.map((t) => t.readyState)).toEqual(['ended'])
    wrapper.unmount()
  })

  it('turns the camera off when closed and when the page is left', async () => {
    fakeCamera()
    const { wrapper } = await mountScanner()
    expect(tracks.map((t) => t.readyState)).toEqual(['live'])
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '閉じる')!
      .trigger('click')
    await settle()
    expect(tracks.map((t) => t.readyState)).toEqual(['ended'])
    await wrapper.setProps({ open: true })
    await settle()
    expect(tracks.map((t) => t.readyState)).toEqual(['ended', 'live'])
    wrapper.unmount()
    expect(tracks.map((t) => t.readyState)).toEqual(['ended', 'ended'])
  })

  it('says this browser cannot scan, and opens no camera, where there is no camera API', async () => {
    fakeCamera()
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined })
    const { wrapper } = await mountScanner()
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'このブラウザーではQRコードを読み取れません。名簿の「受付する」を押して受付してください。',
    )
    expect(wrapper.find('video').isVisible()).toBe(false)
    expect(tracks).toEqual([])
    wrapper.unmount()
  })

  it('says the QR reader could not be loaded, and opens no camera, where the library fails to load', async () => {
    const getUserMedia = fakeCamera()
    delete (window as unknown as { BarcodeDetector?: unknown }).BarcodeDetector
    ponyfill.prepareZXingModule.mockRejectedValueOnce(new Error('offline'))
    const { wrapper } = await mountScanner()
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'QRコードの読み取り機能を読み込めませんでした。通信できる場所で開き直すか、名簿の「受付する」を押して受付してください。',
    )
    expect(getUserMedia).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
