import { http, query } from './http'

export interface SafetyCodeView {
  enterpriseId: number
  code: 'RED' | 'YELLOW' | 'GREEN'
  reasons: string[]
  computedAt: string | null
}

export const getSafetyCodeApi = (enterpriseId: number) => http.get<SafetyCodeView>(`/api/enterprises/${enterpriseId}/safety-code`)
export const getSafetyCodesApi = (regionCode?: string) => http.get<Record<string, string>>(`/api/safety-codes${query({ regionCode })}`)
