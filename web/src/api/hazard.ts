import { http, query } from './http'
import type { Page } from './enterprise'
import { rowsOf, type Columns } from '@/lib/mapLayer'

export interface Hazard {
  id: number
  trackingCode: string
  source: string
  status: string
  title: string
  description: string
  regionCode: string
  regionName: string
  enterpriseId: number | null
  enterpriseName: string | null
  reporterName: string | null
  grade: string | null
  category: string | null
  responsibleUnit: string | null
  deadline: string | null
  supervisingLevel: string | null
  escalations: number
  overdue: boolean
  reportedAt: string
  closedAt: string | null
  version: number
}

export interface HazardHistory {
  action: string
  fromStatus: string | null
  toStatus: string
  actor: string
  /** the person's name with their office (null for the public, the system or a removed account) */
  actorName?: string | null
  occurredAt: string
  comment: string | null
}

export interface HazardAction {
  comment?: string
  grade?: string
  category?: string
  responsibleUnit?: string
  deadline?: string
}

export interface Tracking {
  trackingCode: string
  status: string
  title: string
  reportedAt: string
  closedAt: string | null
  attachmentCount: number
  steps: { action: string; status: string; at: string }[]
}

/**
 * An open hazard on the one map: at its own location (OWN), else approximately at its enterprise's
 * (ENTERPRISE) or at its region's centre (REGION).
 */
export interface MapHazard {
  id: number
  title: string
  status: string
  grade: string | null
  overdue: boolean
  longitude: number
  latitude: number
  regionCode: string
  location: 'OWN' | 'ENTERPRISE' | 'REGION'
}

/** The hazards placed on the map, and how many could not be placed at all. */
export interface HazardMap {
  hazards: MapHazard[]
  unplaced: number
}

export const HAZARD_CATEGORIES = ['FIRE', 'ELECTRICAL', 'HAZCHEM', 'EQUIPMENT', 'CONSTRUCTION', 'OPERATION', 'MANAGEMENT', 'OTHER'] as const
export const HAZARD_STATUSES = ['REPORTED', 'VERIFIED', 'ASSIGNED', 'REMEDIATING', 'REMEDIATED', 'CLOSED', 'DISMISSED'] as const

/** The hazard list's filters; `alarmId` finds the hazard opened from a monitoring alarm, `sort` is e.g. `deadline,asc`. */
export interface HazardFilter {
  status?: string
  grade?: string
  overdue?: boolean
  alarmId?: number
  enterpriseId?: number
  regionCode?: string
  sort?: string
}

export const getHazardsApi = (filter: HazardFilter, page: number, size: number) =>
  http.get<Page<Hazard>>(`/api/hazards${query({ ...filter, page, size })}`)
/** The export of the list for the same filter, in the same order (an Excel file). */
export const exportHazardsUrl = (filter: HazardFilter) => `/api/hazards/export${query({ ...filter })}`
export const getHazardApi = (id: number) => http.get<{ hazard: Hazard; history: HazardHistory[] }>(`/api/hazards/${id}`)
export const reportHazardApi = (body: Record<string, unknown>) => http.post<Hazard>('/api/hazards', body)
export const actOnHazardApi = (id: number, action: string, body: HazardAction) => http.post<Hazard>(`/api/hazards/${id}/${action}`, body)
export interface HazardStatistics {
  from: string
  to: string
  counts: Record<string, Record<string, number>>
  byRegion: { regionCode: string; name: string; found: number; closed: number; overdue: number; closureRate: number | null }[]
  /** found / closed / overdue per industry; NONE: hazards of no enterprise */
  byIndustry: { industry: string; found: number; closed: number; overdue: number; closureRate: number | null }[]
}

const MAP_HAZARD_FIELDS = ['id', 'title', 'status', 'grade', 'overdue', 'longitude', 'latitude', 'regionCode', 'location'] as const
/** The open hazards of the one map; the server sends them by column (lib/mapLayer). */
export const getHazardMapApi = async (regionCode?: string): Promise<HazardMap> => {
  const layer = await http.get<Columns<MapHazard> & { unplaced: number }>(`/api/hazards/map${query({ regionCode })}`)
  return { hazards: rowsOf<MapHazard>(layer, MAP_HAZARD_FIELDS), unplaced: layer.unplaced ?? 0 }
}
export const getHazardStatisticsApi = () => http.get<HazardStatistics>('/api/hazards/statistics')
export const reportPubliclyApi = (body: Record<string, unknown>) => http.post<{ trackingCode: string }>('/public/hazards', body)
export const trackApi = (code: string) => http.get<Tracking>(`/public/hazards/${encodeURIComponent(code)}`)
/** A photo of one's own public report, soon after making it (the server allows three within an hour). */
export const addPublicPhotoApi = (code: string, file: File) => {
  const form = new FormData()
  form.append('file', file)
  return http.post<HazardAttachment>(`/public/hazards/${encodeURIComponent(code)}/attachments`, form)
}

export interface HazardAttachment {
  id: number
  filename: string
  contentType: string
  sizeBytes: number
  uploadedBy: string
  uploadedAt: string
}

export const getHazardAttachmentsApi = (id: number) => http.get<HazardAttachment[]>(`/api/hazards/${id}/attachments`)
export const addHazardAttachmentApi = (id: number, file: File) => {
  const form = new FormData()
  form.append('file', file)
  return http.post<HazardAttachment>(`/api/hazards/${id}/attachments`, form)
}

export interface Checklist {
  id: number
  industry: string
  name: string
  items: { id: number; seq: number; content: string; category: string }[]
}

export const getChecklistsApi = (industry?: string) => http.get<Checklist[]>(`/api/checklists${query({ industry })}`)
export const inspectApi = (enterpriseId: number, checklistId: number, answers: { itemId: number; passed: boolean; note?: string }[]) =>
  http.post<{ id: number; failed: number; hazardIds: number[] }>(`/api/enterprises/${enterpriseId}/inspections`, { checklistId, answers })
