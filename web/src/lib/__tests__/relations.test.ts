import { describe, expect, it } from 'vitest'
import { pageOf, tabLabel, visibleTabs } from '../relations'

describe('visibleTabs', () => {
  it('shows a supervisor every list of the enterprise, in the tabs order', () => {
    expect(visibleTabs(['enterprise:read', 'hazard:read', 'monitoring:read', 'risk:read'])).toEqual(['hazards', 'devices', 'alarms', 'riskPoints'])
  })

  it('leaves out the lists a user may not read', () => {
    expect(visibleTabs(['enterprise:read', 'hazard:read'])).toEqual(['hazards'])
    expect(visibleTabs(['monitoring:read'])).toEqual(['devices', 'alarms'])
    expect(visibleTabs([])).toEqual([])
  })
})

describe('tabLabel', () => {
  it('adds the count once it is known, zero included', () => {
    expect(tabLabel('隐患', undefined)).toBe('隐患')
    expect(tabLabel('隐患', 0)).toBe('隐患 (0)')
    expect(tabLabel('报警', 12)).toBe('报警 (12)')
  })
})

describe('pageOf', () => {
  it('cuts one page of a whole list', () => {
    const list = [1, 2, 3, 4, 5, 6, 7]
    expect(pageOf(list, 1, 3)).toEqual([1, 2, 3])
    expect(pageOf(list, 3, 3)).toEqual([7])
    expect(pageOf(list, 4, 3)).toEqual([])
    expect(pageOf(list, 0, 3)).toEqual([1, 2, 3])
  })
})
