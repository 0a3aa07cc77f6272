// The one place that talks HTTP. Every failure becomes an ApiError, so pages
// show one kind of error whatever went wrong (server error body, bad status
// without a body, network failure, or a reply that is not JSON).
//
// Signing in: the server keeps the session in an HttpOnly cookie (sent by the
// browser on every same-origin request) and hands out a CSRF token that every
// write (POST/PUT/PATCH/DELETE) must repeat in the X-CSRF-Token header. The
// auth store sets the token with setCsrfToken(); a 401 on any call other than
// the sign-in calls themselves is reported to the handler set with
// onUnauthorized() (the app sends the user to /login); a 403 that says the
// CSRF token was missing or stale refreshes the token once and retries.

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

let csrfToken: string | null = null
let unauthorized: ((err: ApiError) => void) | null = null
let refreshCsrf: (() => Promise<string | null>) | null = null

/** The token the server gave at sign-in (or from GET /auth/me); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}
export function getCsrfToken(): string | null {
  return csrfToken
}
/** Called with the error when a call answers 401 (the session ended or never was). */
export function onUnauthorized(handler: ((err: ApiError) => void) | null): void {
  unauthorized = handler
}
/** How to get a fresh CSRF token after a 403 csrf refusal (the auth store asks /auth/me). */
export function onCsrfRefresh(handler: (() => Promise<string | null>) | null): void {
  refreshCsrf = handler
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Calls whose 401 means "wrong password" or "not signed in yet", not "session ended". */
const AUTH_PROBES = ['/auth/login', '/auth/me']

export interface RequestOptions {
  query?: Query
  /** A JSON body (serialised here) … */
  json?: unknown
  /** … or a raw body (a photo) with its own Content-Type in `headers`. */
  body?: BodyInit
  headers?: Record<string, string>
  signal?: AbortSignal
  /** Return a successful reply as a Download (a file) instead of parsing JSON; failures are ApiErrors as ever. */
  download?: boolean
}

/** A file the server sent (e.g. the monthly report). */
export interface Download {
  blob: Blob
  /** From Content-Disposition; '' when the server named none. */
  filename: string
}

/** The file name in a Content-Disposition header ('attachment; filename="x.xlsx"'), or ''. */
export function filenameOf(disposition: string | null): string {
  const m = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)
  if (!m) return ''
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

function isCsrfRefusal(e: ApiError): boolean {
  const d = e.details as { csrf?: unknown } | undefined
  return e.status === 403 && !!d && d.csrf === true
}

async function send<T>(method: string, path: string, opts: RequestOptions, retried: boolean): Promise<T> {
  const url = withQuery(API_BASE + path, opts.query)
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) }
  let body: BodyInit | undefined = opts.body
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.json)
  }
  if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res: Response
  try {
    res = await fetch(url, { method, headers, body, signal: opts.signal, credentials: 'same-origin' })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e))
  }
  if (res.ok && opts.download) {
    const file: Download = { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition')) }
    return file as T
  }
  let parsed: unknown = undefined
  const text = await res.text()
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new ApiError(res.status, 'bad_response', `${url}: reply is not JSON`)
    }
  }
  if (!res.ok) {
    const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } })?.error
    const e = new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `${res.status} ${res.statusText}`,
      err?.details,
    )
    if (!retried && WRITES.has(method) && isCsrfRefusal(e) && refreshCsrf) {
      const fresh = await refreshCsrf().catch(() => null)
      if (fresh) {
        csrfToken = fresh
        return send<T>(method, path, opts, true)
      }
    }
    if (e.status === 401 && !AUTH_PROBES.some((p) => path.startsWith(p))) unauthorized?.(e)
    throw e
  }
  return parsed as T
}

/** Any method; JSON reply parsed. Throws ApiError on failure (AbortError as is). */
export function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  return send<T>(method.toUpperCase(), path, opts, false)
}

/**
 * GETs API_BASE + path and returns the parsed JSON body.
 * Throws ApiError on any failure; `signal` aborts the request (the AbortError
 * is rethrown as is so callers can ignore it).
 */
export function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, { query, signal })
}

export function postJson<T>(path: string, json?: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>('POST', path, { json: json ?? {}, signal })
}

export function putJson<T>(path: string, json: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>('PUT', path, { json, signal })
}

/** GETs a file (see RequestOptions.download). */
export function getFile(path: string, query?: Query, signal?: AbortSignal): Promise<Download> {
  return request<Download>('GET', path, { query, signal, download: true })
}
