import { describe, expect, it } from 'vitest'
import { activeKey, menuFor } from '../menu'

describe('menuFor', () => {
  it('gives a district bureau the map and the enterprises but not the audit trail', () => {
    const keys = menuFor(['BUREAU'], ['enterprise:read', 'enterprise:write']).map((item) => item.key)
    expect(keys).toContain('map')
    expect(keys).toContain('enterprises')
    expect(keys).not.toContain('audit')
  })

  it('gives the risk register to those who may read risk', () => {
    expect(menuFor(['GRID'], ['enterprise:read', 'risk:read']).find((item) => item.key === 'risk')?.route).toBe('/risk')
    expect(menuFor(['X'], ['enterprise:read']).map((item) => item.key)).not.toContain('risk')
  })

  it('gives an auditor the audit trail', () => {
    expect(menuFor(['AUDITOR'], ['audit:read', 'enterprise:read']).map((item) => item.key)).toContain('audit')
  })

  it('gives the warnings to those who may read them, and nothing is left as coming soon with a route', () => {
    expect(menuFor(['TOWNSHIP'], ['warning:read', 'warning:draft']).find((item) => item.key === 'warnings')?.route).toBe('/warnings')
    expect(menuFor(['BUREAU'], ['enterprise:read']).map((item) => item.key)).not.toContain('warnings')
    expect(menuFor(['ADMIN'], ['warning:read']).filter((item) => item.comingSoon && item.route)).toEqual([])
  })

  it('gives the devices and the alarm board to those who may read monitoring, enterprises included', () => {
    expect(menuFor(['ENTERPRISE'], ['monitoring:read']).filter((item) => item.route?.match(/^\/(devices|alarms)$/)).map((item) => item.key)).toEqual(['devices', 'alarms'])
    expect(menuFor(['BUREAU'], ['enterprise:read']).map((item) => item.key)).not.toContain('alarms')
  })

  it('gives the region boundaries to those who may load them', () => {
    expect(menuFor(['BUREAU'], ['region:manage']).find((item) => item.key === 'boundaries')?.route).toBe('/regions/boundaries')
    expect(menuFor(['TOWNSHIP'], ['enterprise:read', 'risk:read']).map((item) => item.key)).not.toContain('boundaries')
  })

  it('gives the warehouses and the supplies catalogue to those who may read resources', () => {
    const menu = menuFor(['GRID'], ['resource:read'])
    expect(menu.find((item) => item.key === 'warehouses')?.route).toBe('/resources/warehouses')
    expect(activeKey(menu, '/resources/warehouses/12')).toBe('warehouses')
    expect(activeKey(menu, '/resources/supplies')).toBe('supplies')
    expect(menuFor(['BUREAU'], ['enterprise:read']).map((item) => item.key)).not.toContain('warehouses')
  })

  it('shows an account without permissions only the workbench', () => {
    expect(menuFor([], []).map((item) => item.key)).toEqual(['workbench'])
  })
})

describe('commitments', () => {
  it('are listed for supervisors who read risk, not for enterprises or auditors', () => {
    expect(menuFor(['TOWNSHIP'], ['risk:read']).map((item) => item.key)).toContain('commitments')
    expect(menuFor(['ENTERPRISE'], ['risk:read']).map((item) => item.key)).not.toContain('commitments')
    expect(menuFor(['AUDITOR'], ['risk:read', 'audit:read']).map((item) => item.key)).not.toContain('commitments')
    expect(menuFor(['BUREAU'], ['enterprise:read']).map((item) => item.key)).not.toContain('commitments')
  })
})

describe('activeKey', () => {
  const menu = menuFor(['BUREAU'], ['enterprise:read', 'risk:read', 'hazard:read'])

  it('lights the entry with the longest route the path lies under', () => {
    expect(activeKey(menu, '/risk/commitments')).toBe('commitments')
    expect(activeKey(menu, '/risk/zones')).toBe('risk')
    expect(activeKey(menu, '/risk')).toBe('risk')
    expect(activeKey(menu, '/enterprises/12/edit')).toBe('enterprises')
    const monitoring = menuFor(['BUREAU'], ['monitoring:read'])
    expect(activeKey(monitoring, '/devices/3')).toBe('devices')
    expect(activeKey(monitoring, '/alarms/42')).toBe('alarms')
    expect(activeKey(menuFor(['TOWNSHIP'], ['warning:read']), '/warnings/7/edit')).toBe('warnings')
  })

  it('does not take a longer word for a route: /mapping is not /map', () => {
    expect(activeKey(menu, '/mapping')).toBe('workbench')
    expect(activeKey(menu, '/')).toBe('workbench')
  })
})
