import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'
import { mountWithApp } from '@/test/mount'
import AsyncState from './AsyncState.vue'

i18n.global.locale.value = 'zh-CN'
const slots = { default: '<p class="content">内容</p>' }

describe('AsyncState', () => {
  it('shows a loading status while loading', () => {
    const w = mountWithApp(AsyncState, { props: { loading: true }, slots })
    expect(w.find('[role="status"]').text()).toBe('加载中…')
    expect(w.find('.content').exists()).toBe(false)
    expect(w.attributes('aria-busy')).toBe('true')
  })

  it('shows the server message and a retry button on error', async () => {
    const w = mountWithApp(AsyncState, {
      props: { loading: false, error: new ApiError(404, 'not_found', 'no grid 9') },
      slots,
    })
    expect(w.find('.async-error [role="alert"]').text()).toContain('no grid 9 (404 not_found)')
    await w.find('button').trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
  })

  it('says the server cannot be reached on a network error', () => {
    const w = mountWithApp(AsyncState, { props: { loading: false, error: new ApiError(0, 'network', 'x') }, slots })
    expect(w.text()).toContain('无法连接服务器')
  })

  it('says the server is busy on a 503, to try again', () => {
    const w = mountWithApp(AsyncState, {
      props: { loading: false, error: new ApiError(503, 'unavailable', 'too many long requests are waiting') },
      slots,
    })
    expect(w.text()).toContain('服务器正忙，请稍后重试')
    expect(w.find('button').exists()).toBe(true)
  })

  it('shows the empty text when there is nothing', () => {
    const w = mountWithApp(AsyncState, { props: { loading: false, empty: true, emptyText: '没有' }, slots })
    expect(w.text()).toContain('没有')
    expect(w.find('.content').exists()).toBe(false)
  })

  it('shows the content otherwise', () => {
    const w = mountWithApp(AsyncState, { props: { loading: false }, slots })
    expect(w.find('.content').text()).toBe('内容')
  })

  it('takes loading, error and Retry from a useAsync state', async () => {
    let reloads = 0
    const state = {
      loading: ref(true),
      error: ref<unknown>(null),
      reload: async () => {
        reloads++
      },
    }
    const w = mountWithApp(AsyncState, { props: { state }, slots })
    expect(w.find('[role="status"]').exists()).toBe(true)

    state.loading.value = false
    state.error.value = new ApiError(500, 'internal', 'boom')
    await nextTick()
    expect(w.find('.async-error [role="alert"]').text()).toContain('boom (500 internal)')
    await w.find('button').trigger('click')
    expect(reloads).toBe(1)
    expect(w.emitted('retry')).toHaveLength(1)

    state.error.value = null
    await nextTick()
    expect(w.find('.content').text()).toBe('内容')
  })
})
