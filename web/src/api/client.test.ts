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

describe('writes, CSRF and sessions', async () => {
  const { postJson, request, setCsrfToken, onUnauthorized, onCsrfRefresh } = await import('./client')

  it('sends the CSRF token on writes only, with the session cookie', async () => {
    const fetchMock = vi.fn(async () => new Response('{}', { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('tok-1')
    await postJson('/cases', { a: 1 })
    await getJson('/cases')
    const [, post] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    const [, get] = fetchMock.mock.calls[1] as unknown as [string, RequestInit]
    expect((post.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1')
    expect((post.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(post.body).toBe('{"a":1}')
    expect(post.credentials).toBe('same-origin')
    expect((get.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
    setCsrfToken(null)
  })

  it('reports a 401 to the session handler, except for the sign-in calls', async () => {
    const seen: number[] = []
    onUnauthorized((e) => seen.push(e.status))
    reply(401, '{"error":{"code":"unauthorized","message":"sign in"}}')
    await expect(getJson('/cases')).rejects.toMatchObject({ status: 401 })
    reply(401, '{"error":{"code":"unauthorized","message":"sign in"}}')
    await expect(getJson('/auth/me')).rejects.toMatchObject({ status: 401 })
    reply(401, '{"error":{"code":"unauthorized","message":"wrong password"}}')
    await expect(postJson('/auth/login', {})).rejects.toMatchObject({ status: 401 })
    expect(seen).toEqual([401])
    onUnauthorized(null)
  })

  it('refreshes a stale CSRF token once and retries the write', async () => {
    setCsrfToken('stale')
    const tokens: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const tok = (init.headers as Record<string, string>)['X-CSRF-Token']
        tokens.push(tok)
        return tok === 'fresh'
          ? new Response('{"ok":true}', { status: 200 })
          : new Response('{"error":{"code":"forbidden","message":"csrf","details":{"csrf":true}}}', { status: 403 })
      }),
    )
    onCsrfRefresh(async () => 'fresh')
    await expect(request('POST', '/cases/1/actions', { json: { action: 'start' } })).resolves.toEqual({ ok: true })
    expect(tokens).toEqual(['stale', 'fresh'])
    // A second refusal is not retried again.
    onCsrfRefresh(async () => 'still-bad')
    setCsrfToken('x')
    await expect(request('POST', '/cases/1/actions', { json: {} })).rejects.toMatchObject({ status: 403 })
    onCsrfRefresh(null)
    setCsrfToken(null)
  })

  it('sends a photo as a raw body with its own type', async () => {
    const fetchMock = vi.fn(async () => new Response('{"id":1}', { status: 201 }))
    vi.stubGlobal('fetch', fetchMock)
    const { api } = await import('./endpoints')
    await api.attach(5, new Blob(['x'], { type: 'image/png' }), '门口.png', 'tok')
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/cases/5/attachments')
    const h = init.headers as Record<string, string>
    expect(h['Content-Type']).toBe('image/png')
    expect(h['X-Filename']).toBe(encodeURIComponent('门口.png'))
    expect(h['X-Tracking-Token']).toBe('tok')
    expect(init.body).toBeInstanceOf(Blob)
  })
})

describe('files', async () => {
  const { filenameOf, getFile } = await import('./client')

  it('reads the file name from Content-Disposition', () => {
    expect(filenameOf('attachment; filename="weige-2-2026-10.xlsx"')).toBe('weige-2-2026-10.xlsx')
    expect(filenameOf("attachment; filename*=UTF-8''%E6%9C%88%E6%8A%A5.csv")).toBe('月报.csv')
    expect(filenameOf(null)).toBe('')
    expect(filenameOf('inline')).toBe('')
  })

  it('returns a file as a blob with its name, and a refusal as an ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('a,b\n1,2\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="r.csv"' } })),
    )
    const file = await getFile('/reports/monthly', { month: '2026-10' })
    expect(file.filename).toBe('r.csv')
    expect(await file.blob.text()).toBe('a,b\n1,2\n')
    reply(400, '{"error":{"code":"invalid","message":"month is YYYY-MM","details":{"parameter":"month"}}}')
    await expect(getFile('/reports/monthly')).rejects.toMatchObject({ status: 400, code: 'invalid', details: { parameter: 'month' } })
  })
})
