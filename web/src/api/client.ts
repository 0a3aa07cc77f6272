// The one place that talks HTTP. Every failure becomes an ApiError, so pages
// show one kind of error whatever went wrong (server error body, bad status
// without a body, network failure, or a reply that is not JSON).

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number
  /** The server's error code (e.g. "not_found"), or "network" / "bad_response". */
  readonly code: string
  readonly details: unknown

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

/** Builds "path?a=1&b=x", leaving out parameters that are undefined, null or "". */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

export const API_BASE = '/api/v1'

/**
 * GETs API_BASE + path and returns the parsed JSON body.
 * Throws ApiError on any failure; `signal` aborts the request (the AbortError
 * is rethrown as is so callers can ignore it).
 */
export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const url = withQuery(API_BASE + path, query)
  let res: Response
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, signal })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }
  let body: unknown = undefined
  const text = await res.text()
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      throw new ApiError(res.status, 'bad_response', `${url}: reply is not JSON`)
    }
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string; details?: unknown } })?.error
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `${res.status} ${res.statusText}`,
      err?.details,
    )
  }
  return body as T
}
