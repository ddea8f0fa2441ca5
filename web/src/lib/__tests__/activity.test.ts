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
})
