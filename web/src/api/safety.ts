import { http, query } from './http'

export interface SafetyCodeView {
  enterpriseId: number
  code: 'RED' | 'YELLOW' | 'GREEN'
  reasons: string[]
  computedAt: string | null
}

export const getSafetyCodeApi = (enterpriseId: number) => http.get<SafetyCodeView>(`/api/enterprises/${enterpriseId}/safety-code`)
/** The code as it changes (Server-Sent Events, event `safety-code`; the current code first). */
export const safetyCodeStreamUrl = (enterpriseId: number) => `/api/enterprises/${enterpriseId}/safety-code/stream`
export const getSafetyCodesApi = (regionCode?: string) => http.get<Record<string, string>>(`/api/safety-codes${query({ regionCode })}`)

export interface AreaIndex {
  regionCode: string
  name: string
  enterprises: number
  redRisk: number
  orangeRisk: number
  openHazards: number
  overdueHazards: number
  openMajorHazards: number
  index: number
  band: 'RED' | 'ORANGE' | 'YELLOW' | 'BLUE'
}

export const getSafetyIndexApi = (regionCode?: string) => http.get<AreaIndex[]>(`/api/safety-index${query({ regionCode })}`)
