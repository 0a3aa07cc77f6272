// The options of a select that searches as the user types (`remote`): each
// search replaces the options, the newest search wins (an older reply that
// arrives late is dropped), and a failed search leaves no options.
import { ref, type Ref } from 'vue'

/**
 * `find(q)` returns the options for the query `q` (it may answer without
 * asking the server, e.g. for an empty query). `searching` is true while the
 * newest search runs.
 */
export function useRemoteSearch<T>(find: (q: string) => Promise<T[]> | T[]) {
  const options = ref([]) as Ref<T[]>
  const searching = ref(false)
  let seq = 0

  async function search(q: string): Promise<void> {
    const mine = ++seq
    searching.value = true
    try {
      const found = await find(q)
      if (mine === seq) options.value = found
    } catch {
      if (mine === seq) options.value = []
    } finally {
      if (mine === seq) searching.value = false
    }
  }

  return { options, searching, search }
}
