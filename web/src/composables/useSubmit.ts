// One way to run a write from a button or a form: `busy` names the one
// running (for its spinner), a failure becomes `error` (the API's message)
// and, with `toast: true`, an error message on screen; `done` is shown on
// success. submit() returns the result, or null when it failed.
import { ref, type Ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/client'

export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e)
}

export function useSubmit<K extends string = string>(options: { toast?: boolean } = {}) {
  const busy = ref(null) as Ref<K | null>
  const error = ref('')
  async function submit<T>(key: K, fn: () => Promise<T>, done?: string): Promise<T | null> {
    busy.value = key
    error.value = ''
    try {
      const out = await fn()
      if (done) ElMessage.success(done)
      return out
    } catch (e) {
      error.value = errorText(e)
      if (options.toast) ElMessage.error(error.value)
      return null
    } finally {
      busy.value = null
    }
  }
  return { busy, error, submit }
}

/** Asks before a step that cannot be undone; true when the user confirmed. */
export async function confirmStep(message: string, title: string, confirm: string, cancel: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: confirm, cancelButtonText: cancel })
    return true
  } catch {
    return false
  }
}
