import { http } from './http'

export interface RegionView {
  code: string
  name: string
  level: number
  parentCode: string | null
  hasChildren: boolean
  boundingBox: { minLongitude: number; minLatitude: number; maxLongitude: number; maxLatitude: number } | null
}

export interface RegionDetail {
  region: RegionView
  ancestors: RegionView[]
  boundary: string | null
}

export const getMyRegionApi = () => http.get<RegionDetail>('/api/regions/mine')
export const getRegionChildrenApi = (code: string) => http.get<RegionView[]>(`/api/regions/${code}/children`)
export const getRegionChildrenGeoJsonApi = (code: string) =>
  http.get<GeoJSON.FeatureCollection>(`/api/regions/${code}/children/geojson`)

export interface RegionOption {
  code: string
  name: string
  level: number
  path: string
}

export const getMyRegionSubtreeApi = () => http.get<RegionOption[]>('/api/regions/mine/subtree')

/** One region with its ancestors and its boundary (GeoJSON text) where known. */
export const getRegionApi = (code: string) => http.get<RegionDetail>(`/api/regions/${code}`)
