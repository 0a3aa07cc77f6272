// The list pages, the language switch and the phone-sized layout.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, hasHorizontalScroll, choose } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const total = async (page, testId) => Number((await page.getByTestId(testId).textContent()).match(/[\d,]+/)[0].replace(/,/g, ''))

test('the places page filters by name and kind and pages through', async () => {
  const page = await openPage(browser)
  await goto(page, '/places')
  const rows = page.locator('[data-testid="places-table"] .el-table__body tr')
  await rows.first().waitFor()
  await settled(page)
  const all = await total(page, 'places-total')
  assert.ok(all > 5000, `all places: ${all}`)
  assert.equal(await rows.count(), 20)
  await screenshot(page, 'places')

  await page.getByLabel('名称包含').fill('花园')
  await page.getByTestId('search').click()
  await page.waitForURL(/q=%E8%8A%B1%E5%9B%AD/)
  await settled(page)
  const named = await total(page, 'places-total')
  assert.ok(named > 0 && named < all, `places named 花园: ${named}`)
  for (const name of await rows.locator('td:first-child a').allTextContents()) assert.match(name, /花园/)

  await choose(page, page.getByTestId('filter-kind'), '楼栋')
  await page.getByTestId('search').click()
  await page.waitForURL(/kind=building/)
  await settled(page)
  for (const kind of await rows.locator('.kind-tag').allTextContents()) assert.equal(kind, '楼栋')

  await choose(page, page.getByTestId('filter-kind'), '户')
  await page.getByLabel('名称包含').fill('')
  await page.getByTestId('search').click()
  await page.waitForURL(/kind=household$/)
  await settled(page)
  const households = await total(page, 'places-total')
  assert.ok(households > 1000, `households: ${households}`)
  await page.getByRole('listitem', { name: '第 2 页' }).click()
  await page.waitForURL(/page=2/)
  await settled(page)
  assert.equal(await rows.count(), 20)

  // A household row leads to its detail page with its members.
  await rows.first().locator('td:first-child a').click()
  await page.waitForURL(/\/places\/\d+$/)
  await page.getByTestId('household-panel').waitFor()
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the people page shows masked data and filters party members and by exact phone', async () => {
  const page = await openPage(browser)
  await goto(page, '/persons')
  const rows = page.locator('[data-testid="persons-table"] .el-table__body tr')
  await rows.first().waitFor()
  await settled(page)
  const all = await total(page, 'persons-total')
  const names = await rows.locator('td:first-child').allTextContents()
  for (const n of names) assert.match(n.trim(), /^\p{Script=Han}\*+$/u)
  await screenshot(page, 'persons')

  await choose(page, page.getByTestId('filter-party'), '是')
  await page.getByTestId('search').click()
  await page.waitForURL(/party_member=true/)
  await settled(page)
  const party = await total(page, 'persons-total')
  assert.ok(party > 0 && party < all)
  assert.equal(await rows.locator('.el-tag', { hasText: '是' }).count(), await rows.count())

  // An exact phone that no one has gives an empty table, not an error.
  await page.getByLabel('电话（精确匹配）').fill('19900000000')
  await page.getByTestId('search').click()
  await page.waitForURL(/phone=19900000000/)
  await settled(page)
  assert.equal(await total(page, 'persons-total'), 0)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the map check page shows the error and warning counts', async () => {
  const page = await openPage(browser)
  await goto(page, '/check')
  await page.getByTestId('check-summary').waitFor()
  await settled(page)
  assert.match(await page.getByTestId('check-errors').textContent(), /^\d+$/)
  assert.match(await page.getByTestId('check-warnings').textContent(), /^\d+$/)
  await screenshot(page, 'check')
  await page.context().close()
})

