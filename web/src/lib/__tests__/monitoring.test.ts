import { describe, expect, it } from 'vitest'
import {
  alarmActions, alarmCounts, alarmOrder, alarmPlaces, alarmQuery, boardOrder, chartData, importTemplateUrl, IMPORT_COLUMNS, matchesFilter, mergeAlarm,
  rangeOf, reading, sensorState, thresholdsOf,
} from '../monitoring'

const alarm = (id: number, over: Partial<{ status: string; level: number; kind: string; raisedAt: string; version: number; recoveredAt: string | null; longitude: number; latitude: number; threshold: number | null }> = {}) => ({
  id, status: 'RAISED', level: 1, kind: 'ABOVE', raisedAt: `2026-11-23T0${id % 10}:00:00Z`, version: 0, recoveredAt: null, longitude: 120.1, latitude: 30.3, threshold: 25, ...over,
})

describe('alarmActions', () => {
  const handler = ['monitoring:read', 'alarm:handle']

  it('offers 确认 and 处置 on a new alarm, only 处置 once acknowledged, neither once handled', () => {
    expect(alarmActions('RAISED', handler)).toEqual(['acknowledge', 'handle', 'hazard'])
    expect(alarmActions('ACKNOWLEDGED', handler)).toEqual(['handle', 'hazard'])
    expect(alarmActions('HANDLED', handler)).toEqual(['hazard'])
    expect(alarmActions('CLEARED', handler, true)).toEqual([])
  })

  it('offers 转为隐患 once per alarm', () => {
    expect(alarmActions('RAISED', handler, true)).toEqual(['acknowledge', 'handle'])
  })

  it('offers nothing to those who only read (a grid worker, an auditor)', () => {
    expect(alarmActions('RAISED', ['monitoring:read'])).toEqual([])
  })
})

describe('boardOrder', () => {
  it('puts unacknowledged first, then 二级 before 一级, readings before silent devices, then the newest', () => {
    const list = [
      alarm(1, { status: 'ACKNOWLEDGED', level: 2 }),
      alarm(2, { kind: 'OFFLINE' }),
      alarm(3),
      alarm(4, { level: 2 }),
      alarm(5),
    ]
    expect([...list].sort(boardOrder).map((a) => a.id)).toEqual([4, 5, 3, 2, 1])
  })
})

describe('matchesFilter and alarmQuery', () => {
  it('shows every state but 已消除 by default', () => {
    expect(matchesFilter(alarm(1, { status: 'HANDLED' }), { status: 'OPEN' })).toBe(true)
    expect(matchesFilter(alarm(1, { status: 'CLEARED' }), { status: 'OPEN' })).toBe(false)
    expect(matchesFilter(alarm(1, { status: 'CLEARED' }), { status: 'ALL' })).toBe(true)
    expect(matchesFilter(alarm(1, { status: 'RAISED' }), { status: 'ACKNOWLEDGED' })).toBe(false)
  })

  it('narrows by level and kind', () => {
    expect(matchesFilter(alarm(1, { level: 1 }), { status: 'OPEN', level: 2 })).toBe(false)
    expect(matchesFilter(alarm(1, { kind: 'OFFLINE' }), { status: 'OPEN', kind: 'ABOVE' })).toBe(false)
    expect(matchesFilter(alarm(1, { kind: 'ABOVE', level: 2 }), { status: 'OPEN', kind: 'ABOVE', level: 2 })).toBe(true)
  })

  it('asks the server for open alarms or one status, and leaves the kind to the page', () => {
    expect(alarmQuery({ status: 'OPEN', kind: 'ABOVE' })).toEqual({ open: true, status: undefined, level: undefined })
    expect(alarmQuery({ status: 'ALL', level: 2 })).toEqual({ open: undefined, status: undefined, level: 2 })
    expect(alarmQuery({ status: 'HANDLED' })).toEqual({ open: undefined, status: 'HANDLED', level: undefined })
  })
})

