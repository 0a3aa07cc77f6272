// Runs a write and tells the user how it went: `done` on success, the
// server's message on failure. Resolves to the result, or undefined on failure.
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/client'

export async function attempt<T>(fn: () => Promise<T>, done?: string): Promise<T | undefined> {
  try {
    const result = await fn()
    if (done) ElMessage.success(done)
    return result
  } catch (e) {
    ElMessage.error(e instanceof ApiError ? e.message : String(e))
    return undefined
  }
}
