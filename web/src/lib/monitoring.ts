/**
 * Devices, alarms and readings as the monitoring pages show them: the server's vocabularies, the
 * board's order and filters, how a change from the live stream joins a list, and the chart's data.
 */

/** The server's device types (DeviceType), in the order the filters list them. */
export const DEVICE_TYPES = ['COMBUSTIBLE_GAS', 'TOXIC_GAS', 'WATER_LEVEL', 'RAINFALL', 'PRESSURE', 'TEMPERATURE', 'TANK_LEVEL', 'STRAIN', 'VIDEO'] as const

/** Each type's unit when the device names none (mirrors DeviceType on the server). */
export const DEVICE_UNITS: Record<string, string> = {
  COMBUSTIBLE_GAS: '%LEL',
  TOXIC_GAS: 'ppm',
  WATER_LEVEL: 'm',
  RAINFALL: 'mm/h',
  PRESSURE: 'MPa',
  TEMPERATURE: '℃',
  TANK_LEVEL: '%',
  STRAIN: 'με',
}

export const ALARM_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'HANDLED', 'CLEARED'] as const
export const ALARM_KINDS = ['ABOVE', 'BELOW', 'RATE', 'OFFLINE'] as const
export const ALARM_LEVELS = [2, 1] as const

interface AlarmLike {
  id: number
  status: string
  level: number
  kind: string
  raisedAt: string
  version: number
}

/** An alarm stays open (on the board, on the map) until it is cleared: handled and back to normal. */
export function isOpen(alarm: { status: string }): boolean {
  return alarm.status !== 'CLEARED'
}

/**
 * The steps a user may take on an alarm now, mirroring the server's rules (it still decides, 409
 * otherwise): 确认 a new alarm; 处置 one not yet handled; 转为隐患 once per alarm, in any state.
 */
export function alarmActions(status: string, permissions: readonly string[], hazardOpened = false): string[] {
  if (!permissions.includes('alarm:handle')) {
    return []
  }
  const actions: string[] = []
  if (status === 'RAISED') actions.push('acknowledge')
  if (status === 'RAISED' || status === 'ACKNOWLEDGED') actions.push('handle')
  if (!hazardOpened) actions.push('hazard')
  return actions
}

const STATUS_RANK: Record<string, number> = { RAISED: 0, ACKNOWLEDGED: 1, HANDLED: 2, CLEARED: 3 }

/**
 * The board's order, most urgent first: those nobody has acknowledged, then the higher level (二级
 * before 一级: GB/T 50493's second threshold is the more dangerous), then a reading out of bounds
 * before a silent device, then the newest.
 */
export function boardOrder(a: AlarmLike, b: AlarmLike): number {
  return (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) || b.level - a.level
    || Number(a.kind === 'OFFLINE') - Number(b.kind === 'OFFLINE')
    || Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.id - a.id
}

/** What a chosen sort compares on the board, matching the server's sort keys of the alarm list. */
interface SortableAlarm extends AlarmLike {
  deviceName?: string
  enterpriseName?: string | null
  regionName?: string
}

const SORT_KEYS: Record<string, (a: SortableAlarm) => string | number | null> = {
  raisedAt: (a) => Date.parse(a.raisedAt),
  level: (a) => a.level,
  status: (a) => STATUS_RANK[a.status] ?? 9,
  kind: (a) => a.kind,
  device: (a) => a.deviceName ?? null,
  enterprise: (a) => a.enterpriseName ?? null,
  region: (a) => a.regionName ?? null,
}

/**
 * The board's order for a `sort` parameter (`level,desc`): the server sorts what it sends, and an
 * alarm arriving on the stream goes where the same order puts it (empty values last, then newest
 * first, as the server breaks ties). No sort, or one the board does not know: {@link boardOrder}.
 */
export function alarmOrder(sort: string | undefined): (a: SortableAlarm, b: SortableAlarm) => number {
  const [key, direction] = (sort ?? '').split(',')
  const value = SORT_KEYS[key]
  if (!value) return boardOrder
  const sign = direction === 'desc' ? -1 : 1
  return (a, b) => {
    const x = value(a)
    const y = value(b)
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1
    } else if (x !== y) {
      const compared = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN')
      if (compared !== 0) return sign * compared
    }
    return b.id - a.id
  }
}

