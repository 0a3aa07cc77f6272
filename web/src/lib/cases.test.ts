import { describe, expect, it } from 'vitest'
import {
  actionBody,
  actionButtonType,
  activeFilterCount,
  filterDraft,
  filtersOf,
  addDays,
  casesQuery,
  chinaDay,
  deadlineLook,
  emptyDraft,
  fieldsOf,
  isOneClick,
  missingField,
  periodRange,
  shortTime,
  stateTag,
  STATE_PRESETS,
  OPEN_STATES,
} from './cases'

describe('deadlineLook', () => {
  it.each([
    ['red', 'danger', 'deadline-red', 'deadline.red'],
    ['yellow', 'warning', 'deadline-yellow', 'deadline.yellow'],
    ['green', 'success', 'deadline-green', 'deadline.green'],
    ['none', 'info', '', 'deadline.none'],
    [null, 'info', '', 'deadline.none'],
    ['something-new', 'info', '', 'deadline.none'],
  ])('%s → %s tag, row class %s', (d, tag, row, label) => {
    expect(deadlineLook(d as never)).toEqual({ tag, row, label })
  })
})

describe('stateTag', () => {
  it('colours waiting, handling, done and review states apart', () => {
    expect(stateTag('reported')).toBe('warning')
    expect(stateTag('in_progress')).toBe('primary')
    expect(stateTag('closed')).toBe('success')
    expect(stateTag('in_review')).toBe('danger')
    expect(stateTag('merged')).toBe('info')
  })
})

describe('casesQuery', () => {
  it('drops empty filters, defaults the sort to newest and turns the page into an offset', () => {
    expect(casesQuery({ state: '', q: '  ' }, 3, 20)).toEqual({ sort: '-created_at', limit: 20, offset: 40 })
  })

  it('passes the filters through and makes the inclusive end date exclusive', () => {
    expect(
      casesQuery(
        { state: 'reported,accepted', category_id: '102', level: 'micro', channel: 'walk_in', overdue: 'true', from: '2026-11-01', to: '2026-11-30', q: '狗', sort: 'due' },
        1,
        20,
      ),
    ).toEqual({
      state: 'reported,accepted',
      category_id: '102',
      level: 'micro',
      channel: 'walk_in',
      overdue: 'true',
      from: '2026-11-01',
      to: '2026-12-01',
      q: '狗',
      sort: 'due',
      limit: 20,
      offset: 0,
    })
  })

  it('ignores overdue other than "true" and dates that are not dates', () => {
    expect(casesQuery({ overdue: 'false', from: 'yesterday', to: '2026-13' }, 1, 10)).toEqual({ sort: '-created_at', limit: 10, offset: 0 })
  })

  it('never gives a negative offset', () => {
    expect(casesQuery({}, 0, 20).offset).toBe(0)
  })
})

describe('the filter form', () => {
  const url = { state: 'reported,accepted', category_id: '102', level: '', channel: 'hotline', overdue: 'true', from: '2026-11-01', to: '2026-11-29', q: '狗', sort: 'due' }
  it('mirrors the URL and goes back to the same URL', () => {
    const d = filterDraft(url)
    expect(d).toEqual({ states: ['reported', 'accepted'], category_id: 102, level: '', channel: 'hotline', overdue: true, period: ['2026-11-01', '2026-11-29'], q: '狗', sort: 'due' })
    expect(filtersOf(d)).toEqual(url)
    const empty = { state: '', category_id: '', level: '', channel: '', overdue: '', from: '', to: '', q: '', sort: '' }
    expect(filterDraft(empty)).toMatchObject({ states: [], category_id: null, overdue: false, period: null })
    expect(filtersOf(filterDraft(empty))).toEqual(empty)
  })

  it('counts the filters folded into the phone drawer (not the text or the sort)', () => {
    expect(activeFilterCount(url)).toBe(5)
    expect(activeFilterCount({ q: '狗', sort: 'due', overdue: 'false' })).toBe(0)
    expect(activeFilterCount({ from: '2026-11-01' })).toBe(1)
  })
})

