import { http, query, requestHeaders } from './http'
import type { Page } from './enterprise'
import { ProblemError, toProblem } from '@/lib/problem'

/** One area as the server stores it: region, polygon, circle or risk zone, with its CAP texts. */
export interface WarningAreaView {
  kind: 'REGION' | 'POLYGON' | 'CIRCLE' | 'ZONE'
  areaDesc: string
  regionCode: string | null
  zoneId: number | null
  /** CAP polygon texts "lat,lon lat,lon …" (a polygon has one, a zone one per ring) */
  polygons: string[]
  /** CAP circle text "lat,lon radius-km" */
  circle: string | null
}

export interface Warning {
  id: number
  identifier: string
  sender: string
  sent: string | null
  origin: 'LOCAL' | 'EXTERNAL'
  state: string
  active: boolean
  status: string
  msgType: string
  scope: string
  restriction: string | null
  addresses: string[]
  note: string | null
  references: string[]
  predecessorId: number | null
  level: string | null
  category: string
  event: string
  responseType: string | null
  urgency: string
  severity: string
  certainty: string
  headline: string | null
  description: string | null
  instruction: string | null
  effective: string | null
  onset: string | null
  expires: string | null
  senderName: string | null
  web: string | null
  contact: string | null
  language: string
  regionCode: string
  draftedBy: string | null
  approvedBy: string | null
  rejectReason: string | null
  createdAt: string
  updatedAt: string
  version: number
  areas: WarningAreaView[]
}

export interface WarningHistory {
  action: string
  fromState: string | null
  toState: string
  actor: string
  /** the person's name with their office (null for the public, the system or a removed account) */
  actorName?: string | null
  occurredAt: string
  comment: string | null
}

/** An area as the drafter sends it (see docs/api.md). */
export interface DraftArea {
  kind: 'REGION' | 'POLYGON' | 'CIRCLE' | 'ZONE'
  regionCode?: string
  polygon?: string
  circle?: string
  zoneId?: number
  areaDesc?: string
}

/** The body of drafting, editing and updating. Times carry the +08:00 offset. */
export interface WarningDraftBody {
  level: string
  status: string
  scope: string
  restriction: string | null
  addresses: string[] | null
  category: string
  event: string
  responseType: string | null
  urgency: string
  certainty: string
  headline: string
  description: string
  instruction: string | null
  effective: string | null
  onset: string | null
  expires: string | null
  senderName: string | null
  web: string | null
  contact: string | null
  areas: DraftArea[]
  version?: number
}

export interface WarningFilter {
  /** the server's sort key and direction, e.g. `level,asc` (see WarningRepository.SORT) */
  sort?: string
  state?: string
  status?: string
  level?: string
  msgType?: string
  regionCode?: string
  active?: boolean
}

/** A warning on the public page: no staff names, no workflow. */
export interface PublicWarning {
  identifier: string
  sent: string
  msgType: string
  state: string
  active: boolean
  level: string | null
  severity: string
  urgency: string
  certainty: string
  category: string
  event: string
  headline: string | null
  description: string | null
  instruction: string | null
  effective: string | null
  onset: string | null
  expires: string | null
  senderName: string | null
  web: string | null
  contact: string | null
  note: string | null
  areas: WarningAreaView[]
  capUrl: string
}

export const getWarningsApi = (filter: WarningFilter, page: number, size: number) =>
  http.get<Page<Warning>>(`/api/warnings${query({ ...filter, page, size })}`)
export const exportWarningsUrl = (filter: WarningFilter) => `/api/warnings/export${query({ ...filter })}`
export const getWarningApi = (id: number) => http.get<{ warning: Warning; history: WarningHistory[] }>(`/api/warnings/${id}`)
export const draftWarningApi = (body: WarningDraftBody) => http.post<Warning>('/api/warnings', body)
export const editWarningApi = (id: number, body: WarningDraftBody) => http.put<Warning>(`/api/warnings/${id}`, body)
export const discardWarningApi = (id: number) => http.delete<void>(`/api/warnings/${id}`)
export const submitWarningApi = (id: number, version?: number) => http.post<Warning>(`/api/warnings/${id}/submit`, { version })
export const approveWarningApi = (id: number, version?: number) => http.post<Warning>(`/api/warnings/${id}/approve`, { version })
export const rejectWarningApi = (id: number, reason: string, version?: number) =>
  http.post<Warning>(`/api/warnings/${id}/reject`, { reason, version })
