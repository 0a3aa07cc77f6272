// Shapes of the JSON that /api/v1 returns (see GET /api/v1/openapi.json).
// Only the fields the web app reads are declared.

export type GridKind = 'general_grid' | 'grid' | 'micro_grid' | 'exclusive_grid'
export type PlaceKind =
  | 'subdistrict'
  | 'community'
  | 'compound'
  | 'building'
  | 'unit'
  | 'household'
  | 'office_tower'
  | 'mall'
  | 'shop_street'
export type PersonKind = 'resident' | 'tenant' | 'staff' | 'volunteer'
export type GridRole =
  | 'grid_worker'
  | 'micro_grid_head'
  | 'micro_grid_worker'
  | 'property_staff'
  | 'police'
  | 'volunteer'

export interface Counts {
  households: number
  persons: number
  staff: number
  party_volunteers: number
  places: number
}

/** GeoJSON Polygon: rings of [lng, lat]; the first ring is the outer one. */
export interface Polygon {
  type: 'Polygon'
  coordinates: number[][][]
}

export interface TreePlaceNode {
  type: 'place'
  kind: 'subdistrict' | 'community'
  id: number
  name: string
  code?: string
  counts: Counts
  children: TreeNode[]
}

export interface TreeGridNode {
  type: 'grid'
  kind: GridKind
  kind_zh: string
  id: number
  code: string
  name: string
  counts: Counts
  child_count: number
  children: TreeGridNode[]
}

export type TreeNode = TreePlaceNode | TreeGridNode

export interface GridTree {
  roots: TreePlaceNode[]
}

export interface Grid {
  id: number
  kind: GridKind
  kind_zh: string
  code: string
  name: string
  parent_id: number | null
  community_id: number
  boundary?: Polygon | null
}

export interface Place {
  id: number
  kind: PlaceKind
  kind_zh: string
  name: string
  code: string
  parent_id: number | null
  community_id: number | null
  grid_id: number | null
  location: { lng: number; lat: number } | null
  outline: Polygon | null
}

export interface Page<T> {
  items: T[]
  total: number
  limit?: number
  offset?: number
}

export interface Person {
  id: number
  kind: PersonKind
  name: string
  phone: string
  id_number: string
  address: string
  masked: boolean
  gender: string
  birth_year: number | null
  party_member: boolean
  household_id: number | null
  relation: string
  organisation_id: number | null
}

export interface RosterEntry extends Person {
  assignment_id: number
}

export interface GridDetail extends Grid {
  counts: Counts
  children: (Grid & { counts: Counts })[]
  places: Page<Place>
  roster: Partial<Record<GridRole, RosterEntry[]>>
  subtree_grid_count: number
}

export interface PlaceDetail extends Place {
  ancestors: { id: number; kind: PlaceKind; name: string }[]
  grid: Grid | null
  child_count: number
}

export interface Organisation {
  id: number
  kind: string
  name: string
  community_id: number | null
  place_id: number | null
}

export interface LinkStep {
  tier: number
  person: Person | null
  organisation: Organisation | null
}

export interface LinkChain {
  household_id: number
  chain: LinkStep[]
  linked: boolean
}

export interface Violation {
  rule: string
  rule_zh: string
  severity: 'error' | 'warning'
  message: string
  grid_ids: number[]
  grid_codes: string[]
  place_id?: number
  place_name?: string
}

export interface CheckReport {
  errors: number
  warnings: number
  violations: Violation[]
}

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  username: string
  role: string
  action: string
  target: string
  detail: Record<string, unknown>
  remote: string
  hash: string
}

export interface AuditVerdict {
  ok: boolean
  entries: number
  first_bad_id: number | null
  problem: string
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}

// ---- accounts -------------------------------------------------------------

export type Permission =
  | 'public'
  | 'signed_in'
  | 'map_read'
  | 'map_write'
  | 'people_read'
  | 'people_write'
  | 'pii_reveal'
  | 'case_read'
  | 'case_intake'
  | 'case_act'
  | 'case_admin'
  | 'metrics_read'
  | 'report_export'
  | 'audit_read'
  | 'user_admin'