describe('dates', () => {
  it('chinaDay is the date in UTC+8 whatever the browser zone', () => {
    expect(chinaDay(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29')
    expect(chinaDay(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30')
  })

  it('addDays crosses months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('periodRange gives inclusive China dates ending today', () => {
    const now = new Date('2026-11-29T02:00:00Z') // 10:00 in Chengdu
    expect(periodRange('today', now)).toEqual({ from: '2026-11-29', to: '2026-11-29' })
    expect(periodRange('7d', now)).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(periodRange('30d', now)).toEqual({ from: '2026-10-31', to: '2026-11-29' })
    expect(periodRange('month', now)).toEqual({ from: '2026-11-01', to: '2026-11-29' })
    expect(periodRange('year', now)).toEqual({ from: '2026-01-01', to: '2026-11-29' })
  })

  it('shortTime keeps the server time of day', () => {
    expect(shortTime('2026-11-29T10:44:20+08:00')).toBe('2026-11-29 10:44')
    expect(shortTime(null)).toBe('–')
  })
})

describe('state presets', () => {
  it('"open" is every state in which someone still has work', () => {
    expect(STATE_PRESETS.open.split(',')).toEqual(OPEN_STATES)
    expect(STATE_PRESETS.finished).toBe('closed,rated,rejected,merged')
  })
})

describe('workflow action input', () => {
  it('knows which actions need a dialog', () => {
    expect(isOneClick('accept')).toBe(true)
    expect(isOneClick('start')).toBe(true)
    expect(isOneClick('verify')).toBe(true)
    expect(isOneClick('close')).toBe(true)
    expect(isOneClick('dispatch')).toBe(false) // choose who
    expect(isOneClick('resolve')).toBe(false) // say what was done
    expect(isOneClick('rate')).toBe(false)
    expect(fieldsOf('park').required).toEqual(['reason', 'review_at'])
    expect(fieldsOf('unknown_action')).toEqual({ required: [], optional: [] })
  })

  it('reports the first missing required field', () => {
    const d = emptyDraft()
    expect(missingField('resolve', d)).toBe('note')
    expect(missingField('request_extension', { ...d, reason: '等配件' })).toBe('hours')
    expect(missingField('request_extension', { ...d, reason: '等配件', hours: 0 })).toBe('hours')
    expect(missingField('request_extension', { ...d, reason: '等配件', hours: 8 })).toBeNull()
    expect(missingField('park', { ...d, reason: '等待施工', review_at: '2026-12' })).toBe('review_at')
    expect(missingField('merge', d)).toBe('target_case_id')
    expect(missingField('rate', { ...d, rating: 'satisfied' })).toBeNull()
    expect(missingField('reject', { ...d, reason: '   ' })).toBe('reason')
    expect(missingField('start', d)).toBeNull()
  })

  it('sends only the fields an action takes, trimmed', () => {
    const d = { ...emptyDraft(), reason: ' 不属于本网格 ', note: '已处理', assignee_person_id: 42, hours: 8 }
    expect(actionBody('return', d)).toEqual({ action: 'return', reason: '不属于本网格' })
    expect(actionBody('resolve', d)).toEqual({ action: 'resolve', note: '已处理' })
    expect(actionBody('dispatch', d)).toEqual({ action: 'dispatch', assignee_person_id: 42 })
    expect(actionBody('dispatch', emptyDraft())).toEqual({ action: 'dispatch' })
    expect(actionBody('request_extension', d)).toEqual({ action: 'request_extension', reason: '不属于本网格', hours: 8 })
  })

  it('colours turning-back actions as danger', () => {
    expect(actionButtonType('reject')).toBe('danger')
    expect(actionButtonType('escalate')).toBe('warning')
    expect(actionButtonType('resolve')).toBe('primary')
  })
})
