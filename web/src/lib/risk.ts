/**
 * Risk colours of the 四色图. Until risk assessment exists every enterprise is "unknown" (grey);
 * the risk module will supply the level.
 */
export type RiskLevel = 'RED' | 'ORANGE' | 'YELLOW' | 'BLUE' | 'UNKNOWN'

export const RISK_COLOURS: Record<RiskLevel, string> = {
  RED: '#d32f2f',
  ORANGE: '#f57c00',
  YELLOW: '#fbc02d',
  BLUE: '#1976d2',
  UNKNOWN: '#757575',
}

export function riskColour(level: RiskLevel | null | undefined): string {
  return RISK_COLOURS[level ?? 'UNKNOWN']
}
