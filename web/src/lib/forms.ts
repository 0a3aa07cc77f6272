// Form errors: what the app checks before sending, and the server's refusal
// placed next to the field it names. The server answers every failure with
// {"error":{"code","message","details"}}, naming the field in details.field
// (a body field) or details.parameter (a path or query parameter).
import { ApiError } from '@/api/client'

/** Field → message; a field without a problem has no entry. */
export type FieldErrors = Record<string, string>

export interface SplitErrors {
  /** Messages for the fields of the form. */
  fields: FieldErrors
  /** A message for the form as a whole ('' when every message found its field). */
  form: string
}

export interface SplitOptions {
  /** The field a `conflict` (e.g. a code already taken) belongs to, and its message. */
  conflict?: { field: string; message: string }
}

/**
 * Places an API failure next to the field it names when that field is on the
 * form (`fields`), else on the form as a whole. Anything that is not an
 * ApiError is shown as its text.
 */
export function splitServerError(e: unknown, fields: readonly string[], opts: SplitOptions = {}): SplitErrors {
  if (!(e instanceof ApiError)) return { fields: {}, form: e instanceof Error ? e.message : String(e) }
  if (e.code === 'conflict' && opts.conflict) return { fields: { [opts.conflict.field]: opts.conflict.message }, form: '' }
  const d = (e.details ?? {}) as { field?: unknown; parameter?: unknown }
  const named = typeof d.field === 'string' ? d.field : typeof d.parameter === 'string' ? d.parameter : ''
  if (named && fields.includes(named)) return { fields: { [named]: e.message }, form: '' }
  return { fields: {}, form: e.status ? `${e.message} (${e.status})` : e.message }
}

/** The first field with a problem, in the order the form shows them (to focus it). */
export function firstError(errors: FieldErrors, order: readonly string[]): string | null {
  return order.find((f) => errors[f]) ?? Object.keys(errors)[0] ?? null
}
