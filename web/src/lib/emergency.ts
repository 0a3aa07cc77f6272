// Peacetime and emergency (平战转换), the logic without Vue: ordering and
// looks of emergencies, coverage figures, the screening form built from a
// round's fields (and its checks, the same as the server's), the fields
// editor of the declare dialog, and which errand moves each party may make.
import type {
  Emergency,
  EmergencyRole,
  EmergencyType,
  ErrandAction,
  ErrandKind,
  ErrandState,
  Outcome,
  RoleMapEntry,
  ScopeKind,
  ScreeningField,
  ScreeningTask,
  Team,
  TeamMember,
} from '@/api/emergency'
import type { GridRole, TreeNode, TreePlaceNode } from '@/api/types'
import { shortTime } from './cases'
import { naturalCompare } from './format'

export const EMERGENCY_TYPES: EmergencyType[] = ['epidemic', 'flood', 'fire', 'earthquake', 'other']
export const SCOPE_KINDS: ScopeKind[] = ['compounds', 'grid', 'community', 'subdistrict']
/** 1 (特别重大) is the most serious, 4 (一般) the least. */
export const LEVELS = [1, 2, 3, 4] as const
export const OUTCOMES: Exclude<Outcome, 'pending'>[] = ['reached', 'not_at_home', 'refused', 'needs_help']
export const ERRAND_KINDS: ErrandKind[] = ['medicine', 'groceries', 'paperwork', 'medical_visit', 'other']
export const ERRAND_STATES: ErrandState[] = ['requested', 'accepted', 'done', 'confirmed', 'cancelled']
export const DEFAULT_DEADLINE_FACTOR = 0.5
export const DEFAULT_ERRAND_HOURS = 4

// ---- emergencies --------------------------------------------------------------

/** Active ones first, then the most recently started. */
export function sortEmergencies<E extends Pick<Emergency, 'active' | 'started_at' | 'id'>>(list: E[]): E[] {
  return [...list].sort(
    (a, b) => Number(b.active) - Number(a.active) || b.started_at.localeCompare(a.started_at) || b.id - a.id,
  )
}

export function levelTag(level: number): 'danger' | 'warning' | 'primary' | 'info' {
  return level <= 1 ? 'danger' : level === 2 ? 'warning' : level === 3 ? 'primary' : 'info'
}

/** Raising makes it more serious (a lower number); null when it cannot go further. */
export function raisedLevel(level: number): number | null {
  return level > 1 ? level - 1 : null
}
export function loweredLevel(level: number): number | null {
  return level < 4 ? level + 1 : null
}

// ---- coverage -------------------------------------------------------------------

/**
 * 0.9979 → "99.7%": rounded down, so 100% means every household was reached.
 * Nothing to screen (null/NaN) → "–".
 */
export function formatCoverage(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–'
  const scale = 10 ** digits
  const floored = Math.floor(Math.min(1, Math.max(0, ratio)) * 100 * scale + 1e-9) / scale
  return `${floored.toFixed(digits)}%`
}

/** Coverage as a whole percentage for a progress bar (never 100 before it is complete). */
export function coveragePercent(ratio: number | null | undefined): number {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return 0
  return Math.floor(Math.min(1, Math.max(0, ratio)) * 100 + 1e-9)
}

export const COVERAGE_COLOURS = { low: '#c0392b', mid: '#e6a23c', high: '#409eff', full: '#1e8f4e' } as const
export type CoverageBand = keyof typeof COVERAGE_COLOURS

/** Below half red, below 90% orange, then blue, green once complete. */
export function coverageBand(ratio: number | null | undefined): CoverageBand {
  const r = ratio ?? 0
  if (r >= 1) return 'full'
  if (r >= 0.9) return 'high'
  if (r >= 0.5) return 'mid'
  return 'low'
}

export function coverageColour(ratio: number | null | undefined): string {
  return COVERAGE_COLOURS[coverageBand(ratio)]
}

/** "reached", "refused" and "needs help" count as covered; "not at home" stays on the to-visit list. */
export function covers(outcome: Outcome): boolean {
  return outcome === 'reached' || outcome === 'refused' || outcome === 'needs_help'
}

