// Case logic without Vue: states and their groups, the inbox filters as URL
// query ↔ API query, deadline colours, and what each workflow action needs.
import type { CaseState, Channel, CaseLevel, Deadline, HandlerKind } from '@/api/types'

export const STATES: CaseState[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'rated',
  'parked',
  'in_review',
  'rejected',
  'merged',
]
/** States in which someone still has to do something. */
export const OPEN_STATES: CaseState[] = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'parked',
  'in_review',
]
export const FINISHED_STATES: CaseState[] = ['closed', 'rated', 'rejected', 'merged']
export const CHANNELS: Channel[] = ['walk_in', 'micro_grid_worker', 'chat_group', 'online', 'hotline', 'patrol']
export const LEVELS: CaseLevel[] = ['micro', 'small', 'big', 'beyond']
export const HANDLERS: HandlerKind[] = ['micro_grid', 'property_company', 'community', 'police', 'subdistrict', 'district']

/** Quick state sets for the inbox, each a comma-separated `state` value. */
export const STATE_PRESETS = {
  open: OPEN_STATES.join(','),
  todo: 'reported,accepted',
  handling: 'dispatched,in_progress',
  checking: 'resolved,verified',
  finished: FINISHED_STATES.join(','),
} as const
export type StatePreset = keyof typeof STATE_PRESETS

// ---- deadline colours -------------------------------------------------------

export interface DeadlineLook {
  /** Element Plus tag type. */
  tag: 'success' | 'warning' | 'danger' | 'info'
  /** Class for a table row. */
  row: string
  /** i18n key of the words for it. */
  label: string
}

/** How a case's deadline is shown: green on time, yellow soon due, red overdue, none for finished. */
export function deadlineLook(d: Deadline | string | null | undefined): DeadlineLook {
  switch (d) {
    case 'red':
      return { tag: 'danger', row: 'deadline-red', label: 'deadline.red' }
    case 'yellow':
      return { tag: 'warning', row: 'deadline-yellow', label: 'deadline.yellow' }
    case 'green':
      return { tag: 'success', row: 'deadline-green', label: 'deadline.green' }
    default:
      return { tag: 'info', row: '', label: 'deadline.none' }
  }
}

/** Element Plus tag type for a state. */
export function stateTag(s: CaseState | string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  if (s === 'reported' || s === 'accepted') return 'warning'
  if (s === 'dispatched' || s === 'in_progress') return 'primary'
  if (s === 'resolved' || s === 'verified' || s === 'closed' || s === 'rated') return 'success'
  if (s === 'in_review') return 'danger'
  return 'info'
}

// ---- inbox filters --------------------------------------------------------------

/** The inbox filters as kept in the URL (every value a string, '' when unset). */
export interface CaseFilters {
  state: string
  category_id: string
  level: string
  channel: string
  overdue: string
  from: string
  to: string
  q: string
  sort: string
}
export const FILTER_KEYS = ['state', 'category_id', 'level', 'channel', 'overdue', 'from', 'to', 'q', 'sort'] as const

/** The filter form: states as a list, the period as an inclusive [from, to] pair. */
export interface CaseFilterDraft {
  states: string[]
  category_id: number | null
  level: string
  channel: string
  overdue: boolean
  period: [string, string] | null
  q: string
  sort: string
}

/** The form for the filters in the URL. */
export function filterDraft(f: CaseFilters): CaseFilterDraft {
  return {
    states: f.state ? f.state.split(',') : [],
    category_id: f.category_id ? Number(f.category_id) : null,
    level: f.level,
    channel: f.channel,
    overdue: f.overdue === 'true',
    period: f.from && f.to ? [f.from, f.to] : null,
    q: f.q,
    sort: f.sort,
  }
}

/** The URL filters for the form ('' where unset). */
export function filtersOf(d: CaseFilterDraft): CaseFilters {
  return {
    state: d.states.join(','),
    category_id: d.category_id ? String(d.category_id) : '',
    level: d.level,
    channel: d.channel,
    overdue: d.overdue ? 'true' : '',
    from: d.period?.[0] ?? '',
    to: d.period?.[1] ?? '',
    q: d.q,
    sort: d.sort,
  }
}

/**
 * How many filters narrow the list, for the phone's "筛选 (n)" button: states,
 * category, level, channel, overdue and the period (one, however set). The
 * text search and the sort are not counted: the compact bar shows them.
 */
export function activeFilterCount(f: Partial<CaseFilters>): number {
  const set = (k: keyof CaseFilters) => !!(f[k] ?? '').trim()
  let n = 0
  for (const k of ['state', 'category_id', 'level', 'channel'] as const) if (set(k)) n++
  if (f.overdue === 'true') n++
  if (set('from') || set('to')) n++
  return n
}

/**
 * The API query for GET /cases: empty filters dropped, page → offset. The
 * period in the URL is inclusive (from and to are both counted, as the date
 * picker shows it); the server's `to` is exclusive, so one day is added.
 */
export function casesQuery(f: Partial<CaseFilters>, page: number, pageSize: number): Record<string, string | number> {
  const q: Record<string, string | number> = {}
  for (const k of FILTER_KEYS) {
    const v = (f[k] ?? '').trim()
    if (!v) continue
    if (k === 'overdue') {
      if (v === 'true') q.overdue = 'true'
      continue
    }
    if ((k === 'from' || k === 'to') && !/^\d{4}-\d{2}-\d{2}$/.test(v)) continue
    q[k] = k === 'to' ? addDays(v, 1) : v
  }
  if (!q.sort) q.sort = '-created_at'
  q.limit = pageSize
  q.offset = Math.max(0, (Math.floor(page) - 1) * pageSize)
  return q
}

