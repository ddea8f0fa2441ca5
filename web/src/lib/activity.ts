/**
 * How long the user has done nothing on the page (no key, pointer, touch or wheel). Background
 * requests ask it first: a request every minute would otherwise keep the session alive for ever on
 * a screen nobody looks at, and the server's idle timeout would never end it.
 */
export function watchActivity(target: EventTarget = document, now: () => number = Date.now) {
  let last = now()
  const seen = () => {
    last = now()
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
