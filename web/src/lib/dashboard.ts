// The leaders' dashboard without Vue: which rates it shows, their trend
// series, and the chart options (kept here so they can be tested).
import type { MetricsCore, MetricsTrend, Ratio } from '@/api/types'
import { addDays, chinaDay } from './cases'

export type RateKey =
  | 'never_leave.micro_grid'
  | 'never_leave.community'
  | 'never_leave.subdistrict'
  | 'hotline.response_rate'
  | 'hotline.on_time_resolution_rate'
  | 'hotline.satisfaction_rate'

export const NEVER_LEAVE: RateKey[] = ['never_leave.micro_grid', 'never_leave.community', 'never_leave.subdistrict']
export const HOTLINE: RateKey[] = ['hotline.response_rate', 'hotline.on_time_resolution_rate', 'hotline.satisfaction_rate']
export const RATE_COLOURS: Record<RateKey, string> = {
  'never_leave.micro_grid': '#1e8f4e',
  'never_leave.community': '#2f6fd8',
  'never_leave.subdistrict': '#c0392b',
  'hotline.response_rate': '#8e44ad',
  'hotline.on_time_resolution_rate': '#e67e22',
  'hotline.satisfaction_rate': '#16a085',
}

export function ratioOf(m: MetricsCore | null | undefined, key: RateKey): Ratio | null {
  if (!m) return null
  const [group, name] = key.split('.') as ['never_leave' | 'hotline', string]
  const g = m[group] as Record<string, Ratio> | undefined
  return g?.[name] ?? null
}

/** The rate per period as percentages (null where nothing was counted). */
export function rateSeries(trend: MetricsTrend | null | undefined, key: RateKey): (number | null)[] {
  return (trend?.points ?? []).map((p) => {
    const v = ratioOf(p.metrics, key)?.value
    return v === null || v === undefined ? null : Math.round(v * 1000) / 10
  })
}

/** Change of the last period against the one before, in percentage points (null when unknown). */
export function lastChange(series: (number | null)[]): number | null {
  const known = series.filter((v): v is number => v !== null)
  if (known.length < 2) return null
  return Math.round((known[known.length - 1] - known[known.length - 2]) * 10) / 10
}

export type DashboardPeriod = 'month' | '30d' | 'year' | 'all'

/** [from, to) for GET /metrics (to exclusive), or {} for everything. */
export function dashboardRange(p: DashboardPeriod, now: Date = new Date()): { from?: string; to?: string } {
  const today = chinaDay(now)
  const tomorrow = addDays(today, 1)
  switch (p) {
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: tomorrow }
    case '30d':
      return { from: addDays(today, -29), to: tomorrow }
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: tomorrow }
    default:
      return {}
  }
}

/** The first day of the month `months - 1` months before this one: the start of a trend of `months` points. */
export function trendStart(months: number, now: Date = new Date()): string {
  const today = chinaDay(now)
  let y = Number(today.slice(0, 4))
  let m = Number(today.slice(5, 7)) - (months - 1)
  while (m < 1) {
    m += 12
    y -= 1
  }
  return `${y}-${String(m).padStart(2, '0')}-01`
}

/** A small line chart without axes for a figure tile. */
export function sparkOption(periods: string[], values: (number | null)[], colour: string) {
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '–' : `${v}%`) },
    xAxis: { type: 'category', data: periods, show: false, boundaryGap: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: values,
        smooth: true,
        symbol: 'none',
        lineStyle: { width: 2, color: colour },
        areaStyle: { color: colour, opacity: 0.12 },
        connectNulls: true,
      },
    ],
  }
}

/** Horizontal bars of the hot categories, biggest on top. */
export function hotBarsOption(items: { name: string; count: number }[], colour = '#c0392b') {
  const rows = [...items].reverse()
  return {
    animation: false,
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: 13 } },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: colour }, barMaxWidth: 18, label: { show: true, position: 'right' } }],
  }
}

/** Case counts per month: total and finished as bars. */
export function volumeOption(trend: MetricsTrend | null | undefined, names: { total: string; finished: string; overdue: string }) {
  const points = trend?.points ?? []
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 44, right: 8, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value' },
    series: [
      { name: names.total, type: 'bar', data: points.map((p) => p.metrics.total), itemStyle: { color: '#2f6fd8' } },
      { name: names.finished, type: 'bar', data: points.map((p) => p.metrics.finished), itemStyle: { color: '#1e8f4e' } },
      { name: names.overdue, type: 'line', data: points.map((p) => p.metrics.overdue), itemStyle: { color: '#c0392b' } },
    ],
  }
}

// ---- the monthly report -----------------------------------------------------

/** "YYYY-MM" of the month before the current one (China time): the last complete month. */
export function previousMonth(now: Date = new Date()): string {
  const today = chinaDay(now)
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The i18n key of what is wrong with a report month, or '' (a month after the current one has no cases yet). */
export function reportMonthProblem(month: string | null | undefined, now: Date = new Date()): string {
  if (!month) return 'dashboard.report.needMonth'
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return 'dashboard.report.badMonth'
  if (month > chinaDay(now).slice(0, 7)) return 'dashboard.report.futureMonth'
  return ''
}
