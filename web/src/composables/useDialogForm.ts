// A form in a dialog: a fresh draft each time the dialog opens, the checks
// and the server's refusals at their fields (useFormSubmit), and the dialog
// closed once the server has taken the form.
import { ref, watch, type Ref } from 'vue'
import type { FieldErrors } from '@/lib/forms'
import { useFormSubmit, type FormSubmitOptions } from './useFormSubmit'

export interface DialogFormOptions<D> extends FormSubmitOptions {
  /** The values whose change clears their field's error (default: the draft's own fields). */
  watched?: (d: D) => Record<string, unknown>
}

export function useDialogForm<D extends object>(
  open: Ref<boolean>,
  fields: readonly string[],
  fresh: () => D,
  options: DialogFormOptions<D> = {},
) {
  const draft = ref(fresh()) as Ref<D>
  /** Counts the openings: a `:key` for pickers that keep their own state (start them afresh). */
  const opened = ref(0)
  const form = useFormSubmit(fields, options)
  form.clearOnChange(() => (options.watched ? options.watched(draft.value) : ({ ...draft.value } as Record<string, unknown>)))
  watch(open, (o) => {
    if (!o) return
    opened.value++
    draft.value = fresh()
    form.reset()
  })

  /** As useFormSubmit's submit; when the server took the form, also closes the dialog. */
  async function save<T>(problems: FieldErrors, send: () => Promise<T>): Promise<T | undefined> {
    const saved = await form.submit(problems, send)
    if (saved !== undefined) open.value = false
    return saved
  }

  return { draft, opened, busy: form.busy, errors: form.errors, formError: form.formError, save }
}
