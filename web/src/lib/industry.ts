/** The industries of the enterprise registry, in the server's codes. */
export const INDUSTRIES = [
  'CHEMICAL',
  'MINING',
  'CONSTRUCTION',
  'MANUFACTURING',
  'TRANSPORT',
  'TRADE',
  'FIREWORKS',
  'GAS',
] as const

export type Industry = (typeof INDUSTRIES)[number]
