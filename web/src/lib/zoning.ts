import type { FieldMessage } from './problem'

/** The hazard types (灾种) of natural-disaster risk zoning, in the server's codes. */
export const ZONE_HAZARD_TYPES = ['FLOOD', 'TYPHOON', 'GEOLOGICAL', 'EARTHQUAKE', 'FOREST_FIRE', 'DROUGHT', 'COMPOSITE'] as const

/** 五色图 grades 1..5: red, orange, yellow, blue, green (grade 1 is the highest risk). */
export const ZONE_COLOURS = ['#d32f2f', '#f57c00', '#fbc02d', '#1976d2', '#388e3c']

export function zoneColour(grade: unknown): string {
  const n = Number(grade)
  return ZONE_COLOURS[Number.isInteger(n) && n >= 1 && n <= 5 ? n - 1 : 4]
}

export interface FeatureError {
  /** 1-based number of the feature in the file, as a person counts; null for the file or the form. */
  feature: number | null
  field: string
  message: string
}

/**
 * The server reports a wrong feature as `features[3].geometry` (0-based). This turns its field errors
 * into rows by feature number, in file order, the file's own problems first.
 */
export function featureErrors(errors: FieldMessage[] | undefined): FeatureError[] {
  return (errors ?? [])
    .map((error) => {
      const match = /^features\[(\d+)\]\.?(.*)$/.exec(error.field)
      return match
        ? { feature: Number(match[1]) + 1, field: match[2], message: error.message }
        : { feature: null, field: error.field, message: error.message }
    })
    .sort((a, b) => (a.feature ?? 0) - (b.feature ?? 0))
}
