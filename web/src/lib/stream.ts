/**
 * A live stream (Server-Sent Events: the alarm board's alarms, the bell's notices) with what
 * EventSource does not do by itself. It reconnects on its own after a network drop, but gives up
 * for good when the server answers with an error (the session ended, the server restarted behind a
 * proxy that answered 502): then the caller hears `onClosed` (to check the session) and the stream
 * is opened again after `retryMs`. Every (re)connection is reported, so the page can reload what it
 * may have missed while disconnected.
 */
export interface StreamOptions<T> {
  url: string
  onEvent: (data: T) => void
  /** `again` is false for the first connection, true after a drop */
  onOpen?: (again: boolean) => void
  onLive?: (live: boolean) => void
  onClosed?: () => void
  event?: string
  retryMs?: number
  create?: (url: string) => EventSource
  timers?: { set: (task: () => void, ms: number) => unknown; clear: (timer: unknown) => void }
}

const CLOSED = 2

export function connectStream<T>(options: StreamOptions<T>): () => void {
  const create = options.create ?? ((url: string) => new EventSource(url))
  const timers = options.timers ?? { set: (task: () => void, ms: number) => setTimeout(task, ms), clear: (timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>) }
  let source: EventSource | undefined
  let retry: unknown
  let opened = false
  let stopped = false

  const open = () => {
    retry = undefined
    source = create(options.url)
    source.addEventListener('open', () => {
      options.onLive?.(true)
      options.onOpen?.(opened)
      opened = true
    })
    source.addEventListener(options.event ?? 'alarm', (event) => {
      let data: T
      try {
        data = JSON.parse((event as MessageEvent<string>).data) as T
      } catch {
        return
      }
      options.onEvent(data)
    })
    source.addEventListener('error', () => {
      options.onLive?.(false)
      if (source && source.readyState === CLOSED && !stopped) {
        source.close()
        options.onClosed?.()
        retry = timers.set(open, options.retryMs ?? 15_000)
      }
    })
  }

  open()
  return () => {
    stopped = true
    if (retry !== undefined) timers.clear(retry)
    source?.close()
  }
}
