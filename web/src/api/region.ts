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
/** The outlines and names of the caller's region's neighbours (nothing else of theirs). */
export const getNeighboursGeoJsonApi = () => http.get<GeoJSON.FeatureCollection>('/api/regions/mine/neighbours/geojson')

export interface RegionOption {
  code: string
  name: string
  level: number
  path: string
}

export const getMyRegionSubtreeApi = () => http.get<RegionOption[]>('/api/regions/mine/subtree')

/** One region with its ancestors and its boundary (GeoJSON text) where known. */
export const getRegionApi = (code: string) => http.get<RegionDetail>(`/api/regions/${code}`)

/** A region as the public forms see it: name and code only. */
export interface PublicRegion {
  code: string
  name: string
  level: number
  hasChildren: boolean
}
export const getPublicRegionsApi = () => http.get<PublicRegion[]>('/public/regions')
export const getPublicRegionChildrenApi = (code: string) => http.get<PublicRegion[]>(`/public/regions/${code}/children`)
/** The smallest region containing a point, with the path to it from the top ("使用我的位置"). */
export interface LocatedRegion { code: string; name: string; level: number; fullName: string; path: PublicRegion[] }
export const locatePublicRegionApi = (longitude: number, latitude: number) =>
  http.get<LocatedRegion>(`/public/regions/locate?longitude=${longitude}&latitude=${latitude}`)

/** A loaded region outline (without its geometry): where it came from and who loaded it when. */
export interface LoadedBoundary {
  code: string
  name: string
  fullName: string
  source: string
  importedBy: string
  importedAt: string
}

export const getLoadedBoundariesApi = () => http.get<LoadedBoundary[]>('/api/regions/boundaries')

/** Loads region outlines from a GeoJSON file: all features or none (region:manage). */
export function importBoundariesApi(file: File) {
  const form = new FormData()
  form.append('file', file)
  return http.post<{ imported: number; replaced: number; codes: string[] }>('/api/regions/boundaries', form)
}

/** A name search answer: names from the caller's own region down, e.g. 拱墅区 / 米市巷街道 / 大塘巷社区. */
export interface RegionMatch {
  code: string
  name: string
  level: number
  hasChildren: boolean
  path: string
}

/** Regions in the caller's subtree whose name contains `q` (higher levels first, at most `limit` ≤ 50). */
export const searchRegionsApi = (q: string, limit = 20) =>
  http.get<RegionMatch[]>(`/api/regions/search?q=${encodeURIComponent(q)}&limit=${limit}`)
