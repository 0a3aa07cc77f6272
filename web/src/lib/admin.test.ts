import { describe, expect, it } from 'vitest'
import type { Category, RoutingRule } from '@/api/types'
import {
  categoryBody,
  categoryDraft,
  categoryTree,
  hoursText,
  isDay,
  maskOf,
  normalisePinyin,
  ruleBody,
  ruleDraft,
  validateCategory,
  validateDay,
  validateRule,
  weekdayOf,
  weekdayText,
  weekdaysOf,
  workingHoursText,
} from './admin'

const cat = (id: number, code: string, parent_id: number | null = null): Category => ({
  id,
  code,
  parent_id,
  name_zh: `类别${id}`,
  name_en: `Category ${id}`,
  pinyin: 'lb',
  icon: '',
  level: 'small',
  path: 'community',
  needs_verification: true,
  hours: { accept: 1, dispatch: 1, resolve: 16, verify: 8 },
  enabled: true,
})

describe('category drafts', () => {
  it('starts a new category from the server defaults and an old one from its values', () => {
    expect(categoryDraft()).toMatchObject({ code: '', level: 'micro', path: 'micro_grid', enabled: true, hours: { accept: 2, resolve: 24 } })
    const d = categoryDraft(cat(7, 'dispute.pets', 1))
    expect(d).toMatchObject({ code: 'dispute.pets', parent_id: 1, level: 'small', path: 'community', hours: { resolve: 16 } })
  })

  it('checks code, names, pinyin and hours', () => {
    const others = [cat(1, 'dispute')]
    const ok = { ...categoryDraft(), code: 'dispute.parking', name_zh: '停车纠纷', name_en: 'Parking disputes', pinyin: 'tcjf' }
    expect(validateCategory(ok, others)).toEqual({})
    expect(validateCategory(categoryDraft(), others)).toEqual({
      code: 'admin.err.required',
      name_zh: 'admin.err.required',
      name_en: 'admin.err.required',
    })
    expect(validateCategory({ ...ok, code: 'Dispute X' }, others).code).toBe('admin.category.codeFormat')
    expect(validateCategory({ ...ok, code: 'dispute' }, others).code).toBe('admin.category.codeTaken')
    expect(validateCategory({ ...ok, pinyin: 'TC1' }, others).pinyin).toBe('admin.category.pinyinFormat')
    expect(validateCategory({ ...ok, hours: { ...ok.hours, resolve: 0, verify: 2001 } }, others)).toEqual({
      resolve: 'admin.category.hoursRange',
      verify: 'admin.category.hoursRange',
    })
  })

  it('sends trimmed names and every field', () => {
    const body = categoryBody({ ...categoryDraft(), code: ' env.x ', name_zh: ' 噪音 ', name_en: 'Noise ' })
    expect(body).toMatchObject({ code: 'env.x', name_zh: '噪音', name_en: 'Noise', parent_id: null, enabled: true })
    expect(Object.keys(body.hours!)).toEqual(['accept', 'dispatch', 'resolve', 'verify'])
  })

  it('normalises pinyin initials and builds the two-level tree', () => {
    expect(normalisePinyin(' CW rm1 ')).toBe('cwrm')
    const tree = categoryTree([cat(1, 'a'), cat(2, 'b'), cat(11, 'a.x', 1), cat(12, 'a.y', 1), cat(99, 'orphan', 50)])
    expect(tree.map((r) => [r.id, r.children?.map((c) => c.id)])).toEqual([
      [1, [11, 12]],
      [2, undefined],
      [99, undefined],
    ])
  })
})

describe('routing rule drafts', () => {
  it('turns weekdays into the mask and back (bit 0 Monday)', () => {
    expect(maskOf([0, 2, 4])).toBe(0b10101)
    expect(maskOf([5, 6, 9])).toBe(0b1100000)
    expect(weekdaysOf(0b1100000)).toEqual([5, 6])
    expect(weekdaysOf(0)).toEqual([])
    const names = ['一', '二', '三', '四', '五', '六', '日']
    expect(weekdayText(0b1100000, names, '、')).toBe('六、日')
    expect(weekdayText(0, names)).toBe('')
  })

  it('round-trips a rule and sends null for conditions that are off', () => {
    const rule: RoutingRule = {
      id: 3,
      priority: 90,
      category_id: 301,
      level: null,
      community_id: 2,
      grid_id: null,
      weekday_mask: 0b11,
      hour_from: 22,
      hour_to: 6,
      requires_property_contract: false,
      handler: 'police',
      organisation_id: null,
      note: ' thrown objects ',
      enabled: true,
    }
    const d = ruleDraft(rule)
    expect(d).toMatchObject({ level: '', weekdays: [0, 1], handler: 'police' })
    const { id: _, ...rest } = rule
    expect(ruleBody(d)).toEqual({ ...rest, note: 'thrown objects' })
    expect(ruleBody({ ...ruleDraft(), handler: 'community' })).toMatchObject({ level: null, weekday_mask: 0, hour_from: null, category_id: null })
  })

  it('needs a handler and whole hours 0..24 that make a window', () => {
    expect(validateRule(ruleDraft())).toEqual({ handler: 'admin.err.required' })
    const ok = { ...ruleDraft(), handler: 'community' as const }
    expect(validateRule(ok)).toEqual({})
    expect(validateRule({ ...ok, hour_from: 25, hour_to: 1.5 })).toEqual({ hour_from: 'admin.rule.hourRange', hour_to: 'admin.rule.hourRange' })
    expect(validateRule({ ...ok, hour_from: 8, hour_to: 8 })).toEqual({ hour_to: 'admin.rule.emptyWindow' })
    expect(validateRule({ ...ok, priority: 2.5 })).toEqual({ priority: 'admin.rule.priorityRange' })
    expect(validateRule({ ...ok, note: 'x'.repeat(301) })).toEqual({ note: 'admin.err.tooLong' })
  })

  it('writes the time window as clock times', () => {
    expect(hoursText(null, null)).toBe('')
    expect(hoursText(8, 18)).toBe('08:00–18:00')
    expect(hoursText(22, null)).toBe('22:00–24:00')
  })
})

describe('calendar days', () => {
  it('knows real dates and their weekdays', () => {
    expect(isDay('2026-10-01')).toBe(true)
    expect(isDay('2026-02-30')).toBe(false)
    expect(isDay('2026-1-1')).toBe(false)
    expect(weekdayOf('2026-10-01')).toBe(3) // a Thursday
    expect(weekdayOf('2026-10-11')).toBe(6) // a Sunday
  })

  it('refuses a bad date and a make-up workday on a weekday', () => {
    expect(validateDay({ day: '2026-10-01', kind: 'holiday', note: '国庆节' })).toEqual({})
    expect(validateDay({ day: '2026-10-11', kind: 'workday', note: '' })).toEqual({})
    expect(validateDay({ day: '2026-10-09', kind: 'workday', note: '' })).toEqual({ kind: 'admin.calendar.workdayOnWeekday' })
    expect(validateDay({ day: '', kind: 'holiday', note: '' })).toEqual({ day: 'admin.err.required' })
    expect(validateDay({ day: '2026-13-01', kind: 'holiday', note: '' })).toEqual({ day: 'admin.calendar.badDay' })
    expect(validateDay({ day: '2026-10-01', kind: 'holiday', note: 'x'.repeat(101) })).toEqual({ note: 'admin.err.tooLong' })
  })

  it('writes the working hours', () => {
    expect(workingHoursText([{ start_minute: 540, end_minute: 720 }, { start_minute: 810, end_minute: 1050 }])).toBe('09:00–12:00, 13:30–17:30')
  })
})