describe('alarmOrder', () => {
  const named = (id: number, deviceName: string, enterpriseName: string | null, over = {}) => ({ ...alarm(id, over), deviceName, enterpriseName, regionName: '拱墅区' })

  it('sorts by a chosen column either way, ties newest first', () => {
    const list = [named(1, 'B', null, { level: 1 }), named(2, 'A', null, { level: 2 }), named(3, 'C', null, { level: 2 })]
    expect([...list].sort(alarmOrder('level,asc')).map((a) => a.id)).toEqual([1, 3, 2])
    expect([...list].sort(alarmOrder('level,desc')).map((a) => a.id)).toEqual([3, 2, 1])
    expect([...list].sort(alarmOrder('device,asc')).map((a) => a.id)).toEqual([2, 1, 3])
    expect([...list].sort(alarmOrder('raisedAt,desc')).map((a) => a.id)).toEqual([3, 2, 1])
  })

  it('puts alarms without the value last, whichever the direction, as the server does', () => {
    const list = [named(1, 'A', null), named(2, 'B', '杭州某化工'), named(3, 'C', '杭州甲企业')]
    expect([...list].sort(alarmOrder('enterprise,asc')).at(-1)?.id).toBe(1)
    expect([...list].sort(alarmOrder('enterprise,desc')).at(-1)?.id).toBe(1)
  })

  it('keeps the board order without a sort or for one it does not know', () => {
    expect(alarmOrder(undefined)).toBe(boardOrder)
    expect(alarmOrder('nonsense,asc')).toBe(boardOrder)
  })

  it('places an alarm from the stream by the chosen order', () => {
    const list = [named(1, 'A', null), named(3, 'C', null)]
    const { list: merged } = mergeAlarm(list, named(2, 'B', null), { status: 'OPEN' }, alarmOrder('device,asc'))
    expect(merged.map((a) => a.id)).toEqual([1, 2, 3])
  })
})

describe('mergeAlarm', () => {
  const open = { status: 'OPEN' }

  it('adds a new alarm in its place', () => {
    const { list, outcome } = mergeAlarm([alarm(1, { status: 'ACKNOWLEDGED' })], alarm(2), open)
    expect(outcome).toBe('new')
    expect(list.map((a) => a.id)).toEqual([2, 1])
  })

  it('replaces a known alarm with its newer version and reorders', () => {
    const { list, outcome } = mergeAlarm([alarm(1), alarm(2)], alarm(2, { status: 'ACKNOWLEDGED', version: 1 }), open)
    expect(outcome).toBe('changed')
    expect(list.map((a) => [a.id, a.status])).toEqual([[1, 'RAISED'], [2, 'ACKNOWLEDGED']])
  })

  it('never lets an older version (a late event after a reload) replace a newer one', () => {
    const { list, outcome } = mergeAlarm([alarm(1, { status: 'HANDLED', version: 3 })], alarm(1, { version: 1 }), open)
    expect(outcome).toBe('stale')
    expect(list[0].status).toBe('HANDLED')
  })

  it('takes the same version again (a reconnect repeats it) without duplicating it', () => {
    const { list } = mergeAlarm([alarm(1, { version: 2 })], alarm(1, { version: 2 }), open)
    expect(list).toHaveLength(1)
  })

  it('drops an alarm that no longer matches (cleared while the board shows open ones) and ignores one that never did', () => {
    expect(mergeAlarm([alarm(1)], alarm(1, { status: 'CLEARED', version: 4 }), open)).toEqual({ list: [], outcome: 'left' })
    expect(mergeAlarm([], alarm(9, { level: 1 }), { status: 'OPEN', level: 2 }).outcome).toBe('ignored')
  })
})

describe('alarmCounts', () => {
  it('counts the open alarms by state and the 二级 ones', () => {
    const counts = alarmCounts([alarm(1), alarm(2, { level: 2 }), alarm(3, { status: 'ACKNOWLEDGED' }), alarm(4, { status: 'HANDLED' }), alarm(5, { status: 'CLEARED', level: 2 })])
    expect(counts).toEqual({ raised: 2, acknowledged: 1, handled: 1, severe: 1 })
  })
})

describe('reading', () => {
  it('shows up to three decimals and the unit, a dash for nothing', () => {
    expect(reading(31.2, '%LEL')).toBe('31.2 %LEL')
    expect(reading(1.23456, 'MPa')).toBe('1.235 MPa')
    expect(reading(40, '')).toBe('40')
    expect(reading(null, '%')).toBe('—')
  })
})

describe('rangeOf', () => {
  it('ends now and reaches back the chosen span', () => {
    const now = new Date('2026-11-23T08:00:00Z')
    expect(rangeOf('6h', now)).toEqual({ from: '2026-11-23T02:00:00.000Z', to: '2026-11-23T08:00:00.000Z', points: 180 })
    expect(rangeOf('7d', now).from).toBe('2026-11-16T08:00:00.000Z')
  })
})

