import { describe, expect, it } from 'vitest'
import { watchActivity } from '../activity'

describe('watchActivity', () => {
  it('counts the time since the last key or touch, and stops counting input once stopped', () => {
    let clock = 1000
    const target = new EventTarget()
    const activity = watchActivity(target, () => clock)
    clock = 61_000
    expect(activity.idleFor()).toBe(60_000)
    target.dispatchEvent(new Event('keydown'))
    clock = 62_000
    expect(activity.idleFor()).toBe(1000)
    target.dispatchEvent(new Event('pointerdown'))
    expect(activity.idleFor()).toBe(0)
    activity.stop()
    clock = 90_000
    target.dispatchEvent(new Event('touchstart'))
    expect(activity.idleFor()).toBe(28_000)
  })

  it('tells of every input, so what went quiet can start again at once', () => {
    const target = new EventTarget()
    let inputs = 0
    const activity = watchActivity(target, () => 0, () => inputs++)
    target.dispatchEvent(new Event('wheel'))
    target.dispatchEvent(new Event('keydown'))
    expect(inputs).toBe(2)
    activity.stop()
    target.dispatchEvent(new Event('keydown'))
    expect(inputs).toBe(2)
  })
})
