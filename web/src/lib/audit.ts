/** How the audit log page asks and shows: periods in Beijing days, and who acted. */

/**
 * The instants of a period of Beijing calendar days, from the first day's midnight to the midnight
 * after the last day (exclusive), as the server's `from` and `to` want them.
 */
export function periodParams(period: string[] | null | undefined): { from?: string; to?: string } {
  if (!period || period.length !== 2 || !period[0] || !period[1]) return {}
  const from = new Date(`${period[0]}T00:00:00+08:00`)
  const to = new Date(`${period[1]}T00:00:00+08:00`)
  to.setUTCDate(to.getUTCDate() + 1)
  return { from: from.toISOString(), to: to.toISOString() }
}

/** The person as an auditor reads them: the name, and the office unless the name already says it. */
export function who(entry: { actorName: string | null; actorUsername: string; actorOffice: string | null }): { name: string; office: string | null } {
  const name = entry.actorName ?? entry.actorUsername
  const office = entry.actorOffice && !name.includes(entry.actorOffice) ? entry.actorOffice : null
  return { name, office }
}
