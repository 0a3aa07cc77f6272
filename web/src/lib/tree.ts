// Turns GET /grids/tree into the nodes el-tree shows, and answers questions
// about that tree (which community a node lies in, how many grids of each kind
// a community has) without another request.
import type { Counts, GridKind, GridTree, TreeNode } from '@/api/types'

export type NodeKind = 'subdistrict' | 'community' | GridKind

/** One el-tree node. `key` is unique across places and grids ("p12", "g34"). */
export interface UiNode {
  key: string
  id: number
  type: 'place' | 'grid'
  kind: NodeKind
  name: string
  code: string
  counts: Counts
  /** Id of the community the node lies in; null for a subdistrict. */
  communityId: number | null
  /** Key of the parent node, null for a root. */
  parentKey: string | null
  children: UiNode[]
}

export const emptyCounts = (): Counts => ({
  households: 0,
  persons: 0,
  staff: 0,
  party_volunteers: 0,
  places: 0,
})

export function nodeKey(type: 'place' | 'grid', id: number): string {
  return (type === 'place' ? 'p' : 'g') + id
}

function convert(n: TreeNode, parentKey: string | null, communityId: number | null): UiNode {
  const key = nodeKey(n.type, n.id)
  const community = n.type === 'place' && n.kind === 'community' ? n.id : communityId
  const node: UiNode = {
    key,
    id: n.id,
    type: n.type,
    kind: n.kind,
    name: n.name,
    code: n.code ?? '',
    counts: { ...emptyCounts(), ...(n.counts ?? {}) },
    communityId: community,
    parentKey,
    children: [],
  }
  const kids = (n.children ?? []) as TreeNode[]
  node.children = kids.map((c) => convert(c, key, community))
  return node
}

/** Converts the API tree; a missing or malformed `roots` gives an empty list. */
export function buildTree(tree: GridTree | null | undefined): UiNode[] {
  if (!tree || !Array.isArray(tree.roots)) return []
  return tree.roots.map((r) => convert(r, null, null))
}

/** Every node by key, for O(1) look-ups after a click on the map. */
export function indexTree(roots: UiNode[]): Map<string, UiNode> {
  const index = new Map<string, UiNode>()
  const stack = [...roots]
  while (stack.length) {
    const n = stack.pop()!
    index.set(n.key, n)
    stack.push(...n.children)
  }
  return index
}

/** Keys from the root down to `key` (inclusive); empty when the key is unknown. */
export function pathTo(index: Map<string, UiNode>, key: string): string[] {
  const path: string[] = []
  let cur = index.get(key)
  while (cur) {
    path.unshift(cur.key)
    cur = cur.parentKey ? index.get(cur.parentKey) : undefined
  }
  return path
}

export type KindTally = Record<GridKind, number>

/** How many grids of each kind lie below `node` (the node itself excluded). */
export function tallyGrids(node: UiNode): KindTally {
  const tally: KindTally = { general_grid: 0, grid: 0, micro_grid: 0, exclusive_grid: 0 }
  const stack = [...node.children]
  while (stack.length) {
    const n = stack.pop()!
    if (n.type === 'grid') tally[n.kind as GridKind]++
    stack.push(...n.children)
  }
  return tally
}

/** The first community in the tree, the page's default selection. */
export function firstCommunity(roots: UiNode[]): UiNode | null {
  for (const r of roots) {
    if (r.kind === 'community') return r
    const c = r.children.find((k) => k.kind === 'community')
    if (c) return c
  }
  return null
}