test('the map check page lists violations with the rule in Chinese and English', async () => {
  // The demo map has no violation (the server refuses changes that break a
  // rule), so this test feeds the page a report.
  const report = {
    errors: 1,
    warnings: 1,
    violations: [
      {
        rule: 'unit_without_micro_grid',
        rule_zh: '单元未入微网格',
        severity: 'warning',
        message: "unit 50 '1单元' is not in any micro-grid",
        grid_ids: [],
        grid_codes: [],
        place_id: 50,
        place_name: '1单元',
      },
      {
        rule: 'micro_grid_splits_unit',
        rule_zh: '微网格不破楼栋单元',
        severity: 'error',
        message: "unit 50 '1单元' is split across 2 micro-grids",
        grid_ids: [3, 4],
        grid_codes: ['510108005003001001', '510108005003001002'],
        place_id: 50,
        place_name: '1单元',
      },
    ],
  }
  const page = await openPage(browser)
  await page.route('**/api/v1/check', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(report) }),
  )
  await goto(page, '/check')
  const rows = page.locator('[data-testid="check-table"] .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await page.getByTestId('check-errors').textContent(), '1')
  assert.equal(await page.getByTestId('check-warnings').textContent(), '1')
  // Errors first; the rule in both languages; grid codes link to the map.
  const first = await rows.first().textContent()
  assert.match(first, /错误/)
  assert.match(first, /微网格不破楼栋单元/)
  assert.match(first, /A building unit lies wholly inside one micro-grid/)
  await rows.first().getByRole('link', { name: '510108005003001002' }).click()
  await page.waitForURL(/\/map\?grid=4$/)
  await page.context().close()
})

test('the language switch turns the menu into English and is remembered', async () => {
  const page = await openPage(browser)
  await goto(page, '/map')
  const menuItem = page.locator('.nav-menu [data-nav="/map"]')
  await menuItem.waitFor()
  assert.equal((await menuItem.textContent()).trim(), '网格地图')
  await choose(page, page.getByTestId('lang-switch'), 'English')
  await page.waitForFunction(() => document.documentElement.lang === 'en')
  assert.equal((await menuItem.textContent()).trim(), 'Grid map')
  assert.equal((await page.locator('.nav-menu [data-nav="/persons"]').textContent()).trim(), 'People')
  await page.reload()
  await page.getByTestId('community-summary').waitFor()
  assert.equal((await page.locator('.nav-menu [data-nav="/map"]').textContent()).trim(), 'Grid map')
  assert.match(await page.getByTestId('community-summary').textContent(), /11 grids, 2 exclusive grids, 129 micro-grids/)
  await settled(page)
  await screenshot(page, 'map-en')
  await page.context().close()
})

test('at 375 px wide no page scrolls sideways and the menu opens from a button', async () => {
  const page = await openPage(browser, { width: 375, height: 812 })
  for (const path of ['/places', '/persons', '/check', '/cases', '/cases/new', '/map?grid=3']) {
    await goto(page, path)
    await page.locator('.shell-main .el-card').first().waitFor()
    await settled(page)
    assert.equal(await hasHorizontalScroll(page), false, `${path} scrolls sideways`)
  }
  await page.getByTestId('grid-detail').waitFor()
  await settled(page)
  await screenshot(page, 'map-375')
  assert.equal(await page.locator('.shell-aside').count(), 0)
  await page.getByRole('button', { name: '打开菜单' }).click()
  const drawerItem = page.locator('.nav-drawer [data-nav="/persons"]')
  await drawerItem.waitFor()
  await drawerItem.click()
  await page.waitForURL(/\/persons$/)
  await page.context().close()
})

test('an unknown address shows the not-found page, not a blank one', async () => {
  const page = await openPage(browser)
  await goto(page, '/no/such/page')
  await page.getByText('页面不存在').first().waitFor()
  await page.getByRole('link', { name: '回到首页' }).waitFor()
  await page.context().close()
})

test('a failing API call shows an error with a retry button', async () => {
  const page = await openPage(browser)
  await page.route('**/api/v1/check', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"boom","details":{}}}' }),
  )
  await goto(page, '/check')
  const alert = page.getByRole('alert')
  await alert.waitFor()
  assert.match(await alert.textContent(), /boom/)
  await page.unroute('**/api/v1/check')
  await alert.getByRole('button', { name: '重试' }).click()
  await page.getByTestId('check-summary').waitFor()
  await page.context().close()
})
