// Community life: patrols, three-links visits and care, deliberation
// (topics, meetings, decisions), conventions and notices. One function per
// endpoint, with the shapes the server answers (see /api/v1/openapi.json).
import { getJson, postJson, putJson, request, type Query } from './client'
import type { CaseSummary, Page } from './types'

type S = AbortSignal | undefined

/** A place or grid as the server names it in community-life replies. */
export interface Ref {
  id: number
  kind: string
  name: string
}
/** A person: id and masked name. */
export interface PersonRef {
  id: number
  name: string
}

// ---- patrols ----

export interface Participant extends PersonRef {
  kind: string
}
export interface PatrolPlan {
  id: number
  grid_id: number
  grid: Ref
  name: string
  frequency: 'weekly' | 'monthly' | 'quarterly'
  active: boolean
  route: Ref[]
  participants: Participant[]
  created_at: string
}
export interface Observation {
  id: number
  patrol_id: number
  place: Ref | null
  text: string
  suggestion: string
  outcome: 'open' | 'case' | 'suggestion'
  case_id: number | null
  decided_at: string | null
  created_at: string
}
export interface PatrolSummary {
  id: number
  plan_id: number | null
  grid_id: number
  grid: Ref
  started_at: string
  ended_at: string | null
  summary: string
  recorded_by: PersonRef | null
  participants: Participant[]
}
export interface Patrol extends PatrolSummary {
  checkins: { id: number; place: Ref; at: string; note: string }[]
  observations: Observation[]
}
export interface PlanCoverage {
  plan_id: number
  name: string
  grid: Ref
  frequency: string
  patrols: number
  route_places: number
  patrolled: Ref[]
  not_patrolled: Ref[]
}
export interface PatrolCoverage {
  month: string
  plans: PlanCoverage[]
  route_places: number
  patrolled: number
  not_patrolled: number
  rate: number
}
export interface PatrolInput {
  plan_id?: number
  grid_id?: number
  started_at?: string
  summary?: string
  participants: { person_id: number; kind: string }[]
  checkins?: { place_id: number; at?: string; note?: string }[]
  observations?: { place_id?: number; text: string; suggestion?: string }[]
}

// ---- visits and care ----

export interface Visit {
  id: number
  household: Ref
  grid_id: number | null
  visitor: PersonRef
  at: string
  form: 'door_to_door' | 'courtyard_meeting' | 'chat_group'
  form_zh: string
  learnt: string
  follow_up_case_id: number | null
  campaign_id: number | null
}
/** A household the signed-in party member links, to log a visit for. */
export interface LinkedHousehold {
  household_id: number
  grid_id: number | null
  name: string
  unit: string
  building: string
  compound: string
  last_visit_at: string | null
}
export interface CareStatus {
  household: Ref
  grid_id: number | null
  tags: { tag: string; tag_zh: string; visit_every_days: number; since: string; note: string }[]
  last_visit_at: string | null
  visit_every_days: number | null
  due_at: string | null
  overdue: boolean
  days_overdue: number
}
export interface LinkRow {
  tier: 1 | 2 | 3
  organisation: Ref | null
  person: PersonRef | null
  households: number
  visited: number
  rate: number
}
export interface VisitCoverage {
  quarter: string
  households: number
  visited: number
  rate: number
  links: LinkRow[]
}

// ---- deliberation ----

export interface Tally {
  for: number
  against: number
  abstain: number
  cast: number
  eligible: number
  quorum_percent: number
  majority: string
  quorum_reached: boolean
  majority_reached: boolean
  passed: boolean
  explanation: string
}
export interface TopicSummary {
  id: number
  grid_id: number
  grid: Ref
  title: string
  source: string
  state: string
  state_zh: string
  quorum_percent: number
  majority: string
  created_at: string
  updated_at: string
}
export interface Comment {
  id: number
  section_key: string
  author_kind: string
  person: PersonRef | null
  household: Ref | null
  organisation: Ref | null
  text: string
  created_at: string
}
export interface Meeting {
  id: number
  kind: 'courtyard_meeting' | 'joint_meeting'
  kind_zh: string
  grid: Ref
  topic_id: number | null
  place: string
  held_at: string
  attendees: { label: string; person: PersonRef | null; organisation: Ref | null }[]
  attendee_count: number
  minutes: string
  decisions?: Decision[]
}
export interface Step {
  id: number
  ordinal: number
  title: string
  owner: PersonRef | null
  due_at: string | null
  status: 'todo' | 'in_progress' | 'done' | 'blocked'
  progress: number
  note: string
}
export interface Topic extends TopicSummary {
  description: string
  result: string
  raised_by: PersonRef | null
  raised_by_household: Ref | null
  tally: Tally
  comments: Comment[]
  meetings: Meeting[]
  steps: Step[]
  timeline: { at: string; action: string; from_state: string | null; to_state: string; actor_role: string; note: string }[]
  allowed_actions: { action: string; label_zh: string }[]
  my_vote: string | null
}
export interface Decision {
  id: number
  meeting_id: number
  text: string
  owner_person: PersonRef | null
  owner_organisation: Ref | null
  due_at: string
  overdue: boolean
  status: 'open' | 'done'
  done_at: string | null
  done_note: string
}

