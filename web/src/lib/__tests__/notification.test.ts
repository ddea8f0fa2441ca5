import { describe, expect, it } from 'vitest'
import { badgeText, inAppLink } from '../notification'

describe('inAppLink', () => {
  it('follows a path of the app', () => {
    expect(inAppLink('/hazards/42')).toBe('/hazards/42')
    expect(inAppLink('/map?zone=3')).toBe('/map?zone=3')
  })

  it('leads nowhere for other sites, scripts or nothing', () => {
    for (const link of ['https://example.com/x', '//example.com/x', '/\\example.com', 'javascript:alert(1)', 'hazards/42', '', null, undefined]) {
      expect(inAppLink(link)).toBeNull()
    }
  })
})

describe('badgeText', () => {
  it('is empty at zero, the count up to 99, then 99+', () => {
    expect(badgeText(0)).toBe('')
    expect(badgeText(7)).toBe('7')
    expect(badgeText(99)).toBe('99')
    expect(badgeText(100)).toBe('99+')
  })
})
