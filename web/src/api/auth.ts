import { http } from './http'

export interface Me {
  id: number
  username: string
  displayName: string
  regionCode: string
  regionName: string
  departmentId: number | null
  departmentName: string | null
  enterpriseId: number | null
  roles: string[]
  permissions: string[]
  industries: string[]
}

export interface ClientConfig {
  /** The base map's XYZ tile template; null: boundaries only (offline) */
  tileUrl: string | null
  /** A label layer over the base map (天地图's annotations) */
  tileLabelUrl?: string | null
  /** What {s} in the templates stands for */
  tileSubdomains?: string[]
  tileAttribution: string | null
  maxZoom: number
}

export const loginApi = (username: string, password: string) =>
  http.post<{ user: Me }>('/api/auth/login', { username, password })
export const logoutApi = () => http.post<void>('/api/auth/logout')
export const getMeApi = () => http.get<Me>('/api/me')
export const getConfigApi = () => http.get<ClientConfig>('/api/config')
