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
