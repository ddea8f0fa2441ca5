import { describe, expect, it } from 'vitest'
import { beepPattern, MUTE_KEY, playBeep, rememberMuted, soundMuted, type ToneContext } from '../sound'

function memory(): Storage {
  const values = new Map<string, string>()
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    clear: () => values.clear(),
    key: () => null,
    length: 0,
  } as Storage
}

describe('mute', () => {
  it('is off until chosen, and remembered on the device', () => {
    const storage = memory()
    expect(soundMuted(storage)).toBe(false)
    rememberMuted(true, storage)
    expect(storage.getItem(MUTE_KEY)).toBe('1')
    expect(soundMuted(storage)).toBe(true)
    rememberMuted(false, storage)
    expect(soundMuted(storage)).toBe(false)
  })
})

describe('beepPattern', () => {
  it('beeps three times higher for 二级, twice lower for 一级', () => {
    expect(beepPattern(2)).toHaveLength(3)
    expect(beepPattern(1)).toHaveLength(2)
    expect(beepPattern(2)[0].frequency).toBeGreaterThan(beepPattern(1)[0].frequency)
  })

  it('keeps the tones apart and short', () => {
    for (const level of [1, 2]) {
      const tones = beepPattern(level)
      tones.slice(1).forEach((tone, i) => expect(tone.start).toBeGreaterThan(tones[i].start + tones[i].duration))
      expect(tones.at(-1)!.start + tones.at(-1)!.duration).toBeLessThan(1)
    }
  })
})

describe('playBeep', () => {
  it('starts and stops one oscillator per tone, through a gain to the speakers', () => {
    const calls: string[] = []
    const param = () => ({ setValueAtTime: () => calls.push('set'), exponentialRampToValueAtTime: () => calls.push('ramp') })
    const destination = {} as AudioNode
    const context = {
      currentTime: 10,
      destination,
      createOscillator: () => ({
        type: 'sine', frequency: param(), connect: (node: unknown) => calls.push(node === destination ? 'osc>out' : 'osc>gain'),
        start: (at: number) => calls.push(`start ${at}`), stop: (at: number) => calls.push(`stop ${at.toFixed(2)}`),
      }),
      createGain: () => ({ gain: param(), connect: (node: unknown) => calls.push(node === destination ? 'gain>out' : 'gain>?') }),
    } as unknown as ToneContext
    playBeep(context, 1)
    expect(calls.filter((c) => c.startsWith('start'))).toEqual(['start 10', 'start 10.3'])
    expect(calls.filter((c) => c === 'gain>out')).toHaveLength(2)
    expect(calls).not.toContain('osc>out')
  })
})
