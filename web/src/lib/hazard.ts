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

/**
 * Hazards found per industry, in the registry's order, from the statistics' `counts.industry`.
 * Hazards without an enterprise (public reports, patrols of a place) are counted under NONE, last;
 * industries without hazards are left out.
 */
export function foundByIndustry(counts: Record<string, number> | undefined, industries: readonly string[]): { industry: string; found: number }[] {
  const known = industries.filter((industry) => (counts?.[industry] ?? 0) > 0).map((industry) => ({ industry, found: counts![industry] }))
  const other = Object.entries(counts ?? {})
    .filter(([key, found]) => !industries.includes(key) && found > 0)
    .reduce((sum, [, found]) => sum + found, 0)
  return other > 0 ? [...known, { industry: 'NONE', found: other }] : known
}
