import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, getJson, withQuery } from './client'

afterEach(() => vi.unstubAllGlobals())

function reply(status: number, body: string) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status })))
}

describe('withQuery', () => {
  it('drops empty parameters and encodes the rest', () => {
    expect(withQuery('/places', { q: '锦云府', kind: '', limit: 20, grid_id: undefined, x: null })).toBe(
      '/places?q=%E9%94%A6%E4%BA%91%E5%BA%9C&limit=20',
    )
    expect(withQuery('/places', {})).toBe('/places')
    expect(withQuery('/places')).toBe('/places')
  })
})

describe('getJson', () => {
  it('returns the parsed body', async () => {
    reply(200, '{"total":3}')
    await expect(getJson('/places')).resolves.toEqual({ total: 3 })
  })

  it('turns the server error body into an ApiError', async () => {
    reply(404, '{"error":{"code":"not_found","message":"no grid 9","details":{"id":9}}}')
    const err = await getJson('/grids/9').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'no grid 9', details: { id: 9 } })
  })

  it('copes with an error reply without a body', async () => {
    reply(502, '')
    await expect(getJson('/x')).rejects.toMatchObject({ status: 502, code: 'http_502' })
  })

  it('rejects a reply that is not JSON', async () => {
    reply(200, '<html>')
    await expect(getJson('/x')).rejects.toMatchObject({ code: 'bad_response' })
  })

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await expect(getJson('/x')).rejects.toMatchObject({ status: 0, code: 'network' })
  })
})
