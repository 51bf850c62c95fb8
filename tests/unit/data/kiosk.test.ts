import { beforeEach, describe, expect, it } from 'vitest'
import { activeKioskSession, countEntered, enterKiosk, leaveKiosk, pinMatches, readKiosk } from '@/data/kiosk'

const SESSION = '4b8e3f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b'

describe('kiosk mode on this device', () => {
  beforeEach(() => localStorage.clear())

  it('keeps a salted SHA-256 of the PIN, never the PIN itself', async () => {
    const state = await enterKiosk(SESSION, '482913', '会場の共用タブレット')
    const stored = localStorage.getItem(`dxp.kiosk.${SESSION}`)!
    expect(stored).not.toContain('482913')
    expect(state.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(state.salt).toMatch(/^[0-9a-f]{32}$/)
    const again = await enterKiosk(SESSION, '482913', '会場の共用タブレット')
    // A fresh salt each time: the same PIN does not give the same stored hash.
    expect(again.hash).not.toBe(state.hash)
  })

  it('lets the right PIN out and refuses a wrong one, a shorter one and a non-numeric one', async () => {
    const state = await enterKiosk(SESSION, '2468', 'タブレット')
    expect(await pinMatches(state, '2468')).toBe(true)
    for (const pin of ['2469', '246', '24680', 'abcd', '']) expect(await pinMatches(state, pin)).toBe(false)
  })

  it('survives a reload (read back from storage) and counts the responses entered', async () => {
    await enterKiosk(SESSION, '2468', 'タブレット')
    countEntered(SESSION)
    countEntered(SESSION)
    expect(readKiosk(SESSION)).toMatchObject({ device: 'タブレット', entered: 2 })
    expect(activeKioskSession()).toBe(SESSION)
  })

  it('ends only when left, and ignores garbage in storage', async () => {
    await enterKiosk(SESSION, '2468', 'タブレット')
    leaveKiosk(SESSION)
    expect(readKiosk(SESSION)).toBeNull()
    expect(activeKioskSession()).toBeNull()
    localStorage.setItem(`dxp.kiosk.${SESSION}`, '{not json')
    expect(readKiosk(SESSION)).toBeNull()
    expect(activeKioskSession()).toBeNull()
    expect(countEntered(SESSION)).toBeNull()
  })
})
