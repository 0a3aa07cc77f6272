import { describe, expect, it } from 'vitest'
import { isPhone, validateIntake, type IntakeDraft } from './intake'

const draft = (over: Partial<IntakeDraft> = {}): IntakeDraft => ({
  channel: 'walk_in',
  place_id: 50,
  address: '',
  category_id: 102,
  description: '楼上的狗一直叫',
  reporter_name: '',
  reporter_phone: '',
  accept_now: true,
  ...over,
})

describe('isPhone', () => {
  it.each([
    ['13800138000', true],
    ['138 0013 8000', true],
    ['028-85551234', true],
    ['85551234', true],
    ['1380013800', false],
    ['23800138000', false],
    ['abc', false],
  ])('%s → %s', (s, ok) => expect(isPhone(s)).toBe(ok))
})

describe('validateIntake', () => {
  it('accepts a complete draft', () => {
    expect(validateIntake(draft())).toEqual({})
    expect(validateIntake(draft({ place_id: null, address: '双福路 8 号' }))).toEqual({})
  })

  it('names every missing or wrong field', () => {
    expect(validateIntake(draft({ place_id: null, category_id: null, description: ' ', reporter_phone: '123' }))).toEqual({
      place_id: 'intake.needPlace',
      category_id: 'intake.needCategory',
      description: 'intake.needDescription',
      reporter_phone: 'intake.badPhone',
    })
  })
})
