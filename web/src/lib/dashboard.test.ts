import { describe, expect, it } from 'vitest'
import type { MetricsCore, MetricsTrend } from '@/api/types'
import { dashboardRange, hotBarsOption, lastChange, previousMonth, rateSeries, ratioOf, reportMonthProblem, trendStart } from './dashboard'

const r = (n: number, d: number) => ({ numerator: n, denominator: d, value: d ? n / d : null })
function metrics(micro: [number, number], satisfied: [number, number]): MetricsCore {
  return {
    total: 10,
    open: 1,
    overdue: 0,
    finished: 9,
    never_leave: { micro_grid: r(...micro), community: r(9, 9), subdistrict: r(9, 9) },
    hotline: { response_rate: r(10, 10), on_time_resolution_rate: r(8, 9), satisfaction_rate: r(...satisfied) },
    hours_to_close: { median: 20, p90: 60 },
  }
}
const TREND: MetricsTrend = {
  bucket: 'month',
  points: [
    { period: '2026-09', metrics: metrics([3, 9], [0, 0]) },
    { period: '2026-10', metrics: metrics([4, 8], [5, 6]) },
    { period: '2026-11', metrics: metrics([5, 8], [6, 6]) },
  ],
}

describe('rates', () => {
  it('reads a ratio by key', () => {
    expect(ratioOf(TREND.points[0].metrics, 'never_leave.micro_grid')).toEqual(r(3, 9))
    expect(ratioOf(null, 'hotline.response_rate')).toBeNull()
  })

  it('gives each period as a percentage with one decimal, null where nothing was counted', () => {
    expect(rateSeries(TREND, 'never_leave.micro_grid')).toEqual([33.3, 50, 62.5])
    expect(rateSeries(TREND, 'hotline.satisfaction_rate')).toEqual([null, 83.3, 100])
    expect(rateSeries(null, 'hotline.satisfaction_rate')).toEqual([])
  })

  it('gives the change of the last known period in points', () => {
    expect(lastChange([33.3, 50, 62.5])).toBe(12.5)
    expect(lastChange([null, 83.3, 100])).toBe(16.7)
    expect(lastChange([80, null])).toBeNull()
    expect(lastChange([])).toBeNull()
  })
})

describe('periods', () => {
  const now = new Date('2026-11-29T02:00:00Z')
  it('dashboardRange ends tomorrow (exclusive) in China time', () => {
    expect(dashboardRange('month', now)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(dashboardRange('30d', now)).toEqual({ from: '2026-10-31', to: '2026-11-30' })
    expect(dashboardRange('year', now)).toEqual({ from: '2026-01-01', to: '2026-11-30' })
    expect(dashboardRange('all', now)).toEqual({})
  })

  it('trendStart goes back whole months across the year', () => {
    expect(trendStart(12, now)).toBe('2025-12-01')
    expect(trendStart(1, now)).toBe('2026-11-01')
    expect(trendStart(24, now)).toBe('2024-12-01')
  })
})

describe('the monthly report', () => {
  it('offers the last complete month in China time', () => {
    expect(previousMonth(new Date('2026-11-29T02:00:00Z'))).toBe('2026-10')
    expect(previousMonth(new Date('2026-01-15T02:00:00Z'))).toBe('2025-12')
    // 31 December 17:00 UTC is already 1 January in China.
    expect(previousMonth(new Date('2026-12-31T17:00:00Z'))).toBe('2026-12')
  })

  it('refuses a missing, malformed or future month', () => {
    const now = new Date('2026-11-29T02:00:00Z')
    expect(reportMonthProblem('2026-11', now)).toBe('')
    expect(reportMonthProblem('2025-01', now)).toBe('')
    expect(reportMonthProblem('', now)).toBe('dashboard.report.needMonth')
    expect(reportMonthProblem('2026-13', now)).toBe('dashboard.report.badMonth')
    expect(reportMonthProblem('2026-12', now)).toBe('dashboard.report.futureMonth')
  })
})

describe('hotBarsOption', () => {
  it('puts the biggest category on top', () => {
    const o = hotBarsOption([
      { name: '漏水渗水', count: 200 },
      { name: '保洁', count: 150 },
    ])
    expect(o.yAxis.data).toEqual(['保洁', '漏水渗水'])
    expect(o.series[0].data).toEqual([150, 200])
  })
})
