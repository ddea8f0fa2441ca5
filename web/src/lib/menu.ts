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
  { key: 'hazards', route: '/hazards', label: 'menu.hazards', icon: 'Tools', permission: 'hazard:read' },
  { key: 'monitoring', label: 'menu.monitoring', icon: 'Odometer', roles: ['ADMIN', 'BUREAU', 'TOWNSHIP', 'ENTERPRISE'], comingSoon: true },
  { key: 'warnings', label: 'menu.warnings', icon: 'Bell', roles: ['ADMIN', 'BUREAU', 'TOWNSHIP', 'GRID'], comingSoon: true },
  { key: 'audit', route: '/audit', label: 'menu.audit', icon: 'Document', permission: 'audit:read' },
]

export function menuFor(roles: string[], permissions: string[]): MenuItem[] {
  return ENTRIES.filter(
    (entry) =>
      (!entry.permission || permissions.includes(entry.permission)) &&
      (!entry.roles || entry.roles.some((role) => roles.includes(role))),
  ).map(({ key, route, label, icon, comingSoon }) => ({ key, route, label, icon, comingSoon }))
}
