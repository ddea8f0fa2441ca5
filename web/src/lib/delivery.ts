import type { AudienceGroup, AudienceRequest, AudienceView } from '@/api/warning'
import type { CoverageFigures } from '@/api/notification'
import type { Problem } from './problem'
import { toRequest, type WarningForm } from './warning'

/**
 * Delivery of a published warning: the live recipient count while composing, the campaigns'
 * coverage figures and rates, and the task filters of the dashboard.
 */

/** The two delivery campaigns of a published warning: staff (到岗到人) and the public (公众). */
export type CampaignKind = 'staff' | 'public'
export const CAMPAIGN_KINDS: CampaignKind[] = ['staff', 'public']
export const campaignSource = (warningId: number, kind: CampaignKind) => `warning:${warningId}:${kind}`

export const TASK_STATUSES = ['QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'ACKNOWLEDGED', 'CANCELLED'] as const
export const CHANNELS = ['SMS', 'IN_APP', 'EMAIL', 'BROADCAST', 'WEBHOOK'] as const

/** States in which a warning went out and so has delivery campaigns. */
const DELIVERED_STATES = ['PUBLISHED', 'UPDATED', 'CANCELLED', 'EXPIRED']
export function hasDelivery(w: { state: string; origin: string }): boolean {
  return w.origin === 'LOCAL' && DELIVERED_STATES.includes(w.state)
}

/** The part of the compose form the live count sends: areas, status and scope, as the draft request has them. */
export function audienceRequest(form: WarningForm): AudienceRequest {
  const body = toRequest(form)
  return { areas: body.areas, status: body.status, scope: body.scope }
}

/** A count with thousands separators as the language writes them (12,345). */
export function formatCount(n: number | null | undefined, locale = 'zh-CN'): string {
  return n == null ? '—' : new Intl.NumberFormat(locale).format(n)
}

/** A rate of 0..1 as a percentage with at most one decimal (0.8765 → 87.7%); null (nobody in the group) → —. */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || Number.isNaN(rate)) return '—'
  const percent = Math.round(rate * 1000) / 10
  return `${percent}%`
}

/** part / whole as a 0..1 rate, null when whole is 0 (for figures the server gives no rate for). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** A rate's colour band: green ≥ 95 %, orange ≥ 80 %, red below; grey when there is no rate. */
export function rateBand(value: number | null | undefined): 'success' | 'warning' | 'danger' | 'info' {
  if (value == null) return 'info'
  if (value >= 0.95) return 'success'
  if (value >= 0.8) return 'warning'
  return 'danger'
}

/** The groups of one audience, largest first. */
export function groupsOf(view: AudienceView | null | undefined, audience: AudienceGroup['audience']): AudienceGroup[] {
  return (view?.groups ?? []).filter((g) => g.audience === audience).sort((a, b) => b.targeted - a.targeted || a.group.localeCompare(b.group))
}

/**
 * Whether a refusal of the live count is about an area still being drawn or named: then the count is
 * simply not shown (the messages are listed quietly) rather than raised as an error.
 */
export function audienceProblems(problem: Problem | undefined): string[] {
  return (problem?.errors ?? []).map((e) => e.message)
}

/** Whether a delivery campaign is still going: something is queued or being sent. */
export function isLive(figures: CoverageFigures | null | undefined): boolean {
  return !!figures && figures.pending > 0
}

/**
 * Calls `run` with the latest arguments once `wait` ms have passed without another call; `cancel`
 * drops a pending call (when the page goes away).
 */
export function debounce<A extends unknown[]>(run: (...args: A) => void, wait: number): { call: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    call: (...args: A) => {
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        run(...args)
      }, wait)
    },
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
    },
  }
}

/** A mainland mobile number (11 digits from 1), spaces and dashes allowed while typing. */
export function normaliseMobile(text: string): string {
  return text.replace(/[\s-]/g, '')
}

/**
 * What is plainly wrong with a subscription before asking the server (which checks again, and
 * whether the region exists and is a township or village): message keys per field.
 */
export function subscriptionErrors(mobile: string, regionCode: string): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!/^1\d{10}$/.test(normaliseMobile(mobile))) errors.mobile = 'warning.subscribe.mobileInvalid'
  if (!/^\d{9}(\d{3})?$/.test(regionCode.trim())) errors.regionCode = 'warning.subscribe.regionInvalid'
  return errors
}
