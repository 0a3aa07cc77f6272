import { describe, expect, it } from 'vitest'
import { useRemoteSearch } from './useRemoteSearch'

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useRemoteSearch', () => {
  it('puts the found options in place and says when it is searching', async () => {
    const reply = deferred<string[]>()
    const s = useRemoteSearch(() => reply.promise)
    const running = s.search('锦云')
    expect(s.searching.value).toBe(true)
    reply.resolve(['锦云府', '锦云苑'])
    await running
    expect(s.options.value).toEqual(['锦云府', '锦云苑'])
    expect(s.searching.value).toBe(false)
  })

  it('keeps the newest search when an older reply arrives late', async () => {
    const replies: Record<string, ReturnType<typeof deferred<string[]>>> = { a: deferred(), ab: deferred() }
    const s = useRemoteSearch((q) => replies[q]!.promise)
    const first = s.search('a')
    const second = s.search('ab')
    replies.ab!.resolve(['ab'])
    await second
    expect(s.options.value).toEqual(['ab'])
    expect(s.searching.value).toBe(false)
    replies.a!.resolve(['a', 'ab'])
    await first
    expect(s.options.value).toEqual(['ab'])
    expect(s.searching.value).toBe(false)
  })

  it('leaves no options when the search fails, unless a newer one answered', async () => {
    const s = useRemoteSearch(async (q) => {
      if (q === 'bad') throw new Error('offline')
      return [q]
    })
    await s.search('ok')
    expect(s.options.value).toEqual(['ok'])
    await s.search('bad')
    expect(s.options.value).toEqual([])
    expect(s.searching.value).toBe(false)

    const late = deferred<string[]>()
    const t = useRemoteSearch((q) => (q === 'slow' ? late.promise : [q]))
    const slow = t.search('slow')
    await t.search('fast')
    late.reject(new Error('offline'))
    await slow
    expect(t.options.value).toEqual(['fast'])
  })

  it('takes options found without a request', async () => {
    const s = useRemoteSearch((q) => (q ? [q] : []))
    await s.search('')
    expect(s.options.value).toEqual([])
    await s.search('3栋')
    expect(s.options.value).toEqual(['3栋'])
  })
})
