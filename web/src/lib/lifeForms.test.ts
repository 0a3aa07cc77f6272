import { describe, expect, it } from 'vitest'
import {
  campaignBody,
  campaignDraft,
  careBody,
  careDraft,
  chinaToday,
  conventionBody,
  conventionDraft,
  decisionBody,
  decisionDraft,
  meetingBody,
  meetingDraft,
  parseCaseIds,
  planBody,
  planDraft,
  validateCampaign,
  validateCare,
  validateConvention,
  validateDecision,
  validateMeeting,
  validateOnBehalf,
  validatePlan,
  validateVisit,
  versionBody,
  visitBody,
  visitDraft,
} from './lifeForms'

describe('patrol plan form', () => {
  it('needs a grid, a name and a route, and each participant once', () => {
    expect(validatePlan(planDraft())).toEqual({ grid_id: 'admin.err.required', name: 'admin.err.required', route: 'life.forms.routeEmpty' })
    const d = { ...planDraft(), grid_id: 7, name: ' 月度巡查 ', route: [31, 30] }
    expect(validatePlan(d)).toEqual({})
    expect(validatePlan({ ...d, participants: [{ person_id: null, kind: 'volunteer' }] })).toEqual({ participants: 'life.forms.participantEmpty' })
    const twice = [
      { person_id: 5, kind: 'volunteer' },
      { person_id: 5, kind: 'property_staff' },
    ]
    expect(validatePlan({ ...d, participants: twice })).toEqual({ participants: 'life.forms.participantTwice' })
  })

  it('sends the route in walking order and the name trimmed', () => {
    const body = planBody({ grid_id: 7, name: ' 月度巡查 ', frequency: 'weekly', route: [31, 30], participants: [{ person_id: 5, kind: 'police' }] })
    expect(body).toEqual({ grid_id: 7, name: '月度巡查', frequency: 'weekly', route: [31, 30], participants: [{ person_id: 5, kind: 'police' }] })
  })
})

describe('convention form', () => {
  it('checks place and title for a new convention, only sections and note for a version', () => {
    const empty = conventionDraft()
    expect(validateConvention(empty)).toEqual({ place_id: 'admin.err.required', title: 'admin.err.required', sections: 'life.forms.sectionsEmpty' })
    expect(validateConvention(empty, true)).toEqual({ sections: 'life.forms.sectionsEmpty' })
    const half = { ...empty, sections: [{ heading: '养犬', text: '牵绳' }, { heading: '噪音', text: ' ' }] }
    expect(validateConvention(half, true)).toEqual({ sections: 'life.forms.sectionTextEmpty' })
  })

  it('keys sections 1, 2, 3 in the order shown, and a version starts from the current sections', () => {
    const d = { ...conventionDraft(), place_id: 3, title: ' 居民公约 ', sections: [{ heading: ' 养犬 ', text: '出门牵绳' }, { heading: '', text: '22点后不喧哗' }] }
    expect(conventionBody(d)).toEqual({
      place_id: 3,
      kind: 'convention',
      title: '居民公约',
      sections: [
        { key: '1', heading: '养犬', text: '出门牵绳' },
        { key: '2', heading: '', text: '22点后不喧哗' },
      ],
    })
    const v = conventionDraft([{ heading: '养犬', text: '出门牵绳' }])
    expect(v.sections).toEqual([{ heading: '养犬', text: '出门牵绳' }])
    expect(versionBody({ ...v, note: '' })).toEqual({ sections: [{ key: '1', heading: '养犬', text: '出门牵绳' }] })
    expect(versionBody({ ...v, note: ' 加上犬只登记 ' }).note).toBe('加上犬只登记')
  })
})

describe('campaign form', () => {
  it('reads case numbers typed with commas, spaces and #', () => {
    expect(parseCaseIds('')).toEqual([])
    expect(parseCaseIds('#12, 15，15 、7')).toEqual([12, 15, 7])
    expect(parseCaseIds('12, abc')).toBeNull()
    expect(parseCaseIds('0')).toBeNull()
  })

  it('refuses an end before the start and unreadable case numbers', () => {
    const d = { ...campaignDraft(), title: '文明养犬宣传月', grid_id: 4, starts_on: '2026-11-30', ends_on: '2026-11-01', cases: '12 x' }
    expect(validateCampaign(d)).toEqual({ ends_on: 'life.forms.endsBeforeStart', case_ids: 'life.forms.badCaseIds' })
    expect(validateCampaign({ ...d, starts_on: '2026-02-30', ends_on: '', cases: '' })).toEqual({ starts_on: 'admin.calendar.badDay' })
    const ok = { ...d, ends_on: '2026-12-31', cases: '#12' }
    expect(validateCampaign(ok)).toEqual({})
    expect(campaignBody(ok)).toEqual({
      theme: 'civilised_dog_keeping',
      title: '文明养犬宣传月',
      grid_id: 4,
      starts_on: '2026-11-30',
      ends_on: '2026-12-31',
      case_ids: [12],
    })
  })
})

