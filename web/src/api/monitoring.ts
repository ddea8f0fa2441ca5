import { http, query } from './http'
import type { Page } from './enterprise'
import { rowsOf, type Columns } from '@/lib/mapLayer'

/** A monitoring device (监测设备) as the registry shows it. */
export interface Device {
  id: number
  code: string
  name: string
  type: string
  unit: string | null
  regionCode: string
  regionName: string
  industry: string | null
  enterpriseId: number | null
  enterpriseName: string | null
  hazardSourceId: number | null
  longitude: number
  latitude: number
  expectedIntervalSeconds: number
  streamUrl: string | null
  enabled: boolean
  hasKey: boolean
  lastSeenAt: string | null
  online: boolean
  openAlarms: number
  createdAt: string
}

/** What registering or changing a device sends; the server fills region, location, interval and unit from the enterprise and type. */
export interface DeviceDraft {
  code?: string
  name: string
  type: string
  unit?: string
  regionCode?: string
  enterpriseId?: number
  /** a major hazard source (重大危险源) of the device's enterprise that it watches */
  hazardSourceId?: number
  longitude?: number
  latitude?: number
  expectedIntervalSeconds?: number
  streamUrl?: string
  enabled?: boolean
}

/** A device on the one map. */
export interface DevicePoint {
  id: number
  code: string
  name: string
  type: string
  longitude: number
  latitude: number
  online: boolean
  openAlarms: number
}

/** An alarm as the list, the stream and the board show it. */
export interface Alarm {
  id: number
  deviceId: number
  deviceCode: string
  deviceName: string
  deviceType: string
  metric: string
  kind: string
  level: number
  status: string
  regionCode: string
  regionName: string
  industry: string | null
  enterpriseId: number | null
  enterpriseName: string | null
  threshold: number | null
  firstValue: number | null
  lastValue: number | null
  peakValue: number | null
  raisedAt: string
  lastBreachAt: string
  recoveredAt: string | null
  acknowledgedBy: string | null
  acknowledgedAt: string | null
  handledBy: string | null
  handledAt: string | null
  disposal: string | null
  clearedAt: string | null
  escalationLevel: number
  longitude: number
  latitude: number
  version: number
}

export interface AlarmHistory {
  action: string
  actor: string
  /** the person's name with their office (null for the public, the system or a removed account) */
  actorName?: string | null
  occurredAt: string
  comment: string | null
}

export interface TelemetryBucket {
  t: string
  min: number
  avg: number
  max: number
  count: number
}

export interface TelemetrySeries {
  deviceId: number
  metric: string
  from: string
  to: string
  bucketSeconds: number
  points: TelemetryBucket[]
}

export interface DeviceFilter {
  regionCode?: string
  type?: string
  enterpriseId?: number
  q?: string
  /** the server's sort key and direction, e.g. `lastSeenAt,desc` (see DeviceRegistry.SORT) */
  sort?: string
}

export interface AlarmFilter {
  regionCode?: string
  status?: string
  open?: boolean
  level?: number
  kind?: string
  deviceId?: number
  enterpriseId?: number
  /** e.g. `raisedAt,desc`; none: newest first */
  sort?: string
}

export const getDevicesApi = (filter: DeviceFilter, page: number, size: number) =>
  http.get<Page<Device>>(`/api/devices${query({ ...filter, page, size })}`)
export const exportDevicesUrl = (filter: DeviceFilter) => `/api/devices/export${query({ ...filter })}`
export const getDeviceApi = (id: number) => http.get<Device>(`/api/devices/${id}`)
export const registerDeviceApi = (draft: DeviceDraft) => http.post<{ device: Device; key: string }>('/api/devices', draft)
export const changeDeviceApi = (id: number, draft: DeviceDraft) => http.put<Device>(`/api/devices/${id}`, draft)
export const rotateDeviceKeyApi = (id: number) => http.post<{ key: string }>(`/api/devices/${id}/key`)
export const importDevicesApi = (file: File) => {
  const form = new FormData()
  form.append('file', file)
  return http.post<{ imported: number }>('/api/devices/import', form)
}
const DEVICE_POINT_FIELDS = ['id', 'code', 'name', 'type', 'longitude', 'latitude', 'online', 'openAlarms'] as const
/** The devices of the one map; the server sends them by column (lib/mapLayer). */
export const getDeviceMapApi = async (regionCode?: string): Promise<DevicePoint[]> =>
  rowsOf(await http.get<Columns<DevicePoint>>(`/api/devices/map${query({ regionCode })}`), DEVICE_POINT_FIELDS)
export const getTelemetryApi = (id: number, range: { metric?: string; from: string; to: string; points: number }) =>
  http.get<TelemetrySeries>(`/api/devices/${id}/telemetry${query(range)}`)

export const getAlarmsApi = (filter: AlarmFilter, page: number, size: number) =>
  http.get<Page<Alarm>>(`/api/alarms${query({ ...filter, page, size })}`)
/** The export of the alarm list for the same filter, in the same order (an Excel file). */
export const exportAlarmsUrl = (filter: AlarmFilter) => `/api/alarms/export${query({ ...filter })}`
export const getAlarmApi = (id: number) => http.get<{ alarm: Alarm; history: AlarmHistory[] }>(`/api/alarms/${id}`)
export const acknowledgeAlarmApi = (id: number, comment?: string) => http.post<Alarm>(`/api/alarms/${id}/acknowledge`, { comment })
export const handleAlarmApi = (id: number, disposal: string, comment?: string) => http.post<Alarm>(`/api/alarms/${id}/handle`, { disposal, comment })
/** Opens a hidden hazard from the alarm; the hazard module creates it a moment later (find it by alarmId). */
export const alarmToHazardApi = (id: number, body: { title?: string; description?: string }) => http.post<Alarm>(`/api/alarms/${id}/hazard`, body)
/** The live stream of alarm changes in the caller's scope (Server-Sent Events, event name `alarm`). */
export const ALARM_STREAM_URL = '/api/alarms/stream'