export type AccountRole =
  | 'subdistrict_admin'
  | 'subdistrict_staff'
  | 'community_admin'
  | 'grid_worker'
  | 'micro_grid_head'
  | 'micro_grid_worker'
  | 'property_staff'
  | 'police'
  | 'volunteer'
  | 'resident'

export interface User {
  id: number
  username: string
  role: AccountRole | string
  role_zh?: string
  person_id: number | null
  scope_grid_id: number | null
  organisation_id: number | null
  disabled?: boolean
  must_change_password?: boolean
  permissions: readonly string[]
}

export interface Me {
  user: User
  csrf_token: string | null
}

// ---- cases ----------------------------------------------------------------

export type CaseState =
  | 'reported'
  | 'accepted'
  | 'rejected'
  | 'dispatched'
  | 'in_progress'
  | 'resolved'
  | 'verified'
  | 'closed'
  | 'rated'
  | 'parked'
  | 'in_review'
  | 'merged'
export type Channel = 'walk_in' | 'micro_grid_worker' | 'chat_group' | 'online' | 'hotline' | 'patrol'
export type CaseLevel = 'micro' | 'small' | 'big' | 'beyond'
export type HandlerKind = 'micro_grid' | 'property_company' | 'community' | 'police' | 'subdistrict' | 'district'
export type Deadline = 'green' | 'yellow' | 'red' | 'none'
export type RatingValue = 'satisfied' | 'basically_satisfied' | 'unsatisfied'

export interface Category {
  id: number
  code: string
  parent_id: number | null
  name_zh: string
  name_en: string
  pinyin: string
  icon: string
  level: CaseLevel
  path: string
  needs_verification: boolean
  hours?: { accept: number; dispatch: number; resolve: number; verify: number }
  emergency_only?: boolean
  enabled?: boolean
}

/** POST /categories and PATCH /categories/{id}: the fields to set (PATCH keeps the others). */
export type CategoryInput = Partial<Omit<Category, 'id'>>

/**
 * A routing rule: the first enabled rule (highest priority, then lowest id)
 * whose conditions all hold sends a case to `handler`. A null condition
 * matches everything; weekday_mask bit 0 is Monday … bit 6 Sunday (0: every
 * day); hours are local, hour_from inclusive, hour_to exclusive.
 */
export interface RoutingRule {
  id: number
  priority: number
  category_id: number | null
  level: CaseLevel | null
  community_id: number | null
  grid_id: number | null
  weekday_mask: number
  hour_from: number | null
  hour_to: number | null
  requires_property_contract: boolean
  handler: HandlerKind
  organisation_id: number | null
  note: string
  enabled: boolean
}

export type RoutingRuleInput = Omit<RoutingRule, 'id'>

export type CalendarKind = 'holiday' | 'workday'

/** A day that differs from the ordinary week: a holiday, or a weekend day worked to make up for one. */
export interface CalendarDay {
  day: string
  kind: CalendarKind
  note: string
}

export interface WorkCalendar {
  items: CalendarDay[]
  total: number
  /** Working periods of a working day, minutes after local midnight. */
  working_hours: { start_minute: number; end_minute: number }[]
  utc_offset_minutes?: number
}

export interface CaseSummary {
  id: number
  channel: Channel
  category_id: number
  level: CaseLevel
  description: string
  place_id: number | null
  grid_id: number | null
  community_id: number | null
  state: CaseState
  state_zh: string
  handler: HandlerKind
  handler_zh: string
  handling_level?: string
  handler_person_id: number | null
  joint_with_community?: boolean
  emergency?: boolean
  stage: string | null
  stage_due_at: string | null
  deadline: Deadline
  created_at: string
  updated_at?: string
}

export interface CaseEvent {
  id: number
  at: string
  action: string
  from_state: CaseState | null
  to_state: CaseState
  actor_role: string
  actor_person_id: number | null
  note: string
  data: Record<string, unknown>
}

