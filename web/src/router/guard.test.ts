import { afterEach, describe, expect, it } from 'vitest'
import type { User } from '@/api/types'
import { resetAuth, can } from '@/stores/auth'
import { guard, router } from './index'

function user(role: string, permissions: string[]): User {
  return { id: 1, username: role, role, person_id: 42, scope_grid_id: null, organisation_id: null, permissions }
}
const at = (path: string) => router.resolve(path)

afterEach(() => resetAuth(null))

describe('route guard', () => {
  it('lets anyone open the public pages', () => {
    resetAuth(null)
    expect(guard(at('/m/report?place=50'))).toBe(true)
    expect(guard(at('/m/track/abc'))).toBe(true)
    expect(guard(at('/login'))).toBe(true)
  })

  it('sends a visitor to the login page, remembering where they were going', () => {
    resetAuth(null)
    expect(guard(at('/cases?overdue=true'))).toEqual({ name: 'login', query: { redirect: '/cases?overdue=true' } })
    expect(guard(at('/m/volunteer'))).toEqual({ name: 'login', query: { redirect: '/m/volunteer' } })
  })

  it('refuses pages the role may not use', () => {
    resetAuth(user('micro_grid_worker', ['signed_in', 'case_read', 'case_act', 'map_read']))
    expect(guard(at('/dashboard'))).toEqual({ name: 'forbidden', query: { from: '/dashboard' } })
    expect(guard(at('/cases'))).toBe(true)
    expect(guard(at('/m/volunteer'))).toBe(true)
    expect(can('metrics_read')).toBe(false)
  })

  it('takes a signed-in user away from the login page', () => {
    resetAuth(user('subdistrict_admin', ['signed_in', 'map_read', 'case_read']))
    expect(guard(at('/login'))).toBe('/map')
    expect(guard(at('/login?redirect=/cases/5'))).toBe('/cases/5')
    expect(guard(at('/login?redirect=//evil.example'))).toBe('/map')
  })
})