describe('care form', () => {
  it('starts from the tags the household has and sends only those switched on', () => {
    const d = careDraft([{ tag: 'disabled', visit_every_days: 14, note: '轮椅' }], 88)
    expect(d.tags.map((x) => [x.tag, x.on, x.visit_every_days])).toEqual([
      ['elderly_alone', false, 7],
      ['disabled', true, 14],
      ['low_income', false, 30],
    ])
    expect(careBody(d)).toEqual([{ tag: 'disabled', visit_every_days: 14, note: '轮椅' }])
    d.tags[1].on = false
    expect(careBody(d)).toEqual([])
  })

  it('needs a household and a visit interval of 1 to 365 days on each tag switched on', () => {
    expect(validateCare(careDraft())).toEqual({ household_id: 'admin.err.required' })
    const d = careDraft([], 88)
    d.tags[0].on = true
    d.tags[0].visit_every_days = 0
    expect(validateCare(d)).toEqual({ tags: 'life.forms.badInterval' })
    d.tags[0].on = false
    expect(validateCare(d)).toEqual({})
  })
})

describe('meeting and decision forms', () => {
  it('needs a grid (unless about a topic) and at least one attendee', () => {
    expect(validateMeeting(meetingDraft())).toEqual({ grid_id: 'admin.err.required', attendees: 'life.forms.attendeesEmpty' })
    expect(validateMeeting({ ...meetingDraft(5), others: '3栋居民代表' })).toEqual({})
  })

  it('sends people, organisations and others as attendees', () => {
    const d = { ...meetingDraft(), kind: 'joint_meeting' as const, grid_id: 2, place: ' 红色港湾 ', persons: [7], organisations: [3], others: '3栋居民代表\n\n 商家代表 ', held_at: '2026-11-28T19:00' }
    expect(meetingBody(d)).toEqual({
      kind: 'joint_meeting',
      grid_id: 2,
      place: '红色港湾',
      held_at: '2026-11-28T19:00',
      attendees: [{ person_id: 7 }, { organisation_id: 3 }, { label: '3栋居民代表' }, { label: '商家代表' }],
    })
    expect(meetingBody({ ...meetingDraft(9), others: 'x' })).toEqual({ kind: 'courtyard_meeting', topic_id: 9, attendees: [{ label: 'x' }] })
  })

  it('a decision has an owner of the chosen kind and a due date not in the past', () => {
    const today = '2026-11-29'
    expect(validateDecision(decisionDraft(), today)).toEqual({ text: 'admin.err.required', owner_person_id: 'admin.err.required', due_on: 'admin.err.required' })
    const d = { ...decisionDraft(), text: '增设第二台油烟净化器', owner: 'organisation' as const, owner_organisation_id: 4, due_on: '2026-11-28' }
    expect(validateDecision(d, today)).toEqual({ due_on: 'life.forms.dueInPast' })
    expect(validateDecision({ ...d, due_on: today }, today)).toEqual({})
    expect(decisionBody({ ...d, owner_person_id: 9, due_on: '2026-12-15' })).toEqual({ text: '增设第二台油烟净化器', owner_organisation_id: 4, due_on: '2026-12-15' })
  })
})

describe('on behalf of a household', () => {
  it('needs the household, and a ballot only when recording a vote', () => {
    expect(validateOnBehalf({ household_id: null, ballot: null }, true)).toEqual({ household_id: 'admin.err.required', ballot: 'admin.err.required' })
    expect(validateOnBehalf({ household_id: 5, ballot: null }, false)).toEqual({})
  })
})

describe('visit form (phone)', () => {
  const today = '2026-11-29'
  it('needs a household, a day not after today, and what was learnt to open a case', () => {
    expect(validateVisit(visitDraft(today), today)).toEqual({ household_id: 'admin.err.required' })
    const d = { ...visitDraft(today), household_id: 12, on: '2026-11-30' }
    expect(validateVisit(d, today)).toEqual({ at: 'life.forms.visitInFuture' })
    expect(validateVisit({ ...d, on: '2026-11-31' }, today)).toEqual({ at: 'admin.calendar.badDay' })
    expect(validateVisit({ ...d, on: today, follow_up_category_id: 102 }, today)).toEqual({ learnt: 'life.forms.learntForCase' })
  })

  it('logs today as now and an earlier day at its noon', () => {
    const d = { ...visitDraft(today), household_id: 12, form: 'chat_group' as const, learnt: ' 想了解高龄补贴 ' }
    expect(visitBody(d, today)).toEqual({ household_id: 12, form: 'chat_group', learnt: '想了解高龄补贴' })
    expect(visitBody({ ...d, on: '2026-11-20', follow_up_category_id: 102 }, today)).toEqual({
      household_id: 12,
      form: 'chat_group',
      at: '2026-11-20T12:00',
      learnt: '想了解高龄补贴',
      follow_up_category_id: 102,
    })
  })

  it('takes today in China time', () => {
    expect(chinaToday(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29')
    expect(chinaToday(new Date('2026-11-28T15:59:00Z'))).toBe('2026-11-28')
  })
})