/** "2026-11-29" in China time (UTC+8), whatever the browser's zone. */
export function chinaDay(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600 * 1000)
  return shifted.toISOString().slice(0, 10)
}

export type PeriodPreset = 'today' | '7d' | '30d' | 'month' | 'year'

/** A preset period as inclusive China-time dates [from, to], ending today. */
export function periodRange(preset: PeriodPreset, now: Date = new Date()): { from: string; to: string } {
  const today = chinaDay(now)
  switch (preset) {
    case 'today':
      return { from: today, to: today }
    case '7d':
      return { from: addDays(today, -6), to: today }
    case '30d':
      return { from: addDays(today, -29), to: today }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today }
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
  }
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

// ---- workflow actions ----------------------------------------------------------

export type ActionField = 'reason' | 'note' | 'rating' | 'hours' | 'review_at' | 'target_case_id' | 'assignee'

/**
 * The input each action takes (docs/workflow.md). `required` must be given;
 * `optional` may be. Actions not listed take nothing.
 */
export const ACTION_FIELDS: Record<string, { required: ActionField[]; optional?: ActionField[] }> = {
  accept: { required: [] },
  reject: { required: ['reason'] },
  merge: { required: ['target_case_id'] },
  dispatch: { required: [], optional: ['assignee'] },
  start: { required: [] },
  return: { required: ['reason'] },
  resolve: { required: ['note'] },
  verify: { required: [] },
  fail_verification: { required: ['reason'] },
  close: { required: [] },
  rate: { required: ['rating'], optional: ['note'] },
  request_extension: { required: ['reason', 'hours'] },
  approve_extension: { required: [] },
  deny_extension: { required: ['reason'] },
  escalate: { required: ['reason'] },
  de_escalate: { required: ['reason'] },
  park: { required: ['reason', 'review_at'] },
  unpark: { required: [] },
  reopen: { required: ['reason'] },
  close_review: { required: ['note'] },
}

export function fieldsOf(action: string): { required: ActionField[]; optional: ActionField[] } {
  const f = ACTION_FIELDS[action]
  return { required: f?.required ?? [], optional: f?.optional ?? [] }
}

/** True when the action can be taken with one click (nothing to fill in, nothing to choose). */
export function isOneClick(action: string): boolean {
  const f = fieldsOf(action)
  return f.required.length === 0 && f.optional.length === 0
}

/** Actions that end or turn back work get a danger-coloured button. */
export function actionButtonType(action: string): 'primary' | 'danger' | 'warning' | 'default' {
  if (['reject', 'return', 'fail_verification', 'deny_extension'].includes(action)) return 'danger'
  if (['escalate', 'park', 'request_extension', 'merge', 'de_escalate'].includes(action)) return 'warning'
  if (['accept', 'dispatch', 'start', 'resolve', 'verify', 'close', 'rate', 'approve_extension', 'unpark', 'reopen', 'close_review'].includes(action))
    return 'primary'
  return 'default'
}

export interface ActionDraft {
  reason: string
  note: string
  rating: string
  hours: number | null
  review_at: string
  target_case_id: number | null
  assignee_person_id: number | null
}

export function emptyDraft(): ActionDraft {
  return { reason: '', note: '', rating: '', hours: null, review_at: '', target_case_id: null, assignee_person_id: null }
}

/** The first missing required field (as an ActionField), or null when the draft is complete. */
export function missingField(action: string, d: ActionDraft): ActionField | null {
  for (const f of fieldsOf(action).required) {
    if (f === 'reason' && !d.reason.trim()) return f
    if (f === 'note' && !d.note.trim()) return f
    if (f === 'rating' && !d.rating) return f
    if (f === 'hours' && !(d.hours !== null && d.hours > 0)) return f
    if (f === 'review_at' && !/^\d{4}-\d{2}-\d{2}$/.test(d.review_at)) return f
    if (f === 'target_case_id' && !(d.target_case_id && d.target_case_id > 0)) return f
  }
  return null
}

/** The body of POST /cases/{id}/actions for an action and its draft (only the fields it takes). */
export function actionBody(action: string, d: ActionDraft): Record<string, unknown> {
  const { required, optional } = fieldsOf(action)
  const fields = new Set([...required, ...optional])
  const body: Record<string, unknown> = { action }
  if (fields.has('reason') && d.reason.trim()) body.reason = d.reason.trim()
  if (fields.has('note') && d.note.trim()) body.note = d.note.trim()
  if (fields.has('rating') && d.rating) body.rating = d.rating
  if (fields.has('hours') && d.hours !== null) body.hours = d.hours
  if (fields.has('review_at') && d.review_at) body.review_at = d.review_at
  if (fields.has('target_case_id') && d.target_case_id) body.target_case_id = d.target_case_id
  if (fields.has('assignee') && d.assignee_person_id) body.assignee_person_id = d.assignee_person_id
  return body
}

/** "2026-11-29T10:44:20+08:00" → "2026-11-29 10:44" (the server already gives China time). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '–'
  return iso.slice(0, 16).replace('T', ' ')
}
