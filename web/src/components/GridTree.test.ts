import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { GridTree as Tree } from '@/api/types'
import { buildTree } from '@/lib/tree'
import { mountWithApp } from '@/test/mount'
import GridTree from './GridTree.vue'

const counts = { households: 3, persons: 7, staff: 1, party_volunteers: 2, places: 1 }
const tree = {
  roots: [
    {
      type: 'place', kind: 'subdistrict', id: 1, name: '万年场街道', counts,
      children: [
        {
          type: 'place', kind: 'community', id: 2, name: '双福路社区', counts,
          children: [
            {
              type: 'grid', kind: 'general_grid', id: 10, code: '510108001001000000', name: '总网格', counts, child_count: 1,
              children: [
                {
                  type: 'grid', kind: 'grid', id: 11, code: '510108001001001000', name: '第一网格', counts, child_count: 1,
                  children: [
                    { type: 'grid', kind: 'micro_grid', id: 12, code: '510108001001001001', name: '锦云府1号微网格', counts, child_count: 0, children: [] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
} as unknown as Tree

describe('GridTree', () => {
  it('renders the expanded path with kind tags and counts', async () => {
    const w = mountWithApp(GridTree, {
      props: { nodes: buildTree(tree), selectedKey: null, expandedKeys: ['p1', 'p2'] },
      attachTo: document.body,
    })
    await flushPromises()
    const rows = w.findAll('.tree-node')
    expect(rows.map((r) => r.attributes('data-key'))).toEqual(['p1', 'p2', 'g10'])
    expect(rows[1].text()).toContain('双福路社区')
    expect(rows[1].text()).toContain('户 3')
    expect(rows[2].find('.visually-hidden').text()).toBe('总网格')
    w.unmount()
  })

  it('expands the path to a selected key and emits select on click', async () => {
    const w = mountWithApp(GridTree, {
      props: { nodes: buildTree(tree), selectedKey: 'g12', expandedKeys: [] },
      attachTo: document.body,
    })
    await flushPromises()
    const micro = w.find('[data-key="g12"]')
    expect(micro.exists()).toBe(true)
    expect(micro.text()).toContain('锦云府1号微网格')
    await w.find('[data-key="g11"]').trigger('click')
    expect(w.emitted('select')?.[0][0]).toMatchObject({ key: 'g11', kind: 'grid' })
    w.unmount()
  })

  it('filters rows by name or code', async () => {
    const w = mountWithApp(GridTree, {
      props: { nodes: buildTree(tree), selectedKey: 'g12', expandedKeys: [] },
      attachTo: document.body,
    })
    await flushPromises()
    await w.find('input').setValue('锦云府')
    await flushPromises()
    const visible = w.findAll('.el-tree-node').filter((n) => (n.element as HTMLElement).style.display !== 'none')
    expect(visible.some((n) => n.text().includes('锦云府1号微网格'))).toBe(true)
    w.unmount()
  })
})
