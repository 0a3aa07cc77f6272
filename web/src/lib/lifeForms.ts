// The community-life console forms without Vue: the draft each form edits,
// the checks made before sending (the server checks again, see
// src/http/*_api.cpp), and the body sent. Checks return field → i18n key,
// like lib/admin.ts; fields are named as the server names them in
// details.field, so its refusals land at the same place.
import type { FieldErrors } from './forms'
import { isDay } from './admin'

const REQUIRED = 'admin.err.required'
const TOO_LONG = 'admin.err.tooLong'

const blank = (s: string) => !s.trim()
const over = (s: string, max: number) => s.trim().length > max

// ---- patrol plans -----------------------------------------------------------

export const FREQUENCIES = ['weekly', 'monthly', 'quarterly'] as const
export const PARTICIPANT_KINDS = ['volunteer', 'subdistrict_staff', 'community_staff', 'property_staff', 'grid_worker', 'police'] as const

export interface PlanDraft {
  grid_id: number | null
  name: string
  frequency: (typeof FREQUENCIES)[number]
  /** The places in walking order. */
  route: number[]
  participants: { person_id: number | null; kind: string }[]
}
export const PLAN_FIELDS = ['grid_id', 'name', 'frequency', 'route', 'participants'] as const

export function planDraft(): PlanDraft {
  return { grid_id: null, name: '', frequency: 'monthly', route: [], participants: [] }
}

export function validatePlan(d: PlanDraft): FieldErrors {
  const e: FieldErrors = {}
  if (!d.grid_id) e.grid_id = REQUIRED
  if (blank(d.name)) e.name = REQUIRED
  else if (over(d.name, 200)) e.name = TOO_LONG
  if (!d.route.length) e.route = 'life.forms.routeEmpty'
  else if (d.route.length > 100) e.route = TOO_LONG
  if (d.participants.some((p) => !p.person_id)) e.participants = 'life.forms.participantEmpty'
  else if (new Set(d.participants.map((p) => p.person_id)).size !== d.participants.length) e.participants = 'life.forms.participantTwice'
  return e
}

export function planBody(d: PlanDraft) {
  return {
    grid_id: d.grid_id!,
    name: d.name.trim(),
    frequency: d.frequency,
    route: [...d.route],
    participants: d.participants.map((p) => ({ person_id: p.person_id!, kind: p.kind })),
  }
}

// ---- conventions and their versions -------------------------------------------

export interface SectionDraft {
  heading: string
  text: string
}
export interface ConventionDraft {
  place_id: number | null
  kind: 'convention' | 'happiness_declaration'
  title: string
  sections: SectionDraft[]
  /** A new version only: what changed. */
  note: string
}
export const CONVENTION_FIELDS = ['place_id', 'kind', 'title', 'sections', 'note'] as const

/** A draft of a new convention, or of a new version starting from `sections` (the current ones). */
export function conventionDraft(sections: readonly { heading: string; text: string }[] = []): ConventionDraft {
  return {
    place_id: null,
    kind: 'convention',
    title: '',
    sections: sections.length ? sections.map((s) => ({ heading: s.heading, text: s.text })) : [{ heading: '', text: '' }],
    note: '',
  }
}

function validateSections(sections: readonly SectionDraft[], e: FieldErrors) {
  if (!sections.length || sections.every((s) => blank(s.text))) e.sections = 'life.forms.sectionsEmpty'
  else if (sections.some((s) => blank(s.text))) e.sections = 'life.forms.sectionTextEmpty'
  else if (sections.some((s) => over(s.heading, 200) || over(s.text, 4000))) e.sections = TOO_LONG
}

/** `version`: checks only what a new version sends (sections and note). */
export function validateConvention(d: ConventionDraft, version = false): FieldErrors {
  const e: FieldErrors = {}
  if (!version) {
    if (!d.place_id) e.place_id = REQUIRED
    if (blank(d.title)) e.title = REQUIRED
    else if (over(d.title, 200)) e.title = TOO_LONG
  } else if (over(d.note, 4000)) e.note = TOO_LONG
  validateSections(d.sections, e)
  return e
}

/** Sections keyed 1, 2, 3… in the order shown (the keys comments attach to). */
export function sectionsBody(sections: readonly SectionDraft[]) {
  return sections.map((s, i) => ({ key: String(i + 1), heading: s.heading.trim(), text: s.text.trim() }))
}

export function conventionBody(d: ConventionDraft) {
  return { place_id: d.place_id!, kind: d.kind, title: d.title.trim(), sections: sectionsBody(d.sections) }
}

export function versionBody(d: ConventionDraft) {
  return { sections: sectionsBody(d.sections), ...(d.note.trim() ? { note: d.note.trim() } : {}) }
}

// ---- publicity campaigns ------------------------------------------------------

export const THEMES = ['civilised_dog_keeping', 'fire_safety', 'fraud_prevention'] as const

export interface CampaignDraft {
  theme: (typeof THEMES)[number]
  title: string
  grid_id: number | null
  starts_on: string
  ends_on: string
  note: string
  /** The cases that prompted it, as typed: "12, 15". */
  cases: string
}
export const CAMPAIGN_FIELDS = ['theme', 'title', 'grid_id', 'starts_on', 'ends_on', 'note', 'case_ids'] as const

