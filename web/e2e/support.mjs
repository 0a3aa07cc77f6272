// Shared set-up for the end-to-end tests: one headless Chromium per test file,
// pages against the server at WEIGE_URL, screenshots into SCREENSHOT_DIR.
// Nothing leaves the machine: the browser runs with background networking off
// and every request to a host other than the test server is aborted.
import { chromium } from 'playwright-core'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const BASE = process.env.WEIGE_URL ?? 'http://127.0.0.1:8090'
const SHOTS = process.env.SCREENSHOT_DIR ?? ''
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  })
}

/**
 * A fresh context (empty localStorage) and page at the given size. Page
 * errors and failed API calls are collected in `page.problems` so a test can
 * assert there were none.
 */
export async function openPage(browser, { width = 1440, height = 900, locale = 'zh-CN', as = 'admin' } = {}) {
  const storageState = as ? await sessionState(as) : undefined
  const context = await browser.newContext({ viewport: { width, height }, locale, deviceScaleFactor: 1, storageState })
  const origin = new URL(BASE).origin
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
  )
  const page = await context.newPage()
  page.problems = []
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`))
  page.on('response', (r) => {
    // 401 from /auth/me is how a visitor who is not signed in is recognised.
    if (r.status() === 401 && r.url().includes('/api/v1/auth/me')) return
    if (r.url().includes('/api/') && r.status() >= 400) page.problems.push(`${r.status()} ${r.url()}`)
  })
  page.setDefaultTimeout(20000)
  return page
}

export async function goto(page, pathAndQuery) {
  await page.goto(BASE + pathAndQuery, { waitUntil: 'domcontentloaded' })
}

/** Waits until no skeleton or loading mask is on the page. */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .el-loading-mask'))
}

export async function screenshot(page, name) {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false })
}

/** True when the page can be scrolled sideways (something is wider than the viewport). */
export async function hasHorizontalScroll(page) {
  return page.evaluate(
    () =>
      document.documentElement.scrollWidth > window.innerWidth ||
      document.body.scrollWidth > window.innerWidth,
  )
}

/**
 * The options of one Element Plus select: its input names its listbox in
 * aria-controls, so an option of another select's dropdown that is still
 * fading out is never picked by mistake.
 */
export async function optionsOf(page, selectLocator) {
  const id = await selectLocator.locator('input').first().getAttribute('aria-controls')
  return page.locator(`[id="${id}"] .el-select-dropdown__item`)
}

/** Picks an option of an Element Plus select by its visible label (the first one without a label). */
export async function choose(page, selectLocator, label) {
  await selectLocator.click()
  const options = await optionsOf(page, selectLocator)
  await (label === undefined ? options : options.filter({ hasText: label })).first().click()
}

// ---- signing in -------------------------------------------------------------
// The server allows 10 sign-ins a minute from one address, and every test file
// runs in its own process; so each demo account signs in once per server (the
// session cookie is kept in a file next to the other test files' ones) and
// every page of that user starts from the saved cookie.

export const DEMO_PASSWORD = 'weige-demo-2026'
const STATE_DIR =
  process.env.E2E_STATE_DIR ?? path.join(os.tmpdir(), `weige-e2e-${new URL(BASE).port || 'default'}`)

/** POSTs /auth/login (waiting out a 429) and returns the Set-Cookie session and the CSRF token. */
export async function apiLogin(username, password = DEMO_PASSWORD) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, 61000 - (Date.now() % 60000)))
      continue
    }
    const body = await res.json()
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`)
    const cookie = res.headers.get('set-cookie').match(/weige_session=([^;]+)/)[1]
    return { cookie, csrf: body.csrf_token, user: body.user }
  }
  throw new Error(`login ${username}: still rate limited`)
}

/** The saved session of a demo account (signing in the first time). */
export async function session(username) {
  mkdirSync(STATE_DIR, { recursive: true })
  const file = path.join(STATE_DIR, `${username}.json`)
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    // Still valid? (A test may have signed this session out.)
    const me = await fetch(`${BASE}/api/v1/auth/me`, { headers: { Cookie: `weige_session=${saved.cookie}` } })
    if (me.ok) return saved
  }
  const fresh = await apiLogin(username)
  writeFileSync(file, JSON.stringify(fresh))
  return fresh
}

async function sessionState(username) {
  const s = await session(username)
  const url = new URL(BASE)
  return {
    cookies: [
      { name: 'weige_session', value: s.cookie, domain: url.hostname, path: '/', httpOnly: true, secure: false, sameSite: 'Strict', expires: -1 },
    ],
    origins: [],
  }
}

/** Calls the API as a demo account: api('gridworker', 'GET', '/cases?...') → parsed JSON (throws on failure). */
export async function api(username, method, pathAndQuery, body) {
  const headers = { Accept: 'application/json' }
  if (username) {
    const s = await session(username)
    headers.Cookie = `weige_session=${s.cookie}`
    if (method !== 'GET') headers['X-CSRF-Token'] = s.csrf
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${BASE}/api/v1${pathAndQuery}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const json = text ? JSON.parse(text) : null
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} as ${username}: ${res.status} ${text}`)
  return json
}
