import { describe, expect, it } from 'vitest'
import type { User } from '@/api/types'
import { homePath, mayAccept, menuFor, safeRedirect } from './access'

function user(role: string, permissions: string[]): User {
  return { id: 1, username: role, role, person_id: null, scope_grid_id: null, organisation_id: null, permissions }
}
const ADMIN = user('subdistrict_admin', ['signed_in', 'map_read', 'people_read', 'case_read', 'case_intake', 'case_act', 'metrics_read'])
const VOLUNTEER = user('micro_grid_worker', ['signed_in', 'map_read', 'people_read', 'case_read', 'case_intake', 'case_act'])
const PROPERTY = user('property_staff', ['signed_in', 'map_read', 'case_read', 'case_act'])
const RESIDENT = user('resident', ['signed_in', 'case_read', 'case_act'])

describe('homePath', () => {
  it('sends each role to its everyday page', () => {
    expect(homePath(null)).toBe('/login')
    expect(homePath(ADMIN)).toBe('/map')
    expect(homePath(VOLUNTEER)).toBe('/m/volunteer')
    expect(homePath(PROPERTY)).toBe('/map')
    expect(homePath(RESIDENT)).toBe('/cases')
    expect(homePath(user('x', ['signed_in']))).toBe('/forbidden')
  })
})

describe('menuFor', () => {
  const paths = (u: User | null) => menuFor(u).map((m) => m.path)
  it('lists only what the permissions allow', () => {
    expect(paths(ADMIN)).toEqual(['/dashboard', '/cases', '/cases/new', '/map', '/places', '/persons', '/check'])
    expect(paths(PROPERTY)).toEqual(['/cases', '/map', '/places', '/check'])
    expect(paths(RESIDENT)).toEqual(['/cases'])
    expect(paths(null)).toEqual([])
    expect(paths(user('subdistrict_admin', ['signed_in', 'audit_read']))).toEqual(['/audit'])
    expect(paths(user('subdistrict_admin', ['signed_in', 'case_read', 'case_admin']))).toEqual([
      '/cases',
      '/admin/categories',
      '/admin/routing-rules',
      '/admin/calendar',
      '/admin/emergency-roles',
    ])
  })

  it('offers the phone page to field workers only', () => {
    expect(paths(VOLUNTEER)).toContain('/m/volunteer')
    expect(paths(VOLUNTEER)).not.toContain('/dashboard')
  })
})

describe('safeRedirect', () => {
  it('follows app paths only', () => {
    expect(safeRedirect('/cases?overdue=true')).toBe('/cases?overdue=true')
    expect(safeRedirect('//evil.example/x')).toBeNull()
    expect(safeRedirect('https://evil.example/')).toBeNull()
    expect(safeRedirect('/login?redirect=/x')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
    expect(safeRedirect(['/cases'])).toBeNull()
  })
})

describe('mayAccept', () => {
  it('is for the desk roles', () => {
    expect(mayAccept({ role: 'grid_worker' })).toBe(true)
    expect(mayAccept({ role: 'police' })).toBe(true)
    expect(mayAccept({ role: 'micro_grid_worker' })).toBe(false)
    expect(mayAccept(null)).toBe(false)
  })
})

describe('the emergency entry', () => {
  it('is listed for emergency_read, after the dashboard', () => {
    const commander = user('subdistrict_admin', ['signed_in', 'metrics_read', 'emergency_read', 'case_read'])
    expect(menuFor(commander).map((m) => m.path)).toEqual(['/dashboard', '/emergencies', '/cases'])
    expect(menuFor(RESIDENT).map((m) => m.path)).not.toContain('/emergencies')
  })
})
