// Peacetime and emergency (平战转换): the shapes of /api/v1/emergencies,
// /emergency-teams, /screening-tasks, /errands and /my/emergency, and one
// function per endpoint (src/http/emergency_api.cpp on the server). Kept
// apart from endpoints.ts/types.ts so the emergency screens live in their
// own files.
import { API_BASE, getJson, postJson, putJson, request, type Query } from './client'
import type { GridKind, PlaceKind, Polygon } from './types'

type S = AbortSignal | undefined

export type EmergencyType = 'epidemic' | 'flood' | 'fire' | 'earthquake' | 'other'
export type ScopeKind = 'subdistrict' | 'community' | 'grid' | 'compounds'
export type EmergencyRole = 'responder' | 'screener' | 'errand_runner'
export type TeamKind = 'task_force' | 'building_team'
export type Outcome = 'pending' | 'reached' | 'not_at_home' | 'refused' | 'needs_help'
export type ErrandKind = 'medicine' | 'groceries' | 'paperwork' | 'medical_visit' | 'other'
export type ErrandState = 'requested' | 'accepted' | 'done' | 'confirmed' | 'cancelled'
export type ErrandAction = 'accept' | 'done' | 'confirm' | 'cancel'
export type ProgressBy = 'compound' | 'building' | 'grid' | 'total'

/** A free field of a screening round: what a screener records per household. */
export interface ScreeningField {
  key: string
  label?: string
  type: 'text' | 'bool' | 'number' | 'choice'
  options?: string[]
  required?: boolean
}

export interface Emergency {
  id: number
  name: string
  type: EmergencyType
  type_zh: string
  /** 1 is the most serious, 4 the least. */
  level: number
  scope_kind: ScopeKind
  scope_ids: number[]
  deadline_factor: number
  errand_hours: number
  note: string
  started_at: string
  declared_at: string
  declared_by: string
  ended_at: string | null
  ended_by: string
  end_note: string
  active: boolean
}

export interface ScreeningRound {
  id: number
  emergency_id: number
  round: number
  fields: ScreeningField[]
  started_at: string
  closed_at: string | null
  households: number
  full_coverage_at: string | null
}

export interface ProgressRow {
  id: number
  name: string
  total: number
  covered: number
  pending: number
  reached: number
  not_at_home: number
  refused: number
  needs_help: number
  /** covered / total, 1 when there is nothing to screen. */
  coverage: number
}

export interface EmergencyDetail extends Emergency {
  round: ScreeningRound
  progress: ProgressRow
  open_errands: number
}

export interface DeclareInput {
  name: string
  type: EmergencyType
  level: number
  scope_kind: ScopeKind
  scope_ids: number[]
  deadline_factor: number
  errand_hours: number
  /** Left out: the server's defaults for the type. */
  fields?: ScreeningField[]
  note?: string
}

export interface Declared extends Emergency {
  places: number
  buildings: number
  teams: number
  members: number
  unstaffed_buildings: number[]
  round: ScreeningRound
}

export interface TeamMember {
  person_id: number
  name: string
  party_member: boolean
  /** The duty or grid role the person brings ("publicist", "micro_grid_head", …). */
  peacetime_role: string
  emergency_role: EmergencyRole
  emergency_role_zh: string
  leader: boolean
  added_by: string
}

export interface Team {
  id: number
  emergency_id: number
  kind: TeamKind
  place_id: number
  place: string
  compound_id: number
  leader_person_id: number | null
  borrowed: boolean
  members: TeamMember[]
}

export interface MyTeam extends Team {
  my_role: EmergencyRole
  my_role_zh: string
}

export interface ScreeningTask {
  id: number
  round_id: number
  household_id: number
  household: string
  building_id: number
  building: string
  compound_id: number
  grid_id: number | null
  team_id: number | null
  outcome: Outcome
  covered: boolean
  data: Record<string, unknown>
  restricted: boolean
  note: string
  attempts: number
  screened_at: string | null
  covered_at: string | null
}

export interface ScreeningInput {
  outcome: Exclude<Outcome, 'pending'>
  data?: Record<string, string | number | boolean>
  restricted?: boolean
  note?: string
}

export interface Errand {
  id: number
  emergency_id: number
  household_id: number
  household: string
  building_id: number
  team_id: number | null
  kind: ErrandKind
  details: string
  state: ErrandState
  requested_at: string
  due_at: string
  overdue: boolean
  runner_person_id: number | null
  accepted_at: string | null
  done_at: string | null
  confirmed_at: string | null
  cancelled_at: string | null
  note: string
}

export interface MyEmergency {
  emergencies: Emergency[]
  teams: MyTeam[]
  tasks: ScreeningTask[]
  errands: Errand[]
  household: { household_id: number; emergency_id: number; errands: Errand[] } | null
}

export interface Progress {
  round: number
  by: ProgressBy
  items: ProgressRow[]
  total: ProgressRow
}

/** A grid on the coverage map: its progress, kind and boundary. */
export interface CoverageArea extends ProgressRow {
  kind: GridKind
  code: string
  parent_id: number | null
  boundary: Polygon | null
}