// ---- the screening form of a round ------------------------------------------------

export type FieldValue = string | number | boolean | null
export type FieldForm = Record<string, FieldValue>

/** "健康状况 Health" → "健康状况" in Chinese, "Health" in English; a plain label as is; the key when none. */
export function fieldLabel(field: Pick<ScreeningField, 'key' | 'label'>, locale: string): string {
  const label = field.label?.trim()
  if (!label) return field.key
  const m = label.match(/^([^\sA-Za-z][^A-Za-z]*?)\s+([A-Za-z].*)$/)
  if (!m) return label
  return locale === 'en' ? m[2] : m[1]
}

/** An empty form: nothing chosen yet (so a required field must be answered). */
export function emptyForm(fields: ScreeningField[]): FieldForm {
  const form: FieldForm = {}
  for (const f of fields) form[f.key] = f.type === 'text' ? '' : null
  return form
}

function isSet(v: FieldValue | undefined): boolean {
  return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')
}

/** The `data` of a screening: only the answered fields, numbers as numbers, text trimmed. */
export function formData(fields: ScreeningField[], form: FieldForm): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {}
  for (const f of fields) {
    const v = form[f.key]
    if (!isSet(v)) continue
    if (f.type === 'number') {
      const n = typeof v === 'number' ? v : Number(String(v).trim())
      if (Number.isFinite(n)) out[f.key] = n
    } else if (f.type === 'bool') {
      out[f.key] = v === true || v === 'true'
    } else {
      out[f.key] = String(v).trim()
    }
  }
  return out
}

export interface FieldProblem {
  key: string
  /** i18n key under emergency.form: required, number, choice, tooLong */
  problem: 'required' | 'number' | 'choice' | 'tooLong'
}

/**
 * The problems the server would refuse, field by field: a value of the wrong
 * kind, and (when the outcome counts as contact) a required field left empty.
 */
export function checkForm(fields: ScreeningField[], form: FieldForm, outcome: Outcome): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const f of fields) {
    const v = form[f.key]
    if (!isSet(v)) {
      if (f.required && covers(outcome)) problems.push({ key: f.key, problem: 'required' })
      continue
    }
    if (f.type === 'number' && !Number.isFinite(typeof v === 'number' ? v : Number(String(v).trim()))) {
      problems.push({ key: f.key, problem: 'number' })
    } else if (f.type === 'choice' && !(f.options ?? []).includes(String(v))) {
      problems.push({ key: f.key, problem: 'choice' })
    } else if (f.type === 'text' && new TextEncoder().encode(String(v).trim()).length > 500) {
      problems.push({ key: f.key, problem: 'tooLong' })
    }
  }
  return problems
}

// ---- the fields editor (declaring an emergency) -------------------------------------

/** The server's default fields per type (service/emergency_service.cpp default_fields). */
export function defaultFields(type: EmergencyType): ScreeningField[] {
  if (type === 'epidemic') {
    return [
      { key: 'health', label: '健康状况 Health', type: 'choice', options: ['normal', 'fever', 'isolating'], required: true },
      { key: 'people_home', label: '在家人数 People at home', type: 'number' },
      { key: 'needs', label: '需求 Needs', type: 'text' },
    ]
  }
  return [
    { key: 'safe', label: '人员安全 Everyone safe', type: 'bool', required: true },
    { key: 'needs', label: '需求 Needs', type: 'text' },
  ]
}

/** One row of the editor: options as the text the user types ("a, b, c"). */
export interface FieldDraft {
  key: string
  label: string
  type: ScreeningField['type']
  options: string
  required: boolean
}

export function toDrafts(fields: ScreeningField[]): FieldDraft[] {
  return fields.map((f) => ({
    key: f.key,
    label: f.label ?? '',
    type: f.type,
    options: (f.options ?? []).join(', '),
    required: !!f.required,
  }))
}

/** "a, b，c、d" → ["a", "b", "c", "d"] (Chinese commas too), without blanks or repeats. */
export function parseOptions(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean))]
}

