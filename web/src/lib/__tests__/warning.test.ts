import { describe, expect, it } from 'vitest'
import type { Warning } from '@/api/warning'
import {
  areaErrors, circleText, emptyForm, fromShanghaiInput, fromWarning, levelColours, LEVEL_COLOURS, otherErrors, parseCircle,
  parsePolygon, parseReference, polygonText, toRequest, toShanghaiInput, warningActions, WARNING_LEVELS,
} from '../warning'

function stored(overrides: Partial<Warning> = {}): Warning {
  return {
    id: 7, identifier: 'YJ-330105001-20261123-000007', sender: '330105001@yingji.example', sent: null, origin: 'LOCAL', state: 'DRAFT',
    active: false, status: 'Actual', msgType: 'Alert', scope: 'Public', restriction: null, addresses: [], note: null, references: [],
    predecessorId: null, level: 'ORANGE', category: 'Met', event: '暴雨', responseType: 'Prepare', urgency: 'Expected', severity: 'Severe',
    certainty: 'Likely', headline: '米市巷街道暴雨橙色预警', description: '预计未来 6 小时降雨量 80 毫米以上', instruction: '远离低洼地带',
    effective: '2026-11-23T06:00:00Z', onset: null, expires: '2026-11-23T12:00:00Z', senderName: '米市巷街道应急管理站', web: null,
    contact: '0571-12350', language: 'zh-CN', regionCode: '330105001', draftedBy: '米市巷街道值班员', approvedBy: null, rejectReason: null,
    createdAt: '2026-11-23T05:00:00Z', updatedAt: '2026-11-23T05:00:00Z', version: 3,
    areas: [
      { kind: 'REGION', areaDesc: '浙江省杭州市拱墅区米市巷街道', regionCode: '330105001', zoneId: null, polygons: [], circle: null },
      { kind: 'POLYGON', areaDesc: '运河沿岸低洼区', regionCode: null, zoneId: null, polygons: ['30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14'], circle: null },
      { kind: 'CIRCLE', areaDesc: '街道办周边', regionCode: null, zoneId: null, polygons: [], circle: '30.29,120.16 1.5' },
      { kind: 'ZONE', areaDesc: '洪涝风险区划 一号区', regionCode: null, zoneId: 12, polygons: ['30.3,120.1 30.3,120.2 30.4,120.2 30.3,120.1'], circle: null },
    ],
    ...overrides,
  }
}

describe('levels', () => {
  it('are red, orange, yellow and blue from the highest, each with a readable text colour', () => {
    expect(WARNING_LEVELS).toEqual(['RED', 'ORANGE', 'YELLOW', 'BLUE'])
    expect(levelColours('RED').background).toBe(LEVEL_COLOURS.RED.background)
    expect(levelColours('YELLOW').text).not.toBe('#ffffff')
    expect(levelColours('BLUE').text).toBe('#ffffff')
  })

  it('are grey for an import whose severity named no level', () => {
    expect(levelColours(null).background).toBe('#757575')
    expect(levelColours('PURPLE').background).toBe('#757575')
  })
})