describe('chartData', () => {
  const bucket = (t: string, min: number, avg: number, max: number) => ({ t, min, avg, max })

  it('stacks the band (max − min) on the minimum and keeps the average line', () => {
    const data = chartData([bucket('2026-11-23T00:00:00Z', 2, 3, 5)], 120)
    const t = Date.parse('2026-11-23T00:00:00Z')
    expect(data).toEqual({ min: [[t, 2]], band: [[t, 3]], avg: [[t, 3]], max: [[t, 5]] })
  })

  it('breaks the lines where the device was silent, but draws through a missed reading or two', () => {
    const points = [bucket('2026-11-23T00:00:00Z', 1, 1, 1), bucket('2026-11-23T00:10:00Z', 1, 1, 1), bucket('2026-11-23T01:00:00Z', 2, 2, 2)]
    const data = chartData(points, 120, 30)
    expect(data.avg.map(([, v]) => v)).toEqual([1, 1, null, 2])
    expect(data.avg[2][0]).toBe(Date.parse('2026-11-23T00:12:00Z'))
  })

  it('counts a slow device\'s silence in its own intervals', () => {
    const points = [bucket('2026-11-23T00:00:00Z', 1, 1, 1), bucket('2026-11-23T00:40:00Z', 1, 1, 1)]
    expect(chartData(points, 60, 900).avg).toHaveLength(2)
    expect(chartData(points, 60, 300).avg).toHaveLength(3)
  })
})

describe('thresholdsOf', () => {
  it('takes the latest threshold per kind and level, skipping offline and rate alarms', () => {
    const lines = thresholdsOf([
      { id: 1, kind: 'ABOVE', level: 1, threshold: 20 },
      { id: 2, kind: 'ABOVE', level: 1, threshold: 25 },
      { id: 3, kind: 'ABOVE', level: 2, threshold: 50 },
      { id: 4, kind: 'OFFLINE', level: 1, threshold: null },
      { id: 5, kind: 'RATE', level: 1, threshold: 0.5 },
    ])
    expect(lines).toEqual([{ kind: 'ABOVE', level: 1, value: 25 }, { kind: 'ABOVE', level: 2, value: 50 }])
  })
})

describe('sensorState', () => {
  it('is red with open alarms whatever else, then green online, grey offline', () => {
    expect(sensorState({ online: true, openAlarms: 1 })).toBe('ALARM')
    expect(sensorState({ online: false, openAlarms: 2 })).toBe('ALARM')
    expect(sensorState({ online: true, openAlarms: 0 })).toBe('ONLINE')
    expect(sensorState({ online: false, openAlarms: 0 })).toBe('OFFLINE')
  })
})

describe('alarmPlaces', () => {
  it('puts the open alarms of one place under one marker with the highest level, pulsing while any is new', () => {
    const places = alarmPlaces([
      alarm(1, { status: 'ACKNOWLEDGED' }),
      alarm(2, { level: 2, status: 'ACKNOWLEDGED' }),
      alarm(3, { longitude: 120.2, status: 'HANDLED' }),
      alarm(4, { longitude: 120.2, status: 'CLEARED', level: 2 }),
    ])
    expect(places).toHaveLength(2)
    expect(places[0]).toMatchObject({ level: 2, raised: false })
    expect(places[0].alarms.map((a) => a.id)).toEqual([2, 1])
    expect(places[1]).toMatchObject({ level: 1, raised: false })
    expect(places[1].alarms.map((a) => a.id)).toEqual([3])
    expect(alarmPlaces([alarm(5), alarm(6, { status: 'ACKNOWLEDGED' })])[0].raised).toBe(true)
  })
})

describe('importTemplateUrl', () => {
  it('is a UTF-8 CSV with the server\'s header, a byte-order mark and the example', () => {
    const url = importTemplateUrl('A,b')
    expect(url.startsWith('data:text/csv;charset=utf-8,')).toBe(true)
    const text = decodeURIComponent(url.substring(url.indexOf(',') + 1))
    expect(text).toBe(`\uFEFF${IMPORT_COLUMNS.join(',')}\r\nA,b\r\n`)
    expect(IMPORT_COLUMNS.join(',')).toBe('code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl')
  })
})