// ---- conventions ----

export interface ConventionSummary {
  id: number
  place: Ref
  kind: 'convention' | 'happiness_declaration'
  title: string
  current_version_id: number | null
}
export interface Convention extends ConventionSummary {
  versions: { id: number; number: number; state: string; state_zh: string; sections: number; note: string }[]
  households: number
  signed_on: number
  signon_rate: number
  my_household_signed: boolean
}
export interface Section {
  key: string
  heading: string
  text: string
}
export interface ConventionVersion {
  id: number
  convention_id: number
  number: number
  state: string
  state_zh: string
  note: string
  sections: { key: string; heading: string; text: string; comments: Comment[] }[]
  tally: Tally
  my_vote: string | null
}
export interface SignOnRates {
  households: number
  signed_on: number
  rate: number
  buildings: { building: Ref; compound: string; households: number; signed_on: number; rate: number }[]
}

// ---- notices ----

export interface Notice {
  id: number
  target_kind: string
  target_id: number
  target_name: string
  title: string
  body: string
  campaign_id: number | null
  published_at: string
  recipients: number
  read: number
  read_rate: number
  my_household_read: boolean | null
}
export interface Unread {
  household_id: number
  name: string
  unit: string
  building: string
  compound: string
}
export interface Campaign {
  id: number
  theme: string
  theme_zh: string
  title: string
  grid: Ref
  starts_at: string | null
  ends_at: string | null
  cases?: CaseSummary[]
  visits?: number
  notices?: { id: number; title: string; published_at: string }[]
}

const id = (n: number) => String(n)

