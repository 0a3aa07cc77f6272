// The admin screens without Vue: drafts of a category, a routing rule and a
// calendar day, the checks made before sending them (the server checks again,
// see src/http/case_admin_api.cpp), and how they are sent and shown.
// Checks return field → i18n key, like lib/intake.ts.
import type {
  CalendarDay,
  CalendarKind,
  CaseLevel,
  Category,
  CategoryInput,
  HandlerKind,
  RoutingRule,
  RoutingRuleInput,
} from '@/api/types'
import type { FieldErrors } from './forms'

// ---- categories -------------------------------------------------------------

export const STAGES = ['accept', 'dispatch', 'resolve', 'verify'] as const
export type Stage = (typeof STAGES)[number]

/** The server's limit on a stage's time: working hours in (0, MAX_HOURS]. */
export const MAX_HOURS = 2000

/** A category as the form edits it: every field present, `path` (who handles it when no rule says otherwise) checked. */
export interface CategoryDraft
  extends Pick<Category, 'code' | 'parent_id' | 'name_zh' | 'name_en' | 'pinyin' | 'icon' | 'level' | 'needs_verification'> {
  path: HandlerKind
  /** Working hours allowed per stage: the deadlines. */
  hours: Record<Stage, number>
  emergency_only: boolean
  enabled: boolean
}

/** The form's fields in the order shown, named as the server names them in details.field. */
export const CATEGORY_FIELDS = ['code', 'parent_id', 'name_zh', 'name_en', 'pinyin', 'icon', 'level', 'path', ...STAGES] as const

/** A draft of `c`, or of a new category with the server's defaults. */
export function categoryDraft(c?: Category | null): CategoryDraft {
  return {
    code: c?.code ?? '',
    parent_id: c?.parent_id ?? null,
    name_zh: c?.name_zh ?? '',
    name_en: c?.name_en ?? '',
    pinyin: c?.pinyin ?? '',
    icon: c?.icon ?? '',
    level: c?.level ?? 'micro',
    path: (c?.path as HandlerKind | undefined) ?? 'micro_grid',
    hours: { accept: 2, dispatch: 2, resolve: 24, verify: 8, ...(c?.hours ?? {}) },
    needs_verification: c?.needs_verification ?? true,
    emergency_only: c?.emergency_only ?? false,
    enabled: c?.enabled ?? true,
  }
}

/** Pinyin initials as the search compares them: lower-case letters only ("CW RM" → "cwrm"). */
export function normalisePinyin(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '')
}

/**
 * Problems of a draft. `others` are the categories it must not clash with
 * (every category but the one edited): codes are unique.
 */
export function validateCategory(d: CategoryDraft, others: readonly Category[] = []): FieldErrors {
  const e: FieldErrors = {}
  const code = d.code.trim()
  if (!code) e.code = 'admin.err.required'
  else if (!/^[a-z][a-z0-9_.-]*$/.test(code) || code.length > 60) e.code = 'admin.category.codeFormat'
  else if (others.some((c) => c.code === code)) e.code = 'admin.category.codeTaken'
  if (!d.name_zh.trim()) e.name_zh = 'admin.err.required'
  else if (d.name_zh.trim().length > 60) e.name_zh = 'admin.err.tooLong'
  if (!d.name_en.trim()) e.name_en = 'admin.err.required'
  else if (d.name_en.trim().length > 100) e.name_en = 'admin.err.tooLong'
  if (d.pinyin && (!/^[a-z]+$/.test(d.pinyin) || d.pinyin.length > 30)) e.pinyin = 'admin.category.pinyinFormat'
  for (const s of STAGES) {
    const h = d.hours[s]
    if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > MAX_HOURS) e[s] = 'admin.category.hoursRange'
  }
  return e
}

/** The body of POST /categories or PATCH /categories/{id}. */
export function categoryBody(d: CategoryDraft): CategoryInput {
  return {
    code: d.code.trim(),
    parent_id: d.parent_id,
    name_zh: d.name_zh.trim(),
    name_en: d.name_en.trim(),
    pinyin: d.pinyin,
    icon: d.icon,
    level: d.level,
    path: d.path,
    hours: { ...d.hours },
    needs_verification: d.needs_verification,
    emergency_only: d.emergency_only,
    enabled: d.enabled,
  }
}

export interface CategoryRow extends Category {
  children?: CategoryRow[]
}

/** The taxonomy as rows of a tree table: top-level categories with their children, in the server's order. */
export function categoryTree(all: readonly Category[]): CategoryRow[] {
  const ids = new Set(all.map((c) => c.id))
  const roots: CategoryRow[] = all.filter((c) => c.parent_id === null || !ids.has(c.parent_id)).map((c) => ({ ...c }))
  for (const r of roots) {
    const kids = all.filter((c) => c.parent_id === r.id).map((c) => ({ ...c }))
    if (kids.length) r.children = kids
  }
  return roots
}

// ---- routing rules ----------------------------------------------------------

