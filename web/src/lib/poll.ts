/**
 * Runs `task` now and every `every` ms while the page is visible. A hidden tab (another tab in
 * front, a locked phone) asks nothing of the server; when it shows again the task runs at once and
 * the interval starts over. Returns the function that stops it.
 */
export function poll(task: () => void, every: number, doc: Document = document): () => void {
  let timer: ReturnType<typeof setInterval> | undefined
  const start = () => {
    timer ??= setInterval(task, every)
  }
  const pause = () => {
    if (timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') {
      pause()
    } else if (timer === undefined) {
      task()
      start()
    }
  }
  doc.addEventListener('visibilitychange', onVisibility)
  if (doc.visibilityState !== 'hidden') {
    task()
    start()
  }
  return () => {
    pause()
    doc.removeEventListener('visibilitychange', onVisibility)
  }
}
