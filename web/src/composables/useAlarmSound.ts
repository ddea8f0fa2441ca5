import { onBeforeUnmount, ref } from 'vue'
import { playBeep, rememberMuted, soundMuted } from '@/lib/sound'

/**
 * The alarm board's sound. `ready` turns true once the browser lets the page play sound (after any
 * click or key on it); until then the board shows 开启声音. `played` counts the beeps, for the page
 * to expose to its tests.
 */
export function useAlarmSound() {
  const supported = typeof window !== 'undefined' && typeof window.AudioContext === 'function'
  const ready = ref(false)
  const muted = ref(soundMuted())
  const played = ref(0)
  let context: AudioContext | undefined

  async function enable(): Promise<boolean> {
    if (!supported) return false
    try {
      context ??= new AudioContext()
      // without the user's gesture Chrome keeps resume() pending: do not wait for it
      if (context.state !== 'running') await Promise.race([context.resume(), new Promise((done) => setTimeout(done, 300))])
      ready.value = context.state === 'running'
    } catch {
      ready.value = false
    }
    return ready.value
  }

  // a page reached by a click may play at once; otherwise the first click or key anywhere unlocks it
  const onGesture = () => {
    void enable().then((ok) => ok && stopListening())
  }
  const stopListening = () => {
    document.removeEventListener('pointerdown', onGesture, true)
    document.removeEventListener('keydown', onGesture, true)
  }
  if (supported) {
    if (navigator.userActivation?.hasBeenActive) void enable()
    document.addEventListener('pointerdown', onGesture, true)
    document.addEventListener('keydown', onGesture, true)
  }

  function toggleMute(): void {
    muted.value = !muted.value
    rememberMuted(muted.value)
  }

  /** Beeps for an alarm of this level, unless muted or not yet allowed. */
  function beep(level: number): void {
    if (!context || !ready.value || muted.value) return
    playBeep(context, level)
    played.value++
  }

  onBeforeUnmount(() => {
    stopListening()
    void context?.close().catch(() => {})
  })

  return { supported, ready, muted, played, enable, toggleMute, beep }
}
