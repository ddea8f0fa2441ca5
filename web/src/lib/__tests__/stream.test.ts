import { describe, expect, it, vi } from 'vitest'
import { connectStream } from '../stream'
import { FakeEventSource as FakeSource } from '@/test-support/FakeEventSource'


function setup() {
  FakeSource.all = []
  const events: unknown[] = []
  const opens: boolean[] = []
  const live: boolean[] = []
  const closed = vi.fn()
  const timers: (() => void)[] = []
  const stop = connectStream<{ id: number }>({
    url: '/api/alarms/stream',
    onEvent: (data) => events.push(data),
    onOpen: (again) => opens.push(again),
    onLive: (value) => live.push(value),
    onClosed: closed,
    create: (url) => new FakeSource(url) as unknown as EventSource,
    timers: { set: (task) => timers.push(task), clear: () => {} },
  })
  return { events, opens, live, closed, timers, stop }
}

describe('connectStream', () => {
  it('passes each alarm event on, parsed, and skips a malformed one', () => {
    const { events } = setup()
    const source = FakeSource.all[0]
    source.emit('alarm', { data: '{"id":7}' })
    source.emit('alarm', { data: 'not json' })
    expect(events).toEqual([{ id: 7 }])
  })

  it('reports the first connection and every reconnection, so the page reloads what it missed', () => {
    const { opens, live } = setup()
    const source = FakeSource.all[0]
    source.emit('open')
    source.readyState = 0
    source.emit('error')
    source.emit('open')
    expect(opens).toEqual([false, true])
    expect(live).toEqual([true, false, true])
  })

  it('leaves a network drop to EventSource, which reconnects by itself', () => {
    const { closed, timers } = setup()
    FakeSource.all[0].readyState = 0
    FakeSource.all[0].emit('error')
    expect(closed).not.toHaveBeenCalled()
    expect(timers).toHaveLength(0)
  })

  it('opens the stream again itself after the server refused it, and says so first', () => {
    const { closed, timers, opens } = setup()
    const first = FakeSource.all[0]
    first.emit('open')
    first.readyState = 2
    first.emit('error')
    expect(closed).toHaveBeenCalledOnce()
    expect(timers).toHaveLength(1)
    timers[0]()
    expect(FakeSource.all).toHaveLength(2)
    FakeSource.all[1].emit('open')
    expect(opens).toEqual([false, true])
  })

  it('closes the stream when stopped and does not open it again', () => {
    const { stop, timers } = setup()
    stop()
    expect(FakeSource.all[0].closed).toBe(true)
    FakeSource.all[0].emit('error')
    expect(timers).toHaveLength(0)
  })
})
