import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useQueryList, type Paging } from './useQueryList'

type Filters = Record<'kind' | 'q', string>

/** Mounts a page using useQueryList at `path`; `calls` records every load. */
async function mountAt(path: string) {
  const calls: { filters: Filters; paging: Paging }[] = []
  let list!: ReturnType<typeof useQueryList<'kind' | 'q', string>>
  const Page = defineComponent({
    setup() {
      list = useQueryList(['kind', 'q'] as const, 20, async (filters, paging) => {
        calls.push({ filters: { ...filters }, paging })
        return `${filters.kind}|${filters.q}|${paging.offset}`
      })
      return () => h('p', list.list.data.value ?? '')
    },
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/list', component: Page }] })
  await router.push(path)
  await router.isReady()
  const wrapper = mount({ render: () => h('div', [h(Page)]) }, { global: { plugins: [router] } })
  await flushPromises()
  return { wrapper, router, calls, list }
}

describe('useQueryList', () => {
  it('loads the page the URL names, with the form mirroring the URL', async () => {
    const { calls, list, wrapper } = await mountAt('/list?kind=unit&q=3&page=3')
    expect(calls).toEqual([{ filters: { kind: 'unit', q: '3' }, paging: { limit: 20, offset: 40 } }])
    expect({ ...list.form }).toEqual({ kind: 'unit', q: '3' })
    expect(wrapper.text()).toBe('unit|3|40')
  })

  it('writes the form to the URL on search (back to page 1) and clears it on reset', async () => {
    const { router, calls, list } = await mountAt('/list?page=2')
    list.form.kind = 'household'
    list.form.q = ' 锦云 '
    list.search()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ kind: 'household', q: '锦云' })
    expect(calls.at(-1)).toEqual({ filters: { kind: 'household', q: '锦云' }, paging: { limit: 20, offset: 0 } })

    list.qs.setPage(2)
    await flushPromises()
    expect(calls.at(-1)?.paging).toEqual({ limit: 20, offset: 20 })

    list.reset()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect({ ...list.form }).toEqual({ kind: '', q: '' })
    expect(calls.at(-1)).toEqual({ filters: { kind: '', q: '' }, paging: { limit: 20, offset: 0 } })
  })
})
