// Kiosk mode of one session on this device: the facilitator's PIN (SHA-256 of a random salt and the
// PIN, never the PIN itself), the device name and how many responses were entered here. In
// localStorage so that a reload, or the browser restarting, returns to kiosk mode.

export interface KioskState {
  salt: string
  hash: string
  device: string
  /** Responses entered on this device for the session (sent = entered − waiting − refused). */
  entered: number
  /** Staff numbers that answered on this device (identified template): who, never what. */
  numbers: string[]
}

export const PIN_PATTERN = /^[0-9]{4,8}$/

const keyOf = (sessionId: string) => `dxp.kiosk.${sessionId}`

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

async function digest(salt: string, pin: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${pin}`)))
}

export function readKiosk(sessionId: string): KioskState | null {
  try {
    const raw = localStorage.getItem(keyOf(sessionId))
    if (!raw) return null
    const state = JSON.parse(raw) as Partial<KioskState>
    if (typeof state.salt !== 'string' || typeof state.hash !== 'string') return null
    return {
      salt: state.salt,
      hash: state.hash,
      device: typeof state.device === 'string' ? state.device : '',
      entered: typeof state.entered === 'number' ? state.entered : 0,
      numbers: Array.isArray(state.numbers) ? state.numbers.filter((n) => typeof n === 'string') : [],
    }
  } catch {
    return null
  }
}

function write(sessionId: string, state: KioskState): void {
  localStorage.setItem(keyOf(sessionId), JSON.stringify(state))
}

export async function enterKiosk(sessionId: string, pin: string, device: string): Promise<KioskState> {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)))
  const state = { salt, hash: await digest(salt, pin), device, entered: 0, numbers: [] }
  write(sessionId, state)
  return state
}

export async function pinMatches(state: KioskState, pin: string): Promise<boolean> {
  return PIN_PATTERN.test(pin) && (await digest(state.salt, pin)) === state.hash
}

export function countEntered(sessionId: string, number: string | null = null): KioskState | null {
  const state = readKiosk(sessionId)
  if (!state) return null
  const next = {
    ...state,
    entered: state.entered + 1,
    numbers: number ? [...state.numbers, number] : state.numbers,
  }
  write(sessionId, next)
  return next
}

/** A refused response let go: its staff number may answer again (and is no longer counted). */
export function forgetEntered(sessionId: string, number: string | null): KioskState | null {
  const state = readKiosk(sessionId)
  if (!state) return null
  const next = {
    ...state,
    entered: Math.max(0, state.entered - 1),
    numbers: state.numbers.filter((n) => n !== number),
  }
  write(sessionId, next)
  return next
}

export function leaveKiosk(sessionId: string): void {
  localStorage.removeItem(keyOf(sessionId))
}

/** The session this device is in kiosk mode for, if any (the router keeps every page but its kiosk away). */
export function activeKioskSession(): string | null {
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i)
      if (key?.startsWith('dxp.kiosk.') && readKiosk(key.slice('dxp.kiosk.'.length))) {
        return key.slice('dxp.kiosk.'.length)
      }
    }
  } catch {
    // Storage blocked: no kiosk mode could have been entered.
  }
  return null
}
