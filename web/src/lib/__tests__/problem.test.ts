import { describe, expect, it } from 'vitest'
import { fieldErrors, toProblem } from '../problem'

describe('fieldErrors', () => {
  it('maps each field to its first message and ignores import line errors', () => {
    const errors = fieldErrors({
      status: 400,
      errors: [
        { field: 'creditCode', message: '统一社会信用代码无效' },
        { field: 'creditCode', message: '第二条' },
        { field: 'name', message: '请填写企业名称' },
        { field: 'regionCode', message: '第 3 行', line: 3 },
      ],
    })
    expect(errors).toEqual({ creditCode: '统一社会信用代码无效', name: '请填写企业名称' })
  })

  it('copes with a problem without errors', () => {
    expect(fieldErrors({ status: 500 })).toEqual({})
    expect(fieldErrors(undefined)).toEqual({})
  })
})

describe('toProblem', () => {
  it('keeps problem bodies and wraps anything else', () => {
    expect(toProblem(400, { status: 400, detail: 'x' }).detail).toBe('x')
    expect(toProblem(502, '<html>bad gateway</html>')).toEqual({ status: 502, title: 'HTTP 502' })
  })
})
