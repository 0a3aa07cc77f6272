import { describe, expect, it } from 'vitest'
import { mapLimit } from './async'

const tick = () => new Promise((r) => setTimeout(r, 1))

describe('mapLimit', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const out = await mapLimit([5, 1, 4, 2, 3, 6, 7], 3, async (n, i) => {
      running++
      most = Math.max(most, running)
      for (let k = 0; k < n; k++) await tick()
      running--
      return `${i}:${n * 10}`
    })
    expect(out).toEqual(['0:50', '1:10', '2:40', '3:20', '4:30', '5:60', '6:70'])
    expect(most).toBe(3)
  })

  it('returns nothing for no items and rejects with the first failure, starting no more calls', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([])
    const started: number[] = []
    const run = mapLimit([1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n)
      if (n === 2) throw new Error('boom')
      return n
    })
    await expect(run).rejects.toThrow('boom')
    expect(started).toEqual([1, 2])
  })
})
