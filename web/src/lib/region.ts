/**
 * GB/T 2260 region codes as the server reads them: 6 digits down to county level, 9 for townships, 12
 * for villages. Everything below a region has a code starting with the region's subtree prefix
 * (330000 → 33, 330100 → 3301, 330105 → 330105).
 */
export function subtreePrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.substring(0, 2)
  if (code.length === 6 && code.endsWith('00')) return code.substring(0, 4)
  return code
}

/** Whether `code` is `region` or lies below it. */
export function regionContains(region: string, code: string): boolean {
  return code.startsWith(subtreePrefix(region))
}

export interface NamedRegion {
  code: string
  name: string
  /** Names from the caller's own region down: 拱墅区 / 米市巷街道 / 大塘巷社区. */
  path: string
}

/**
 * How a region is named in a list of the caller's scope: its path below the caller's own region
 * (米市巷街道 / 大塘巷社区 for a 拱墅区 user), the deepest known region that contains the code when the
 * code itself is not known, or the bare code when nothing is.
 */
export function regionLabel(code: string, regions: NamedRegion[]): string {
  const exact = regions.find((r) => r.code === code)
  const region = exact ?? regions
    .filter((r) => regionContains(r.code, code))
    .reduce<NamedRegion | undefined>((deepest, r) => (!deepest || subtreePrefix(r.code).length > subtreePrefix(deepest.code).length ? r : deepest), undefined)
  if (!region) return code
  const parts = region.path.split(' / ')
  return parts.length > 1 ? parts.slice(1).join(' / ') : parts[0]
}

/**
 * The codes from `root` down to `code`, both included, read off the code itself (330105001055 →
 * 330105, 330105001, 330105001055 for root 330105): what a lazy cascader needs to open at a value.
 * Empty when `code` is not `root` or below it.
 */
export function pathFrom(root: string, code: string): string[] {
  if (!regionContains(root, code)) return []
  const ancestry = [code.substring(0, 2) + '0000', code.substring(0, 4) + '00', code.substring(0, 6)]
  if (code.length >= 9) ancestry.push(code.substring(0, 9))
  if (code.length === 12) ancestry.push(code)
  return ancestry.filter((c, i) => regionContains(root, c) && ancestry.indexOf(c) === i)
}
