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
  tileUrl: string | null
  tileAttribution: string | null
  maxZoom: number
}

export const loginApi = (username: string, password: string) =>
  http.post<{ user: Me }>('/api/auth/login', { username, password })
export const logoutApi = () => http.post<void>('/api/auth/logout')
export const getMeApi = () => http.get<Me>('/api/me')
export const getConfigApi = () => http.get<ClientConfig>('/api/config')
