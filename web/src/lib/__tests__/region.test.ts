import { describe, expect, it } from 'vitest'
import { pathFrom, regionContains, regionLabel, subtreePrefix } from '../region'

describe('subtreePrefix', () => {
  it('shortens province and city codes the way the server does', () => {
    expect(subtreePrefix('330000')).toBe('33')
    expect(subtreePrefix('330100')).toBe('3301')
    expect(subtreePrefix('330105')).toBe('330105')
    expect(subtreePrefix('330105001')).toBe('330105001')
  })
})

describe('regionContains', () => {
  it('places a township inside its city and province, not inside a sibling', () => {
    expect(regionContains('330000', '330105001')).toBe(true)
    expect(regionContains('330100', '330105001')).toBe(true)
    expect(regionContains('330105', '330105001')).toBe(true)
    expect(regionContains('330106', '330105001')).toBe(false)
    expect(regionContains('330105001', '330105001')).toBe(true)
  })
})

describe('regionLabel', () => {
  const gongshu = [
    { code: '330105', name: '拱墅区', path: '拱墅区' },
    { code: '330105001', name: '米市巷街道', path: '拱墅区 / 米市巷街道' },
    { code: '330105001055', name: '大塘巷社区', path: '拱墅区 / 米市巷街道 / 大塘巷社区' },
    { code: '330105002', name: '湖墅街道', path: '拱墅区 / 湖墅街道' },
  ]

  it('names a known region by its path below the caller’s own region', () => {
    expect(regionLabel('330105001', gongshu)).toBe('米市巷街道')
    expect(regionLabel('330105001055', gongshu)).toBe('米市巷街道 / 大塘巷社区')
  })

  it('names the caller’s own region by its name', () => {
    expect(regionLabel('330105', gongshu)).toBe('拱墅区')
  })

  it('falls back to the deepest known region that contains an unknown code', () => {
    expect(regionLabel('330105002009', gongshu)).toBe('湖墅街道')
  })

  it('shows the bare code when nothing known contains it', () => {
    expect(regionLabel('330106002', gongshu)).toBe('330106002')
    expect(regionLabel('330105001', [])).toBe('330105001')
  })
})

describe('pathFrom', () => {
  it('reads the path from the root down off the code', () => {
    expect(pathFrom('330105', '330105001055')).toEqual(['330105', '330105001', '330105001055'])
    expect(pathFrom('330000', '330105001')).toEqual(['330000', '330100', '330105', '330105001'])
    expect(pathFrom('330000', '330100')).toEqual(['330000', '330100'])
    expect(pathFrom('330100', '330182')).toEqual(['330100', '330182'])
    expect(pathFrom('330105001055', '330105001055')).toEqual(['330105001055'])
  })

  it('is empty outside the root', () => {
    expect(pathFrom('330106', '330105001')).toEqual([])
  })
})
