// Live updates from GET /api/v1/events (server-sent events, one "case" event
// per change; its data says what changed: {"type":"case"|"emergency",...}).
// Calls `onChange` at most once per `quietMs` however many events arrive;
// `live` says whether the stream is connected. The browser reconnects by
// itself (resuming with Last-Event-ID); pages keep a slow poll as well, so a
// proxy that drops the stream costs freshness, not data.
//
// Options: `type` keeps only events of that type; `enabled: false` opens no
// stream at all (the stream needs metrics_read; without it the page polls).
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { API_BASE } from '@/api/client'

export interface LiveOptions {
  quietMs?: number
  type?: 'case' | 'emergency'
  enabled?: boolean
}

/** True when an event's data is of the wanted type (any type when none is wanted). */
export function eventMatches(data: unknown, type: string | undefined): boolean {
  if (!type) return true
  try {
    return (JSON.parse(String(data)) as { type?: string }).type === type
  } catch {
    return false
  }
}

export function useLiveEvents(onChange: () => void, options: number | LiveOptions = 2000) {
  const { quietMs = 2000, type, enabled = true } = typeof options === 'number' ? { quietMs: options } : options
  const live = ref(false)
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  function changed(e: Event) {
    if (!eventMatches((e as MessageEvent).data, type)) return
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      onChange()
    }, quietMs)
  }

  onMounted(() => {
    if (!enabled || typeof EventSource === 'undefined') return
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
