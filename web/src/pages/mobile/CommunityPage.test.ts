import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountWithApp } from '@/test/mount'
import { chinaToday } from '@/lib/lifeForms'
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

  it('lets a party member log a visit to a household they link, refusing a future day first', async () => {
    const posted: unknown[] = []
    const linked = { household_id: 77, grid_id: 5, name: '1201', unit: '1单元', building: '3栋', compound: '华润六期锦云府', last_visit_at: null }
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/visits/my-households')) return new Response(JSON.stringify({ items: [linked], total: 1 }), { status: 200 })
      if (url === '/api/v1/visits' && init?.method === 'POST') {
        posted.push(JSON.parse(init.body as string))
        return new Response(JSON.stringify({ id: 1, case: null }), { status: 201 })
      }
      return new Response(JSON.stringify({ items: [], total: 0 }), { status: 200 })
    })
    vi.stubGlobal('fetch', fetchMock)
    resetAuth({ ...RESIDENT, username: 'head', role: 'micro_grid_head', person_id: 60, permissions: ['signed_in', 'life_read', 'life_participate', 'life_write'] })
    const wrapper = mountWithApp(CommunityPage, { attachTo: document.body })
    await flushPromises()
    const tab = wrapper.findAll('[data-testid="community-tabs"] label').find((l) => l.text() === '走访')!
    await tab.find('input').setValue(true)
    await flushPromises()
    const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'mv-household')!
    select.vm.$emit('update:modelValue', 77)
    await wrapper.find('[data-testid="mv-form"] button:nth-child(2)').trigger('click')
    await wrapper.find('[data-testid="mv-date"]').setValue('2999-01-01')
    await wrapper.find('[data-testid="m-visit"]').trigger('submit')
    await flushPromises()
    expect(posted).toEqual([])
    expect(wrapper.find('[data-testid="m-visit"]').text()).toContain('走访日期不能晚于今天')

    await wrapper.find('[data-testid="mv-date"]').setValue(chinaToday())
    await wrapper.find('#mv-learnt').setValue('想了解高龄补贴')
    await wrapper.find('[data-testid="m-visit"]').trigger('submit')
    await flushPromises()
    expect(posted).toEqual([{ household_id: 77, form: 'courtyard_meeting', learnt: '想了解高龄补贴' }])
    wrapper.unmount()
  })
})
