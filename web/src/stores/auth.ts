// Who is signed in. One reactive store for the whole app (no Pinia needed):
// init() asks GET /auth/me once at start-up; login() and logout() keep the
// API client's CSRF token in step; a 401 from any later call clears the user
// (the router guard then sends them to /login).
import { reactive, readonly } from 'vue'
import { ApiError, onCsrfRefresh, onUnauthorized, setCsrfToken } from '@/api/client'
import { api } from '@/api/endpoints'
import type { Me, Permission, User } from '@/api/types'

interface AuthState {
  user: User | null
  /** True once the first /auth/me answered (either way). */
  ready: boolean
}

const state = reactive<AuthState>({ user: null, ready: false })
let starting: Promise<void> | null = null
let expiredListener: (() => void) | null = null

function apply(me: Me | null): void {
  state.user = me?.user ?? null
  setCsrfToken(me?.csrf_token ?? null)
}

/** Asks the server who we are (once; later calls reuse the answer). */
export function initAuth(): Promise<void> {
  if (!starting) {
    starting = api
      .me()
      .then(apply)
      .catch((e) => {
        // 401: not signed in. Anything else (server down): also treat as
        // signed out; the login page will show the error when they try.
        if (!(e instanceof ApiError)) console.warn(e)
        apply(null)
      })
      .finally(() => {
        state.ready = true
      })
  }
  return starting
}

export async function login(username: string, password: string): Promise<User> {
  const me = await api.login(username, password)
  apply(me)
  state.ready = true
  return me.user
}

export async function logout(): Promise<void> {
  try {
    await api.logout()
  } catch {
    // The session may already be gone; signing out locally is what matters.
  }
  apply(null)
}

/** Called when the session ended under our feet (401 from a call). */
export function onSessionExpired(fn: (() => void) | null): void {
  expiredListener = fn
}

onUnauthorized(() => {
  if (!state.user) return
  apply(null)
  expiredListener?.()
})
onCsrfRefresh(async () => {
  const me = await api.me()
  apply(me)
  return me.csrf_token
})

export function can(permission: Permission | string | undefined): boolean {
  if (!permission || permission === 'public') return true
  return !!state.user && state.user.permissions.includes(permission)
}

export const auth = readonly(state)

/** For tests: forget the user and start over. */
export function resetAuth(user: User | null = null): void {
  state.user = user
  state.ready = user !== null
  starting = user ? Promise.resolve() : null
}
