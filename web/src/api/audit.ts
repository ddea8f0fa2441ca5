import { http, query } from './http'
import type { Page } from './enterprise'

/** One changed field: before → after for an update; only `after` for a new record's values. */
export interface AuditChange {
  field: string
  label: string
  before: string | null
  after: string | null
  update: boolean
}

export interface AuditEntry {
  id: number
  occurredAt: string
  actorId: number | null
  actorUsername: string
  /** the person's name; null for an account that no longer exists */
  actorName: string | null
  /** the person's department, or the enterprise of an enterprise user */
  actorOffice: string | null
  remoteAddress: string | null
  action: string
  /** the action's name in the user's language */
  actionName: string
  entityType: string
  entityName: string
  entityId: string | null
  regionCode: string | null
  changes: string | null
  changeList: AuditChange[]
}

export interface AuditAction {
  code: string
  name: string
}

export interface AuditFilter {
  /** part of a person's name, or a login name */
  actor?: string
  action?: string
  entityType?: string
  entityId?: string
  /** instants, `to` exclusive */
  from?: string
  to?: string
  sort?: string
}

export const getAuditApi = (filter: AuditFilter, page: number, size: number) =>
  http.get<Page<AuditEntry>>(`/api/audit${query({ ...filter, page, size })}`)
export const getAuditActionsApi = () => http.get<AuditAction[]>('/api/audit/actions')
export const exportAuditUrl = (filter: AuditFilter) => `/api/audit/export${query({ ...filter })}`
