import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  fiscalYearOf,
  fiscalYearRange,
  isIsoDate,
  reiwaFiscalYearLabel,
  tokyoDateOf,
  tokyoDateTimeOf,
} from '@/domain'

const dates = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2200-12-31T23:59:59Z'),
  noInvalidDate: true,
})

describe('fiscalYearOf', () => {
  it('counts 31 March 2027 in 令和8年度 and 1 April 2027 in 令和9年度', () => {
    expect(fiscalYearOf('2027-03-31')).toBe(2026)
    expect(fiscalYearOf('2027-04-01')).toBe(2027)
    expect(fiscalYearOf('2026-04-01')).toBe(2026)
  })

  it('reads an instant in Tokyo: 23:59 JST on 31 March is still the old year, 00:00 JST on 1 April the new one', () => {
    expect(fiscalYearOf(new Date('2027-03-31T14:59:59.999Z'))).toBe(2026)
    expect(fiscalYearOf(new Date('2027-03-31T15:00:00Z'))).toBe(2027)
  })

  describe('on a device outside Japan', () => {
    const original = process.env.TZ
    afterEach(() => {
      if (original === undefined) delete process.env.TZ
      else process.env.TZ = original
    })

    it('still uses the Tokyo date, not the device date', () => {
      process.env.TZ = 'America/Los_Angeles'
      const instant = new Date('2027-03-31T16:00:00Z')
      expect(instant.getDate()).toBe(31)
      expect(fiscalYearOf(instant)).toBe(2027)
    })
  })

  it('puts 29 February in the fiscal year that started the April before', () => {
    expect(fiscalYearOf('2028-02-29')).toBe(2027)
    expect(fiscalYearOf(new Date('2028-02-29T12:00:00Z'))).toBe(2027)
  })

  it('rejects a date that does not exist or is not written YYYY-MM-DD', () => {
    expect(() => fiscalYearOf('2027-02-29')).toThrow(RangeError)
    expect(() => fiscalYearOf('2026-13-01')).toThrow(RangeError)
    expect(() => fiscalYearOf('2026/04/01')).toThrow(RangeError)
    expect(() => fiscalYearOf(new Date(Number.NaN))).toThrow(RangeError)
  })

  it('maps every instant to the fiscal year whose range contains its Tokyo date', () => {
    fc.assert(
      fc.property(dates, (instant) => {
        const day = tokyoDateOf(instant)
        const { start, end } = fiscalYearRange(fiscalYearOf(instant))
        return start <= day && day <= end
      }),
    )
  })

  it('maps every calendar date to the fiscal year whose range contains it', () => {
    fc.assert(
      fc.property(dates, (instant) => {
        const day = instant.toISOString().slice(0, 10)
        const { start, end } = fiscalYearRange(fiscalYearOf(day))
        return start <= day && day <= end
      }),
    )
  })
})

describe('tokyoDateTimeOf', () => {
  it('gives the wall-clock minute in Tokyo as datetime-local writes it, across midnight', () => {
    expect(tokyoDateTimeOf(new Date('2026-05-12T01:00:00Z'))).toBe('2026-05-12T10:00')
    expect(tokyoDateTimeOf(new Date('2026-03-31T15:05:59Z'))).toBe('2026-04-01T00:05')
    expect(tokyoDateTimeOf(new Date('2026-12-31T14:59:00Z'))).toBe('2026-12-31T23:59')
  })
})

describe('tokyoDateOf', () => {
  it('gives the calendar date in Tokyo, nine hours ahead of UTC', () => {
    expect(tokyoDateOf(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31')
    expect(tokyoDateOf(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01')
  })

  it('rejects an invalid Date', () => {
    expect(() => tokyoDateOf(new Date('not a date'))).toThrow(RangeError)
  })
})

describe('isIsoDate', () => {
  it.each([
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['0004-02-29', true],
    ['2027-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['2026-04-00', false],
    ['2026-4-1', false],
    ['2026-04-01T00:00:00Z', false],
  ])('says %s is a calendar date: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected)
  })
})

describe('fiscalYearRange', () => {
  it('runs 令和8年度 from 1 April 2026 to 31 March 2027', () => {
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' })
  })

  it('writes early years with four digits', () => {
    expect(fiscalYearRange(1)).toEqual({ start: '0001-04-01', end: '0002-03-31' })
  })

  it('leaves no gap between one fiscal year and the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9997 }), (fy) => {
        const dayAfterEnd = new Date(`${fiscalYearRange(fy).end}T00:00:00Z`)
        dayAfterEnd.setUTCDate(dayAfterEnd.getUTCDate() + 1)
        return dayAfterEnd.toISOString().slice(0, 10) === fiscalYearRange(fy + 1).start
      }),
    )
  })

  it.each([0, 2026.5, Number.NaN, 9999])('rejects %s as a fiscal year', (fy) => {
    expect(() => fiscalYearRange(fy)).toThrow(RangeError)
  })
})

describe('reiwaFiscalYearLabel', () => {
  it.each([
    [2026, '令和8年度'],
    [2027, '令和9年度'],
    [2028, '令和10年度'],
    [2020, '令和2年度'],
  ])('labels FY%i %s in Japanese', (fy, label) => {
    expect(reiwaFiscalYearLabel(fy, 'ja')).toBe(label)
  })

  it('labels FY2019, whose era began on 1 May, 令和元年度 with 元 for the first year', () => {
    expect(reiwaFiscalYearLabel(2019, 'ja')).toBe('令和元年度')
    expect(reiwaFiscalYearLabel(2018, 'ja')).toBe('平成30年度')
  })

  it('keeps the old era for a fiscal year whose era began in January (FY1988 = 昭和63年度)', () => {
    expect(reiwaFiscalYearLabel(1988, 'ja')).toBe('昭和63年度')
    expect(reiwaFiscalYearLabel(1989, 'ja')).toBe('平成元年度')
  })

  it('labels the fiscal year by its starting calendar year in English', () => {
    expect(reiwaFiscalYearLabel(2026, 'en')).toBe('FY2026')
  })

  it('rejects a number that is not a fiscal year', () => {
    expect(() => reiwaFiscalYearLabel(2026.5, 'ja')).toThrow(RangeError)
  })
})
