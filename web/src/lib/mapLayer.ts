/**
 * The map layer endpoints (/api/enterprises/map, /api/devices/map, /api/hazards/map) answer by column:
 * `{ count, id: [...], name: [...], … }`, point i at index i of every array. The server sends a
 * district's thousands of points without repeating each field name; the map reads them back here.
 */
export type Columns<T> = { count: number } & { [K in keyof T]: T[K][] }

/** The layer's points as one object each. Columns the type names but the answer lacks are left undefined. */
export function rowsOf<T extends object>(layer: Columns<T>, fields: readonly (keyof T)[]): T[] {
  const rows: T[] = new Array(layer.count)
  const columns = fields.map((field) => [field, layer[field] as unknown[] | undefined] as const)
  for (let i = 0; i < layer.count; i++) {
    const row = {} as Record<keyof T, unknown>
    for (const [field, column] of columns) row[field] = column?.[i]
    rows[i] = row as T
  }
  return rows
}

/**
 * The worst of some values by a ranking, worst first (`['RED', 'ORANGE', …]`); values the ranking does
 * not name count as the best. A cluster of markers takes the colour of its worst member.
 */
export function worstOf<T>(values: Iterable<T>, ranking: readonly T[]): T | undefined {
  let worst: T | undefined
  let worstRank = Number.POSITIVE_INFINITY
  for (const value of values) {
    const at = ranking.indexOf(value)
    const rank = at < 0 ? ranking.length : at
    if (rank < worstRank) {
      worst = value
      worstRank = rank
    }
  }
  return worst
}
