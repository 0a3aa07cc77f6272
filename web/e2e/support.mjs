// Shared set-up for the end-to-end tests: one headless Chromium per test file,
// pages against the server at WEIGE_URL, screenshots into SCREENSHOT_DIR.
// Nothing leaves the machine: the browser runs with background networking off
// and every request to a host other than the test server is aborted.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
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
export async function openPage(browser, { width = 1440, height = 900, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, deviceScaleFactor: 1 })
  const origin = new URL(BASE).origin
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
  )
  const page = await context.newPage()
  page.problems = []
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`))
  page.on('response', (r) => {
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

/** Picks an option of an Element Plus select by its visible label. */
export async function choose(page, selectLocator, label) {
  await selectLocator.click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click()
}