/** What the board shows: `OPEN` (the default) is every state but 已消除; `ALL` is everything. */
export interface BoardFilter {
  status: string
  level?: number
  kind?: string
}

export function matchesFilter(alarm: AlarmLike, filter: BoardFilter): boolean {
  if (filter.status === 'OPEN' ? !isOpen(alarm) : filter.status !== 'ALL' && alarm.status !== filter.status) return false
  if (filter.level && alarm.level !== filter.level) return false
  if (filter.kind && alarm.kind !== filter.kind) return false
  return true
}

/** The list's query for a board filter (kind is not a server filter: it narrows what came). */
export function alarmQuery(filter: BoardFilter): { open?: boolean; status?: string; level?: number } {
  return {
    open: filter.status === 'OPEN' || undefined,
    status: filter.status === 'OPEN' || filter.status === 'ALL' ? undefined : filter.status,
    level: filter.level || undefined,
  }
}

/** How a change from the stream affects a list: `new` (not there before), `changed`, `stale` (an older version) or `left` (no longer matches). */
export type Merge = 'new' | 'changed' | 'stale' | 'left' | 'ignored'

/**
 * Takes an alarm from the stream into the list in the board's order. The stream may repeat a
 * version the list already has (a reconnect, a reload racing an event); an older one never
 * replaces a newer.
 */
export function mergeAlarm<T extends AlarmLike>(
  list: readonly T[], incoming: T, filter: BoardFilter, order: (a: T, b: T) => number = boardOrder,
): { list: T[]; outcome: Merge } {
  const index = list.findIndex((a) => a.id === incoming.id)
  if (index >= 0 && list[index].version > incoming.version) {
    return { list: [...list], outcome: 'stale' }
  }
  const matches = matchesFilter(incoming, filter)
  if (index < 0) {
    return matches ? { list: [...list, incoming].sort(order), outcome: 'new' } : { list: [...list], outcome: 'ignored' }
  }
  const rest = list.filter((a) => a.id !== incoming.id)
  return matches ? { list: [...rest, incoming].sort(order), outcome: 'changed' } : { list: rest, outcome: 'left' }
}

/** Open alarms counted by state for the board's header. */
export function alarmCounts(alarms: readonly AlarmLike[]): { raised: number; acknowledged: number; handled: number; severe: number } {
  const open = alarms.filter(isOpen)
  return {
    raised: open.filter((a) => a.status === 'RAISED').length,
    acknowledged: open.filter((a) => a.status === 'ACKNOWLEDGED').length,
    handled: open.filter((a) => a.status === 'HANDLED').length,
    severe: open.filter((a) => a.level === 2).length,
  }
}

/** Element Plus tag types: 二级 red (danger), 一级 orange (warning). */
export function levelTagType(level: number): 'danger' | 'warning' {
  return level >= 2 ? 'danger' : 'warning'
}

export function statusTagType(status: string): 'danger' | 'warning' | 'primary' | 'info' {
  return status === 'RAISED' ? 'danger' : status === 'ACKNOWLEDGED' ? 'warning' : status === 'HANDLED' ? 'primary' : 'info'
}

/** A reading with its unit, as few decimals as it has (up to three). */
export function reading(value: number | null | undefined, unit: string | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  const text = String(Math.round(value * 1000) / 1000)
  return unit ? `${text} ${unit}` : text
}

/** The chart's time ranges. */
export const RANGES = { '6h': 6 * 3600_000, '24h': 24 * 3600_000, '7d': 7 * 86400_000 } as const
export type RangeChoice = keyof typeof RANGES

/** About one bucket per pixel column of a phone-wide chart, whatever the range. */
export const CHART_POINTS = 180

export function rangeOf(choice: RangeChoice, now: Date = new Date()): { from: string; to: string; points: number } {
  return { from: new Date(now.getTime() - RANGES[choice]).toISOString(), to: now.toISOString(), points: CHART_POINTS }
}

interface Bucket {
  t: string
  min: number
  avg: number
  max: number
}

/** A silence shorter than this is drawn through: a missed reading or two is not an outage. */
const MIN_GAP_SECONDS = 15 * 60

/**
 * The chart's series: the lower edge of the band (min), the band's height (max − min, stacked on
 * min), the average line, and the max for the tooltip. Where the device was silent for three of its
 * reporting intervals (or three buckets, and at least a quarter of an hour) the lines break instead
 * of drawing a straight line across the silence.
 */
