import { describe, expect, it } from 'vitest'
import type { MetricsCore } from '@/api/types'
import {
  NO_DATA_COLOUR,
  SCALE,
  bucketLabel,
  bucketOf,
  buckets,
  colourOf,
  formatMetric,
  gridMetric,
  metricValue,
  rankByAttention,
} from './gridMetrics'

const OPEN = gridMetric('open')
const MICRO = gridMetric('never_leave.micro_grid')

describe('gridMetric', () => {
  it('knows the metrics and falls back to the default', () => {
    expect(OPEN).toMatchObject({ kind: 'count', worse: 'high' })
    expect(MICRO).toMatchObject({ kind: 'rate', worse: 'low' })
    expect(gridMetric('nonsense').key).toBe('never_leave.micro_grid')
    expect(gridMetric(undefined).key).toBe('never_leave.micro_grid')
  })
})

describe('metricValue', () => {
  const m = {
    total: 10,
    open: 3,
    overdue: 1,
    finished: 7,
    never_leave: {
      micro_grid: { numerator: 5, denominator: 7, value: 5 / 7 },
      community: { numerator: 0, denominator: 0, value: null },
      subdistrict: { numerator: 7, denominator: 7, value: 1 },
    },
    hotline: {
      response_rate: { numerator: 0, denominator: 0, value: null },
      on_time_resolution_rate: { numerator: 0, denominator: 0, value: null },
      satisfaction_rate: { numerator: 0, denominator: 0, value: null },
    },
    hours_to_close: { median: null, p90: null },
  } as MetricsCore
  it('reads counts and rates, null where nothing was counted', () => {
    expect(metricValue(m, OPEN)).toBe(3)
    expect(metricValue(m, gridMetric('overdue'))).toBe(1)
    expect(metricValue(m, MICRO)).toBeCloseTo(0.714, 3)
    expect(metricValue(m, gridMetric('never_leave.community'))).toBeNull()
    expect(metricValue(null, OPEN)).toBeNull()
  })
})

describe('buckets', () => {
  it('splits counts into whole-number classes of equal width', () => {
    const b = buckets([0, 3, 9, null], OPEN)
    expect(b.map((x) => [x.from, x.to])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
      [8, 10],
    ])
    expect(b.map(bucketLabelOpen)).toEqual(['0–1', '2–3', '4–5', '6–7', '8–9'])
    // Few distinct counts give fewer classes, never fractional bounds.
    expect(buckets([1, 2], OPEN).map(bucketLabelOpen)).toEqual(['1', '2'])
  })

  it('splits rates into classes of 0.1 % bounds covering every value', () => {
    const values = [0.6234, 0.7, 0.8817]
    const b = buckets(values, MICRO)
    expect(b).toHaveLength(5)
    expect(b[0].from).toBe(0.623)
    expect(b[4].to).toBe(0.882)
    for (const v of values) expect(bucketOf(v, b)).toBeGreaterThanOrEqual(0)
    expect(bucketOf(0.6234, b)).toBe(0)
    expect(bucketOf(0.8817, b)).toBe(4)
    expect(bucketLabel(b[0], MICRO)).toBe('62.3%–67.5%')
  })

  it('gives one class when all values are equal and none without values', () => {
    expect(buckets([0.5, 0.5], MICRO)).toEqual([{ from: 0.5, to: 0.5, colour: SCALE[2] }])
    expect(bucketLabel(buckets([0.5], MICRO)[0], MICRO)).toBe('50.0%')
    expect(buckets([4, 4], OPEN).map(bucketLabelOpen)).toEqual(['4'])
    expect(buckets([null, undefined], OPEN)).toEqual([])
  })

  it('puts red where attention is needed: high counts, low rates', () => {
    const counts = buckets([0, 100], OPEN)
    expect(counts[0].colour).toBe(SCALE[0])
    expect(counts[counts.length - 1].colour).toBe(SCALE[4])
    const rates = buckets([0.2, 0.9], MICRO)
    expect(rates[0].colour).toBe(SCALE[4])
    expect(rates[rates.length - 1].colour).toBe(SCALE[0])
    // Two classes still use both ends of the scale.
    expect(buckets([1, 2], OPEN).map((x) => x.colour)).toEqual([SCALE[0], SCALE[4]])
  })
})

describe('colourOf', () => {
  it('colours a value by its class and a missing value grey', () => {
    const b = buckets([0, 9], OPEN)
    expect(colourOf(0, b)).toBe(b[0].colour)
    expect(colourOf(9, b)).toBe(b[4].colour)
    expect(colourOf(null, b)).toBe(NO_DATA_COLOUR)
    expect(colourOf(Number.NaN, b)).toBe(NO_DATA_COLOUR)
    expect(colourOf(3, [])).toBe(NO_DATA_COLOUR)
  })
})

describe('formatMetric and rankByAttention', () => {
  it('formats rates as percentages and counts as they are', () => {
    expect(formatMetric(0.8766, MICRO)).toBe('87.7%')
    expect(formatMetric(12, OPEN)).toBe('12')
    expect(formatMetric(null, OPEN)).toBe('–')
  })

  it('lists the grids needing attention first, those without a value last', () => {
    const rows = [
      { id: 1, value: 0.9 },
      { id: 2, value: null },
      { id: 3, value: 0.5 },
    ]
    expect(rankByAttention(rows, MICRO).map((r) => r.id)).toEqual([3, 1, 2])
    expect(rankByAttention(rows, OPEN).map((r) => r.id)).toEqual([1, 3, 2])
  })
})

function bucketLabelOpen(b: { from: number; to: number; colour: string }) {
  return bucketLabel(b, OPEN)
}
