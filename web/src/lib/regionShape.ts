import { getRegionApi } from '@/api/region'

const shapes = new Map<string, Promise<GeoJSON.GeoJsonObject | null>>()

/**
 * A region's outline for drawing a warning area: its boundary where the region has one, else its
 * bounding box as a rectangle; null when neither is known. Asked for once per region code.
 */
export function regionShape(code: string): Promise<GeoJSON.GeoJsonObject | null> {
  let shape = shapes.get(code)
  if (!shape) {
    shape = getRegionApi(code).then((detail) => {
      if (detail?.boundary) return JSON.parse(detail.boundary) as GeoJSON.GeoJsonObject
      const box = detail?.region.boundingBox
      if (!box) return null
      return {
        type: 'Polygon',
        coordinates: [[[box.minLongitude, box.minLatitude], [box.maxLongitude, box.minLatitude], [box.maxLongitude, box.maxLatitude],
          [box.minLongitude, box.maxLatitude], [box.minLongitude, box.minLatitude]]],
      } as GeoJSON.Polygon
    }).catch(() => null)
    shapes.set(code, shape)
  }
  return shape
}
