import { describe, expect, it } from 'vitest'
import { featureErrors, zoneColour } from '../zoning'

describe('featureErrors', () => {
  it('numbers the features from 1, in file order, after the file’s own problems', () => {
    const rows = featureErrors([
      { field: 'features[12].geometry', message: '多边形的环须闭合' },
      { field: 'features[0].properties.grade', message: '等级须为 1 到 5' },
      { field: 'name', message: '请填写图层名称' },
      { field: 'features[0].geometry', message: '坐标不在中国境内' },
    ])
    expect(rows).toEqual([
      { feature: null, field: 'name', message: '请填写图层名称' },
      { feature: 1, field: 'properties.grade', message: '等级须为 1 到 5' },
      { feature: 1, field: 'geometry', message: '坐标不在中国境内' },
      { feature: 13, field: 'geometry', message: '多边形的环须闭合' },
    ])
  })

  it('copes with a problem without errors', () => {
    expect(featureErrors(undefined)).toEqual([])
  })
})

describe('zoneColour', () => {
  it('gives grade 1 red and grade 5 green, and anything else the lowest grade’s colour', () => {
    expect(zoneColour(1)).toBe('#d32f2f')
    expect(zoneColour('5')).toBe('#388e3c')
    expect(zoneColour(0)).toBe('#388e3c')
    expect(zoneColour(undefined)).toBe('#388e3c')
  })
})
