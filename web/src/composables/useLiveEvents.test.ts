import { describe, expect, it } from 'vitest'
import { eventMatches } from './useLiveEvents'

describe('eventMatches', () => {
  it('keeps every event without a wanted type', () => {
    expect(eventMatches('{"type":"case"}', undefined)).toBe(true)
    expect(eventMatches('not json', undefined)).toBe(true)
  })
  it('keeps only the wanted type', () => {
    expect(eventMatches('{"type":"emergency","path":"/api/v1/screening-tasks/1"}', 'emergency')).toBe(true)
    expect(eventMatches('{"type":"case","id":3}', 'emergency')).toBe(false)
    expect(eventMatches('', 'emergency')).toBe(false)
  })
})
