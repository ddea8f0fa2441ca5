import { describe, expect, it } from 'vitest'
import { safetyCodeOf } from '../safety'

describe('safetyCodeOf', () => {
  const notGreen = { '12': 'RED', '13': 'YELLOW' }

  it('reads red and yellow from the layer', () => {
    expect(safetyCodeOf(12, notGreen)).toBe('RED')
    expect(safetyCodeOf(13, notGreen)).toBe('YELLOW')
  })

  it('takes every enterprise the layer does not list as green', () => {
    expect(safetyCodeOf(14, notGreen)).toBe('GREEN')
    expect(safetyCodeOf(14, {})).toBe('GREEN')
  })
})
