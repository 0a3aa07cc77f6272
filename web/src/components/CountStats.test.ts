import { describe, expect, it } from 'vitest'
import { mountWithApp } from '@/test/mount'
import CountStats from './CountStats.vue'

const counts = { households: 1204, persons: 3012, staff: 5, party_volunteers: 12, places: 40 }

describe('CountStats', () => {
  it('shows the four counts as labelled figures', () => {
    const w = mountWithApp(CountStats, { props: { counts } })
    expect(w.findAll('.stat dd').map((d) => d.text())).toEqual(['1,204', '3,012', '5', '12'])
    expect(w.findAll('.stat dt')).toHaveLength(4)
  })

  it('adds the places with withPlaces', () => {
    const w = mountWithApp(CountStats, { props: { counts, withPlaces: true } })
    const figures = w.findAll('.stat dd').map((d) => d.text())
    expect(figures).toEqual(['1,204', '3,012', '5', '12', '40'])
  })
})
