import { ProblemError, toProblem } from '@/lib/problem'

/**
 * The one door to the server: same-origin session cookie, the CSRF token echoed on every change,
 * the user's language for server messages, and problems turned into {@link ProblemError}.
 */
let language = 'zh-CN'
let onUnauthenticated: () => void = () => {}

export function setRequestLanguage(value: string): void {
  language = value
}

/** Called when the session has ended (401), so the app can send the user to the login page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler
}

function csrfToken(): string | undefined {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : undefined
}

export function requestHeaders(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' }
  if (json) {
    headers['Content-Type'] = 'application/json'
  }
  const token = csrfToken()
  if (method !== 'GET' && token) {
    headers['X-XSRF-TOKEN'] = token
  }
  return headers
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const isForm = body instanceof FormData
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: requestHeaders(method, body !== undefined && !isForm),
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = undefined
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = text
  }
  if (!response.ok) {
    const problem = toProblem(response.status, parsed)
    if (response.status === 401 && !url.endsWith('/api/auth/login')) {
      onUnauthenticated()
    }
    throw new ProblemError(problem)
  }
  return parsed as T
}

export const http = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
}

/** Query string of the set values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value))
    }
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}
