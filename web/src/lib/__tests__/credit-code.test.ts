import { describe, expect, it } from 'vitest'
import { isValidCreditCode } from '../credit-code'

describe('isValidCreditCode', () => {
  it('accepts the published examples', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('91110000600037341L')).toBe(true)
  })

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false)
    expect(isValidCreditCode('91350100O000100Y43')).toBe(false)
  })
})
