import { describe, expect, it } from 'vitest'
import { countChips, formatNumber, formatPercent, naturalCompare, pageToOffset } from './format'

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

describe('naturalCompare and formatPercent', () => {
  it('sorts 2栋 before 10栋', () => {
    expect(['10栋', '2栋', '1栋'].sort(naturalCompare)).toEqual(['1栋', '2栋', '10栋'])
  })
  it('formats ratios as percentages', () => {
    expect(formatPercent(0.9236)).toBe('92.4%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(null)).toBe('–')
  })
})
