import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

/**
 * Reads QR codes from the back camera with the browser's own BarcodeDetector (Shape Detection API:
 * Chrome on Android, ChromeOS and macOS; not Chrome on Linux, Firefox or Safari). Without it the
 * camera is not opened at all: the state says 'unsupported' and the facilitator taps 受付する as
 * before. No decoder library: it would weigh more than the page itself, for a convenience.
 *
 *   idle ──start()──▶ starting ──▶ scanning ──stop()──▶ idle
 *                        ├──▶ unsupported (no BarcodeDetector / no qr_code / no camera API)
 *                        ├──▶ denied      (camera permission refused)
 *                        └──▶ failed      (no camera, or it could not start)
 */
export type QrScannerState = 'idle' | 'starting' | 'scanning' | 'unsupported' | 'denied' | 'failed'

// The part of BarcodeDetector used here; TypeScript's DOM library does not describe it.
interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorLike
  getSupportedFormats?: () => Promise<string[]>
}

export interface UseQrScannerReturn {
  state: Readonly<ShallowRef<QrScannerState>>
  /** Opens the camera into `video` and calls `onCode` with every code seen (about 6 times a second). */
  start: (video: HTMLVideoElement, onCode: (text: string) => void) => Promise<void>
  /** Stops the camera (the light goes off) and the scanning. Safe to call at any time. */
  stop: () => void
}

const SCAN_INTERVAL_MS = 150

/** Whether this browser can read QR codes itself (see above). */
export async function qrScanningSupported(): Promise<boolean> {
  const Detector = (window as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector
  if (!Detector || !navigator.mediaDevices?.getUserMedia) return false
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code']
    return formats.includes('qr_code')
  } catch {
    return false
  }
}

export function useQrScanner(): UseQrScannerReturn {
  const state = shallowRef<QrScannerState>('idle')
  let stream: MediaStream | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  // Bumped by stop(): a start() still waiting for the camera gives it back instead of showing it.
  let run = 0

  function stop(): void {
    run += 1
    if (timer !== null) clearTimeout(timer)
    timer = null
    for (const track of stream?.getTracks() ?? []) track.stop()
    stream = null
    if (state.value === 'starting' || state.value === 'scanning') state.value = 'idle'
  }

  async function start(video: HTMLVideoElement, onCode: (text: string) => void): Promise<void> {
    stop()
    const mine = run
    state.value = 'starting'
    if (!(await qrScanningSupported())) {
      if (mine === run) state.value = 'unsupported'
      return
    }
    let opened: MediaStream
    try {
      opened = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      })
    } catch (error) {
      if (mine === run) {
        const name = (error as { name?: string }).name
        state.value = name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'failed'
      }
      return
    }
    if (mine !== run) {
      for (const track of opened.getTracks()) track.stop()
      return
    }
    stream = opened
    video.srcObject = opened
    video.muted = true
    video.playsInline = true
    try {
      await video.play()
    } catch {
      // Autoplay of a muted camera is allowed; a refusal still leaves frames to read.
    }
    if (mine !== run) return
    state.value = 'scanning'
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector
    const detector = new Detector({ formats: ['qr_code'] })
    const tick = async (): Promise<void> => {
      if (mine !== run) return
      try {
        // 2 = HAVE_CURRENT_DATA: a frame to read.
        if (video.readyState >= 2) {
          for (const code of await detector.detect(video)) {
            if (mine === run) onCode(code.rawValue)
          }
        }
      } catch {
        // A frame that could not be read: try the next one.
      }
      if (mine === run) timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS)
    }
    void tick()
  }

  onScopeDispose(stop)
  return { state, start, stop }
}
