import { describe, expect, it } from 'vitest'
import { encodeCheckinQr, parseCheckinQr } from '@/domain/checkin-qr'

const id = '00000000-0000-4000-a000-000000000003'

describe('check-in QR codes', () => {
  it('encodes a profile id with the versioned prefix and reads it back', () => {
    expect(encodeCheckinQr(id)).toBe(`DXP1:CHECKIN:${id}`)
    expect(parseCheckinQr(encodeCheckinQr(id))).toBe(id)
  })

  it('reads a code a scanner hands back in upper case or with a trailing newline', () => {
    expect(parseCheckinQr(`dxp1:checkin:${id.toUpperCase()}\n`)).toBe(id)
  })

  it.each([
    ['an empty text', ''],
    ['a bare uuid', id],
    ['a URL', `https://example.jp/?id=${id}`],
    ['another version', `DXP2:CHECKIN:${id}`],
    ['another purpose', `DXP1:SURVEY:${id}`],
    ['a broken uuid', 'DXP1:CHECKIN:00000000-0000-4000-a000-00000000000'],
    ['extra text after the id', `DXP1:CHECKIN:${id}:x`],
  ])('refuses %s', (_name, text) => {
    expect(parseCheckinQr(text)).toBeNull()
  })

  it('refuses to encode something that is not a profile id', () => {
    expect(() => encodeCheckinQr('000003')).toThrow(RangeError)
  })
})
