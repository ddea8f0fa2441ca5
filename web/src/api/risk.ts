import { http, query } from './http'
import type { Page } from './enterprise'
import type { RiskLevel } from '@/lib/risk'

export interface RiskPoint {
  id: number
  enterpriseId: number
  enterpriseName: string
  regionCode: string
  name: string
  location: string | null
  category: string
  hazardFactors: string | null
  method: 'LEC' | 'LS'
  l: number
  e: number | null
  c: number | null
  s: number | null
  score: number
  level: Exclude<RiskLevel, 'UNKNOWN'>
  controlMeasures: string
  responsiblePerson: string
  responsiblePhone: string
  assessedAt: string
  assessedBy: string
  version: number
}

export interface RiskPointDraft {
  name: string
  location?: string
  category: string
  hazardFactors?: string
  method: 'LEC' | 'LS'
  l: number | null
  e: number | null
  c: number | null
  s: number | null
  controlMeasures: string
  responsiblePerson: string
  responsiblePhone: string
}

export interface Grading {
  thresholds: {
    lecRedAbove: number
    lecOrangeAbove: number
    lecYellowAbove: number
    matrixRedFrom: number
    matrixOrangeFrom: number
    matrixYellowFrom: number
  }
  lecL: number[]
  lecE: number[]
  lecC: number[]
  matrix: number[]
  categories: string[]
}

export const getRiskGradingApi = () => http.get<Grading>('/api/risk/grading')
export const getRiskLevelsApi = (regionCode?: string) => http.get<Record<string, RiskLevel>>(`/api/risk/levels${query({ regionCode })}`)
export interface RiskPointFilter {
  regionCode?: string
  level?: string
  /** name | enterprise | category | method | score | level | responsiblePerson | assessedAt, with ,asc or ,desc */
  sort?: string
}
export const getRiskPointsApi = (filter: RiskPointFilter, page: number, size: number) =>
  http.get<Page<RiskPoint>>(`/api/risk-points${query({ ...filter, page, size })}`)
/** The risk point list with the same filter and order, as an Excel file (a link the browser downloads). */
export const exportRiskPointsUrl = (filter: RiskPointFilter) => `/api/risk-points/export${query({ ...filter })}`
export const getEnterpriseRiskPointsApi = (enterpriseId: number) => http.get<RiskPoint[]>(`/api/enterprises/${enterpriseId}/risk-points`)
export const createRiskPointApi = (enterpriseId: number, draft: RiskPointDraft) =>
  http.post<RiskPoint>(`/api/enterprises/${enterpriseId}/risk-points`, draft)
export const reassessRiskPointApi = (id: number, body: { method: string; l: number | null; e: number | null; c: number | null; s: number | null; comment?: string }) =>
  http.post<RiskPoint>(`/api/risk-points/${id}/assessments`, body)

export interface CommitmentToday {
  day: string
  required: boolean
  committed: boolean
  committedAt: string | null
}

export const getCommitmentTodayApi = (enterpriseId: number) => http.get<CommitmentToday>(`/api/enterprises/${enterpriseId}/commitments/today`)
export const commitApi = (enterpriseId: number) => http.post<CommitmentToday>(`/api/enterprises/${enterpriseId}/commitments`, {})
/** For supervisors: on a day (Asia/Shanghai; default today), the enterprises in scope that must commit and those that have not. */
export interface CommitmentSummary {
  day: string
  /** false for a past day without a list: the platform kept none that day (it did not run, or was set up later) */
  recorded: boolean
  required: number
  committed: number
  missing: { enterpriseId: number; name: string; regionCode: string }[]
}

/** `sort`: regionCode (the default) or name, with ,asc or ,desc — the order of the missing list. */
export const getCommitmentSummaryApi = (day?: string, sort?: string) => http.get<CommitmentSummary>(`/api/commitments${query({ day, sort })}`)
/** The day's missing list narrowed like the page (a region's subtree, a name) in its order, as an Excel file. */
export const exportCommitmentsUrl = (filter: { day?: string; regionCode?: string; q?: string; sort?: string }) =>
  `/api/commitments/export${query({ ...filter })}`

export interface CommitmentReminders {
  /** enterprises reminded now */
  reminded: number
  /** enterprises not reminded again: this office reminded them within the last 30 minutes */
  alreadyReminded: number
  /** what happened, in the reader's language */
  message: string
}
/** Reminds the enterprises in scope that have not committed today (inbox notice and SMS), each once per 30 minutes per office. */
export const remindCommitmentsApi = () => http.post<CommitmentReminders>('/api/commitments/reminders')

export interface ZoneLayer {
  id: number
  name: string
  hazardType: string
  regionCode: string
  zones: number
  importedBy: string
  importedAt: string
}

/** `sort`: name | hazardType | regionCode | zones | importedBy | importedAt, with ,asc or ,desc; by default as imported. */
export const getZoneLayersApi = (sort?: string) => http.get<ZoneLayer[]>(`/api/risk/zones${query({ sort })}`)
export const exportZoneLayersUrl = (sort?: string) => `/api/risk/zones/export${query({ sort })}`
/** Imports a GeoJSON FeatureCollection whole or not at all; a 400 problem lists each wrong feature as features[i].… */
export const importZoneLayerApi = (file: File, name: string, hazardType: string) => {
  const form = new FormData()
  form.append('file', file)
  form.append('name', name)
  form.append('hazardType', hazardType)
  return http.post<ZoneLayer>('/api/risk/zones', form)
}
export const getZoneLayerGeoJsonApi = (id: number) => http.get<GeoJSON.FeatureCollection>(`/api/risk/zones/${id}/geojson`)