/** A compound or building on the coverage map: its progress and where it is. */
export interface CoveragePoint extends ProgressRow {
  kind: PlaceKind
  parent_id: number | null
  location: { lng: number; lat: number } | null
  outline: Polygon | null
}

/** GET /emergencies/{id}/coverage-map: the grids in scope, or (grid_id) the grids, compounds and buildings in one grid. */
export interface CoverageMap {
  round: number
  grid_id: number | null
  total: ProgressRow
  areas: CoverageArea[]
  compounds: CoveragePoint[]
  buildings: CoveragePoint[]
}

/** One entry of the peacetime → emergency role map. */
export interface RoleMapEntry {
  peacetime: string
  emergency: EmergencyRole
  emergency_zh: string
}

export interface ReportRound {
  round: number
  households: number
  covered: number
  coverage: number
  reached: number
  not_at_home: number
  refused: number
  needs_help: number
  pending: number
  /** Unix seconds (the report's rounds carry raw times). */
  started_at: number
  closed_at: number | null
  full_coverage_at: number | null
  hours_to_full_coverage: number | null
}

export interface EmergencyReport {
  emergency: Emergency
  households: number
  places: number
  duration_hours: number
  teams: {
    task_forces: number
    building_teams: number
    members: number
    people: number
    borrowed: number
    unstaffed: number
    by_role: Partial<Record<EmergencyRole, number>>
  }
  rounds: ReportRound[]
  errands: {
    total: number
    requested: number
    accepted: number
    done: number
    confirmed: number
    cancelled: number
    completed: number
    completed_late: number
    overdue_open: number
    minutes_to_done: { median: number; mean: number; max: number } | null
  }
  cases: { opened: number; closed: number; open: number }
}

export interface List<T> {
  items: T[]
  total: number
}

export const emergencyApi = {
  list: (q: { active?: boolean } = {}, signal?: S) => getJson<List<Emergency>>('/emergencies', q, signal),
  declare: (input: DeclareInput) => postJson<Declared>('/emergencies', input),
  get: (id: number, signal?: S) => getJson<EmergencyDetail>(`/emergencies/${id}`, undefined, signal),
  setLevel: (id: number, level: number) => request<Emergency>('PATCH', `/emergencies/${id}`, { json: { level } }),
  end: (id: number, note: string) => postJson<Emergency>(`/emergencies/${id}/end`, { note }),

  teams: (id: number, q: { compound_id?: number } = {}, signal?: S) =>
    getJson<List<Team>>(`/emergencies/${id}/teams`, q, signal),
  addMember: (teamId: number, person_id: number, emergency_role: EmergencyRole) =>
    postJson<Team>(`/emergency-teams/${teamId}/members`, { person_id, emergency_role }),
  removeMember: (teamId: number, personId: number) =>
    request<Team>('DELETE', `/emergency-teams/${teamId}/members/${personId}`),
  setLeader: (teamId: number, person_id: number) => putJson<Team>(`/emergency-teams/${teamId}/leader`, { person_id }),

  rounds: (id: number, signal?: S) => getJson<List<ScreeningRound>>(`/emergencies/${id}/rounds`, undefined, signal),
  newRound: (id: number, fields?: ScreeningField[]) =>
    postJson<ScreeningRound>(`/emergencies/${id}/rounds`, fields ? { fields } : {}),
  progress: (id: number, q: { by?: ProgressBy; round?: number } = {}, signal?: S) =>
    getJson<Progress>(`/emergencies/${id}/progress`, q, signal),
  coverageMap: (id: number, q: { grid_id?: number | null } = {}, signal?: S) =>
    getJson<CoverageMap>(`/emergencies/${id}/coverage-map`, q, signal),
  tasks: (id: number, q: Query, signal?: S) =>
    getJson<List<ScreeningTask> & { round: number }>(`/emergencies/${id}/tasks`, q, signal),
  screen: (taskId: number, input: ScreeningInput) => postJson<ScreeningTask>(`/screening-tasks/${taskId}`, input),

  errands: (id: number, q: { state?: ErrandState; overdue?: boolean } = {}, signal?: S) =>
    getJson<List<Errand>>(`/emergencies/${id}/errands`, q, signal),
  requestErrand: (id: number, input: { household_id?: number; kind: ErrandKind; details: string }) =>
    postJson<Errand>(`/emergencies/${id}/errands`, input),
  actOnErrand: (errandId: number, action: ErrandAction, note = '') =>
    postJson<Errand>(`/errands/${errandId}/actions`, { action, note }),

  roleMap: (signal?: S) => getJson<List<RoleMapEntry>>('/emergency-role-map', undefined, signal),
  setRole: (peacetime: string, emergency: EmergencyRole) =>
    putJson<List<RoleMapEntry>>(`/emergency-role-map/${encodeURIComponent(peacetime)}`, { emergency }),

  mine: (signal?: S) => getJson<MyEmergency>('/my/emergency', undefined, signal),
  report: (id: number, signal?: S) => getJson<EmergencyReport>(`/emergencies/${id}/report`, undefined, signal),
  /** The Excel workbook (a plain link: the browser downloads it with the session cookie). */
  reportXlsxUrl: (id: number) => `${API_BASE}/emergencies/${id}/report.xlsx`,
}
