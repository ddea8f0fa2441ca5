import type { BatchState, MovementKind } from '@/api/resource'

/** The four reserve levels, city first (四级储备). */
export const LEVELS = ['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const
export const OWNERSHIPS = ['GOVERNMENT', 'AGREEMENT', 'CAPACITY'] as const
export const CATEGORIES = ['LIVING', 'EQUIPMENT', 'ENGINEERING'] as const
export const MOVEMENT_KINDS: MovementKind[] = ['RECEIPT', 'ISSUE', 'TRANSFER_OUT', 'TRANSFER_IN', 'TRANSFER_RETURN', 'STOCKTAKE', 'WRITE_OFF']
export const RECEIPT_SOURCES = ['PURCHASE', 'DONATION', 'TRANSFER'] as const
export const WRITE_OFF_REASONS = ['EXPIRED', 'DAMAGED', 'LOST'] as const

/** A batch's tag: usable plain, nearing expiry a warning (due for rotation), expired a danger. */
export function stateTagType(state: BatchState): 'success' | 'warning' | 'danger' {
  return state === 'EXPIRED' ? 'danger' : state === 'NEARING_EXPIRY' ? 'warning' : 'success'
}

/** A quantity as people write it: no trailing zeros of the server's decimals, "1200" not "1200.000". */
export function amount(value: number | string): string {
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value)
  return String(Math.round(n * 1000) / 1000)
}

/** A movement's quantity with its sign: +200 for what came in, −50 for what went out, 0 stays 0. */
export function signed(value: number | string): string {
  const n = Number(value)
  if (n > 0) return `+${amount(n)}`
  if (n < 0) return `−${amount(-n)}`
  return '0'
}

/** A shelf life in days as 天 / 年 where it is whole years (1095 → 3 years). */
export function shelfLife(days: number | null): { years?: number; days?: number } | null {
  if (days == null) return null
  if (days >= 365 && days % 365 === 0) return { years: days / 365 }
  return { days }
}
