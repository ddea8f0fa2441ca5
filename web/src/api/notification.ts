import { http, query } from './http'
import type { Page } from './enterprise'

/** A notice of the caller's inbox; title and body come in the language of the request. */
export interface Notice {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  createdAt: string
  readAt: string | null
}

export const getNotificationsApi = (filter: { unread?: boolean }, page: number, size: number) =>
  http.get<Page<Notice>>(`/api/notifications${query({ unread: filter.unread || undefined, page, size })}`)
export const getUnreadCountApi = () => http.get<{ count: number }>('/api/notifications/unread-count')
export const readNotificationApi = (id: number) => http.post<void>(`/api/notifications/${id}/read`)
export const readAllNotificationsApi = () => http.post<void>('/api/notifications/read-all')

/** Per target of a delivery campaign (see docs/api.md, Notifications); rates are null when nobody is in the group. */
export interface CoverageFigures {
  targeted: number
  sent: number
  delivered: number
  acknowledged: number
  reached: number
  failed: number
  pending: number
  unreachable: number
  publicTargeted: number
  publicReached: number
  /** 发布公众覆盖率 */
  publicCoverageRate: number | null
  dutyTargeted: number
  dutyAcknowledged: number
  /** 到岗到人率 */
  dutyAcknowledgementRate: number | null
}

export interface ChannelCoverage {
  regionCode: string
  channel: string
  targeted: number
  sent: number
  delivered: number
  failed: number
  acknowledged: number
}

export interface Coverage {
  source: string
  regionCode: string
  acknowledgementRequired: boolean
  createdAt: string
  total: CoverageFigures
  regions: { regionCode: string; figures: CoverageFigures }[]
  channels: ChannelCoverage[]
}

export interface DeliveryTask {
  id: number
  targetNo: number
  name: string
  regionCode: string
  group: string
  channel: string
  round: number
  status: string
  attempts: number
  lastError: string | null
  createdAt: string
  updatedAt: string
  sentAt: string | null
  deliveredAt: string | null
  failedAt: string | null
  acknowledgedAt: string | null
}

export interface TaskFilter {
  status?: string
  channel?: string
  region?: string
}

/** What the recipient of an acknowledgement link sees (no sign-in), in the request's language. */
export interface AckView {
  source: string
  title: string
  body: string
  recipient: string
  acknowledgementRequired: boolean
  acknowledged: boolean
  acknowledgedAt: string | null
  issuedAt: string
}

/** A campaign's address; its source keeps its colons (warning:12:staff), which a path segment allows. */
const campaign = (source: string) => `/api/notifications/campaigns/${encodeURIComponent(source).replace(/%3A/gi, ':')}`
/** `by` rolls the per-region figures up to counties, townships or (as stored) villages. */
export const getCoverageApi = (source: string, by?: 'county' | 'township' | 'village') =>
  http.get<Coverage>(`${campaign(source)}/coverage${by ? `?by=${by}` : ''}`)
export const getDeliveryTasksApi = (source: string, filter: TaskFilter, page: number, size: number) =>
  http.get<Page<DeliveryTask>>(`${campaign(source)}/tasks${query({ ...filter, page, size })}`)
/** The same tasks (same filters, newest change first) as an Excel file. */
export const exportDeliveryTasksUrl = (source: string, filter: TaskFilter) => `${campaign(source)}/tasks/export${query({ ...filter })}`
/** The signed-in user's own confirmation of a campaign they were a target of (404 otherwise). */
export interface MyAck {
  source: string
  acknowledged: boolean
  acknowledgedAt: string | null
}
export const getMyAckApi = (source: string) => http.get<MyAck>(`${campaign(source)}/ack`)
export const acknowledgeCampaignApi = (source: string) => http.post<{ source: string; targets: number }>(`${campaign(source)}/ack`)
export const getAckApi = (token: string) => http.get<AckView>(`/public/ack/${encodeURIComponent(token)}`)
export const acknowledgeApi = (token: string) => http.post<AckView>(`/public/ack/${encodeURIComponent(token)}`)