describe('Beijing time fields', () => {
  it('send the wall-clock time with the +08:00 offset, whatever the browser zone', () => {
    expect(fromShanghaiInput('2026-11-23 14:05')).toBe('2026-11-23T14:05:00+08:00')
    expect(fromShanghaiInput('2026-11-23T14:05:30')).toBe('2026-11-23T14:05:30+08:00')
    expect(fromShanghaiInput('')).toBeNull()
    expect(fromShanghaiInput(null)).toBeNull()
  })

  it('show an instant of the server in Beijing time', () => {
    expect(toShanghaiInput('2026-11-23T06:05:00Z')).toBe('2026-11-23 14:05')
    expect(toShanghaiInput('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30')
    expect(toShanghaiInput(null)).toBe('')
  })

  it('start a new warning now and end it six hours later', () => {
    const form = emptyForm('拱墅区应急管理局', new Date('2026-11-23T06:00:00Z'))
    expect(form.effective).toBe('2026-11-23 14:00')
    expect(form.expires).toBe('2026-11-23 20:00')
    expect(form.senderName).toBe('拱墅区应急管理局')
  })
})

describe('drawing as CAP geometry', () => {
  const square = [{ lat: 30.31, lng: 120.14 }, { lat: 30.31, lng: 120.16 }, { lat: 30.33, lng: 120.16 }]

  it('closes a clicked polygon by repeating its first vertex, latitude first', () => {
    expect(polygonText(square)).toBe('30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14')
  })

  it('does not close twice a ring the user closed by clicking the first vertex again', () => {
    expect(polygonText([...square, square[0]])).toBe('30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14')
  })

  it('ignores a double click and rounds to six decimals (about 0.1 m)', () => {
    const clicked = [{ lat: 30.123456789, lng: 120.1 }, { lat: 30.123456789, lng: 120.1 }, { lat: 30.2, lng: 120.2 }, { lat: 30.3, lng: 120.1 }]
    expect(polygonText(clicked)).toBe('30.123457,120.1 30.2,120.2 30.3,120.1 30.123457,120.1')
  })

  it('makes no polygon of fewer than three different vertices', () => {
    expect(polygonText(square.slice(0, 2))).toBeNull()
    expect(polygonText([square[0], square[1], square[0]])).toBeNull()
    expect(polygonText([])).toBeNull()
  })

  it('writes a circle as centre and radius in kilometres', () => {
    expect(circleText({ lat: 30.29, lng: 120.16 }, 1.5)).toBe('30.29,120.16 1.5')
    expect(circleText({ lat: 30.29, lng: 120.16 }, 0)).toBeNull()
    expect(circleText(null, 2)).toBeNull()
  })

  it('reads CAP texts back for the map', () => {
    expect(parsePolygon('30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14')).toHaveLength(4)
    expect(parsePolygon('30.31,120.14 nonsense')).toEqual([])
    expect(parseCircle('30.29,120.16 1.5')).toEqual({ centre: { lat: 30.29, lng: 120.16 }, radiusKm: 1.5 })
    expect(parseCircle('30.29 120.16')).toBeNull()
  })
})

describe('the compose form', () => {
  it('sends each area with only its kind fields, trimmed texts and empty ones as null', () => {
    const form = emptyForm('', new Date('2026-11-23T06:00:00Z'))
    Object.assign(form, { level: 'YELLOW', event: ' 大风 ', headline: ' 大风黄色预警 ', description: '阵风 9 级', instruction: '  ', web: '' })
    form.areas = [
      { kind: 'REGION', regionCode: '330105001', label: '米市巷街道' },
      { kind: 'POLYGON', polygon: '30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14', areaDesc: ' 低洼区 ' },
      { kind: 'CIRCLE', circle: '30.29,120.16 1.5', areaDesc: '' },
      { kind: 'ZONE', zoneId: 12, label: '一号区', polygons: ['x'] },
    ]
    const body = toRequest(form)
    expect(body).toMatchObject({
      level: 'YELLOW', status: 'Actual', scope: 'Public', event: '大风', headline: '大风黄色预警', instruction: null, web: null,
      restriction: null, addresses: null, effective: '2026-11-23T14:00:00+08:00', expires: '2026-11-23T20:00:00+08:00', onset: null,
    })
    expect(body.areas).toEqual([
      { kind: 'REGION', regionCode: '330105001' },
      { kind: 'POLYGON', polygon: '30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14', areaDesc: '低洼区' },
      { kind: 'CIRCLE', circle: '30.29,120.16 1.5', areaDesc: undefined },
      { kind: 'ZONE', zoneId: 12 },
    ])
    expect(body).not.toHaveProperty('version')
  })

  it('sends the restriction only for Restricted and the addresses, one per line, only for Private', () => {
    const form = emptyForm()
    Object.assign(form, { scope: 'Restricted', restriction: '各街道值班室', addresses: 'a@x' })
    expect(toRequest(form)).toMatchObject({ restriction: '各街道值班室', addresses: null })
    Object.assign(form, { scope: 'Private', addresses: 'duty@gongshu\n\n  leader@gongshu  ' })
    expect(toRequest(form)).toMatchObject({ restriction: null, addresses: ['duty@gongshu', 'leader@gongshu'] })
  })

  it('edits a draft with its version, and prefills an Update without one', () => {
    const edit = fromWarning(stored())
    expect(edit.version).toBe(3)
    expect(edit.effective).toBe('2026-11-23 14:00')
    expect(edit.areas.map((a) => a.kind)).toEqual(['REGION', 'POLYGON', 'CIRCLE', 'ZONE'])
    expect(toRequest(edit).areas[1]).toEqual({ kind: 'POLYGON', polygon: '30.31,120.14 30.31,120.16 30.33,120.16 30.31,120.14', areaDesc: '运河沿岸低洼区' })
    expect(toRequest(edit).version).toBe(3)
    expect(fromWarning(stored(), true).version).toBeUndefined()
  })
})

describe('server messages', () => {
  const errors = { headline: '请填写预警标题', 'areas[1].polygon': '多边形须闭合', 'areas[1].areaDesc': '请填写区域名称', 'areas[10].circle': '半径', 'addresses[0]': 'x', weird: '?' }

  it('go to their area, not to an area whose number starts the same', () => {
    expect(areaErrors(errors, 1)).toEqual(['多边形须闭合', '请填写区域名称'])
    expect(areaErrors(errors, 0)).toEqual([])
  })

  it('about fields the form does not show are listed rather than lost', () => {
    expect(otherErrors(errors, ['headline'])).toEqual(['weird: ?'])
  })
})

describe('steps', () => {
  const drafter = ['warning:read', 'warning:draft']
  const bureau = ['warning:read', 'warning:draft', 'warning:approve']

  it('let the drafter edit, submit or discard a draft or a rejected warning', () => {
    expect(warningActions(stored(), drafter, '米市巷街道值班员')).toEqual(['edit', 'submit', 'discard'])
    expect(warningActions(stored({ state: 'REJECTED' }), drafter)).toEqual(['edit', 'submit', 'discard'])
    expect(warningActions(stored(), ['warning:read'])).toEqual([])
  })

  it('let another approver approve or reject a submitted warning, never its drafter (four eyes)', () => {
    expect(warningActions(stored({ state: 'SUBMITTED' }), bureau, '拱墅区应急管理局')).toEqual(['approve', 'reject'])
    expect(warningActions(stored({ state: 'SUBMITTED' }), bureau, '米市巷街道值班员')).toEqual([])
    expect(warningActions(stored({ state: 'SUBMITTED' }), drafter, '拱墅区应急管理局')).toEqual([])
  })

  it('offer update and cancel only for a warning in force', () => {
    expect(warningActions(stored({ state: 'PUBLISHED', active: true }), bureau)).toEqual(['update', 'cancel'])
    expect(warningActions(stored({ state: 'PUBLISHED', active: true }), drafter)).toEqual(['update'])
    expect(warningActions(stored({ state: 'PUBLISHED', active: false }), bureau)).toEqual([])
    expect(warningActions(stored({ state: 'PUBLISHED', active: true, msgType: 'Cancel' }), bureau)).toEqual([])
    expect(warningActions(stored({ state: 'UPDATED' }), bureau)).toEqual([])
  })

  it('offer nothing on an imported warning', () => {
    expect(warningActions(stored({ state: 'RECEIVED', origin: 'EXTERNAL' }), bureau)).toEqual([])
  })
})

describe('references', () => {
  it('read sender, identifier and sent of a CAP reference', () => {
    expect(parseReference('330105@yingji.example,YJ-330105-20261123-000001,2026-11-23T14:05:00+08:00')).toEqual({
      sender: '330105@yingji.example', identifier: 'YJ-330105-20261123-000001', sent: '2026-11-23T14:05:00+08:00',
    })
  })
})
