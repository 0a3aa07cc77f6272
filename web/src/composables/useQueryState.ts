// Filters and page number kept in the URL query, so a filtered list can be
// bookmarked, shared and restored with Back.
import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export function useQueryState<K extends string>(keys: readonly K[]) {
  const route = useRoute()
  const router = useRouter()

  /** The current value of each key ('' when absent). */
  const values = computed(() => {
    const out = {} as Record<K, string>
    for (const k of keys) {
      const v = route.query[k]
      out[k] = (Array.isArray(v) ? v[0] : v) ?? ''
    }
    return out
  })
  const page = computed(() => {
    const n = Number(route.query.page)
    return Number.isInteger(n) && n > 0 ? n : 1
  })

  /** Replaces the filters (dropping empty ones) and goes back to page 1. */
  function apply(next: Partial<Record<K, string>>) {
    const query: Record<string, string> = {}
    for (const k of keys) {
      const v = (next[k] ?? '').trim()
      if (v) query[k] = v
    }
    void router.push({ query })
  }
  function setPage(p: number) {
    void router.push({ query: { ...route.query, page: p > 1 ? String(p) : undefined } })
  }
  return { values, page, apply, setPage }
}
