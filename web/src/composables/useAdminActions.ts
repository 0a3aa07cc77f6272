// What the admin pages share: a dialog that adds or edits one item, and a
// removal the user confirms first. Both report the outcome as a message.
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/client'

/** `editing` is null for a new item; `saved` (the dialog's @saved) says so and runs `afterSave` (reload the list). */
export function useEditDialog<T>(afterSave: () => Promise<unknown>) {
  const { t } = useI18n()
  const open = ref(false)
  const editing = ref(null) as Ref<T | null>
  function edit(item: T | null) {
    editing.value = item
    open.value = true
  }
  async function saved() {
    ElMessage.success(t('admin.saved'))
    await afterSave()
  }
  return { open, editing, edit, saved }
}

/**
 * Asks `question` (a warning whose confirm button reads `button`); once
 * confirmed runs `remove`, then says `done`. A failure is shown as an error
 * message. Resolves true when the item was removed.
 */
export function useConfirmedRemove() {
  const { t } = useI18n()
  return async function confirmRemove(question: string, button: string, remove: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(question, button, { type: 'warning', confirmButtonText: button, cancelButtonText: t('common.cancel') })
    } catch {
      return false // cancelled
    }
    try {
      await remove()
      ElMessage.success(done)
      return true
    } catch (e) {
      ElMessage.error(e instanceof ApiError ? e.message : String(e))
      return false
    }
  }
}
