// Category search for the intake form and the filters: a clerk types pinyin
// initials ("cwrm" → 宠物扰民), characters ("宠物"), the English name or the
// code ("dispute.pets"); the best matches come first. Categories are two
// levels deep: a child is shown as "parent / child".
import type { Category } from '@/api/types'

export interface CategoryOption {
  id: number
  category: Category
  parent: Category | null
  /** "矛盾纠纷 / 宠物扰民" (or the English names). */
  label: string
}

/** Lower-case, trimmed, inner spaces removed: what a query is compared as. */
export function normalise(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, '')
}

/**
 * How well a category matches a query: 0 no match; higher is better.
 * Exact pinyin or code 100, pinyin prefix 80, name prefix 70, name contains 60,
 * pinyin contains 40, English or code contains 30; a parent's match counts
 * for its children at a lower score (20), so "hjws" also lists the children
 * of 环境卫生.
 */
export function matchScore(c: Category, query: string, parent?: Category | null): number {
  const q = normalise(query)
  if (!q) return 1
  const py = (c.pinyin ?? '').toLowerCase()
  const zh = c.name_zh ?? ''
  const en = (c.name_en ?? '').toLowerCase().replace(/\s+/g, '')
  const code = (c.code ?? '').toLowerCase()
  if (py === q || code === q) return 100
  if (py && py.startsWith(q)) return 80
  if (zh.startsWith(query.trim())) return 70
  if (zh.includes(query.trim())) return 60
  if (py && py.includes(q)) return 40
  if (en.includes(q) || code.includes(q)) return 30
  if (String(c.id) === q) return 30
  if (parent && matchScore(parent, query) >= 40) return 20
  return 0
}

/** Options for a select: leaves first grouped under their parent, parents with no children too. */
export function categoryOptions(all: Category[], locale: string, leavesOnly = false): CategoryOption[] {
  const enabled = all.filter((c) => c.enabled !== false)
  const byId = new Map(enabled.map((c) => [c.id, c]))
  const hasChildren = new Set(enabled.filter((c) => c.parent_id !== null).map((c) => c.parent_id))
  const name = (c: Category) => (locale === 'en' ? c.name_en || c.name_zh : c.name_zh)
  const out: CategoryOption[] = []
  const roots = enabled.filter((c) => c.parent_id === null || !byId.has(c.parent_id))
  for (const r of roots) {
    if (!leavesOnly || !hasChildren.has(r.id)) out.push({ id: r.id, category: r, parent: null, label: name(r) })
    for (const c of enabled.filter((x) => x.parent_id === r.id)) {
      out.push({ id: c.id, category: c, parent: r, label: `${name(r)} / ${name(c)}` })
    }
  }
  return out
}

/** The options matching a query, best first (stable within one score). */
export function filterCategoryOptions(options: CategoryOption[], query: string): CategoryOption[] {
  if (!normalise(query)) return options
  return options
    .map((o, i) => ({ o, i, s: matchScore(o.category, query, o.parent) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.o)
}
