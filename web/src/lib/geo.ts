// GeoJSON (lng, lat) to Leaflet (lat, lng), with the checks the map needs:
// a boundary that is null, not a Polygon, or has a ring of fewer than three
// valid points draws nothing rather than throwing.
import type { Polygon } from '@/api/types'

export type LatLng = [number, number]

function validPoint(p: unknown): p is [number, number] {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    Math.abs(p[0] as number) <= 180 &&
    Math.abs(p[1] as number) <= 90
  )
}

/**
 * Rings of [lat, lng] for L.polygon, outer ring first. The closing point that
 * GeoJSON repeats is dropped (Leaflet closes rings itself). Returns [] when the
 * boundary cannot be drawn.
 */
export function boundaryToLatLngs(boundary: Polygon | null | undefined): LatLng[][] {
  if (!boundary || boundary.type !== 'Polygon' || !Array.isArray(boundary.coordinates)) return []
  const rings: LatLng[][] = []
  for (const ring of boundary.coordinates) {
    if (!Array.isArray(ring)) return []
    const pts: LatLng[] = []
    for (const p of ring) {
      if (!validPoint(p)) return []
      pts.push([p[1], p[0]])
    }
    const first = pts[0]
    const last = pts[pts.length - 1]
    if (pts.length > 1 && first[0] === last[0] && first[1] === last[1]) pts.pop()
    if (pts.length < 3) return rings.length ? rings : []
    rings.push(pts)
  }
  return rings
}

/** [[south, west], [north, east]] over every ring given; null when there is none. */
export function boundsOf(polygons: LatLng[][][]): [LatLng, LatLng] | null {
  let s = Infinity
  let w = Infinity
  let n = -Infinity
  let e = -Infinity
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [lat, lng] of ring) {
        s = Math.min(s, lat)
        n = Math.max(n, lat)
        w = Math.min(w, lng)
        e = Math.max(e, lng)
      }
    }
  }
  if (!Number.isFinite(s)) return null
  return [
    [s, w],
    [n, e],
  ]
}