export interface Attachment {
  id: number
  case_id: number
  content_type: string
  size: number
  sha256?: string
  original_name?: string
  url: string
  created_at?: string
}

export interface MediationParty {
  label: string
  person_id?: number
  side?: string
}

export interface Mediation {
  case_id: number
  mediator_person_id: number | null
  parties: MediationParty[]
  agreement: string
  signed_by: unknown[]
  signed_at: string | null
  follow_up_at: string | null
  follow_up_note: string
  sessions: { id: number; at: string; place: string; summary: string }[]
}

export interface AllowedAction {
  action: string
  label_zh: string
}

export interface CaseDetail extends CaseSummary {
  location: { lng: number; lat: number } | null
  compound_id: number | null
  address: string
  reporter: {
    person_id: number | null
    name: string
    phone: string
    anonymous: boolean
    on_behalf_of: boolean
    masked: boolean
  }
  routing_explanation: string
  handler_org_id: number | null
  needs_verification: boolean
  stage_warn_at: string | null
  extension_pending: boolean
  accept_due_at: string | null
  responded_at: string | null
  resolved_at: string | null
  closed_at: string | null
  settled_level: string | null
  rating: RatingValue | null
  rating_comment: string
  reopen_count: number
  escalation_count: number
  merged_into: number | null
  review_at: string | null
  timeline: CaseEvent[]
  attachments: Attachment[]
  mediation: Mediation | null
  category: Category
  allowed_actions: AllowedAction[]
}

export interface IntakeResult extends CaseDetail {
  tracking_token: string
  duplicates: CaseSummary[]
}

export interface CaseInput {
  channel: Channel
  category_id: number
  description: string
  level?: CaseLevel
  place_id?: number
  location?: { lng: number; lat: number }
  address?: string
  reporter_name?: string
  reporter_phone?: string
  reporter_person_id?: number
  anonymous?: boolean
  on_behalf_of?: boolean
  accept_now?: boolean
}

export interface ActionInput {
  action: string
  reason?: string
  note?: string
  rating?: RatingValue
  hours?: number
  review_at?: string
  target_case_id?: number
  handler?: HandlerKind
  assignee_person_id?: number
}

export interface Revealed {
  id: number
  reporter_name: string
  reporter_phone: string
  address: string
  masked: false
}

export interface PublicReportInput {
  category_id: number
  description: string
  place_id?: number
  location?: { lng: number; lat: number }
  address?: string
  reporter_name?: string
  reporter_phone?: string
  anonymous?: boolean
}

export interface TrackedCase {
  tracking_token: string
  tracking_url?: string
  /** Only when the server includes it (needed to attach a photo). */
  id?: number
  state: CaseState
  state_zh: string
  category?: { id: number; name_zh: string; name_en: string }
  description?: string
  handler?: HandlerKind
  handler_zh?: string
  created_at?: string
  rating?: RatingValue | null
  can_rate: boolean
  timeline?: { at: string; action: string; to_state: CaseState; to_state_zh: string }[]
}

// ---- metrics --------------------------------------------------------------

export interface Ratio {
  numerator: number
  denominator: number
  value: number | null
}

export interface MetricsCore {
  total: number
  open: number
  overdue: number
  finished: number
  never_leave: { micro_grid: Ratio; community: Ratio; subdistrict: Ratio }
  hotline: { response_rate: Ratio; on_time_resolution_rate: Ratio; satisfaction_rate: Ratio }
  hours_to_close: { median: number | null; p90: number | null }
}

export interface Metrics extends MetricsCore {
  hot_categories: { id: number; count: number; name_zh: string; name_en: string }[]
  hot_places: { id: number; count: number; name: string }[]
  workload: { person_id: number; open: number; resolved: number }[]
  as_of?: string
}

export interface MetricsTrend {
  bucket: 'day' | 'week' | 'month'
  points: { period: string; metrics: MetricsCore }[]
}

export interface Assignment {
  id: number
  grid_id: number
  person_id: number
  role: GridRole
  role_zh: string
  organisation_id: number | null
}
