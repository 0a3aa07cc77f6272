import { describe, expect, it } from 'vitest'
import { countChips, formatNumber, pageToOffset } from './format'

describe('formatNumber', () => {
  it.each([
    [0, 'zh-CN', '0'],
    [1234, 'en', '1,234'],
    [1234567, 'zh-CN', '1,234,567'],
    [null, 'en', '–'],
    [undefined, 'en', '–'],
    [Number.NaN, 'en', '–'],
  ])('formats %s in %s as %s', (n, locale, want) => {
    expect(formatNumber(n as number, locale)).toBe(want)
  })
})

describe('countChips', () => {
  it('lists the four counts in a fixed order, zeros included', () => {
    expect(countChips({ households: 1200, persons: 3, staff: 0, party_volunteers: 7, places: 9 }, 'en')).toEqual([
      { field: 'households', value: '1,200' },
      { field: 'persons', value: '3' },
      { field: 'staff', value: '0' },
      { field: 'party_volunteers', value: '7' },
    ])
  })

  it('treats missing counts as zero', () => {
    expect(countChips(null, 'en').map((c) => c.value)).toEqual(['0', '0', '0', '0'])
  })
})

describe('pageToOffset', () => {
  it.each([
    [1, 20, 0],
    [3, 20, 40],
    [0, 20, 0],
    [-2, 50, 0],
  ])('page %i of %i → offset %i', (page, size, want) => {
    expect(pageToOffset(page, size)).toBe(want)
  })
})