export function fromDrafts(drafts: FieldDraft[]): ScreeningField[] {
  return drafts.map((d) => {
    const f: ScreeningField = { key: d.key.trim(), type: d.type }
    if (d.label.trim()) f.label = d.label.trim()
    if (d.type === 'choice') f.options = parseOptions(d.options)
    if (d.required) f.required = true
    return f
  })
}

export const MAX_FIELDS = 30
const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/

export interface DraftProblem {
  /** The row, or -1 for the whole list. */
  index: number
  /** i18n key under emergency.fields: keyFormat, keyTwice, needOptions, tooMany */
  problem: 'keyFormat' | 'keyTwice' | 'needOptions' | 'tooMany'
}

/** The first problem of the list (the server's validate_fields rules), or null. */
export function checkDrafts(drafts: FieldDraft[]): DraftProblem | null {
  if (drafts.length > MAX_FIELDS) return { index: -1, problem: 'tooMany' }
  const seen = new Set<string>()
  for (const [index, d] of drafts.entries()) {
    const key = d.key.trim()
    if (!KEY_RE.test(key)) return { index, problem: 'keyFormat' }
    if (seen.has(key)) return { index, problem: 'keyTwice' }
    seen.add(key)
    if (d.type === 'choice' && parseOptions(d.options).length === 0) return { index, problem: 'needOptions' }
  }
  return null
}

// ---- teams and roles ---------------------------------------------------------------

type T = (key: string, values?: Record<string, unknown>) => string
type TE = (key: string) => boolean

export const EMERGENCY_ROLES: EmergencyRole[] = ['screener', 'responder', 'errand_runner']
/** Grid roles in the order the roster lists them. */
export const GRID_ROLES: GridRole[] = ['micro_grid_head', 'micro_grid_worker', 'volunteer', 'grid_worker', 'property_staff', 'police']
/** Every peacetime role the role map knows (the server's duties and grid roles): duties first. */
export const PEACETIME_ROLES: string[] = ['publicist', 'informant', 'helper', ...GRID_ROLES]

/** A peacetime role in the current language: a duty (emergency.peacetime.*) or else a grid role (role.*). */
export function peacetimeLabel(key: string, t: T, te: TE): string {
  const found = [`emergency.peacetime.${key}`, `role.${key}`].find(te)
  return found ? t(found) : key || '–'
}

/** A member's two roles in the current language: "宣传员 → 冲锋员". */
export function memberRoles(m: Pick<TeamMember, 'peacetime_role' | 'emergency_role' | 'emergency_role_zh'>, t: T, te: TE) {
  const roleKey = `emergency.role.${m.emergency_role}`
  return {
    peacetime: peacetimeLabel(m.peacetime_role, t, te),
    emergency: te(roleKey) ? t(roleKey) : m.emergency_role_zh || m.emergency_role,
  }
}

/** A row of the role-map editor: the role saved on the server (null: none stored) and the one chosen. */
export interface RoleRow {
  peacetime: string
  saved: EmergencyRole | null
  draft: EmergencyRole | null
}

/**
 * The editor's rows: every known peacetime role in order, then any other the
 * server lists; a draft the user has chosen is kept across reloads.
 */
export function roleMapRows(items: readonly RoleMapEntry[], drafts: Readonly<Record<string, EmergencyRole>> = {}): RoleRow[] {
  const saved = new Map(items.map((i) => [i.peacetime, i.emergency]))
  const keys = [...PEACETIME_ROLES, ...items.map((i) => i.peacetime).filter((k) => !PEACETIME_ROLES.includes(k))]
  return keys.map((peacetime) => {
    const s = saved.get(peacetime) ?? null
    return { peacetime, saved: s, draft: drafts[peacetime] ?? s }
  })
}

/** Whether a row has a choice to save. */
export function roleChanged(row: RoleRow): boolean {
  return row.draft !== null && row.draft !== row.saved
}

