// A list filtered by a form and paged, with the filters and the page kept in
// the URL (useQueryState): the form mirrors the URL, Search writes the form to
// the URL (back to page 1), Reset clears it, and the list reloads whenever the
// URL changes.
import { reactive, watch } from 'vue'
import { pageToOffset } from '@/lib/format'
import { useAsync } from './useAsync'
import { useQueryState } from './useQueryState'

export interface Paging {
  limit: number
  offset: number
}

/** `load(filters, paging, signal)` fetches one page; `pageSize` rows a page. */
export function useQueryList<K extends string, T>(
  keys: readonly K[],
  pageSize: number,
  load: (filters: Record<K, string>, paging: Paging, signal: AbortSignal) => Promise<T>,
) {
  const qs = useQueryState(keys)
  const form = reactive(Object.fromEntries(keys.map((k) => [k, '']))) as Record<K, string>
  watch(qs.values, (v) => Object.assign(form, v), { immediate: true })

  const list = useAsync((s) => load(qs.values.value, { limit: pageSize, offset: pageToOffset(qs.page.value, pageSize) }, s), [
    qs.values,
    qs.page,
  ])

  const search = () => qs.apply({ ...form })
  const reset = () => qs.apply({})
  return { qs, form, list, search, reset }
}