/** 更新: a new draft (msgType Update) of a warning in force. */
export const updateWarningApi = (id: number, body: WarningDraftBody) => http.post<Warning>(`/api/warnings/${id}/update`, body)
/** 解除: a Cancel message, published at once. */
/** What a reminder of a warning's unacknowledged recipients did: how many were told again, or that this office did so lately. */
export interface WarningReminders {
  reminded: number
  alreadyReminded: boolean
  message: string
}
/** Tells the recipients of a warning in force who have not acknowledged it again, now (once per 30 minutes per office). */
export const remindWarningApi = (id: number) => http.post<WarningReminders>(`/api/warnings/${id}/reminders`)
export const cancelWarningApi = (id: number, reason: string) => http.post<Warning>(`/api/warnings/${id}/cancel`, { reason })
export const warningCapUrl = (id: number) => `/api/warnings/${id}/cap`

/** The CAP XML of a warning as text, for the detail page's viewer. */
export async function getWarningCapApi(id: number): Promise<string> {
  const headers = requestHeaders('GET', false)
  headers.Accept = 'application/cap+xml, application/xml;q=0.9, application/problem+json'
  const response = await fetch(warningCapUrl(id), { credentials: 'same-origin', headers })
  const text = await response.text()
  if (!response.ok) {
    throw new ProblemError(toProblem(response.status, safeJson(text)))
  }
  return text
}

/** Imports another issuer's CAP 1.2 alert: the XML as the body; a refusal lists every error with line and column. */
export async function importCapApi(xml: string): Promise<Warning> {
  const headers = requestHeaders('POST', false)
  headers['Content-Type'] = 'application/cap+xml'
  const response = await fetch('/api/warnings/import', { method: 'POST', credentials: 'same-origin', headers, body: xml })
  const text = await response.text()
  const parsed = safeJson(text)
  if (!response.ok) {
    throw new ProblemError(toProblem(response.status, parsed))
  }
  return parsed as Warning
}

function safeJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

export const getPublicWarningsApi = () => http.get<PublicWarning[]>('/public/warnings')
export const getPublicWarningApi = (identifier: string) => http.get<PublicWarning>(`/public/warnings/${encodeURIComponent(identifier)}`)
export const PUBLIC_FEED_URL = '/public/cap/feed.atom'

/** Targets of one audience (STAFF 到岗到人, PUBLIC 公众) and group; `reachable` = with an address for some channel. */
export interface AudienceGroup {
  audience: 'STAFF' | 'PUBLIC'
  group: string
  targeted: number
  reachable: number
}

/** Whom a warning reaches: `recorded` when counted at publish time, otherwise a live preview. */
export interface AudienceView {
  recorded: boolean
  staff: number
  publicTargets: number
  groups: AudienceGroup[]
}

/** The part of a draft the live count needs (other fields are ignored by the server). */
export type AudienceRequest = Pick<WarningDraftBody, 'areas' | 'status' | 'scope'>

export const previewAudienceApi = (body: AudienceRequest) => http.post<AudienceView>('/api/warnings/audience', body)
export const getAudienceApi = (id: number) => http.get<AudienceView>(`/api/warnings/${id}/audience`)

/** 订阅预警短信: a member of the public registers a mobile for a township or village (no login). */
export interface SubscriptionBody {
  mobile: string
  regionCode: string
  name?: string | null
  longitude?: number | null
  latitude?: number | null
}

/** 201 when registered now, 200 with `alreadyRegistered` when the mobile was registered for the region before. */
export interface Subscribed {
  alreadyRegistered: boolean
  regionName: string
}

export const subscribeApi = (body: SubscriptionBody) => http.post<Subscribed>('/public/warning-subscriptions', body)
