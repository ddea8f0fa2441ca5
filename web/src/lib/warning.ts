/**
 * Early warnings (预警发布): the four levels and their colours, the CAP enumerations the API takes, the
 * compose form and its mapping to the request, Beijing-time fields, the map drawing's CAP geometry
 * texts, and which steps a user may take on a warning.
 */
import type { DraftArea, Warning, WarningAreaView, WarningDraftBody } from '@/api/warning'
import { shanghaiMinute } from './day'

/** 红 I, 橙 II, 黄 III, 蓝 IV (《突发事件应对法》), highest first. */
export const WARNING_LEVELS = ['RED', 'ORANGE', 'YELLOW', 'BLUE'] as const
export type WarningLevel = (typeof WARNING_LEVELS)[number]

/**
 * The signal colours of the four levels, and a text colour that keeps contrast on each (white on red,
 * orange and blue; near-black on yellow, where white would be unreadable).
 */
export const LEVEL_COLOURS: Record<WarningLevel, { background: string; text: string }> = {
  RED: { background: '#d32f2f', text: '#ffffff' },
  ORANGE: { background: '#e65100', text: '#ffffff' },
  YELLOW: { background: '#fdd835', text: '#212121' },
  BLUE: { background: '#1565c0', text: '#ffffff' },
}

/** Colours of a level; grey for an import whose severity named no level. */
export function levelColours(level: string | null | undefined): { background: string; text: string } {
  return LEVEL_COLOURS[level as WarningLevel] ?? { background: '#757575', text: '#ffffff' }
}

export const WARNING_STATES = ['DRAFT', 'SUBMITTED', 'REJECTED', 'PUBLISHED', 'UPDATED', 'CANCELLED', 'EXPIRED', 'RECEIVED'] as const
export const MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const
export const CAP_STATUSES = ['Actual', 'Exercise', 'Test'] as const
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const
export const RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const
export const URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const
export const CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const

/** Element Plus tag type of a workflow state: in force is red, waiting is orange, ended is grey. */
export function stateTagType(state: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case 'PUBLISHED': return 'danger'
    case 'SUBMITTED': return 'warning'
    case 'REJECTED': return 'warning'
    case 'DRAFT': return 'primary'
    case 'RECEIVED': return 'success'
    default: return 'info'
  }
}

// ---- times: the form speaks Beijing wall-clock time, whatever the browser's own time zone ----

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/

/** An instant as the form shows it: "2026-11-23 14:05" in Asia/Shanghai; '' for none. */
export function toShanghaiInput(instant: string | null | undefined): string {
  return instant ? shanghaiMinute(instant) : ''
}

