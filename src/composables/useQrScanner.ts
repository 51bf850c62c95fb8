import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'
// Only the address of the decoder's wasm (a string): the file itself is fetched when a library
// reader is made, from this app's own build (precached by the service worker), never from a CDN.
import zxingReaderWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url'

/**
 * Reads QR codes from the back camera. With the browser's own BarcodeDetector (Shape Detection API:
 * Chrome on Android, ChromeOS and macOS) where it reads QR codes; elsewhere (Chrome on Linux, Firefox,
 * Safari) with the barcode-detector ponyfill on zxing-wasm, loaded only when the scanner opens. Where
 * neither can work, the state says so and the facilitator taps 受付する as before.
 *
 *   idle ──start()──▶ starting ──▶ scanning ──stop()──▶ idle
 *                        ├──▶ unsupported (no camera API: nothing can scan here)
 *                        ├──▶ unavailable (the reader library could not be loaded)
 *                        ├──▶ denied      (camera permission refused)
 *                        └──▶ failed      (no camera, or it could not start)
 */
export type QrScannerState =
  'idle' | 'starting' | 'scanning' | 'unsupported' | 'unavailable' | 'denied' | 'failed'

/** Who reads the codes: the browser itself, the library, or no one (no camera API). */
export type QrReaderKind = 'native' | 'library' | 'none'

// The part of BarcodeDetector used here; TypeScript's DOM library does not describe it.
interface DetectedBarcode {
  rawValue: string
}
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): QrDetector
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

function nativeDetector(): BarcodeDetectorConstructor | undefined {
  return (window as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector
}

/** Which reader this browser would use (see above); loads nothing. */
export async function qrReaderKind(): Promise<QrReaderKind> {
  if (!navigator.mediaDevices?.getUserMedia) return 'none'
  const Detector = nativeDetector()
  if (!Detector) return 'library'
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code']
    return formats.includes('qr_code') ? 'native' : 'library'
  } catch {
    return 'library'
  }
}

/**
 * The ponyfill, its wasm served from this app and compiled before the camera is shown, so a reader
 * that cannot work is reported instead of scanning silently forever. Throws when it cannot load.
 */
export async function libraryQrDetector(): Promise<QrDetector> {
  const { BarcodeDetector, prepareZXingModule, purgeZXingModule } = await import('barcode-detector/ponyfill')
  try {
    await prepareZXingModule({
      overrides: {
        locateFile: (file: string, prefix: string) =>
          file.endsWith('.wasm') ? zxingReaderWasmUrl : prefix + file,
      },
      fireImmediately: true,
    })
  } catch (error) {
    // The failed instantiation stays cached otherwise: the next try (back online) must fetch again.
    purgeZXingModule()
    throw error
  }
  return new BarcodeDetector({ formats: ['qr_code'] })
}

async function makeDetector(kind: 'native' | 'library'): Promise<QrDetector> {
  return kind === 'native' ? new (nativeDetector()!)({ formats: ['qr_code'] }) : libraryQrDetector()
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
    const kind = await qrReaderKind()
    if (kind === 'none') {
      if (mine === run) state.value = 'unsupported'
      return
    }
    // The library loads before the camera opens: its light never comes on for a reader that fails.
    let detector: QrDetector
    try {
      detector = await makeDetector(kind)
    } catch {
      if (mine === run) state.value = 'unavailable'
      return
    }
    if (mine !== run) return
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
