// Live updates from GET /api/v1/events (server-sent events, one "case" event
// per change). Calls `onChange` at most once per `quietMs` however many
// events arrive; `live` says whether the stream is connected. The browser
// reconnects by itself (resuming with Last-Event-ID); pages keep a slow poll
// as well, so a proxy that drops the stream costs freshness, not data.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { API_BASE } from '@/api/client'

export function useLiveEvents(onChange: () => void, quietMs = 2000) {
  const live = ref(false)
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  function changed() {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      onChange()
    }, quietMs)
  }

  onMounted(() => {
    if (typeof EventSource === 'undefined') return
    source = new EventSource(`${API_BASE}/events`)
    source.addEventListener('open', () => (live.value = true))
    source.addEventListener('case', changed)
    source.addEventListener('error', () => (live.value = false))
  })
  onBeforeUnmount(() => {
    source?.close()
    source = null
    if (timer) clearTimeout(timer)
  })
  return { live }
}
