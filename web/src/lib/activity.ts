/**
 * How long the user has done nothing on the page (no key, pointer, touch or wheel). Background
 * requests ask it first: a request every minute would otherwise keep the session alive for ever on
 * a screen nobody looks at, and the server's idle timeout would never end it. `onInput` hears every
 * input, so what went quiet while nobody was there can start again at once.
 */
export function watchActivity(target: EventTarget = document, now: () => number = Date.now, onInput?: () => void) {
  let last = now()
  const seen = () => {
    last = now()
    onInput?.()
  }
  const events = ['keydown', 'pointerdown', 'touchstart', 'wheel']
  for (const event of events) {
    target.addEventListener(event, seen, { passive: true, capture: true })
  }
  return {
    idleFor: () => now() - last,
    stop: () => {
      for (const event of events) {
        target.removeEventListener(event, seen, { capture: true })
      }
    },
  }
}
