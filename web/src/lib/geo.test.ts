import { describe, expect, it } from 'vitest'
import type { Polygon } from '@/api/types'
import { boundaryToLatLngs, boundsOf } from './geo'

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [104.1, 30.6],
      [104.2, 30.6],
      [104.2, 30.7],
      [104.1, 30.7],
      [104.1, 30.6],
    ],
  ],
}

describe('boundaryToLatLngs', () => {
  it('swaps GeoJSON lng,lat to Leaflet lat,lng and drops the closing point', () => {
    expect(boundaryToLatLngs(square)).toEqual([
      [
        [30.6, 104.1],
        [30.6, 104.2],
        [30.7, 104.2],
        [30.7, 104.1],
      ],
    ])
  })

  it('keeps an unclosed ring whole', () => {
    const open: Polygon = { type: 'Polygon', coordinates: [square.coordinates[0].slice(0, 4)] }
    expect(boundaryToLatLngs(open)[0]).toHaveLength(4)
  })

  it('keeps holes after the outer ring', () => {
    const hole = [
      [104.12, 30.62],
      [104.13, 30.62],
      [104.13, 30.63],
      [104.12, 30.62],
    ]
    const rings = boundaryToLatLngs({ type: 'Polygon', coordinates: [square.coordinates[0], hole] })
    expect(rings).toHaveLength(2)
    expect(rings[1]).toHaveLength(3)
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a Point', { type: 'Point', coordinates: [104, 30] }],
    ['too few points', { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104, 30]]] }],
    ['a non-number', { type: 'Polygon', coordinates: [[[104, 30], ['x', 30], [104.1, 30.1], [104, 30]]] }],
    ['latitude out of range', { type: 'Polygon', coordinates: [[[104, 95], [104.1, 30], [104.1, 30.1], [104, 95]]] }],
    ['no rings', { type: 'Polygon', coordinates: [] }],
  ])('draws nothing for %s', (_name, boundary) => {
    expect(boundaryToLatLngs(boundary as Polygon)).toEqual([])
  })
})

describe('boundsOf', () => {
  it('spans every polygon', () => {
    const a = boundaryToLatLngs(square)
    const b = boundaryToLatLngs({
      type: 'Polygon',
      coordinates: [[[104.3, 30.5], [104.4, 30.5], [104.4, 30.55], [104.3, 30.5]]],
    })
    expect(boundsOf([a, b])).toEqual([
      [30.5, 104.1],
      [30.7, 104.4],
    ])
  })

  it('is null with nothing to span', () => {
    expect(boundsOf([])).toBeNull()
    expect(boundsOf([[]])).toBeNull()
  })
})
