// Runs a loader and exposes its state for <AsyncState>. A new run aborts the
// previous one, so a slow old reply never overwrites a newer one.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'

export interface AsyncState<T> {
  data: Ref<T | null>
  error: Ref<unknown>
  loading: Ref<boolean>
  /** Runs the loader again (e.g. from a Retry button). */
  reload: () => Promise<void>
}

/**
 * `loader` gets an AbortSignal; it runs at once and again whenever a `deps`
 * source changes. With `immediate: false` it waits for the first reload().
 */
export function useAsync<T>(
  loader: (signal: AbortSignal) => Promise<T>,
  deps: WatchSource[] = [],
  options: { immediate?: boolean } = {},
): AsyncState<T> {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const error = ref<unknown>(null)
  const loading = ref(false)
  let controller: AbortController | null = null

  async function reload(): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const result = await loader(mine.signal)
      if (controller === mine) data.value = result
    } catch (e) {
      if (controller !== mine || (e instanceof DOMException && e.name === 'AbortError')) return
      error.value = e
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  if (deps.length) watch(deps, () => void reload())
  if (options.immediate !== false) void reload()
  onBeforeUnmount(() => controller?.abort())
  return { data, error, loading, reload }
}
