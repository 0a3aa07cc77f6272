// Signing in and out, where each role lands, and what the menu offers it.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, choose, DEMO_PASSWORD } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const menuEntries = (page) => page.locator('.shell-aside .nav-menu [data-nav]').evaluateAll((els) => els.map((e) => e.dataset.nav))

test('a visitor is sent to the login page, sees the error for a wrong password, and comes back to the page asked for', async () => {
  const page = await openPage(browser, { as: null })
  await goto(page, '/cases?overdue=true')
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/cases?overdue=true')
  // The username field has the focus: the keyboard is enough.
  await page.waitForFunction(() => document.activeElement?.id === 'login-username')
  await page.keyboard.type('admin')
  await page.keyboard.press('Tab')
  await page.keyboard.type('wrong-password')
  await page.keyboard.press('Enter')
  const error = page.getByTestId('login-error')
  await error.waitFor()
  assert.equal((await error.textContent()).trim(), '用户名或密码不正确')
  // The password was cleared and has the focus again.
  await page.waitForFunction(() => document.activeElement?.id === 'login-password')
  await screenshot(page, 'login')
  await page.keyboard.type(DEMO_PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/cases\?overdue=true$/)
  await page.getByTestId('login-form').waitFor({ state: 'detached' })
  // The header names the user and their role.
  assert.equal((await page.getByTestId('user-name').textContent()).trim(), 'admin')
  assert.equal((await page.getByTestId('user-role').textContent()).trim(), '街道管理员')
  assert.deepEqual(await menuEntries(page), [
    '/dashboard',
    '/emergencies',
    '/cases',
    '/cases/new',
    '/map',
    '/places',
    '/persons',
    '/check',
    '/audit',
    '/admin/categories',
    '/admin/routing-rules',
    '/admin/calendar',
    '/admin/emergency-roles',
    '/patrols',
    '/visits',
    '/topics',
    '/conventions',
    '/notices',
    '/m/community',
  ])

  // Signing out ends the session: the app goes back to the login page and stays there.
  await page.getByTestId('user-menu').click()
  await page.getByTestId('sign-out').click()
  await page.waitForURL(/\/login$/)
  await goto(page, '/map')
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/map')
  // Only the expected 401s (the wrong password) were seen.
  assert.deepEqual(page.problems.filter((p) => !p.includes('/auth/login')), [])
  await page.context().close()
})

test('a micro-grid worker signs in to the phone page and only sees what the role may use', async () => {
  const page = await openPage(browser, { as: null, width: 375, height: 812 })
  await goto(page, '/login')
  await page.getByTestId('login-username').fill('volunteer')
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL(/\/m\/volunteer$/)
  await page.getByTestId('volunteer-page').waitFor()
  await settled(page)
  // The leaders' screen is not for this role.
  await goto(page, '/dashboard')
  await page.waitForURL((u) => u.pathname === '/forbidden' && u.searchParams.get('from') === '/dashboard')
  await page.getByText('您的账号没有打开 /dashboard 的权限。').waitFor()
  await page.getByRole('button', { name: '打开菜单' }).click()
  const entries = await page.locator('.nav-drawer [data-nav]').evaluateAll((els) => els.map((e) => e.dataset.nav))
  assert.deepEqual(entries, ['/emergencies', '/cases', '/cases/new', '/map', '/places', '/persons', '/check', '/patrols', '/visits', '/topics', '/conventions', '/notices', '/m/community', '/m/volunteer'])
  await page.context().close()
})

test('the login page switches to English', async () => {
  const page = await openPage(browser, { as: null })
  await goto(page, '/login')
  await page.getByTestId('login-form').waitFor()
  await choose(page, page.getByTestId('lang-switch'), 'English')
  await page.waitForFunction(() => document.documentElement.lang === 'en')
  assert.equal((await page.locator('#login-title').textContent()).trim(), 'Sign in')
  assert.equal((await page.getByTestId('login-submit').textContent()).trim(), 'Sign in')
  await page.getByTestId('login-submit').click()
  assert.equal((await page.getByTestId('login-error').textContent()).trim(), 'Enter your username')
  await page.context().close()
})
