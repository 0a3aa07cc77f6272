import { describe, expect, it } from 'vitest'
import type { CoverageArea, CoveragePoint, ProgressRow } from '@/api/emergency'
import {
  areaGrid,
  bandOf,
  canDrill,
  coverageFill,
  coverageLegend,
  coverageNote,
  outcomeCounts,
  pointMarkers,
  rankByCoverage,
  shapesKey,
  toVisit,
  visitFilter,
  visitQuery,
} from './coverageMap'
import { COVERAGE_COLOURS } from './emergency'
import { NO_DATA_COLOUR } from './gridMetrics'

/** A progress row from counts; coverage computed as the server does. */
function row(id: number, counts: Partial<Record<'pending' | 'reached' | 'not_at_home' | 'refused' | 'needs_help', number>>, name = `n${id}`): ProgressRow {
  const c = { pending: 0, reached: 0, not_at_home: 0, refused: 0, needs_help: 0, ...counts }
  const total = c.pending + c.reached + c.not_at_home + c.refused + c.needs_help
  const covered = c.reached + c.refused + c.needs_help
  return { id, name, total, covered, ...c, coverage: total ? covered / total : 1 }
}
const area = (r: ProgressRow, kind: CoverageArea['kind'] = 'grid'): CoverageArea => ({
  ...r,
  kind,
  code: `C${r.id}`,
  parent_id: null,
  boundary: { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104.1, 30.1], [104, 30]]] },
})
const point = (r: ProgressRow, location: CoveragePoint['location'], parent_id: number | null = 9): CoveragePoint => ({
  ...r,
  kind: 'building',
  parent_id,
  location,
  outline: null,
})

describe('coverage colours', () => {
  it('colours by the share covered: red below half, orange below 90%, blue below all, green when complete', () => {
    expect(coverageFill(row(1, { pending: 10 }))).toBe(COVERAGE_COLOURS.low)
    expect(coverageFill(row(1, { reached: 4, pending: 6 }))).toBe(COVERAGE_COLOURS.low)
    expect(coverageFill(row(1, { reached: 5, pending: 5 }))).toBe(COVERAGE_COLOURS.mid)
    expect(coverageFill(row(1, { reached: 9, not_at_home: 1 }))).toBe(COVERAGE_COLOURS.high)
    expect(coverageFill(row(1, { reached: 8, refused: 1, needs_help: 1 }))).toBe(COVERAGE_COLOURS.full)
  })
  it('does not count "not at home" as covered, and greys a place with no households', () => {
    expect(bandOf(row(1, { not_at_home: 10 }))).toBe('low')
    expect(bandOf(row(1, {}))).toBe('none')
    expect(coverageFill(row(1, {}))).toBe(NO_DATA_COLOUR)
  })
})

describe('coverageLegend', () => {
  it('lists every band with how many places fall in it, low first', () => {
    const rows = [row(1, { pending: 3 }), row(2, { reached: 3 }), row(3, { reached: 1 }), row(4, { reached: 19, pending: 1 })]
    expect(coverageLegend(rows).map((i) => [i.key, i.count])).toEqual([
      ['low', 1],
      ['mid', 0],
      ['high', 1],
      ['full', 2],
    ])
  })
  it('adds "no households" only when some place has none', () => {
    expect(coverageLegend([row(1, { pending: 1 }), row(2, {})]).at(-1)).toEqual({ key: 'none', colour: NO_DATA_COLOUR, count: 1 })
    expect(coverageLegend([]).map((i) => i.count)).toEqual([0, 0, 0, 0])
  })
  it('moves a place from red to green as its households are screened', () => {
    const before = coverageLegend([row(1, { pending: 4 })])
    const after = coverageLegend([row(1, { reached: 3, needs_help: 1 })])
    expect(before.find((i) => i.key === 'low')!.count).toBe(1)
    expect(after.find((i) => i.key === 'low')!.count).toBe(0)
    expect(after.find((i) => i.key === 'full')!.count).toBe(1)
  })
})

