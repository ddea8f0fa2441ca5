import { describe, expect, it } from 'vitest'
import { periodParams, who } from '../audit'

describe('periodParams', () => {
  it('covers whole Beijing days, the last one included', () => {
    expect(periodParams(['2026-12-01', '2026-12-07'])).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-07T16:00:00.000Z' })
    expect(periodParams(['2026-12-31', '2026-12-31'])).toEqual({ from: '2026-12-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })
  })

  it('asks for no period when none is chosen', () => {
    expect(periodParams(null)).toEqual({})
    expect(periodParams([])).toEqual({})
  })
})

describe('who', () => {
  it('names the person and their office once', () => {
    expect(who({ actorName: '拱墅区应急管理局 王丽华', actorUsername: 'gongshu', actorOffice: '拱墅区应急管理局' }))
      .toEqual({ name: '拱墅区应急管理局 王丽华', office: null })
    expect(who({ actorName: '张三', actorUsername: 'zs', actorOffice: '米市巷街道' })).toEqual({ name: '张三', office: '米市巷街道' })
    expect(who({ actorName: null, actorUsername: 'gone', actorOffice: null })).toEqual({ name: 'gone', office: null })
  })
})
