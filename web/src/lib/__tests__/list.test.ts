import { describe, expect, it } from 'vitest'
import { setValues, sortEvent, sortParam } from '../list'
import { openErrors, rootField, snapshot } from '../form'

describe('sortParam', () => {
  it('turns a table sort into the server parameter and back', () => {
    expect(sortParam({ prop: 'name', order: 'ascending' })).toBe('name,asc')
    expect(sortParam({ prop: 'openAlarms', order: 'descending' })).toBe('openAlarms,desc')
    expect(sortParam({ prop: 'name', order: null })).toBeUndefined()
    expect(sortParam({ prop: null, order: null })).toBeUndefined()
    expect(sortEvent('name,desc')).toEqual({ prop: 'name', order: 'descending' })
    expect(sortEvent(undefined)).toEqual({ prop: null, order: null })
  })
})

describe('setValues', () => {
  it('leaves out empty text, unset selects and empty ranges', () => {
    expect(setValues({ q: '', type: 'RAINFALL', regionCode: null, period: [], enabled: false }))
      .toEqual({ type: 'RAINFALL', enabled: false })
  })
})

describe('field errors', () => {
  it('stay while the field holds the refused value and go once it changes', () => {
    const form: Record<string, unknown> = { creditCode: 'BAD', name: '', areas: [{ kind: 'POLYGON' }] }
    const errors = { creditCode: '统一社会信用代码无效', name: '请填写企业名称', 'areas[0].polygon': '多边形未闭合', version: '已被修改' }
    const refused = snapshot(errors, form)
    expect(openErrors(errors, refused, form)).toEqual(errors)
    form.creditCode = '91330105MA27XXXX0X'
    expect(openErrors(errors, refused, form)).not.toHaveProperty('creditCode')
    expect(openErrors(errors, refused, form)).toHaveProperty('name')
    form.areas = [{ kind: 'CIRCLE' }]
    expect(Object.keys(openErrors(errors, refused, form))).toEqual(['name', 'version'])
    // changing back to the refused value shows the message again: it is still wrong
    form.creditCode = 'BAD'
    expect(openErrors(errors, refused, form)).toHaveProperty('creditCode')
  })

  it('finds the field of nested messages', () => {
    expect(rootField('areas[1].circle')).toBe('areas')
    expect(rootField('addresses[0]')).toBe('addresses')
    expect(rootField('name')).toBe('name')
  })
})