export interface RuleDraft {
  priority: number
  category_id: number | null
  /** '' matches every level. */
  level: CaseLevel | ''
  community_id: number | null
  grid_id: number | null
  /** 0 = Monday … 6 = Sunday; empty means every day. */
  weekdays: number[]
  hour_from: number | null
  hour_to: number | null
  requires_property_contract: boolean
  handler: HandlerKind | ''
  organisation_id: number | null
  note: string
  enabled: boolean
}

export const RULE_FIELDS = [
  'priority',
  'category_id',
  'level',
  'community_id',
  'grid_id',
  'weekday_mask',
  'hour_from',
  'hour_to',
  'requires_property_contract',
  'handler',
  'organisation_id',
  'note',
] as const

/** Bit i of the mask is weekday i (0 Monday … 6 Sunday). */
export function weekdaysOf(mask: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => mask & (1 << d))
}
export function maskOf(days: readonly number[]): number {
  return days.reduce((m, d) => (d >= 0 && d <= 6 ? m | (1 << d) : m), 0)
}

export function ruleDraft(r?: RoutingRule | null): RuleDraft {
  return {
    priority: r?.priority ?? 50,
    category_id: r?.category_id ?? null,
    level: r?.level ?? '',
    community_id: r?.community_id ?? null,
    grid_id: r?.grid_id ?? null,
    weekdays: weekdaysOf(r?.weekday_mask ?? 0),
    hour_from: r?.hour_from ?? null,
    hour_to: r?.hour_to ?? null,
    requires_property_contract: r?.requires_property_contract ?? false,
    handler: r?.handler ?? '',
    organisation_id: r?.organisation_id ?? null,
    note: r?.note ?? '',
    enabled: r?.enabled ?? true,
  }
}

const isHour = (h: number | null) => h === null || (Number.isInteger(h) && h >= 0 && h <= 24)

export function validateRule(d: RuleDraft): FieldErrors {
  const e: FieldErrors = {}
  if (!d.handler) e.handler = 'admin.err.required'
  if (!Number.isInteger(d.priority) || Math.abs(d.priority) > 100000) e.priority = 'admin.rule.priorityRange'
  if (!isHour(d.hour_from)) e.hour_from = 'admin.rule.hourRange'
  if (!isHour(d.hour_to)) e.hour_to = 'admin.rule.hourRange'
  if (d.hour_from !== null && d.hour_from === d.hour_to) e.hour_to = 'admin.rule.emptyWindow'
  if (d.note.trim().length > 300) e.note = 'admin.err.tooLong'
  return e
}

/** The body of POST /routing-rules or PATCH /routing-rules/{id}; every condition is sent, null where it is off. */
export function ruleBody(d: RuleDraft): RoutingRuleInput {
  return {
    priority: d.priority,
    category_id: d.category_id,
    level: d.level || null,
    community_id: d.community_id,
    grid_id: d.grid_id,
    weekday_mask: maskOf(d.weekdays),
    hour_from: d.hour_from,
    hour_to: d.hour_to,
    requires_property_contract: d.requires_property_contract,
    handler: d.handler as HandlerKind,
    organisation_id: d.organisation_id,
    note: d.note.trim(),
    enabled: d.enabled,
  }
}

/** "一、三、五" from the mask with the given day names (Monday first) and separator; '' for every day. */
export function weekdayText(mask: number, names: readonly string[], sep = ', '): string {
  return weekdaysOf(mask)
    .map((d) => names[d])
    .join(sep)
}

/** "08:00–18:00" ('' when the rule holds all day); a window past midnight reads "22:00–06:00". */
export function hoursText(from: number | null, to: number | null): string {
  if (from === null && to === null) return ''
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`
  return `${hh(from ?? 0)}–${hh(to ?? 24)}`
}

// ---- the working calendar ---------------------------------------------------

export const CALENDAR_KINDS: CalendarKind[] = ['holiday', 'workday']

export interface DayDraft {
  day: string
  kind: CalendarKind
  note: string
}

/** True for a real date written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** 0 Monday … 6 Sunday for a date YYYY-MM-DD. */
export function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
}

/** Problems of a calendar day. A make-up workday on a weekday changes nothing, so it is refused. */
export function validateDay(d: DayDraft): FieldErrors {
  const e: FieldErrors = {}
  if (!d.day) e.day = 'admin.err.required'
  else if (!isDay(d.day)) e.day = 'admin.calendar.badDay'
  else if (d.kind === 'workday' && weekdayOf(d.day) < 5) e.kind = 'admin.calendar.workdayOnWeekday'
  if (!CALENDAR_KINDS.includes(d.kind)) e.kind = 'admin.err.required'
  if (d.note.trim().length > 100) e.note = 'admin.err.tooLong'
  return e
}

/** The marked days by date. */
export function calendarIndex(items: readonly CalendarDay[]): Map<string, CalendarDay> {
  return new Map(items.map((d) => [d.day, d]))
}

/** Working periods as "09:00–12:00, 13:30–17:30". */
export function workingHoursText(hours: readonly { start_minute: number; end_minute: number }[]): string {
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return hours.map((h) => `${hm(h.start_minute)}–${hm(h.end_minute)}`).join(', ')
}