/** A Beijing wall-clock time from the form as the API takes it: "2026-11-23T14:05:00+08:00"; null for none. */
export function fromShanghaiInput(value: string | null | undefined): string | null {
  const text = value?.trim()
  if (!text) return null
  const match = WALL_CLOCK.exec(text)
  if (!match) return text // let the server say what is wrong with it
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}+08:00`
}

/** Beijing wall-clock time `hours` from now, to the minute, for the form's defaults. */
export function shanghaiInputIn(hours: number, now: Date = new Date()): string {
  return shanghaiMinute(new Date(now.getTime() + hours * 3_600_000))
}

// ---- geometry: what is drawn on the map as CAP area texts ----

export interface LatLng {
  lat: number
  lng: number
}

function coordinate(value: number): string {
  return String(Number(value.toFixed(6)))
}

/**
 * A CAP polygon ("lat,lon lat,lon …", WGS 84) of the vertices clicked on the map, closed by repeating
 * the first vertex; null while fewer than three different vertices make no area.
 */
export function polygonText(vertices: LatLng[]): string | null {
  const points = vertices.filter((p, i) => i === 0 || p.lat !== vertices[i - 1].lat || p.lng !== vertices[i - 1].lng)
  const first = points[0]
  const last = points[points.length - 1]
  const ring = first && last && first.lat === last.lat && first.lng === last.lng ? points.slice(0, -1) : points
  if (new Set(ring.map((p) => `${p.lat},${p.lng}`)).size < 3) return null
  return [...ring, ring[0]].map((p) => `${coordinate(p.lat)},${coordinate(p.lng)}`).join(' ')
}

/** A CAP circle ("lat,lon radius-km"); null without a centre or a positive radius. */
export function circleText(centre: LatLng | null, radiusKm: number | null | undefined): string | null {
  if (!centre || !radiusKm || !(radiusKm > 0)) return null
  return `${coordinate(centre.lat)},${coordinate(centre.lng)} ${Number(radiusKm.toFixed(3))}`
}

/** The vertices of a CAP polygon text (the closing vertex included), for drawing; [] when unreadable. */
export function parsePolygon(text: string | null | undefined): LatLng[] {
  const points = (text ?? '').trim().split(/\s+/).filter(Boolean).map((pair) => pair.split(',').map(Number))
  if (!points.length || points.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return []
  return points.map(([lat, lng]) => ({ lat, lng }))
}

/** The centre and radius of a CAP circle text; null when unreadable. */
export function parseCircle(text: string | null | undefined): { centre: LatLng; radiusKm: number } | null {
  const match = /^\s*(-?[\d.]+),(-?[\d.]+)\s+([\d.]+)\s*$/.exec(text ?? '')
  if (!match) return null
  const [lat, lng, radiusKm] = match.slice(1).map(Number)
  return [lat, lng, radiusKm].every(Number.isFinite) ? { centre: { lat, lng }, radiusKm } : null
}

// ---- the compose form ----

/** An area in the form: what is sent, plus the label shown for it. */
export interface FormArea extends DraftArea {
  /** what the list shows for regions and zones (their names); polygons and circles show their areaDesc */
  label?: string
  /** a zone's shape for the map: its CAP polygons (a stored warning) or its GeoJSON geometry (just chosen) */
  polygons?: string[]
  geometry?: GeoJSON.Geometry | null
}

export interface WarningForm {
  level: string
  status: string
  scope: string
  restriction: string
  /** one address per line (Private scope) */
  addresses: string
  category: string
  event: string
  responseType: string
  urgency: string
  certainty: string
  headline: string
  description: string
  instruction: string
  /** Beijing wall-clock times "YYYY-MM-DD HH:mm" */
  effective: string
  onset: string
  expires: string
  senderName: string
  web: string
  contact: string
  areas: FormArea[]
  version?: number
}

/** A new warning: public, actual, in force from now for six hours; the sender named after the user's unit. */
export function emptyForm(senderName = '', now: Date = new Date()): WarningForm {
  return {
    level: 'BLUE', status: 'Actual', scope: 'Public', restriction: '', addresses: '', category: 'Met', event: '',
    responseType: 'Prepare', urgency: 'Expected', certainty: 'Likely', headline: '', description: '', instruction: '',
    effective: shanghaiInputIn(0, now), onset: '', expires: shanghaiInputIn(6, now), senderName, web: '', contact: '', areas: [],
  }
}

function orNull(value: string): string | null {
  const text = value.trim()
  return text ? text : null
}

/** What the form sends: trimmed texts, empty ones as null, Beijing times with their offset, each area only with its kind's fields. */
export function toRequest(form: WarningForm): WarningDraftBody {
  const addresses = form.addresses.split(/\r?\n/).map((a) => a.trim()).filter(Boolean)
  return {
    level: form.level,
    status: form.status,
    scope: form.scope,
    restriction: form.scope === 'Restricted' ? orNull(form.restriction) : null,
    addresses: form.scope === 'Private' ? addresses : null,
    category: form.category,
    event: form.event.trim(),
    responseType: form.responseType || null,
    urgency: form.urgency,
    certainty: form.certainty,
    headline: form.headline.trim(),
    description: form.description.trim(),
    instruction: orNull(form.instruction),
    effective: fromShanghaiInput(form.effective),
    onset: fromShanghaiInput(form.onset),
    expires: fromShanghaiInput(form.expires),
    senderName: orNull(form.senderName),
    web: orNull(form.web),
    contact: orNull(form.contact),
    areas: form.areas.map(requestArea),
    ...(form.version !== undefined ? { version: form.version } : {}),
  }
}

function requestArea(area: FormArea): DraftArea {
  const desc = area.areaDesc?.trim() || undefined
  switch (area.kind) {
    case 'REGION': return { kind: 'REGION', regionCode: area.regionCode }
    case 'POLYGON': return { kind: 'POLYGON', polygon: area.polygon, areaDesc: desc }
    case 'CIRCLE': return { kind: 'CIRCLE', circle: area.circle, areaDesc: desc }
    default: return { kind: 'ZONE', zoneId: area.zoneId }
  }
}

/** The form of a stored warning: to edit a draft, or prefilled for an Update of one in force (without its version). */
export function fromWarning(w: Warning, forUpdate = false): WarningForm {
  return {
    level: w.level ?? 'BLUE', status: w.status, scope: w.scope, restriction: w.restriction ?? '', addresses: w.addresses.join('\n'),
    category: w.category, event: w.event, responseType: w.responseType ?? '', urgency: w.urgency, certainty: w.certainty,
    headline: w.headline ?? '', description: w.description ?? '', instruction: w.instruction ?? '',
    effective: toShanghaiInput(w.effective), onset: toShanghaiInput(w.onset), expires: toShanghaiInput(w.expires),
    senderName: w.senderName ?? '', web: w.web ?? '', contact: w.contact ?? '',
    areas: w.areas.map(formArea),
    ...(forUpdate ? {} : { version: w.version }),
  }
}

function formArea(area: WarningAreaView): FormArea {
  switch (area.kind) {
    case 'REGION': return { kind: 'REGION', regionCode: area.regionCode ?? '', label: area.areaDesc }
    case 'POLYGON': return { kind: 'POLYGON', polygon: area.polygons[0] ?? '', areaDesc: area.areaDesc }
    case 'CIRCLE': return { kind: 'CIRCLE', circle: area.circle ?? '', areaDesc: area.areaDesc }
    default: return { kind: 'ZONE', zoneId: area.zoneId ?? undefined, label: area.areaDesc, polygons: area.polygons }
  }
}

/**
 * The server's messages about one area (`areas[2].polygon`, `areas[2].areaDesc` …), to show next to
 * that area in the list.
 */
export function areaErrors(errors: Record<string, string>, index: number): string[] {
  const prefix = `areas[${index}].`
  return Object.entries(errors).filter(([field]) => field.startsWith(prefix)).map(([, message]) => message)
}

/** Field errors the form has no place for (a field it does not show), so none is silently lost. */
export function otherErrors(errors: Record<string, string>, shown: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([field]) => !shown.includes(field) && !/^areas\[\d+\]\./.test(field) && !/^addresses\[\d+\]$/.test(field))
    .map(([field, message]) => `${field}: ${message}`)
}

// ---- steps ----

export type WarningAction = 'edit' | 'submit' | 'discard' | 'approve' | 'reject' | 'update' | 'cancel'

/**
 * The steps the API allows for a warning's state and the caller's permissions. Approval and rejection
 * are for someone other than the drafter (四眼原则): they are not offered on one's own draft; the
 * server checks it again and its refusal is shown.
 */
export function warningActions(w: Pick<Warning, 'state' | 'origin' | 'active' | 'msgType' | 'draftedBy'>, permissions: string[], me?: string): WarningAction[] {
  if (w.origin === 'EXTERNAL') return []
  const actions: WarningAction[] = []
  const draft = permissions.includes('warning:draft')
  const approve = permissions.includes('warning:approve')
  if ((w.state === 'DRAFT' || w.state === 'REJECTED') && draft) actions.push('edit', 'submit', 'discard')
  if (w.state === 'SUBMITTED' && approve && !isOwn(w, me)) actions.push('approve', 'reject')
  if (w.state === 'PUBLISHED' && w.active && w.msgType !== 'Cancel') {
    if (draft) actions.push('update')
    if (approve) actions.push('cancel')
  }
  return actions
}

/** Whether the warning was drafted by this user (by display name, as the API names the drafter). */
export function isOwn(w: Pick<Warning, 'draftedBy'>, me?: string): boolean {
  return !!me && w.draftedBy === me
}

/** One CAP reference "sender,identifier,sent". */
export function parseReference(reference: string): { sender: string; identifier: string; sent: string } {
  const [sender = '', identifier = '', sent = ''] = reference.split(',')
  return { sender, identifier, sent }
}
