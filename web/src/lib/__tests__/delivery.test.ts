import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  audienceRequest, campaignSource, debounce, formatCount, formatRate, groupsOf, hasDelivery, isLive, normaliseMobile, rate, rateBand,
  subscriptionErrors,
} from '../delivery'
import { emptyForm } from '../warning'

afterEach(() => {
  vi.useRealTimers()
})

describe('counts and rates', () => {
  it('writes counts with separators and a dash for nothing', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(0)).toBe('0')
    expect(formatCount(null)).toBe('—')
  })

  it('writes rates as percentages with one decimal at most', () => {
    expect(formatRate(0.8765)).toBe('87.7%')
    expect(formatRate(1)).toBe('100%')
    expect(formatRate(0)).toBe('0%')
    expect(formatRate(0.5)).toBe('50%')
    expect(formatRate(null)).toBe('—')
  })

  it('computes a rate only when someone is in the group', () => {
    expect(rate(3, 4)).toBe(0.75)
    expect(rate(0, 0)).toBeNull()
  })

  it('bands rates green, orange and red', () => {
    expect(rateBand(0.99)).toBe('success')
    expect(rateBand(0.95)).toBe('success')
    expect(rateBand(0.9)).toBe('warning')
    expect(rateBand(0.5)).toBe('danger')
    expect(rateBand(null)).toBe('info')
  })
})

describe('campaigns', () => {
  it('names the two campaigns of a warning', () => {
    expect(campaignSource(42, 'staff')).toBe('warning:42:staff')
    expect(campaignSource(42, 'public')).toBe('warning:42:public')
  })

  it('has delivery only for local warnings that went out', () => {
    expect(hasDelivery({ state: 'PUBLISHED', origin: 'LOCAL' })).toBe(true)
    expect(hasDelivery({ state: 'CANCELLED', origin: 'LOCAL' })).toBe(true)
    expect(hasDelivery({ state: 'SUBMITTED', origin: 'LOCAL' })).toBe(false)
    expect(hasDelivery({ state: 'RECEIVED', origin: 'EXTERNAL' })).toBe(false)
  })

  it('is live while something is pending', () => {
    expect(isLive(null)).toBe(false)
    expect(isLive({ pending: 2 } as never)).toBe(true)
    expect(isLive({ pending: 0 } as never)).toBe(false)
  })
})

describe('audience', () => {
  it('sends only the areas, status and scope of the form, as the draft request has them', () => {
    const form = emptyForm('拱墅区应急管理局')
    form.status = 'Exercise'
    form.scope = 'Public'
    form.headline = '不应发送'
    form.areas = [
      { kind: 'REGION', regionCode: '330105001', label: '米市巷街道' },
      { kind: 'CIRCLE', circle: '30.29,120.16 1.5', areaDesc: ' 街道办周边 ' },
    ]
    expect(audienceRequest(form)).toEqual({
      status: 'Exercise', scope: 'Public',
      areas: [{ kind: 'REGION', regionCode: '330105001' }, { kind: 'CIRCLE', circle: '30.29,120.16 1.5', areaDesc: '街道办周边' }],
    })
  })

  it('lists the groups of one audience, largest first', () => {
    const view = {
      recorded: false, staff: 5, publicTargets: 7, groups: [
        { audience: 'STAFF' as const, group: '网格员', targeted: 2, reachable: 2 },
        { audience: 'PUBLIC' as const, group: '公众', targeted: 7, reachable: 6 },
        { audience: 'STAFF' as const, group: '企业安全管理员', targeted: 3, reachable: 3 },
      ],
    }
    expect(groupsOf(view, 'STAFF').map((g) => g.group)).toEqual(['企业安全管理员', '网格员'])
    expect(groupsOf(view, 'PUBLIC').map((g) => g.targeted)).toEqual([7])
    expect(groupsOf(null, 'STAFF')).toEqual([])
  })
})

describe('debounce', () => {
  it('runs once with the latest arguments after the wait, and not at all when cancelled', () => {
    vi.useFakeTimers()
    const run = vi.fn()
    const later = debounce(run, 500)
    later.call(1)
    vi.advanceTimersByTime(300)
    later.call(2)
    vi.advanceTimersByTime(499)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledExactlyOnceWith(2)
    later.call(3)
    later.cancel()
    vi.advanceTimersByTime(1000)
    expect(run).toHaveBeenCalledTimes(1)
  })
})

describe('subscription', () => {
  it('accepts an 11-digit mobile with spaces and a township or village code', () => {
    expect(normaliseMobile('138 0000-1234')).toBe('13800001234')
    expect(subscriptionErrors('138 0000 1234', '330105001')).toEqual({})
    expect(subscriptionErrors('13800001234', '330105001055')).toEqual({})
  })

  it('names what is plainly wrong', () => {
    expect(subscriptionErrors('2380000123', '330105')).toEqual({
      mobile: 'warning.subscribe.mobileInvalid', regionCode: 'warning.subscribe.regionInvalid',
    })
  })
})