export function chartData(points: readonly Bucket[], bucketSeconds: number, intervalSeconds = 0): {
  min: [number, number | null][]
  band: [number, number | null][]
  avg: [number, number | null][]
  max: [number, number | null][]
} {
  const result = { min: [] as [number, number | null][], band: [] as [number, number | null][], avg: [] as [number, number | null][], max: [] as [number, number | null][] }
  const gap = Math.max(3 * bucketSeconds, 3 * intervalSeconds, MIN_GAP_SECONDS) * 1000
  let previous: number | undefined
  for (const point of points) {
    const t = Date.parse(point.t)
    if (previous !== undefined && t - previous > gap) {
      const silent = previous + bucketSeconds * 1000
      result.min.push([silent, null])
      result.band.push([silent, null])
      result.avg.push([silent, null])
      result.max.push([silent, null])
    }
    result.min.push([t, point.min])
    result.band.push([t, point.max - point.min])
    result.avg.push([t, point.avg])
    result.max.push([t, point.max])
    previous = t
  }
  return result
}

/** The alarm thresholds a device's alarms name (one per kind and level, the latest), for lines on its chart. */
export function thresholdsOf(alarms: readonly { kind: string; level: number; threshold: number | null; id: number }[]): { kind: string; level: number; value: number }[] {
  const seen = new Map<string, { kind: string; level: number; value: number }>()
  for (const alarm of [...alarms].sort((a, b) => b.id - a.id)) {
    if ((alarm.kind === 'ABOVE' || alarm.kind === 'BELOW') && alarm.threshold !== null && !seen.has(`${alarm.kind}${alarm.level}`)) {
      seen.set(`${alarm.kind}${alarm.level}`, { kind: alarm.kind, level: alarm.level, value: alarm.threshold })
    }
  }
  return [...seen.values()].sort((a, b) => a.level - b.level)
}

/** How a device looks on the one map: red with open alarms, else green online or grey offline. */
export type SensorState = 'ALARM' | 'ONLINE' | 'OFFLINE'

export const SENSOR_COLOURS: Record<SensorState, string> = {
  ALARM: '#d32f2f',
  ONLINE: '#2e7d32',
  OFFLINE: '#9e9e9e',
}

export function sensorState(point: { online: boolean; openAlarms: number }): SensorState {
  return point.openAlarms > 0 ? 'ALARM' : point.online ? 'ONLINE' : 'OFFLINE'
}

/** Alarm markers: 二级 red, 一级 orange. */
export const ALARM_COLOURS: Record<number, string> = { 1: '#ef6c00', 2: '#c62828' }

interface PlacedAlarm extends AlarmLike {
  longitude: number
  latitude: number
}

/** Open alarms at one spot (a plant's detectors share its location), the most urgent first. */
export interface AlarmPlace<T extends PlacedAlarm> {
  latitude: number
  longitude: number
  level: number
  raised: boolean
  alarms: T[]
}

/** One marker per place, coloured by its highest level and pulsing while any is unacknowledged. */
export function alarmPlaces<T extends PlacedAlarm>(alarms: readonly T[]): AlarmPlace<T>[] {
  const byPlace = new Map<string, T[]>()
  for (const alarm of alarms.filter(isOpen)) {
    const key = `${alarm.latitude.toFixed(6)},${alarm.longitude.toFixed(6)}`
    byPlace.set(key, [...(byPlace.get(key) ?? []), alarm])
  }
  return [...byPlace.values()].map((here) => {
    const sorted = [...here].sort(boardOrder)
    return {
      latitude: sorted[0].latitude,
      longitude: sorted[0].longitude,
      level: Math.max(...sorted.map((a) => a.level)),
      raised: sorted.some((a) => a.status === 'RAISED'),
      alarms: sorted,
    }
  })
}

/** The device import's columns, in the order the server requires. */
export const IMPORT_COLUMNS = ['code', 'name', 'type', 'enterpriseId', 'regionCode', 'longitude', 'latitude', 'expectedIntervalSeconds', 'unit', 'streamUrl'] as const

/**
 * A template for the device import, made here (the server has none): the header and one example
 * line of a public facility, as a data: URL with a byte-order mark so spreadsheet programs read it as
 * UTF-8 (the server drops the mark).
 */
export function importTemplateUrl(example: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${IMPORT_COLUMNS.join(',')}\r\n${example}\r\n`)}`
}
