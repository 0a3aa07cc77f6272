// Helpers for lists of places.
import type { Place } from '@/api/types'

/**
 * The places of `items` whose parent is not itself in `items`: a micro-grid
 * lists its unit and every household of that unit, and the drill-down starts
 * from the unit alone. Order is kept.
 */
export function topPlaces(items: Place[]): Place[] {
  const ids = new Set(items.map((p) => p.id))
  return items.filter((p) => p.parent_id === null || !ids.has(p.parent_id))
}
