// One colour per grid kind: map polygons, tree tags and the legend use these.
import type { GridKind } from '@/api/types'

export const KIND_COLOURS: Record<GridKind, string> = {
  general_grid: '#c0392b',
  grid: '#2f6fd8',
  exclusive_grid: '#8e44ad',
  micro_grid: '#1e8f4e',
}

export const SELECTED_COLOUR = '#f39c12'

/** Drawing order, bottom first: big grids under small ones so the small ones stay clickable. */
export const KIND_ORDER: GridKind[] = ['general_grid', 'grid', 'exclusive_grid', 'micro_grid']
