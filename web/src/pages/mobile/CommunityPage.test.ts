import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountWithApp } from '@/test/mount'
import { resetAuth } from '@/stores/auth'
import CommunityPage from './CommunityPage.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  resetAuth(null)
})

const RESIDENT = {
  id: 9,
  username: 'resident',
  role: 'resident',
  person_id: 42,
  scope_grid_id: null,
  organisation_id: null,
  permissions: ['signed_in', 'case_read', 'life_read', 'life_participate'],
}

function notice(read: boolean) {
  return {
    id: 1,
    target_kind: 'community',
    target_id: 2,
    target_name: '双福路社区',
    title: '冬季消防安全提示',
    body: '电动车不进楼道',
    campaign_id: null,
    published_at: '2026-11-26T10:00:00+08:00',
    recipients: 10,
    read: read ? 1 : 0,
    read_rate: read ? 0.1 : 0,
    my_household_read: read,
  }
}

describe('CommunityPage', () => {
  it('lets a resident acknowledge a notice for their household, and offers no patrol tab', async () => {
    let read = false
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/notices/1/read')) {
        expect(init?.method).toBe('POST')
        read = true
        return new Response(JSON.stringify(notice(true)), { status: 200 })
      }
      if (url.startsWith('/api/v1/notices')) return new Response(JSON.stringify({ items: [notice(read)], total: 1 }), { status: 200 })
      return new Response(JSON.stringify({ items: [], total: 0 }), { status: 200 })
    })
    vi.stubGlobal('fetch', fetchMock)
    resetAuth(RESIDENT)
    const wrapper = mountWithApp(CommunityPage, { attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="notice"] h2').text()).toBe('冬季消防安全提示')
    expect(wrapper.text()).not.toContain('巡查')
    await wrapper.find('[data-testid="acknowledge"]').trigger('click')
    await flushPromises()
    expect(read).toBe(true)
    expect(wrapper.find('[data-testid="acknowledge"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('已确认阅读')
    wrapper.unmount()
  })
})