describe('shapes for GridMap', () => {
  it('turns an area into a grid with its boundary', () => {
    const g = areaGrid(area(row(7, { pending: 1 }, '第7网格'), 'micro_grid'))
    expect(g).toMatchObject({ id: 7, kind: 'micro_grid', code: 'C7', name: '第7网格', parent_id: null })
    expect(g.boundary?.type).toBe('Polygon')
  })
  it('makes markers of the points that have a location, coloured and labelled with their coverage', () => {
    const points = [point(row(1, { reached: 2 }, '1栋'), { lng: 104.1, lat: 30.6 }), point(row(2, { pending: 1 }, '2栋'), null)]
    expect(pointMarkers(points, 7)).toEqual([
      { id: 1, lat: 30.6, lng: 104.1, fill: COVERAGE_COLOURS.full, label: '1栋 · 100.0% (2/2)', radius: 7 },
    ])
  })
  it('keys the shapes by id and kind only, so new counts do not redraw', () => {
    const a = [area(row(1, { pending: 2 })), area(row(2, { pending: 1 }))]
    const b = [area(row(1, { reached: 2 })), area(row(2, { pending: 1 }))]
    expect(shapesKey(a)).toBe(shapesKey(b))
    expect(shapesKey(a)).not.toBe(shapesKey([area(row(1, {}), 'micro_grid'), a[1]]))
  })
})

describe('a clicked place', () => {
  const r = row(3, { reached: 5, not_at_home: 2, refused: 1, needs_help: 1, pending: 3 })
  it('shows each outcome count, "not yet reached" last', () => {
    expect(outcomeCounts(r)).toEqual([
      { key: 'reached', n: 5 },
      { key: 'not_at_home', n: 2 },
      { key: 'refused', n: 1 },
      { key: 'needs_help', n: 1 },
      { key: 'pending', n: 3 },
    ])
    expect(toVisit(r)).toBe(5)
    expect(coverageNote(r)).toBe('58.3% (7/12)')
    expect(coverageNote(row(1, {}))).toBe('– (0/0)')
  })
  it('links to the to-visit list of that grid, compound or building, and reads the link back', () => {
    expect(visitQuery({ level: 'building', row: { id: 42, name: '1栋' } })).toEqual({ tab: 'visit', building: '42' })
    expect(visitQuery({ level: 'area', row: { id: 7, name: '第1网格' } })).toEqual({ tab: 'visit', grid: '7', where: '第1网格' })
    expect(visitQuery({ level: 'compound', row: { id: 3, name: '锦云府' } })).toEqual({ tab: 'visit', compound: '3', where: '锦云府' })
    expect(visitFilter(visitQuery({ level: 'area', row: { id: 7, name: 'g' } }))).toEqual({ key: 'grid', id: 7 })
    expect(visitFilter({ tab: 'visit', compound: '3' })).toEqual({ key: 'compound', id: 3 })
    expect(visitFilter({ tab: 'visit', grid: 'x', building: '0' })).toBeNull()
    expect(visitFilter({})).toBeNull()
  })
  it('opens ordinary and exclusive grids, not micro-grids nor once inside a grid', () => {
    expect(canDrill({ kind: 'grid' }, false)).toBe(true)
    expect(canDrill({ kind: 'exclusive_grid' }, false)).toBe(true)
    expect(canDrill({ kind: 'micro_grid' }, false)).toBe(false)
    expect(canDrill({ kind: 'grid' }, true)).toBe(false)
  })
})

describe('rankByCoverage', () => {
  it('puts the lowest coverage first, then the most to visit, places without households last', () => {
    const rows = [row(1, { reached: 1 }, 'a'), row(2, {}, 'b'), row(3, { pending: 1, reached: 1 }, 'c'), row(4, { pending: 3, reached: 3 }, 'd'), row(5, { pending: 5 }, 'e')]
    expect(rankByCoverage(rows).map((r) => r.id)).toEqual([5, 4, 3, 1, 2])
  })
})
