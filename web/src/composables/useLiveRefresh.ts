// Keeps an emergency screen fresh: reloads within seconds of an "emergency"
// server-sent event (when the user may open the stream, i.e. has
// metrics_read) and polls every `pollMs` while the tab is visible either way.
import { onBeforeUnmount, onMounted } from 'vue'
import { can } from '@/stores/auth'
import { useLiveEvents } from './useLiveEvents'

export function useLiveRefresh(refresh: () => void, pollMs = 30_000) {
  let timer: ReturnType<typeof setInterval> | null = null
  const quiet = () => {
    if (document.visibilityState !== 'hidden') refresh()
  }
  onMounted(() => {
    timer = setInterval(quiet, pollMs)
  })
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer)
  })
  return useLiveEvents(quiet, { type: 'emergency', quietMs: 1500, enabled: can('metrics_read') })
}
