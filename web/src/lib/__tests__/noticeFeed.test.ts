import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NOTICE_STREAM_URL, watchNotices } from '../noticeFeed'
import { FakeEventSource as FakeSource } from '@/test-support/FakeEventSource'


const MINUTE = 60_000
let visibility: DocumentVisibilityState = 'visible'
let idle = 0

function setup() {
  const notices: unknown[] = []
  const refresh = vi.fn()
  const closed = vi.fn()
  const feed = watchNotices<{ id: number; title: string }>({
    onNotice: (notice) => notices.push(notice),
    refresh,
    idleFor: () => idle,
    onClosed: closed,
  })
  return { feed, notices, refresh, closed, source: () => FakeSource.all[FakeSource.all.length - 1] }
}

describe('watchNotices', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSource.all = []
    visibility = 'visible'
    idle = 0
    vi.stubGlobal('EventSource', FakeSource)
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('passes each notice from the stream on at once and polls nothing while the stream is live', () => {
    const { feed, notices, refresh, source } = setup()
    expect(FakeSource.all).toHaveLength(1)
    expect(source().url).toBe(NOTICE_STREAM_URL)
    expect(refresh).toHaveBeenCalledOnce() // the count at the start
    source().readyState = 1
    source().emit('open')
    source().emit('notice', { data: '{"id":5,"title":"暴雨红色预警"}' })
    source().emit('alarm', { data: '{"id":6,"title":"not a notice"}' })
    expect(notices).toEqual([{ id: 5, title: '暴雨红色预警' }])
    vi.advanceTimersByTime(5 * MINUTE)
    expect(refresh).toHaveBeenCalledOnce()
    expect(feed.isLive()).toBe(true)
    feed.stop()
  })

  it('polls the count while the stream is down and asks once more when it is back', () => {
    const { feed, refresh, source } = setup()
    source().readyState = 1
    source().emit('open')
    // a network drop: EventSource reconnects by itself, the count is polled meanwhile
    source().readyState = 0
    source().emit('error')
    vi.advanceTimersByTime(2 * MINUTE)
    expect(refresh).toHaveBeenCalledTimes(3)
    source().readyState = 1
    source().emit('open')
    expect(refresh).toHaveBeenCalledTimes(4) // what came while it was down
    vi.advanceTimersByTime(3 * MINUTE)
    expect(refresh).toHaveBeenCalledTimes(4)
    feed.stop()
  })

  it('when the server refuses the stream it says so, polls, and opens the stream again later', () => {
    const { feed, refresh, closed, source } = setup()
    const first = source()
    first.readyState = 2
    first.emit('error')
    expect(closed).toHaveBeenCalledOnce()
    expect(first.closed).toBe(true)
    vi.advanceTimersByTime(15_000)
    expect(FakeSource.all).toHaveLength(2)
    vi.advanceTimersByTime(MINUTE - 15_000)
    expect(refresh).toHaveBeenCalledTimes(2)
    feed.stop()
  })

  it('on an abandoned screen closes the stream after 10 idle minutes and asks nothing until there is input again', () => {
    const { feed, refresh, source } = setup()
    source().readyState = 1
    source().emit('open')
    idle = 10 * MINUTE
    vi.advanceTimersByTime(MINUTE)
    expect(source().closed).toBe(true)
    expect(feed.isAsleep()).toBe(true)
    vi.advanceTimersByTime(60 * MINUTE)
    expect(FakeSource.all).toHaveLength(1)
    expect(refresh).toHaveBeenCalledOnce()
    // someone touches the page: the stream opens again and the count is asked for at once
    idle = 0
    feed.wake()
    expect(FakeSource.all).toHaveLength(2)
    expect(refresh).toHaveBeenCalledTimes(2)
    feed.wake()
    expect(FakeSource.all).toHaveLength(2)
    feed.stop()
  })

  it('closes the stream of an idle hidden tab too, and a refused stream stops retrying once idle', () => {
    const { feed, refresh, source } = setup()
    const first = source()
    first.readyState = 2
    first.emit('error')
    visibility = 'hidden'
    document.dispatchEvent(new Event('visibilitychange'))
    idle = 10 * MINUTE
    vi.advanceTimersByTime(MINUTE)
    expect(feed.isAsleep()).toBe(true)
    vi.advanceTimersByTime(60 * MINUTE)
    // the retry 15 s after the refusal was the last: asleep, nothing reconnects
    expect(FakeSource.all).toHaveLength(2)
    expect(FakeSource.all.every((s) => s.closed)).toBe(true)
    expect(refresh).toHaveBeenCalledOnce()
    feed.stop()
  })

  it('once stopped closes the stream and asks nothing more', () => {
    const { feed, refresh, source } = setup()
    feed.stop()
    expect(source().closed).toBe(true)
    vi.advanceTimersByTime(30 * MINUTE)
    expect(refresh).toHaveBeenCalledOnce()
    expect(FakeSource.all).toHaveLength(1)
  })
})
