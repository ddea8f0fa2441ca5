/**
 * The 关联情况 of an enterprise's page: which of its lists (隐患, 监测设备, 报警, 风险点) a user may
 * see, in the order the tabs stand, and how a tab is labelled with its count.
 */

export type RelationTab = 'hazards' | 'devices' | 'alarms' | 'riskPoints'

/** Each tab and the permission that reads its list (the server still scopes every row). */
export const RELATION_TABS: readonly { tab: RelationTab; permission: string }[] = [
  { tab: 'hazards', permission: 'hazard:read' },
  { tab: 'devices', permission: 'monitoring:read' },
  { tab: 'alarms', permission: 'monitoring:read' },
  { tab: 'riskPoints', permission: 'risk:read' },
]

/** The tabs a user with these permissions sees, in order. */
export function visibleTabs(permissions: readonly string[]): RelationTab[] {
  return RELATION_TABS.filter((entry) => permissions.includes(entry.permission)).map((entry) => entry.tab)
}

/** A tab's label: its name and, once known, how many rows it holds (`隐患 (3)`). */
export function tabLabel(name: string, count: number | undefined): string {
  return count === undefined ? name : `${name} (${count})`
}

/** One page (1-based) of a list the server sends whole, such as an enterprise's risk points. */
export function pageOf<T>(list: readonly T[], page: number, size: number): T[] {
  const start = (Math.max(page, 1) - 1) * size
  return list.slice(start, start + size)
}
