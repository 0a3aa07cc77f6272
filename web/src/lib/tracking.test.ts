import { describe, expect, it } from 'vitest'
import { rememberTracking, trackingFor, trackingPath } from './tracking'
import { checkPhoto } from './photos'

describe('tracking tokens', () => {
  it('remembers the token of a case taken in here', () => {
    rememberTracking(7, 'abc123')
    expect(trackingFor(7)).toBe('abc123')
    expect(trackingFor(8)).toBeNull()
  })

  it('keeps the newest 50', () => {
    for (let i = 100; i < 160; i++) rememberTracking(i, `t${i}`)
    expect(trackingFor(100)).toBeNull()
    expect(trackingFor(159)).toBe('t159')
  })

  it('builds the tracking path', () => {
    expect(trackingPath('3f6b905e')).toBe('/m/track/3f6b905e')
  })
})

describe('checkPhoto', () => {
  it('takes JPEG, PNG and WebP up to 5 MiB', () => {
    expect(checkPhoto({ type: 'image/jpeg', size: 1000 })).toBeNull()
    expect(checkPhoto({ type: 'image/gif', size: 1000 })).toBe('case.photoType')
    expect(checkPhoto({ type: 'image/png', size: 6 * 1024 * 1024 })).toBe('case.photoSize')
    expect(checkPhoto({ type: 'image/webp', size: 0 })).toBe('case.photoEmpty')
  })
})
