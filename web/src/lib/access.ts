// Who sees what: the landing page per role and the side-menu entries with the
// permission each needs. The server enforces every permission again; this
// only keeps people away from pages that would answer 403.
import type { User } from '@/api/types'

/** Roles whose everyday tool is the phone page /m/volunteer. */
export const FIELD_ROLES = ['micro_grid_worker', 'volunteer'] as const

export interface MenuEntry {
  path: string
  label: string
  permission: string
}

export const MENU: MenuEntry[] = [
  { path: '/dashboard', label: 'nav.dashboard', permission: 'metrics_read' },
  { path: '/emergencies', label: 'nav.emergency', permission: 'emergency_read' },
  { path: '/cases', label: 'nav.cases', permission: 'case_read' },
  { path: '/cases/new', label: 'nav.caseNew', permission: 'case_intake' },
  { path: '/map', label: 'nav.map', permission: 'map_read' },
  { path: '/places', label: 'nav.places', permission: 'map_read' },
  { path: '/persons', label: 'nav.persons', permission: 'people_read' },
  { path: '/check', label: 'nav.check', permission: 'map_read' },
  { path: '/audit', label: 'nav.audit', permission: 'audit_read' },
  { path: '/admin/categories', label: 'nav.categories', permission: 'case_admin' },
  { path: '/admin/routing-rules', label: 'nav.routingRules', permission: 'case_admin' },
  { path: '/admin/calendar', label: 'nav.calendar', permission: 'case_admin' },
  { path: '/admin/emergency-roles', label: 'nav.emergencyRoles', permission: 'case_admin' },
  { path: '/patrols', label: 'life.nav.patrols', permission: 'life_read' },
  { path: '/visits', label: 'life.nav.visits', permission: 'life_read' },
  { path: '/topics', label: 'life.nav.topics', permission: 'life_read' },
  { path: '/conventions', label: 'life.nav.conventions', permission: 'life_read' },
  { path: '/notices', label: 'life.nav.notices', permission: 'life_read' },
  { path: '/m/community', label: 'life.nav.community', permission: 'life_read' },
  { path: '/m/volunteer', label: 'nav.volunteer', permission: 'case_act' },
]

export function hasPermission(user: User | null | undefined, permission: string): boolean {
  if (permission === 'public') return true
  return !!user && user.permissions.includes(permission)
}

/** The menu entries this user may open (the volunteer page only for field roles). */
export function menuFor(user: User | null | undefined): MenuEntry[] {
  return MENU.filter(
    (m) =>
      hasPermission(user, m.permission) &&
      (m.path !== '/m/volunteer' || isFieldWorker(user)),
  )
}

export function isFieldWorker(user: User | null | undefined): boolean {
  return !!user && (FIELD_ROLES as readonly string[]).includes(user.role)
}

/** Where "/" leads: volunteers to their phone page, leaders to the map, others to the inbox. */
export function homePath(user: User | null | undefined): string {
  if (!user) return '/login'
  if (isFieldWorker(user)) return '/m/volunteer'
  if (hasPermission(user, 'map_read')) return '/map'
  if (hasPermission(user, 'case_read')) return '/cases'
  return '/forbidden'
}

/** Only same-app paths are followed after signing in (no open redirects). */
export function safeRedirect(target: unknown): string | null {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null
  if (target.startsWith('/login')) return null
  return target
}

/** Roles that may accept a request (so "accept now" at intake makes sense). */
export const ACCEPT_ROLES = ['grid_worker', 'community_admin', 'subdistrict_staff', 'subdistrict_admin', 'police']

export function mayAccept(user: { role: string } | null | undefined): boolean {
  return !!user && ACCEPT_ROLES.includes(user.role)
}
