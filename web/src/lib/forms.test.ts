import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import { firstError, splitServerError } from './forms'

const FIELDS = ['code', 'name_zh', 'accept', 'day']

describe('splitServerError', () => {
  it('puts a refusal next to the field the server names', () => {
    const e = new ApiError(400, 'invalid', "'accept' is a number of working hours in (0, 2000]", { field: 'accept' })
    expect(splitServerError(e, FIELDS)).toEqual({ fields: { accept: e.message }, form: '' })
    const p = new ApiError(400, 'invalid', "'2026-13-01' is not a date YYYY-MM-DD", { parameter: 'day' })
    expect(splitServerError(p, FIELDS).fields).toEqual({ day: p.message })
  })

  it('shows on the form what names no field of the form', () => {
    const e = new ApiError(400, 'invalid', 'unknown field', { field: 'colour' })
    expect(splitServerError(e, FIELDS)).toEqual({ fields: {}, form: 'unknown field (400)' })
    expect(splitServerError(new ApiError(0, 'network', 'Failed to fetch'), FIELDS).form).toBe('Failed to fetch')
    expect(splitServerError(new Error('bug'), FIELDS).form).toBe('bug')
  })

  it('gives a conflict to the field that must be unique', () => {
    const e = new ApiError(409, 'conflict', 'query failed: UNIQUE constraint failed: categories.code', {})
    expect(splitServerError(e, FIELDS, { conflict: { field: 'code', message: '编码已被使用' } })).toEqual({
      fields: { code: '编码已被使用' },
      form: '',
    })
    expect(splitServerError(e, FIELDS).form).toMatch(/UNIQUE/)
  })
})

describe('firstError', () => {
  it('follows the order of the form', () => {
    expect(firstError({ accept: 'x', code: 'y' }, FIELDS)).toBe('code')
    expect(firstError({ other: 'x' }, FIELDS)).toBe('other')
    expect(firstError({}, FIELDS)).toBeNull()
  })
})
