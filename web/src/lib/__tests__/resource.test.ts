import { describe, expect, it } from 'vitest'
import { amount, shelfLife, signed, stateTagType } from '../resource'

describe('resource', () => {
  it('tags a batch by its state: nearing expiry warns, expired is a danger', () => {
    expect(stateTagType('USABLE')).toBe('success')
    expect(stateTagType('NEARING_EXPIRY')).toBe('warning')
    expect(stateTagType('EXPIRED')).toBe('danger')
  })

  it('writes quantities without the server decimals and signs movements', () => {
    expect(amount('1200.000')).toBe('1200')
    expect(amount(2.5)).toBe('2.5')
    expect(signed(200)).toBe('+200')
    expect(signed('-50.000')).toBe('−50')
    expect(signed(0)).toBe('0')
  })

  it('names whole years of shelf life as years, other lives in days', () => {
    expect(shelfLife(1095)).toEqual({ years: 3 })
    expect(shelfLife(180)).toEqual({ days: 180 })
    expect(shelfLife(null)).toBeNull()
  })
})
