// Tracking tokens of cases taken in at this desk during this browser session.
// The server returns the token only when a case is created (the staff view of
// a case does not include it), so the intake form keeps it here for the
// detail page to show the resident's tracking link.
const KEY = 'weige.tracking'

function read(storage: Storage | undefined): Record<string, string> {
  try {
    return JSON.parse(storage?.getItem(KEY) ?? '{}') ?? {}
  } catch {
    return {}
  }
}

export function rememberTracking(caseId: number, token: string, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    const all = read(storage)
    all[String(caseId)] = token
    // Keep the newest 50.
    const keys = Object.keys(all)
    for (const k of keys.slice(0, Math.max(0, keys.length - 50))) delete all[k]
    storage?.setItem(KEY, JSON.stringify(all))
  } catch {
    // Storage off: the link is simply not shown later.
  }
}

export function trackingFor(caseId: number, storage: Storage | undefined = globalThis.sessionStorage): string | null {
  return read(storage)[String(caseId)] ?? null
}

/** The reporter's tracking page for a token (a path; the page adds the origin). */
export function trackingPath(token: string): string {
  return `/m/track/${encodeURIComponent(token)}`
}
