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

export interface Thresholds {
  lecRedAbove: number
  lecOrangeAbove: number
  lecYellowAbove: number
  matrixRedFrom: number
  matrixOrangeFrom: number
  matrixYellowFrom: number
}

/**
 * The grade the server will give, shown live while the user fills the form. The server stays the
 * authority: it grades again with the same thresholds (GET /api/risk/grading).
 */
export function previewGrade(
  method: 'LEC' | 'LS',
  values: { l: number | null; e: number | null; c: number | null; s: number | null },
  t: Thresholds,
): { score: number; level: RiskLevel } | null {
  if (method === 'LEC') {
    if (values.l == null || values.e == null || values.c == null) return null
    const d = Math.round(values.l * values.e * values.c * 100) / 100
    const level: RiskLevel = d > t.lecRedAbove ? 'RED' : d > t.lecOrangeAbove ? 'ORANGE' : d > t.lecYellowAbove ? 'YELLOW' : 'BLUE'
    return { score: d, level }
  }
  if (values.l == null || values.s == null) return null
  const r = values.l * values.s
  const level: RiskLevel = r >= t.matrixRedFrom ? 'RED' : r >= t.matrixOrangeFrom ? 'ORANGE' : r >= t.matrixYellowFrom ? 'YELLOW' : 'BLUE'
  return { score: r, level }
}
