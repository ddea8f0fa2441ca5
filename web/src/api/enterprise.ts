import { http, query } from './http'
import { rowsOf, type Columns } from '@/lib/mapLayer'

export interface Enterprise {
  id: number
  creditCode: string
  name: string
  industry: string
  aboveScale: boolean
  address: string
  longitude: number
  latitude: number
  regionCode: string
  regionName: string
  supervisingDepartmentId: number | null
  legalRepresentative: string
  legalRepresentativePhone: string | null
  safetyManager: string
  safetyManagerPhone: string
  employees: number | null
  hazchemProduction: boolean
  hazchemOperation: boolean
  hazchemStorage: boolean
  hazchemUse: boolean
  threePlacesThreeEnterprises: boolean
  microParkMember: boolean
  majorHazard: boolean
  version: number
  createdAt: string
  updatedAt: string
}

/** What the form sends: the enterprise without what the server derives. */
export type EnterpriseDraft = Omit<Enterprise, 'id' | 'regionName' | 'majorHazard' | 'createdAt' | 'updatedAt' | 'version'> & {
  version?: number
}

export interface Page<T> {
  content: T[]
  page: number
  size: number
  totalElements: number
  totalPages: number
}

export interface EnterpriseFilter {
  regionCode?: string
  industry?: string
  q?: string
  majorHazard?: boolean
  /** the server's sort key and direction, e.g. `name,desc` (see EnterpriseRepository.SORT) */
  sort?: string
}

export interface MapPoint {
  id: number
  name: string
  industry: string
  longitude: number
  latitude: number
  regionCode: string
  majorHazard: boolean
}

export interface HazardSource {
  id: number
  name: string
  exposedPeople: number
  s: number
  r: number
  grade: number | null
  major: boolean
  chemicals: { chemical: string; quantity: number }[]
}

export const getEnterprisesApi = (filter: EnterpriseFilter, page: number, size: number) =>
  http.get<Page<Enterprise>>(`/api/enterprises${query({ ...filter, page, size })}`)
export const getEnterpriseApi = (id: number) => http.get<Enterprise>(`/api/enterprises/${id}`)
export const createEnterpriseApi = (draft: EnterpriseDraft) => http.post<Enterprise>('/api/enterprises', draft)
export const updateEnterpriseApi = (id: number, draft: EnterpriseDraft) => http.put<Enterprise>(`/api/enterprises/${id}`, draft)
const MAP_POINT_FIELDS = ['id', 'name', 'industry', 'longitude', 'latitude', 'regionCode', 'majorHazard'] as const
/** The enterprises of the one map; the server sends them by column (lib/mapLayer). */
export const getMapPointsApi = async (filter: EnterpriseFilter): Promise<MapPoint[]> =>
  rowsOf(await http.get<Columns<MapPoint>>(`/api/enterprises/map${query({ regionCode: filter.regionCode, industry: filter.industry })}`), MAP_POINT_FIELDS)
export const getEnterpriseStatisticsApi = () => http.get<Record<string, number>>('/api/enterprises/statistics')
export const getHazardSourcesApi = (id: number) => http.get<HazardSource[]>(`/api/enterprises/${id}/hazard-sources`)
/** The GB 18218-2018 catalogue: code, Chinese name, critical quantity Q (t) and correction β. */
export interface HazardousChemical { code: string; name: string; casNumber: string | null; criticalQuantity: number; beta: number }
export const getHazardousChemicalsApi = () => http.get<HazardousChemical[]>('/api/hazardous-chemicals')
export const importEnterprisesApi = (file: File) => {
  const form = new FormData()
  form.append('file', file)
  return http.post<{ imported: number }>('/api/enterprises/import', form)
}
export const exportEnterprisesUrl = (filter: EnterpriseFilter) => `/api/enterprises/export${query({ ...filter })}`
export const importTemplateUrl = '/api/enterprises/import/template'
