/** The calendar day (YYYY-MM-DD) of an instant in Asia/Shanghai, the day the server's daily rules use. */
export function shanghaiDay(at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** Date and time of an instant in Asia/Shanghai, to the minute: "2026-11-23 09:05". */
export function shanghaiMinute(at: Date | string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(typeof at === 'string' ? new Date(at) : at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

/** The time of an instant in Asia/Shanghai for a chart's axis: "09:05", or "11-23 09:05" with the day. */
export function shanghaiClock(at: Date | string | number, withDay = false): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at instanceof Date ? at : new Date(at))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const clock = `${part('hour')}:${part('minute')}`
  return withDay ? `${part('month')}-${part('day')} ${clock}` : clock
}