/** Task forces first, then building teams by name ("2栋" before "10栋"). */
export function sortTeams<X extends Pick<Team, 'kind' | 'place' | 'id'>>(teams: X[]): X[] {
  return [...teams].sort(
    (a, b) =>
      Number(a.kind !== 'task_force') - Number(b.kind !== 'task_force') ||
      naturalCompare(a.place, b.place) ||
      a.id - b.id,
  )
}

/** The leader first, then by name. */
export function sortMembers<M extends Pick<TeamMember, 'leader' | 'name' | 'person_id'>>(members: M[]): M[] {
  return [...members].sort((a, b) => Number(b.leader) - Number(a.leader) || naturalCompare(a.name, b.name) || a.person_id - b.person_id)
}

// ---- the to-visit queue on the phone --------------------------------------------------

/** Never tried first, then fewest attempts, then by building and household name. */
export function visitOrder(tasks: ScreeningTask[]): ScreeningTask[] {
  return [...tasks].sort(
    (a, b) => a.attempts - b.attempts || naturalCompare(a.household, b.household) || a.id - b.id,
  )
}

// ---- errands ---------------------------------------------------------------------------

export type ErrandParty = 'team' | 'household'

/** The errand workflow (domain/emergency.cpp errand_table): state × action → state, and who. */
export const ERRAND_TABLE: { from: ErrandState; action: ErrandAction; to: ErrandState; by: ErrandParty | 'either' }[] = [
  { from: 'requested', action: 'accept', to: 'accepted', by: 'team' },
  { from: 'requested', action: 'cancel', to: 'cancelled', by: 'either' },
  { from: 'accepted', action: 'done', to: 'done', by: 'team' },
  { from: 'accepted', action: 'cancel', to: 'cancelled', by: 'either' },
  { from: 'done', action: 'confirm', to: 'confirmed', by: 'household' },
]

/** The moves a party may make on an errand in `state`, in table order. */
export function errandActions(state: ErrandState, party: ErrandParty): ErrandAction[] {
  return ERRAND_TABLE.filter((r) => r.from === state && (r.by === party || r.by === 'either')).map((r) => r.action)
}

export function errandOpen(state: ErrandState): boolean {
  return state === 'requested' || state === 'accepted'
}

export function errandStateTag(state: ErrandState): 'warning' | 'primary' | 'success' | 'info' | 'danger' {
  switch (state) {
    case 'requested':
      return 'warning'
    case 'accepted':
      return 'primary'
    case 'done':
    case 'confirmed':
      return 'success'
    default:
      return 'info'
  }
}

// ---- scope pickers (from the grid tree the console loads) ----------------------------------

export interface ScopeOption {
  id: number
  label: string
}

/** The subdistricts, communities or grids of the tree, labelled with their path below the community. */
export function scopeOptions(roots: TreePlaceNode[], kind: Exclude<ScopeKind, 'compounds'>): ScopeOption[] {
  const out: ScopeOption[] = []
  const walk = (n: TreeNode, path: string[]) => {
    if (n.type === 'place') {
      if (n.kind === kind) out.push({ id: n.id, label: [...path, n.name].join(' / ') })
      const next = n.kind === 'community' ? [n.name] : path
      for (const c of n.children ?? []) walk(c, next)
    } else {
      if (kind === 'grid') out.push({ id: n.id, label: [...path, n.name].join(' / ') })
      for (const c of n.children ?? []) walk(c, [...path, n.name])
    }
  }
  for (const r of roots) walk(r, [])
  return out
}

// ---- times and durations ----------------------------------------------------------------

/** An el-table-column formatter: an ISO time as "2026-03-01 09:30", "–" when none. */
export function timeCell(_row: unknown, _column: unknown, value: string | null | undefined): string {
  return shortTime(value)
}

/** Unix seconds → "2026-03-01 09:30" in China time; null → "–". */
export function unixToChina(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–'
  return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

/** Hours → "45 分钟" below an hour, else "3.5 小时" (through the given translator); null → "–". */
export function durationText(hours: number | null | undefined, t: T): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '–'
  if (hours < 1) return t('emergency.minutes', { n: Math.max(0, Math.round(hours * 60)) })
  return t('emergency.hours', { n: (Math.round(hours * 10) / 10).toString() })
}
