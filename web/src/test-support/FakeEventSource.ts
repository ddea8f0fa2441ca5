/** An EventSource stand-in that a test drives: it records what listens and emits what the test says. */
export class FakeEventSource {
  static all: FakeEventSource[] = []
  readyState = 0
  closed = false
  listeners: Record<string, ((event: unknown) => void)[]> = {}
  constructor(readonly url: string) {
    FakeEventSource.all.push(this)
  }
  addEventListener(type: string, listener: (event: unknown) => void) {
    ;(this.listeners[type] ??= []).push(listener)
  }
  emit(type: string, event: unknown = {}) {
    for (const listener of this.listeners[type] ?? []) listener(event)
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
}
