/**
 * The menu a user sees, built from their permissions. Entries of capabilities that do not exist yet
 * are listed as coming soon so users know what the platform will do, never as dead links.
 */
export interface MenuItem {
  key: string
  route?: string
  label: string
  icon: string
  comingSoon?: boolean
}

interface Entry extends MenuItem {
  permission?: string
  roles?: string[]
}

const ENTRIES: Entry[] = [
  { key: 'workbench', route: '/', label: 'menu.workbench', icon: 'House' },
  { key: 'map', route: '/map', label: 'menu.map', icon: 'MapLocation', permission: 'enterprise:read' },
  { key: 'enterprises', route: '/enterprises', label: 'menu.enterprises', icon: 'OfficeBuilding', permission: 'enterprise:read' },
  { key: 'risk', route: '/risk', label: 'menu.risk', icon: 'Warning', permission: 'risk:read' },
  // who has not made today's commitment: a supervisor's list, meaningless to an enterprise or an auditor
  { key: 'commitments', route: '/risk/commitments', label: 'menu.commitments', icon: 'Stamp', permission: 'risk:read', roles: ['ADMIN', 'BUREAU', 'TOWNSHIP', 'GRID', 'DEPARTMENT'] },
  { key: 'hazards', route: '/hazards', label: 'menu.hazards', icon: 'Tools', permission: 'hazard:read' },
  { key: 'devices', route: '/devices', label: 'menu.devices', icon: 'Odometer', permission: 'monitoring:read' },
  { key: 'alarms', route: '/alarms', label: 'menu.alarms', icon: 'AlarmClock', permission: 'monitoring:read' },
  { key: 'warnings', route: '/warnings', label: 'menu.warnings', icon: 'Bell', permission: 'warning:read' },
  { key: 'warehouses', route: '/resources/warehouses', label: 'menu.warehouses', icon: 'Box', permission: 'resource:read' },
  { key: 'supplies', route: '/resources/supplies', label: 'menu.supplies', icon: 'List', permission: 'resource:read' },
  // loading region outlines: the administrator and the bureaus, for their own region and below
  { key: 'boundaries', route: '/regions/boundaries', label: 'menu.boundaries', icon: 'Location', permission: 'region:manage' },
  { key: 'audit', route: '/audit', label: 'menu.audit', icon: 'Document', permission: 'audit:read' },
]

export function menuFor(roles: string[], permissions: string[]): MenuItem[] {
  return ENTRIES.filter(
    (entry) =>
      (!entry.permission || permissions.includes(entry.permission)) &&
      (!entry.roles || entry.roles.some((role) => roles.includes(role))),
  ).map(({ key, route, label, icon, comingSoon }) => ({ key, route, label, icon, comingSoon }))
}

/**
 * The menu entry of a path: the one with the longest route that the path lies under, so that
 * /risk/commitments lights 每日承诺 rather than 风险评估; the workbench when none does.
 */
export function activeKey(menu: MenuItem[], path: string): string {
  const matches = menu.filter((m) => m.route && m.route !== '/' && (path === m.route || path.startsWith(`${m.route}/`)))
  return matches.sort((a, b) => b.route!.length - a.route!.length)[0]?.key ?? 'workbench'
}
