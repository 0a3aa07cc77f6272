import { describe, expect, it } from 'vitest'
import type { Place } from '@/api/types'
import { topPlaces } from './places'

const place = (id: number, parent_id: number | null, kind: Place['kind'] = 'household'): Place => ({
  id,
  parent_id,
  kind,
  kind_zh: '',
  name: String(id),
  code: '',
  community_id: 2,
  grid_id: 3,
  location: null,
  outline: null,
})

describe('topPlaces', () => {
  it('keeps only places whose parent is not listed', () => {
    const items = [place(50, 49, 'unit'), place(51, 50), place(52, 50), place(60, 59, 'unit'), place(61, 60)]
    expect(topPlaces(items).map((p) => p.id)).toEqual([50, 60])
  })

  it('keeps roots and an empty list as they are', () => {
    expect(topPlaces([place(1, null, 'subdistrict'), place(2, 1, 'community')]).map((p) => p.id)).toEqual([1])
    expect(topPlaces([])).toEqual([])
  })
})
