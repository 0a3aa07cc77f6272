import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { mountWithApp } from '@/test/mount'
import { auth, resetAuth } from '@/stores/auth'
import { getCsrfToken } from '@/api/client'
import LoginPage from './LoginPage.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  resetAuth(null)
})

const ME = {
  user: { id: 1, username: 'admin', role: 'subdistrict_admin', role_zh: '街道管理员', person_id: null, scope_grid_id: null, organisation_id: null, permissions: ['signed_in', 'map_read', 'case_read'] },
  csrf_token: 'csrf-1',
}

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginPage },
      { path: '/cases', component: { template: '<p>cases</p>' } },
      { path: '/map', component: { template: '<p>map</p>' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mountWithApp(LoginPage, { global: { plugins: [router] }, attachTo: document.body })
  return { wrapper, router }
}

describe('LoginPage', () => {
  it('shows the error for a wrong password, then signs in and goes back to the page asked for', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response('{"error":{"code":"unauthorized","message":"wrong username or password"}}', { status: 401 }))
      .mockResolvedValueOnce(new Response(JSON.stringify(ME), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const { wrapper, router } = await mountAt('/login?redirect=/cases')

    await wrapper.find('#login-username').setValue('admin')
    await wrapper.find('#login-password').setValue('nope')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="login-error"]').text()).toBe('用户名或密码不正确')
    expect((wrapper.find('#login-password').element as HTMLInputElement).value).toBe('')

    await wrapper.find('#login-password').setValue('weige-demo-2026')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/cases')
    expect(auth.user?.username).toBe('admin')
    expect(getCsrfToken()).toBe('csrf-1')
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit]
    expect(url).toBe('/api/v1/auth/login')
    expect(JSON.parse(init.body as string)).toEqual({ username: 'admin', password: 'weige-demo-2026' })
    wrapper.unmount()
  })

  it('asks for the username before calling the server, and explains a rate limit', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response('{"error":{"code":"too_many_requests","message":"wait"}}', { status: 429 }))
    vi.stubGlobal('fetch', fetchMock)
    const { wrapper } = await mountAt('/login')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="login-error"]').text()).toBe('请输入用户名')
    expect(fetchMock).not.toHaveBeenCalled()
    await wrapper.find('#login-username').setValue('admin')
    await wrapper.find('#login-password').setValue('x')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="login-error"]').text()).toBe('登录尝试过多，请一分钟后再试')
    wrapper.unmount()
  })
})
