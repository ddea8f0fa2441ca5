/**
 * Which steps of the hazard loop a user may take now: the state machine of the server, mirrored so
 * the page offers only buttons that can succeed. The server still decides (409 otherwise).
 */
export function actionsFor(status: string, permissions: string[]): string[] {
  const verify = permissions.includes('hazard:verify')
  const remediate = permissions.includes('hazard:remediate')
  switch (status) {
    case 'REPORTED':
      return verify ? ['verify', 'dismiss'] : []
    case 'VERIFIED':
      return verify ? ['assign'] : []
    case 'ASSIGNED':
    case 'REMEDIATING':
      return remediate ? ['progress', 'complete'] : []
    case 'REMEDIATED':
      return verify ? ['accept', 'reject'] : []
    default:
      return []
  }
}

export interface IndustryFigures {
  industry: string
  found: number
  closed: number
  overdue: number
  closureRate: number | null
}

/**
 * The statistics' figures per industry (found / closed / overdue), in the registry's order; hazards
 * without an enterprise (public reports, patrols of a place) come as NONE, last; industries without
 * hazards are left out.
 */
export function byIndustry(rows: readonly IndustryFigures[] | undefined, industries: readonly string[]): IndustryFigures[] {
  const found = (rows ?? []).filter((row) => row.found > 0)
  const rank = (industry: string) => {
    const at = industries.indexOf(industry)
    return at < 0 ? industries.length : at
  }
  return [...found].sort((a, b) => rank(a.industry) - rank(b.industry))
}

/** How a hazard looks on the one map: red for 重大, orange for 一般, grey while not yet verified (no grade). */
export type HazardMarkerKind = 'MAJOR' | 'GENERAL' | 'UNVERIFIED'

export const HAZARD_COLOURS: Record<HazardMarkerKind, string> = {
  MAJOR: '#d32f2f',
  GENERAL: '#f57c00',
  UNVERIFIED: '#757575',
}

/** The ring round a place with an overdue hazard: a colour no grade and no risk level uses. */
export const OVERDUE_RING = '#6a1b9a'

export function hazardMarkerKind(grade: string | null | undefined): HazardMarkerKind {
  return grade === 'MAJOR' ? 'MAJOR' : grade === 'GENERAL' ? 'GENERAL' : 'UNVERIFIED'
}

const SEVERITY: Record<HazardMarkerKind, number> = { MAJOR: 0, GENERAL: 1, UNVERIFIED: 2 }

interface PlacedHazard {
  id: number
  grade: string | null
  overdue: boolean
  longitude: number
  latitude: number
}

/** Hazards at one spot of the map, the most urgent first; the marker takes the colour of the worst. */
export interface HazardPlace<T extends PlacedHazard> {
  latitude: number
  longitude: number
  kind: HazardMarkerKind
  overdue: boolean
  hazards: T[]
}

/**
 * One marker per place. Hazards without a location of their own sit on their enterprise's, so an
 * enterprise with four open hazards would otherwise be four markers on top of each other, three of
 * them unreachable. Places are compared to about 0.1 m (six decimals).
 */
export function hazardPlaces<T extends PlacedHazard>(points: readonly T[]): HazardPlace<T>[] {
  const byPlace = new Map<string, T[]>()
  for (const point of points) {
    const key = `${point.latitude.toFixed(6)},${point.longitude.toFixed(6)}`
    byPlace.set(key, [...(byPlace.get(key) ?? []), point])
  }
  return [...byPlace.values()].map((hazards) => {
    const sorted = [...hazards].sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || SEVERITY[hazardMarkerKind(a.grade)] - SEVERITY[hazardMarkerKind(b.grade)] || b.id - a.id,
    )
    const kind = sorted.map((h) => hazardMarkerKind(h.grade)).sort((a, b) => SEVERITY[a] - SEVERITY[b])[0]
    return { latitude: sorted[0].latitude, longitude: sorted[0].longitude, kind, overdue: sorted.some((h) => h.overdue), hazards: sorted }
  })
}
