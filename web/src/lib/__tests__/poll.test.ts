import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { poll } from '../poll'

let visibility: DocumentVisibilityState = 'visible'

function setVisibility(value: DocumentVisibilityState): void {
  visibility = value
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('poll', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    visibility = 'visible'
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility)
  })

  afterEach(() => {
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('runs at once and then every interval', () => {
    const task = vi.fn()
    const stop = poll(task, 60_000)
    expect(task).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(120_000)
    expect(task).toHaveBeenCalledTimes(3)
    stop()
  })

  it('asks nothing while the tab is hidden and runs at once when it shows again', () => {
    const task = vi.fn()
    const stop = poll(task, 60_000)
    setVisibility('hidden')
    vi.advanceTimersByTime(600_000)
    expect(task).toHaveBeenCalledTimes(1)
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(60_000)
    expect(task).toHaveBeenCalledTimes(3)
    stop()
  })

  it('starts only when shown if the tab opens hidden, and stops for good', () => {
    visibility = 'hidden'
    const task = vi.fn()
    const stop = poll(task, 1000)
    vi.advanceTimersByTime(5000)
    expect(task).not.toHaveBeenCalled()
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(1)
    stop()
    vi.advanceTimersByTime(5000)
    setVisibility('hidden')
    setVisibility('visible')
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('does not start a second interval when the page reports visible twice', () => {
    const task = vi.fn()
    const stop = poll(task, 1000)
    setVisibility('visible')
    vi.advanceTimersByTime(1000)
    expect(task).toHaveBeenCalledTimes(2)
    stop()
  })
})
