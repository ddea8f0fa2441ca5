import { connectStream, type StreamOptions } from './stream'
import { poll } from './poll'

/** The live stream of the signed-in user's new notices (Server-Sent Events, event name `notice`). */
export const NOTICE_STREAM_URL = '/api/notifications/stream'

export interface NoticeFeedOptions<T> {
  /** a new notice from the stream */
  onNotice: (notice: T) => void
  /** asks the server for the unread count */
  refresh: () => void
  /** how long the user has done nothing on the page */
  idleFor: () => number
  /** without input for this long the feed asks nothing more: the stream is closed, polling stops */
  idle?: number
  /** how often the count is asked for while the stream is down, and how often idleness is checked */
  every?: number
  /** the server refused the stream (to check the session) */
  onClosed?: () => void
  connect?: (options: StreamOptions<T>) => () => void
  timers?: { every: (task: () => void, ms: number) => unknown; clear: (timer: unknown) => void }
  doc?: Document
}

/**
 * The bell's source of news. While the stream is live, notices arrive with it and nothing is polled;
 * while it is down (reconnecting, refused by the server) the unread count is asked for every `every`
 * ms instead, and once after every reconnection for what came meanwhile. What must hold: after `idle`
 * without input the feed closes the stream and asks nothing — a background request (or a stream
 * reconnecting) would keep the session of an abandoned screen alive for ever — until `wake` is called
 * on new input, which reopens the stream and asks for the count at once.
 */
export function watchNotices<T>(options: NoticeFeedOptions<T>) {
  const idle = options.idle ?? 10 * 60_000
  const every = options.every ?? 60_000
  const connect = options.connect ?? connectStream
  const timers = options.timers ?? {
    every: (task: () => void, ms: number) => setInterval(task, ms),
    clear: (timer: unknown) => clearInterval(timer as ReturnType<typeof setInterval>),
  }
  let live = false
  let asleep = false
  let closeStream: (() => void) | undefined

  const open = () => {
    live = false
    closeStream = connect({
      url: NOTICE_STREAM_URL,
      event: 'notice',
      onEvent: options.onNotice,
      onLive: (value) => {
        live = value
      },
      onOpen: (again) => {
        if (again) options.refresh()
      },
      onClosed: options.onClosed,
    })
  }
  const sleep = () => {
    asleep = true
    live = false
    closeStream?.()
    closeStream = undefined
  }
  const wake = () => {
    if (!asleep) return
    asleep = false
    open()
    options.refresh()
  }

  open()
  // the fallback: only while the stream is down, the tab shown and someone is there (it also asks once at the start)
  const stopPolling = poll(() => {
    if (!live && !asleep && options.idleFor() < idle) options.refresh()
  }, every, options.doc)
  // idleness is checked even in a hidden tab, where nothing else runs: an open stream must end there too
  const idleCheck = timers.every(() => {
    if (!asleep && options.idleFor() >= idle) sleep()
  }, every)

  return {
    wake,
    /** whether notices currently come live (for tests and a status hint) */
    isLive: () => live,
    isAsleep: () => asleep,
    stop: () => {
      stopPolling()
      timers.clear(idleCheck)
      closeStream?.()
      closeStream = undefined
    },
  }
}
