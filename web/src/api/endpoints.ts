// One function per API endpoint the web app uses.
import { getFile, getJson, postJson, putJson, request, type Query } from './client'
import type {
  ActionInput,
  AuditEntry,
  AuditVerdict,
  Assignment,
  Attachment,
  CaseDetail,
  CaseInput,
  CaseSummary,
  CalendarDay,
  CalendarKind,
  Category,
  CategoryInput,
  CheckReport,
  Grid,
  GridDetail,
  GridTree,
  IntakeResult,
  LinkChain,
  Me,
  Mediation,
  Metrics,
  MetricsTrend,
  Organisation,
  Page,
  Person,
  Place,
  PlaceDetail,
  PublicReportInput,
  RatingValue,
  Revealed,
  RoutingRule,
  RoutingRuleInput,
  TrackedCase,
  WorkCalendar,
} from './types'

type S = AbortSignal | undefined

export const api = {
  health: (signal?: S) => getJson<{ status: string }>('/health', undefined, signal),

  // accounts
  me: (signal?: S) => getJson<Me>('/auth/me', undefined, signal),
  login: (username: string, password: string) => postJson<Me>('/auth/login', { username, password }),
  logout: () => postJson<{ signed_out: boolean }>('/auth/logout'),
  changePassword: (old_password: string, new_password: string) =>
    postJson<{ changed: boolean }>('/auth/password', { old_password, new_password }),

  // map and people
  gridTree: (q?: { community_id?: number; depth?: number }, signal?: S) =>
    getJson<GridTree>('/grids/tree', q, signal),
  grids: (q: { community_id?: number; kind?: string; parent_id?: number }, signal?: S) =>
    getJson<Page<Grid>>('/grids', q, signal),
  grid: (id: number, signal?: S) => getJson<GridDetail>(`/grids/${id}`, undefined, signal),
  places: (q: Query, signal?: S) => getJson<Page<Place>>('/places', q, signal),
  place: (id: number, signal?: S) => getJson<PlaceDetail>(`/places/${id}`, undefined, signal),
  persons: (q: Query, signal?: S) => getJson<Page<Person>>('/persons', q, signal),
  person: (id: number, signal?: S) => getJson<Person>(`/persons/${id}`, undefined, signal),
  assignments: (q: { person_id?: number; grid_id?: number; role?: string }, signal?: S) =>
    getJson<Page<Assignment>>('/assignments', q, signal),
  householdLinks: (id: number, signal?: S) =>
    getJson<LinkChain>(`/households/${id}/links`, undefined, signal),
  check: (signal?: S) => getJson<CheckReport>('/check', undefined, signal),
  organisations: (q: { community_id?: number; kind?: string }, signal?: S) =>
    getJson<Page<Organisation>>('/organisations', q, signal),

  // audit trail
  audit: (q: Query, signal?: S) => getJson<Page<AuditEntry>>('/audit', q, signal),
  auditVerify: (signal?: S) => getJson<AuditVerdict>('/audit/verify', undefined, signal),

  // cases
  categories: (signal?: S) => getJson<Page<Category>>('/categories', undefined, signal),
  cases: (q: Query, signal?: S) => getJson<Page<CaseSummary>>('/cases', q, signal),
  case: (id: number, signal?: S) => getJson<CaseDetail>(`/cases/${id}`, undefined, signal),
  createCase: (input: CaseInput) => postJson<IntakeResult>('/cases', input),
  duplicates: (q: { category_id: number; place_id?: number; lng?: number; lat?: number }, signal?: S) =>
    getJson<Page<CaseSummary>>('/cases/duplicates', q, signal),
  act: (id: number, input: ActionInput) => postJson<CaseDetail>(`/cases/${id}/actions`, input),
  bulkDispatch: (case_ids: number[], assignee_person_id?: number) =>
    postJson<{ dispatched: number[]; count: number }>('/cases/bulk-dispatch', { case_ids, assignee_person_id }),
  reveal: (id: number, reason: string) => postJson<Revealed>(`/cases/${id}/reveal`, { reason }),
  attach: (id: number, file: Blob, filename: string, trackingToken?: string) => {
    const headers: Record<string, string> = {
      'Content-Type': file.type || 'image/jpeg',
      'X-Filename': encodeURIComponent(filename),
    }
    if (trackingToken) headers['X-Tracking-Token'] = trackingToken
    return request<Attachment>('POST', `/cases/${id}/attachments`, { body: file, headers })
  },
  saveMediation: (id: number, m: Partial<Mediation>) => putJson<Mediation>(`/cases/${id}/mediation`, m),
  addMediationSession: (id: number, place: string, summary: string) =>
    postJson<Mediation>(`/cases/${id}/mediation/sessions`, { place, summary }),

  // public (no account)
  publicReport: (input: PublicReportInput) => postJson<TrackedCase>('/public/reports', input),
  track: (token: string, signal?: S) => getJson<TrackedCase>(`/track/${encodeURIComponent(token)}`, undefined, signal),
  rate: (token: string, rating: RatingValue, comment: string) =>
    postJson<TrackedCase>(`/track/${encodeURIComponent(token)}/rating`, { rating, comment }),

  // administration (case_admin): categories, routing rules, the working calendar
  createCategory: (input: CategoryInput) => postJson<Category>('/categories', input),
  updateCategory: (id: number, input: CategoryInput) => request<Category>('PATCH', `/categories/${id}`, { json: input }),
  routingRules: (signal?: S) => getJson<Page<RoutingRule>>('/routing-rules', undefined, signal),
  createRoutingRule: (input: RoutingRuleInput) => postJson<RoutingRule>('/routing-rules', input),
  updateRoutingRule: (id: number, input: Partial<RoutingRuleInput>) =>
    request<RoutingRule>('PATCH', `/routing-rules/${id}`, { json: input }),
  deleteRoutingRule: (id: number) => request<{ deleted: number }>('DELETE', `/routing-rules/${id}`),
  calendar: (signal?: S) => getJson<WorkCalendar>('/calendar', undefined, signal),
  setCalendarDay: (day: string, kind: CalendarKind, note: string) =>
    putJson<CalendarDay>(`/calendar/${day}`, { kind, note }),
  deleteCalendarDay: (day: string) => request<{ deleted: string }>('DELETE', `/calendar/${day}`),

  // metrics
  metrics: (q: Query, signal?: S) => getJson<Metrics>('/metrics', q, signal),
  trend: (q: Query, signal?: S) => getJson<MetricsTrend>('/metrics/trend', q, signal),
  /** The community's monthly report as a file (xlsx or csv). */
  monthlyReport: (q: { community_id: number; month: string; format: 'xlsx' | 'csv' }, signal?: S) =>
    getFile('/reports/monthly', q, signal),
}
