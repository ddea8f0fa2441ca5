import { http, query } from './http'
import type { Page } from './enterprise'

/** A notice of the caller's inbox; title and body come in the language of the request. */
export interface Notice {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  createdAt: string
  readAt: string | null
}

export const getNotificationsApi = (filter: { unread?: boolean }, page: number, size: number) =>
  http.get<Page<Notice>>(`/api/notifications${query({ unread: filter.unread || undefined, page, size })}`)
export const getUnreadCountApi = () => http.get<{ count: number }>('/api/notifications/unread-count')
export const readNotificationApi = (id: number) => http.post<void>(`/api/notifications/${id}/read`)
export const readAllNotificationsApi = () => http.post<void>('/api/notifications/read-all')
