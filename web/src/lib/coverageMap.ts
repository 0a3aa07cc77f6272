// The emergency's coverage map without Vue: the colour of a grid, compound or
// building by the share of its households screened in the current round (the
// same bands as the coverage bars), the legend with how many places fall in
// each band, the shapes GridMap draws, the counts shown on a click, and the
// link to the households not yet reached.
import type { CoverageArea, CoveragePoint, ProgressRow } from '@/api/emergency'
import type { Grid } from '@/api/types'
import { COVERAGE_COLOURS, coverageBand, formatCoverage, type CoverageBand } from './emergency'
import { NO_DATA_COLOUR } from './gridMetrics'

/** Low coverage first, as the legend lists them. */
export const BANDS: CoverageBand[] = ['low', 'mid', 'high', 'full']
/** The legend's text per band (the thresholds of coverageBand). */
export const BAND_RANGES: Record<CoverageBand, string> = {
  low: '< 50%',
  mid: '50%–90%',
  high: '90%–99.9%',
  full: '100%',
}

type Counted = Pick<ProgressRow, 'total' | 'coverage'>

/** The band of a row, or 'none' when it has no household to screen. */
export function bandOf(row: Counted): CoverageBand | 'none' {
  return row.total > 0 ? coverageBand(row.coverage) : 'none'
}

/** The fill of a grid, compound or building on the map. */
export function coverageFill(row: Counted): string {
  const band = bandOf(row)
  return band === 'none' ? NO_DATA_COLOUR : COVERAGE_COLOURS[band]
}

export interface LegendItem {
  key: CoverageBand | 'none'
  colour: string
  /** How many of the rows fall in this band. */
  count: number
}

/** Every band (count 0 included, so the scale is always readable), then "no households" when some have none. */
export function coverageLegend(rows: readonly Counted[]): LegendItem[] {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(bandOf(r), (counts.get(bandOf(r)) ?? 0) + 1)
  const items: LegendItem[] = BANDS.map((key) => ({ key, colour: COVERAGE_COLOURS[key], count: counts.get(key) ?? 0 }))
  const none = counts.get('none') ?? 0
  if (none) items.push({ key: 'none', colour: NO_DATA_COLOUR, count: none })
  return items
}

/** An area as the Grid that GridMap draws (it needs no more than id, kind, code, name and boundary). */
export function areaGrid(a: CoverageArea): Grid {
  return { id: a.id, kind: a.kind, kind_zh: '', code: a.code, name: a.name, parent_id: a.parent_id, community_id: 0, boundary: a.boundary }
}

/** A point GridMap draws as a circle over the polygons. */
export interface MapMarker {
  id: number
  lat: number
  lng: number
  fill: string
  label: string
  /** Circle radius in pixels. */
  radius: number
}

/** Compounds or buildings with a location as markers; those without one are left out. */
export function pointMarkers(points: readonly CoveragePoint[], radius: number): MapMarker[] {
  return points
    .filter((p) => p.location && Number.isFinite(p.location.lat) && Number.isFinite(p.location.lng))
    .map((p) => ({ id: p.id, lat: p.location!.lat, lng: p.location!.lng, fill: coverageFill(p), label: `${p.name} · ${coverageNote(p)}`, radius }))
}

/** "87.5% (35/40)": what a tooltip adds to a name. */
export function coverageNote(row: Pick<ProgressRow, 'coverage' | 'covered' | 'total'>): string {
  return `${formatCoverage(row.total > 0 ? row.coverage : null)} (${row.covered}/${row.total})`
}

/** The counts shown for a clicked place, in this order; "pending" is "not yet reached". */
export const OUTCOME_KEYS = ['reached', 'not_at_home', 'refused', 'needs_help', 'pending'] as const
export type OutcomeKey = (typeof OUTCOME_KEYS)[number]

export function outcomeCounts(row: Pick<ProgressRow, OutcomeKey>): { key: OutcomeKey; n: number }[] {
  return OUTCOME_KEYS.map((key) => ({ key, n: row[key] }))
}

/** Households still to visit: never reached, or not at home. */
export function toVisit(row: Pick<ProgressRow, 'pending' | 'not_at_home'>): number {
  return row.pending + row.not_at_home
}

/** What a click selected on the map. */
export interface MapPick {
  level: 'area' | 'compound' | 'building'
  row: CoverageArea | CoveragePoint
}

/** The query of the emergency page's to-visit tab for a pick: filtered to that grid, compound or building. */
export function visitQuery(pick: Pick<MapPick, 'level'> & { row: { id: number; name: string } }): Record<string, string> {
  if (pick.level === 'building') return { tab: 'visit', building: String(pick.row.id) }
  // The list names a grid or compound only from the link (it has no list of them to choose from).
  return { tab: 'visit', [pick.level === 'area' ? 'grid' : 'compound']: String(pick.row.id), where: pick.row.name }
}

/** The to-visit list's filter from the page's query: ?grid=, ?compound= or ?building= (the first that is an id). */
export function visitFilter(query: Record<string, unknown>): { key: 'grid' | 'compound' | 'building'; id: number } | null {
  for (const key of ['building', 'compound', 'grid'] as const) {
    const id = Number(query[key])
    if (Number.isInteger(id) && id > 0) return { key, id }
  }
  return null
}

/** Only grids that hold others (ordinary and exclusive grids) can be opened to their micro-grids and buildings. */
export function canDrill(a: Pick<CoverageArea, 'kind'>, drilled: boolean): boolean {
  return !drilled && a.kind !== 'micro_grid'
}

/** Places needing attention first: lowest coverage, then most households still to visit, then by name. */
export function rankByCoverage<R extends Pick<ProgressRow, 'coverage' | 'total' | 'pending' | 'not_at_home' | 'name'>>(rows: readonly R[]): R[] {
  const cov = (r: R) => (r.total > 0 ? r.coverage : 2)
  return [...rows].sort((a, b) => cov(a) - cov(b) || toVisit(b) - toVisit(a) || a.name.localeCompare(b.name, 'zh-CN'))
}

/** A key that changes only when the shapes do (ids and kinds), so live updates recolour without redrawing. */
export function shapesKey(areas: readonly Pick<CoverageArea, 'id' | 'kind'>[]): string {
  return areas.map((a) => `${a.kind}:${a.id}`).join(',')
}
