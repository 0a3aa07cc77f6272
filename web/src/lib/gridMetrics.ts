// The dashboard's map coloured by a metric per grid (a choropleth): which
// metrics can be chosen, the classes (buckets) the values fall into, their
// colours and legend labels. Red always marks the grids that need attention:
// the low end of a rate, the high end of a count.
import type { MetricsCore } from '@/api/types'
import { ratioOf, type RateKey } from './dashboard'

export type CountKey = 'open' | 'overdue' | 'total'
export type GridMetricKey = RateKey | CountKey

export interface GridMetric {
  key: GridMetricKey
  kind: 'rate' | 'count'
  /** The end of the scale that needs attention. */
  worse: 'low' | 'high'
}

export const GRID_METRICS: GridMetric[] = [
  { key: 'never_leave.micro_grid', kind: 'rate', worse: 'low' },
  { key: 'never_leave.community', kind: 'rate', worse: 'low' },
  { key: 'hotline.on_time_resolution_rate', kind: 'rate', worse: 'low' },
  { key: 'hotline.satisfaction_rate', kind: 'rate', worse: 'low' },
  { key: 'open', kind: 'count', worse: 'high' },
  { key: 'overdue', kind: 'count', worse: 'high' },
  { key: 'total', kind: 'count', worse: 'high' },
]
export const DEFAULT_GRID_METRIC: GridMetricKey = 'never_leave.micro_grid'

export function gridMetric(key: string | null | undefined): GridMetric {
  return GRID_METRICS.find((m) => m.key === key) ?? GRID_METRICS.find((m) => m.key === DEFAULT_GRID_METRIC)!
}

/** The metric's value (a rate in 0..1 or a count); null where nothing was counted. */
export function metricValue(m: MetricsCore | null | undefined, metric: GridMetric): number | null {
  if (!m) return null
  if (metric.kind === 'count') return m[metric.key as CountKey] ?? null
  return ratioOf(m, metric.key as RateKey)?.value ?? null
}

/** Five steps from calm (green) to alarming (red). */
export const SCALE = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027'] as const
/** Grids with nothing to count. */
export const NO_DATA_COLOUR = '#d9d9d9'

/** A class of values: from ≤ v < to (the last class includes `to`). */
export interface Bucket {
  from: number
  to: number
  colour: string
}

const floor3 = (v: number) => Math.floor(v * 1000 + 1e-9) / 1000
const ceil3 = (v: number) => Math.ceil(v * 1000 - 1e-9) / 1000
const round3 = (v: number) => Math.round(v * 1000) / 1000

/**
 * Up to `classes` classes of equal width over the known values. Counts get
 * whole-number bounds (0–2, 3–5, …); rates bounds to 0.1 %. One value (or
 * all equal) gives one class; no values, none.
 */
export function buckets(values: readonly (number | null | undefined)[], metric: GridMetric, classes = SCALE.length): Bucket[] {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  if (!known.length) return []
  const min = Math.min(...known)
  const max = Math.max(...known)
  const bounds: [number, number][] = []
  if (metric.kind === 'count') {
    const step = Math.max(1, Math.ceil((max - min + 1) / classes))
    for (let from = min; from <= max; from += step) bounds.push([from, from + step])
  } else if (max - min < 0.001) {
    bounds.push([floor3(min), ceil3(max)])
  } else {
    const lo = floor3(min)
    const hi = ceil3(max)
    const step = (hi - lo) / classes
    for (let i = 0; i < classes; i++) bounds.push([i ? round3(lo + i * step) : lo, i === classes - 1 ? hi : round3(lo + (i + 1) * step)])
  }
  const n = bounds.length
  return bounds.map(([from, to], i) => {
    // Spread the classes over the whole scale, calm end first.
    const calmFirst = n === 1 ? 2 : Math.round((i * (SCALE.length - 1)) / (n - 1))
    const step = metric.worse === 'high' ? calmFirst : SCALE.length - 1 - calmFirst
    return { from, to, colour: SCALE[step] }
  })
}

/** Index of the class `value` falls in; -1 for no value or a value outside every class. */
export function bucketOf(value: number | null | undefined, list: readonly Bucket[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return -1
  return list.findIndex((b, i) => value >= b.from && (value < b.to || (i === list.length - 1 && value <= b.to)))
}

export function colourOf(value: number | null | undefined, list: readonly Bucket[]): string {
  const i = bucketOf(value, list)
  return i < 0 ? NO_DATA_COLOUR : list[i].colour
}

/** A value as the legend and the ranking show it: "87.5%" or "12". */
export function formatMetric(value: number | null | undefined, metric: GridMetric): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–'
  return metric.kind === 'rate' ? `${(value * 100).toFixed(1)}%` : String(value)
}

/** "3–5", "7" (a class of one count) or "62.5%–70.0%". */
export function bucketLabel(b: Bucket, metric: GridMetric): string {
  if (metric.kind === 'count') return b.to - 1 <= b.from ? String(b.from) : `${b.from}–${b.to - 1}`
  return b.from === b.to ? formatMetric(b.from, metric) : `${formatMetric(b.from, metric)}–${formatMetric(b.to, metric)}`
}

/** Grids ordered for the ranking beside the map: those needing attention first, grids without a value last. */
export function rankByAttention<T extends { value: number | null }>(rows: readonly T[], metric: GridMetric): T[] {
  const sign = metric.worse === 'high' ? -1 : 1
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1
    return sign * (a.value - b.value)
  })
}
