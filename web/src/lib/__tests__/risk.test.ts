import { describe, expect, it } from 'vitest'
import { previewGrade, riskColour } from '../risk'

const DEFAULTS = { lecRedAbove: 320, lecOrangeAbove: 160, lecYellowAbove: 70, matrixRedFrom: 20, matrixOrangeFrom: 15, matrixYellowFrom: 9 }

describe('previewGrade', () => {
  it('grades LEC with the thresholds excluded from the band above', () => {
    expect(previewGrade('LEC', { l: 3, e: 6, c: 15, s: null }, DEFAULTS)).toEqual({ score: 270, level: 'ORANGE' })
    expect(previewGrade('LEC', { l: 1, e: 10, c: 7, s: null }, DEFAULTS)).toEqual({ score: 70, level: 'BLUE' })
    expect(previewGrade('LEC', { l: 0.5, e: 6, c: 40, s: null }, DEFAULTS)).toEqual({ score: 120, level: 'YELLOW' })
  })

  it('grades the risk matrix with the thresholds starting their band', () => {
    expect(previewGrade('LS', { l: 4, e: null, c: null, s: 5 }, DEFAULTS)?.level).toBe('RED')
    expect(previewGrade('LS', { l: 3, e: null, c: null, s: 3 }, DEFAULTS)?.level).toBe('YELLOW')
    expect(previewGrade('LS', { l: 2, e: null, c: null, s: 4 }, DEFAULTS)?.level).toBe('BLUE')
  })

  it('waits until every value is chosen', () => {
    expect(previewGrade('LEC', { l: 3, e: null, c: 15, s: null }, DEFAULTS)).toBeNull()
  })
})

describe('riskColour', () => {
  it('is grey for enterprises not yet assessed', () => {
    expect(riskColour(undefined)).toBe('#757575')
    expect(riskColour('RED')).toBe('#d32f2f')
  })
})
