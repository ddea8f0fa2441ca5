import { describe, expect, it } from 'vitest'
import { shanghaiClock, shanghaiDay, shanghaiMinute } from '../day'

describe('shanghaiDay', () => {
  it('is already tomorrow in Shanghai at 17:00 UTC', () => {
    expect(shanghaiDay(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24')
  })

  it('is still today in Shanghai just before midnight there', () => {
    expect(shanghaiDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23')
  })

  it('pads month and day', () => {
    expect(shanghaiDay(new Date('2027-01-05T02:00:00Z'))).toBe('2027-01-05')
  })
})

describe('shanghaiMinute', () => {
  it('shows the time in Shanghai to the minute, on the 24-hour clock', () => {
    expect(shanghaiMinute('2026-11-23T01:05:59Z')).toBe('2026-11-23 09:05')
    expect(shanghaiMinute(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24 00:30')
  })
})

describe('shanghaiClock', () => {
  it('shows a chart axis time in Shanghai, with the day when asked', () => {
    expect(shanghaiClock('2026-11-23T01:05:00Z')).toBe('09:05')
    expect(shanghaiClock(Date.parse('2026-11-23T16:30:00Z'), true)).toBe('11-24 00:30')
  })
})
