/** 安全码 colours, the same on the badge, the map markers and the legend. */
export type SafetyColour = 'RED' | 'YELLOW' | 'GREEN'

export const SAFETY_COLOURS: Record<SafetyColour, string> = {
  RED: '#d32f2f',
  YELLOW: '#f9a825',
  GREEN: '#2e7d32',
}

/** The code of an enterprise from the map layer's answer, which lists only the enterprises not green. */
export function safetyCodeOf(enterpriseId: number, notGreen: Record<string, string>): SafetyColour {
  const code = notGreen[String(enterpriseId)]
  return code === 'RED' || code === 'YELLOW' ? code : 'GREEN'
}
