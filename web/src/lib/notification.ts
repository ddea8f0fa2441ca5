/**
 * Where a notice leads: only a path of this app ("/hazards/42"). Anything else — another site,
 * "//host", "javascript:" — leads nowhere, so a stored link can never send a user off the platform.
 */
export function inAppLink(link: string | null | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.includes('\\')) {
    return null
  }
  return link
}

/** The badge's text: nothing at zero, the number up to 99, then 99+. */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count)
}
