import { describe, expect, it } from 'vitest'
import type { GridTree } from '@/api/types'
import { buildTree, firstCommunity, indexTree, pathTo, tallyGrids } from './tree'

const c = (households: number, persons = 0) => ({ households, persons, staff: 1, party_volunteers: 0, places: 0 })
const grid = (id: number, kind: string, children: unknown[] = []) => ({
  type: 'grid',
  kind,
  kind_zh: '',
  id,
  code: `510108001001${String(id).padStart(3, '0')}000`,
  name: `G${id}`,
  counts: c(id),
  child_count: children.length,
  children,
})

const sample = {
  roots: [
    {
      type: 'place',
      kind: 'subdistrict',
      id: 1,
      name: '万年场街道',
      counts: c(10),
      children: [
        {
          type: 'place',
          kind: 'community',
          id: 2,
          name: '双福路社区',
          counts: c(10),
          children: [
            grid(10, 'general_grid', [
              grid(11, 'grid', [grid(111, 'micro_grid'), grid(112, 'micro_grid')]),
              grid(12, 'exclusive_grid', [grid(121, 'micro_grid')]),
            ]),
          ],
        },
      ],
    },
  ],
} as unknown as GridTree

describe('buildTree', () => {
  it('keys places and grids apart and carries counts and the community', () => {
    const roots = buildTree(sample)
    expect(roots).toHaveLength(1)
    expect(roots[0].key).toBe('p1')
    expect(roots[0].communityId).toBeNull()
    const community = roots[0].children[0]
    expect(community.key).toBe('p2')
    expect(community.communityId).toBe(2)
    const micro = community.children[0].children[0].children[1]
    expect(micro).toMatchObject({ key: 'g112', kind: 'micro_grid', communityId: 2, parentKey: 'g11' })
    expect(micro.counts.households).toBe(112)
  })

  it.each([[null], [undefined], [{}], [{ roots: 'x' }]])('gives an empty tree for %j', (input) => {
    expect(buildTree(input as GridTree)).toEqual([])
  })

  it('fills counts the server left out with zeros', () => {
    const roots = buildTree({ roots: [{ type: 'place', kind: 'subdistrict', id: 1, name: 's', children: [] }] } as unknown as GridTree)
    expect(roots[0].counts).toEqual({ households: 0, persons: 0, staff: 0, party_volunteers: 0, places: 0 })
  })
})

describe('tree queries', () => {
  const roots = buildTree(sample)
  const index = indexTree(roots)

  it('indexes every node', () => {
    expect([...index.keys()].sort()).toEqual(['g10', 'g11', 'g111', 'g112', 'g12', 'g121', 'p1', 'p2'].sort())
  })

  it('finds the path from the root', () => {
    expect(pathTo(index, 'g121')).toEqual(['p1', 'p2', 'g10', 'g12', 'g121'])
    expect(pathTo(index, 'nope')).toEqual([])
  })

  it('tallies grids by kind below a node', () => {
    expect(tallyGrids(index.get('p2')!)).toEqual({ general_grid: 1, grid: 1, exclusive_grid: 1, micro_grid: 3 })
    expect(tallyGrids(index.get('g11')!)).toEqual({ general_grid: 0, grid: 0, exclusive_grid: 0, micro_grid: 2 })
  })

  it('picks the first community as the default selection', () => {
    expect(firstCommunity(roots)?.key).toBe('p2')
    expect(firstCommunity([])).toBeNull()
  })
})