export function campaignDraft(): CampaignDraft {
  return { theme: 'civilised_dog_keeping', title: '', grid_id: null, starts_on: '', ends_on: '', note: '', cases: '' }
}

/** Case numbers typed with commas, spaces or "#": "#12, 15 15" → [12, 15]; null when one is not a number. */
export function parseCaseIds(s: string): number[] | null {
  const parts = s.split(/[\s,，、]+/).map((x) => x.replace(/^#/, '')).filter(Boolean)
  if (parts.some((x) => !/^[1-9]\d{0,11}$/.test(x))) return null
  return [...new Set(parts.map(Number))]
}

export function validateCampaign(d: CampaignDraft): FieldErrors {
  const e: FieldErrors = {}
  if (!THEMES.includes(d.theme)) e.theme = REQUIRED
  if (blank(d.title)) e.title = REQUIRED
  else if (over(d.title, 200)) e.title = TOO_LONG
  if (!d.grid_id) e.grid_id = REQUIRED
  if (d.starts_on && !isDay(d.starts_on)) e.starts_on = 'admin.calendar.badDay'
  if (d.ends_on && !isDay(d.ends_on)) e.ends_on = 'admin.calendar.badDay'
  else if (d.starts_on && d.ends_on && isDay(d.starts_on) && d.ends_on < d.starts_on) e.ends_on = 'life.forms.endsBeforeStart'
  if (over(d.note, 4000)) e.note = TOO_LONG
  const ids = parseCaseIds(d.cases)
  if (ids === null) e.case_ids = 'life.forms.badCaseIds'
  else if (ids.length > 200) e.case_ids = TOO_LONG
  return e
}

export function campaignBody(d: CampaignDraft) {
  return {
    theme: d.theme,
    title: d.title.trim(),
    grid_id: d.grid_id!,
    ...(d.starts_on ? { starts_on: d.starts_on } : {}),
    ...(d.ends_on ? { ends_on: d.ends_on } : {}),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
    case_ids: parseCaseIds(d.cases) ?? [],
  }
}

// ---- care tags on a household -----------------------------------------------

export const CARE_TAGS = ['elderly_alone', 'disabled', 'low_income'] as const
/** The server's default visit interval per tag when none is given. */
export const MAX_VISIT_EVERY_DAYS = 365

export interface CareDraft {
  household_id: number | null
  tags: { tag: (typeof CARE_TAGS)[number]; on: boolean; visit_every_days: number; note: string }[]
}
export const CARE_FIELDS = ['household_id', 'tags'] as const

/** A draft with every tag, switched on for those the household has. */
export function careDraft(has: readonly { tag: string; visit_every_days: number; note: string }[] = [], household_id: number | null = null): CareDraft {
  return {
    household_id,
    tags: CARE_TAGS.map((tag) => {
      const found = has.find((x) => x.tag === tag)
      return { tag, on: !!found, visit_every_days: found?.visit_every_days ?? (tag === 'elderly_alone' ? 7 : 30), note: found?.note ?? '' }
    }),
  }
}

export function validateCare(d: CareDraft): FieldErrors {
  const e: FieldErrors = {}
  if (!d.household_id) e.household_id = REQUIRED
  const on = d.tags.filter((x) => x.on)
  if (on.some((x) => !Number.isInteger(x.visit_every_days) || x.visit_every_days < 1 || x.visit_every_days > MAX_VISIT_EVERY_DAYS))
    e.tags = 'life.forms.badInterval'
  else if (on.some((x) => over(x.note, 4000))) e.tags = TOO_LONG
  return e
}

/** The tags switched on (an empty list removes them all). */
export function careBody(d: CareDraft) {
  return d.tags
    .filter((x) => x.on)
    .map((x) => ({ tag: x.tag, visit_every_days: x.visit_every_days, ...(x.note.trim() ? { note: x.note.trim() } : {}) }))
}

// ---- meetings and their decisions ---------------------------------------------

export const MEETING_KINDS = ['courtyard_meeting', 'joint_meeting'] as const

export interface MeetingDraft {
  kind: (typeof MEETING_KINDS)[number]
  grid_id: number | null
  topic_id: number | null
  place: string
  /** "2026-11-28T19:00" from the picker, or '' for now. */
  held_at: string
  persons: number[]
  organisations: number[]
  /** Other attendees, one per line ("3栋居民代表"). */
  others: string
  minutes: string
}
export const MEETING_FIELDS = ['kind', 'grid_id', 'place', 'held_at', 'attendees', 'minutes'] as const

export function meetingDraft(topic_id: number | null = null): MeetingDraft {
  return { kind: 'courtyard_meeting', grid_id: null, topic_id, place: '', held_at: '', persons: [], organisations: [], others: '', minutes: '' }
}

export function otherAttendees(s: string): string[] {
  return s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean)
}

export function validateMeeting(d: MeetingDraft): FieldErrors {
  const e: FieldErrors = {}
  if (!MEETING_KINDS.includes(d.kind)) e.kind = REQUIRED
  if (!d.topic_id && !d.grid_id) e.grid_id = REQUIRED
  if (over(d.place, 200)) e.place = TOO_LONG
  if (!d.persons.length && !d.organisations.length && !otherAttendees(d.others).length) e.attendees = 'life.forms.attendeesEmpty'
  else if (otherAttendees(d.others).some((x) => x.length > 100)) e.attendees = TOO_LONG
  if (over(d.minutes, 20000)) e.minutes = TOO_LONG
  return e
}

export function meetingBody(d: MeetingDraft) {
  return {
    kind: d.kind,
    ...(d.topic_id ? { topic_id: d.topic_id } : { grid_id: d.grid_id! }),
    ...(d.place.trim() ? { place: d.place.trim() } : {}),
    ...(d.held_at ? { held_at: d.held_at } : {}),
    attendees: [
      ...d.persons.map((person_id) => ({ person_id })),
      ...d.organisations.map((organisation_id) => ({ organisation_id })),
      ...otherAttendees(d.others).map((label) => ({ label })),
    ],
    ...(d.minutes.trim() ? { minutes: d.minutes.trim() } : {}),
  }
}

export interface DecisionDraft {
  text: string
  owner: 'person' | 'organisation'
  owner_person_id: number | null
  owner_organisation_id: number | null
  due_on: string
}
export const DECISION_FIELDS = ['text', 'owner_person_id', 'owner_organisation_id', 'due_on'] as const

export function decisionDraft(): DecisionDraft {
  return { text: '', owner: 'person', owner_person_id: null, owner_organisation_id: null, due_on: '' }
}

/** `today`: YYYY-MM-DD; a decision is not due in the past. */
export function validateDecision(d: DecisionDraft, today: string): FieldErrors {
  const e: FieldErrors = {}
  if (blank(d.text)) e.text = REQUIRED
  else if (over(d.text, 4000)) e.text = TOO_LONG
  if (d.owner === 'person' && !d.owner_person_id) e.owner_person_id = REQUIRED
  if (d.owner === 'organisation' && !d.owner_organisation_id) e.owner_organisation_id = REQUIRED
  if (!d.due_on) e.due_on = REQUIRED
  else if (!isDay(d.due_on)) e.due_on = 'admin.calendar.badDay'
  else if (d.due_on < today) e.due_on = 'life.forms.dueInPast'
  return e
}

export function decisionBody(d: DecisionDraft) {
  return {
    text: d.text.trim(),
    ...(d.owner === 'person' ? { owner_person_id: d.owner_person_id! } : { owner_organisation_id: d.owner_organisation_id! }),
    due_on: d.due_on,
  }
}

// ---- on behalf of a household: paper ballots and doorstep sign-ons ---------------

export const BALLOTS = ['for', 'against', 'abstain'] as const

export interface OnBehalfDraft {
  household_id: number | null
  ballot: (typeof BALLOTS)[number] | null
}
export const ON_BEHALF_FIELDS = ['household_id', 'ballot'] as const

/** `ballot`: the form records a vote (else a sign-on, which has none). */
export function validateOnBehalf(d: OnBehalfDraft, ballot: boolean): FieldErrors {
  const e: FieldErrors = {}
  if (!d.household_id) e.household_id = REQUIRED
  if (ballot && !d.ballot) e.ballot = REQUIRED
  return e
}

// ---- a home visit from the phone -----------------------------------------------

export const VISIT_FORMS = ['door_to_door', 'courtyard_meeting', 'chat_group'] as const

export interface VisitDraft {
  household_id: number | null
  /** YYYY-MM-DD, not after today. */
  on: string
  form: (typeof VISIT_FORMS)[number]
  learnt: string
  /** A follow-up case of this category, described by what was learnt. */
  follow_up_category_id: number | null
}
export const VISIT_FIELDS = ['household_id', 'at', 'form', 'learnt', 'follow_up_category_id'] as const

export function visitDraft(today: string): VisitDraft {
  return { household_id: null, on: today, form: 'door_to_door', learnt: '', follow_up_category_id: null }
}

export function validateVisit(d: VisitDraft, today: string): FieldErrors {
  const e: FieldErrors = {}
  if (!d.household_id) e.household_id = REQUIRED
  if (!isDay(d.on)) e.at = 'admin.calendar.badDay'
  else if (d.on > today) e.at = 'life.forms.visitInFuture'
  if (!VISIT_FORMS.includes(d.form)) e.form = REQUIRED
  if (over(d.learnt, 4000)) e.learnt = TOO_LONG
  if (d.follow_up_category_id && blank(d.learnt)) e.learnt = 'life.forms.learntForCase'
  return e
}

/** A visit today is logged now; an earlier one at noon of its day. */
export function visitBody(d: VisitDraft, today: string) {
  return {
    household_id: d.household_id!,
    form: d.form,
    ...(d.on !== today ? { at: `${d.on}T12:00` } : {}),
    ...(d.learnt.trim() ? { learnt: d.learnt.trim() } : {}),
    ...(d.follow_up_category_id ? { follow_up_category_id: d.follow_up_category_id } : {}),
  }
}

/** Today in China time, YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
