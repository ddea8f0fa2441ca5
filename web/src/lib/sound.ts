/**
 * The alarm board's beep, made with the Web Audio API (no audio files to ship or cache). Browsers
 * start an AudioContext only after the user has interacted with the page, so the board offers
 * 开启声音 until then. Muting is remembered on the device.
 */
export const MUTE_KEY = 'yingji.alarm-sound-muted'

export function soundMuted(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  return storage.getItem(MUTE_KEY) === '1'
}

export function rememberMuted(muted: boolean, storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  if (muted) {
    storage.setItem(MUTE_KEY, '1')
  } else {
    storage.removeItem(MUTE_KEY)
  }
}

export interface Tone {
  frequency: number
  /** seconds after the beep starts */
  start: number
  duration: number
}

/** 二级 (the more dangerous threshold): three short high tones; 一级 and the rest: two lower ones. */
export function beepPattern(level: number): Tone[] {
  return level >= 2
    ? [0, 0.22, 0.44].map((start) => ({ frequency: 1320, start, duration: 0.15 }))
    : [0, 0.3].map((start) => ({ frequency: 880, start, duration: 0.2 }))
}

/** The part of an AudioContext a beep needs (so tests can pass a fake). */
export interface ToneContext {
  currentTime: number
  destination: AudioNode
  createOscillator(): OscillatorNode
  createGain(): GainNode
}

/** Schedules the level's tones, each with a short fade in and out so it does not click. */
export function playBeep(context: ToneContext, level: number, volume = 0.25): void {
  const now = context.currentTime
  for (const tone of beepPattern(level)) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.type = 'square'
    oscillator.frequency.setValueAtTime(tone.frequency, now + tone.start)
    gain.gain.setValueAtTime(0.0001, now + tone.start)
    gain.gain.exponentialRampToValueAtTime(volume, now + tone.start + 0.015)
    gain.gain.exponentialRampToValueAtTime(0.0001, now + tone.start + tone.duration)
    oscillator.connect(gain)
    gain.connect(context.destination)
    oscillator.start(now + tone.start)
    oscillator.stop(now + tone.start + tone.duration + 0.02)
  }
}