export const lifeApi = {
  // patrols
  patrolPlans: (q: Query = {}, signal?: S) => getJson<Page<PatrolPlan>>('/patrol-plans', q, signal),
  createPlan: (input: { grid_id: number; name: string; frequency: string; route: number[]; participants: { person_id: number; kind: string }[] }) =>
    postJson<PatrolPlan>('/patrol-plans', input),
  patrols: (q: Query = {}, signal?: S) => getJson<Page<PatrolSummary>>('/patrols', q, signal),
  patrol: (n: number, signal?: S) => getJson<Patrol>(`/patrols/${id(n)}`, undefined, signal),
  recordPatrol: (input: PatrolInput) => postJson<Patrol>('/patrols', input),
  addObservation: (patrol: number, input: { place_id?: number; text: string; suggestion?: string }) =>
    postJson<Patrol>(`/patrols/${id(patrol)}/observations`, input),
  decideObservation: (n: number, input: { outcome: 'case' | 'suggestion'; category_id?: number }) =>
    postJson<Observation & { case: CaseSummary | null }>(`/patrol-observations/${id(n)}/outcome`, input),
  observations: (q: Query = {}, signal?: S) => getJson<Page<Observation>>('/patrol-observations', q, signal),
  patrolCoverage: (q: Query = {}, signal?: S) => getJson<PatrolCoverage>('/patrols/coverage', q, signal),

  // visits and care
  visits: (q: Query = {}, signal?: S) => getJson<Page<Visit>>('/visits', q, signal),
  logVisit: (input: {
    household_id: number
    form: string
    learnt?: string
    at?: string
    visitor_person_id?: number
    follow_up_category_id?: number
  }) => postJson<Visit & { case: CaseSummary | null }>('/visits', input),
  myHouseholds: (signal?: S) => getJson<Page<LinkedHousehold>>('/visits/my-households', undefined, signal),
  visitCoverage: (q: Query = {}, signal?: S) => getJson<VisitCoverage>('/visits/coverage', q, signal),
  overdueCare: (q: Query = {}, signal?: S) => getJson<Page<CareStatus>>('/care/overdue', q, signal),
  care: (household: number, signal?: S) => getJson<CareStatus>(`/households/${id(household)}/care`, undefined, signal),
  setCare: (household: number, tags: { tag: string; visit_every_days?: number; note?: string }[]) =>
    putJson<CareStatus>(`/households/${id(household)}/care`, { tags }),

  // deliberation
  topics: (q: Query = {}, signal?: S) => getJson<Page<TopicSummary>>('/topics', q, signal),
  topic: (n: number, signal?: S) => getJson<Topic>(`/topics/${id(n)}`, undefined, signal),
  raiseTopic: (input: { title: string; description?: string; grid_id?: number; observation_id?: number; case_id?: number }) =>
    postJson<Topic>('/topics', input),
  actOnTopic: (n: number, input: { action: string; reason?: string; note?: string; quorum_percent?: number; majority?: string }) =>
    postJson<Topic>(`/topics/${id(n)}/actions`, input),
  comment: (n: number, text: string) => postJson<Topic>(`/topics/${id(n)}/comments`, { text }),
  vote: (n: number, ballot: string, household_id?: number) =>
    postJson<Topic>(`/topics/${id(n)}/votes`, household_id ? { ballot, household_id } : { ballot }),
  addStep: (n: number, input: { title: string; owner_person_id?: number; due_on?: string }) =>
    postJson<Topic>(`/topics/${id(n)}/steps`, input),
  updateStep: (n: number, input: { status?: string; progress?: number; note?: string }) =>
    request<Topic>('PATCH', `/topic-steps/${id(n)}`, { json: input }),
  meetings: (q: Query = {}, signal?: S) => getJson<Page<Meeting>>('/meetings', q, signal),
  recordMeeting: (input: {
    kind: string
    topic_id?: number
    grid_id?: number
    place?: string
    minutes?: string
    held_at?: string
    attendees?: { label?: string; person_id?: number; organisation_id?: number }[]
  }) => postJson<Meeting>('/meetings', input),
  addDecision: (meeting: number, input: { text: string; owner_person_id?: number; owner_organisation_id?: number; due_on: string }) =>
    postJson<Meeting>(`/meetings/${id(meeting)}/decisions`, input),
  meeting: (n: number, signal?: S) => getJson<Meeting>(`/meetings/${id(n)}`, undefined, signal),
  myDecisions: (signal?: S) => getJson<Page<Decision>>('/decisions/mine', undefined, signal),
  completeDecision: (n: number, note: string) => postJson<Decision>(`/decisions/${id(n)}/done`, { note }),

  // conventions
  conventions: (signal?: S) => getJson<Page<ConventionSummary>>('/conventions', undefined, signal),
  convention: (n: number, signal?: S) => getJson<Convention>(`/conventions/${id(n)}`, undefined, signal),
  version: (n: number, signal?: S) => getJson<ConventionVersion>(`/convention-versions/${id(n)}`, undefined, signal),
  commentSection: (n: number, section_key: string, text: string) =>
    postJson<ConventionVersion>(`/convention-versions/${id(n)}/comments`, { section_key, text }),
  voteVersion: (n: number, ballot: string, household_id?: number) =>
    postJson<ConventionVersion>(`/convention-versions/${id(n)}/votes`, household_id ? { ballot, household_id } : { ballot }),
  createConvention: (input: { place_id: number; kind: string; title: string; sections: Section[] }) =>
    postJson<Convention>('/conventions', input),
  draftVersion: (n: number, input: { sections: Section[]; note?: string }) =>
    postJson<ConventionVersion>(`/conventions/${id(n)}/versions`, input),
  actOnVersion: (n: number, input: { action: string; quorum_percent?: number; majority?: string }) =>
    postJson<ConventionVersion>(`/convention-versions/${id(n)}/actions`, input),
  signOn: (n: number, household_id?: number) =>
    postJson<Convention>(`/conventions/${id(n)}/sign-ons`, household_id ? { household_id } : {}),
  signOnRates: (n: number, signal?: S) => getJson<SignOnRates>(`/conventions/${id(n)}/sign-on-rates`, undefined, signal),

  // notices
  notices: (q: Query = {}, signal?: S) => getJson<Page<Notice>>('/notices', q, signal),
  publishNotice: (input: { target_kind: string; target_id: number; title: string; body: string; campaign_id?: number }) =>
    postJson<Notice>('/notices', input),
  acknowledge: (n: number, household_id?: number) =>
    postJson<Notice>(`/notices/${id(n)}/read`, household_id ? { household_id } : {}),
  unread: (n: number, q: { limit: number; offset: number }, signal?: S) => getJson<Page<Unread>>(`/notices/${id(n)}/unread`, q, signal),
  campaigns: (signal?: S) => getJson<Page<Campaign>>('/campaigns', undefined, signal),
  campaign: (n: number, signal?: S) => getJson<Campaign>(`/campaigns/${id(n)}`, undefined, signal),
  createCampaign: (input: {
    theme: string
    title: string
    grid_id: number
    starts_on?: string
    ends_on?: string
    note?: string
    case_ids: number[]
  }) => postJson<Campaign>('/campaigns', input),
  linkCampaignCase: (n: number, case_id: number) => postJson<Campaign>(`/campaigns/${id(n)}/cases`, { case_id }),
}
