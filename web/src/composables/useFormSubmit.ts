// One submit path for the admin forms: check the draft, send it, and put the
// server's refusal next to the field it names (or above the buttons).
import { ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { firstError, splitServerError, type FieldErrors } from '@/lib/forms'

export interface FormSubmitOptions {
  /** The field a `conflict` reply belongs to (e.g. a code already taken) and the i18n key of its message. */
  conflict?: { field: string; key: string }
  /** After a refusal, focus the first field with a problem: the element with id `${focusPrefix}${field}`. */
  focusPrefix?: string
}

/** `fields`: the names the form shows, as the server names them in details.field. */
export function useFormSubmit(fields: readonly string[], options: FormSubmitOptions = {}) {
  const { t } = useI18n()
  const busy = ref(false)
  const errors = ref<FieldErrors>({})
  const formError = ref('')

  function reset() {
    errors.value = {}
    formError.value = ''
  }

  function focusFirst() {
    const first = firstError(errors.value, fields)
    if (first && options.focusPrefix !== undefined) document.getElementById(`${options.focusPrefix}${first}`)?.focus()
  }

  /**
   * With `problems` (field → i18n key) shows them and sends nothing;
   * otherwise runs `send` and returns its result, or undefined when it failed
   * (the failure is then shown on the form).
   */
  async function submit<T>(problems: FieldErrors, send: () => Promise<T>): Promise<T | undefined> {
    reset()
    if (Object.keys(problems).length) {
      errors.value = Object.fromEntries(Object.entries(problems).map(([f, key]) => [f, t(key)]))
      focusFirst()
      return undefined
    }
    busy.value = true
    try {
      return await send()
    } catch (e) {
      const conflict = options.conflict ? { field: options.conflict.field, message: t(options.conflict.key) } : undefined
      const split = splitServerError(e, fields, { conflict })
      errors.value = split.fields
      formError.value = split.form
      focusFirst()
      return undefined
    } finally {
      busy.value = false
    }
  }

  /** Drops a field's error as soon as its value changes; `values` maps each field to its value. */
  function clearOnChange(values: () => Record<string, unknown>) {
    watch(values, (now, before) => {
      const changed = Object.keys(now).filter((f) => errors.value[f] && JSON.stringify(now[f]) !== JSON.stringify(before?.[f]))
      if (changed.length) errors.value = Object.fromEntries(Object.entries(errors.value).filter(([f]) => !changed.includes(f)))
    })
  }

  return { busy, errors, formError, reset, submit, clearOnChange }
}
