// The category taxonomy, fetched once per visit and shared by every page;
// reload() fetches it again (after an admin changed it).
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { api } from '@/api/endpoints'
import type { Category } from '@/api/types'
import { categoryOptions } from '@/lib/categories'

const list = shallowRef<Category[]>([])
const error = shallowRef<unknown>(null)
const busy = ref(false)
let loading: Promise<void> | null = null

function load(): Promise<void> {
  if (!loading) {
    busy.value = true
    loading = api
      .categories()
      .then((page) => {
        list.value = page.items
        error.value = null
      })
      .catch((e) => {
        error.value = e
        loading = null // try again next time
      })
      .finally(() => {
        busy.value = false
      })
  }
  return loading
}

function reload(): Promise<void> {
  loading = null
  return load()
}

export function useCategories() {
  const { locale } = useI18n()
  void load()
  const byId = computed(() => new Map(list.value.map((c) => [c.id, c])))
  const options = computed(() => categoryOptions(list.value, locale.value))
  const leafOptions = computed(() => categoryOptions(list.value, locale.value, true))
  /** "宠物扰民" / "Pets disturbing neighbours" for an id. */
  function name(id: number | null | undefined): string {
    if (id === null || id === undefined) return '–'
    const c = byId.value.get(id)
    if (!c) return `#${id}`
    return locale.value === 'en' ? c.name_en || c.name_zh : c.name_zh
  }
  return { list, error, loading: busy, byId, options, leafOptions, name, reload }
}
