import { http, query } from './http'
import type { Page } from './enterprise'

export interface AuditEntry {
  id: number
  occurredAt: string
  actorUsername: string
  remoteAddress: string | null
  action: string
  entityType: string
  entityId: string | null
  regionCode: string | null
  changes: string | null
}

export const getAuditApi = (filter: { actor?: string; action?: string; entityType?: string }, page: number, size: number) =>
  http.get<Page<AuditEntry>>(`/api/audit${query({ ...filter, page, size })}`)
