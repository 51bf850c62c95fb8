import { describe, expect, it } from 'vitest'
import { checkinScanAction, isRepeatScan, type ScanRosterPerson } from '@/domain/checkin-scan'

const A = '0b6f3c1e-6d0a-4b8e-9a57-2f1d3c4b5a60'
const B = '1c7a4d2f-7e1b-4c9f-8b68-3a2e4d5c6b71'
const C = '2d8b5e3a-8f2c-4dab-9c79-4b3f5e6d7c82'
const D = '3e9c6f4b-9a3d-4ebc-8d8a-5c4a6f7e8d93'
const roster: ScanRosterPerson[] = [
  { employeeId: A, fullName: '厚木 花子', state: 'waiting' },
  { employeeId: B, fullName: '厚木 太郎', state: 'pending' },
  { employeeId: C, fullName: '愛甲 次郎', state: 'checked_in' },
  { employeeId: D, fullName: '荻野 三郎', state: 'rejected' },
]

describe('what a scanned code does at check-in', () => {
  it('checks in a person on the roster who is not checked in yet', () => {
    expect(checkinScanAction(`DXP1:CHECKIN:${A}`, roster)).toEqual({
      kind: 'check_in',
      employeeId: A,
      fullName: '厚木 花子',
    })
  })

  it('reads an upper-case code with spaces around it as the same person', () => {
    expect(checkinScanAction(` dxp1:checkin:${A.toUpperCase()}\n`, roster)).toMatchObject({
      kind: 'check_in',
      employeeId: A,
    })
  })

  it('checks in again a person whose check-in the server refused, as the tap allows', () => {
    expect(checkinScanAction(`DXP1:CHECKIN:${D}`, roster)).toMatchObject({ kind: 'check_in', employeeId: D })
  })

  it.each([
    [B, 'pending'],
    [C, 'checked_in'],
  ] as const)('does nothing twice: %s is already %s', (id, state) => {
    expect(checkinScanAction(`DXP1:CHECKIN:${id}`, roster)).toEqual({
      kind: 'already',
      employeeId: id,
      fullName: roster.find((p) => p.employeeId === id)!.fullName,
      state,
    })
  })

  it('offers the walk-in path for one of our codes whose person did not register', () => {
    const stranger = '4fad7a5c-ab4e-4fcd-9e9b-6d5b7a8f9ea4'
    expect(checkinScanAction(`DXP1:CHECKIN:${stranger}`, roster)).toEqual({
      kind: 'not_on_roster',
      employeeId: stranger,
    })
  })

  it.each(['https://example.jp/', `DXP2:CHECKIN:${A}`, 'DXP1:CHECKIN:not-a-uuid', `DXP1:SURVEY:${A}`, ''])(
    'says it does not know %j and checks no one in',
    (text) => {
      expect(checkinScanAction(text, roster)).toEqual({ kind: 'unknown_code' })
    },
  )
})

describe('the same code held up to the camera', () => {
  it('is acted on once while it stays in sight, and again after it has been away', () => {
    expect(isRepeatScan('x', null, 0)).toBe(false)
    expect(isRepeatScan('x', { text: 'x', seenAt: 1000 }, 2500)).toBe(true)
    expect(isRepeatScan('x', { text: 'x', seenAt: 1000 }, 4000)).toBe(false)
    expect(isRepeatScan('y', { text: 'x', seenAt: 1000 }, 1100)).toBe(false)
  })
})
