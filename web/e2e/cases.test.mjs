// The case inbox (filters in the URL, deadline colours, paging, bulk
// dispatch), revealing a reporter for a stated reason, and the English switch.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, choose, api } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const total = async (page) => Number((await page.getByTestId('cases-total').textContent()).match(/[\d,]+/)[0].replace(/,/g, ''))
const rows = (page) => page.locator('[data-testid="cases-table"] .el-table__body tr')

test('the inbox filters by state preset, category (pinyin), period and pages through', async () => {
  const page = await openPage(browser)
  await goto(page, '/cases')
  await rows(page).first().waitFor()
  await settled(page)
  const all = await total(page)
  assert.ok(all > 20000, `all cases: ${all}`)
  assert.equal(await rows(page).count(), 20)

  // Open cases, most urgent first: yellow (due soon) and red (overdue) rows are coloured.
  await page.locator('[data-preset="open"]').click()
  await page.waitForURL((u) => (u.searchParams.get('state') ?? '').startsWith('reported,accepted,'))
  await choose(page, page.getByTestId('filter-sort'), '最先到期')
  await page.getByTestId('search').click()
  await page.waitForURL(/sort=due/)
  await settled(page)
  const open = await total(page)
  assert.ok(open > 0 && open < all)
  const coloured = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="cases-table"] .el-table__body tr')].map((tr) => ({
      cls: tr.className,
      deadline: tr.querySelector('[data-deadline]')?.dataset.deadline ?? 'none',
    })),
  )
  assert.ok(coloured.some((r) => r.deadline === 'yellow' || r.deadline === 'red'), 'some open case is due soon or overdue')
  for (const r of coloured) {
    if (r.deadline === 'yellow') assert.match(r.cls, /deadline-yellow/)
    if (r.deadline === 'red') assert.match(r.cls, /deadline-red/)
    if (r.deadline === 'green') assert.doesNotMatch(r.cls, /deadline-(yellow|red)/)
  }
  await screenshot(page, 'cases')

  // Category by pinyin initials: "cwrm" is 宠物扰民.
  await page.locator('#f-category').click()
  await page.keyboard.type('cwrm')
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '宠物扰民' }).first().waitFor()
  await page.keyboard.press('Enter')
  await page.getByTestId('search').click()
  await page.waitForURL(/category_id=102/)
  await settled(page)
  for (const cat of await rows(page).locator('td:nth-child(4)').allTextContents()) assert.equal(cat.trim(), '宠物扰民')

  // A period preset fills the dates; the list follows the URL.
  await page.locator('[data-period="30d"]').click()
  await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/)
  await settled(page)

  // Back to all cases, page 2.
  await goto(page, '/cases')
  await rows(page).first().waitFor()
  await page.getByRole('listitem', { name: '第 2 页' }).click()
  await page.waitForURL(/page=2/)
  await settled(page)
  assert.equal(await rows(page).count(), 20)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('accepted cases are dispatched together, and a reporter is revealed only for a reason', async () => {
  // Two accepted cases, taken in through the API.
  const marker = `批量派遣${Date.now()}`
  const unit = (await api('admin', 'GET', `/places?q=${encodeURIComponent('华润六期锦云府')}&kind=compound`)).items[0]
  const building = (await api('admin', 'GET', `/places?parent_id=${unit.id}&limit=1`)).items[0]
  const u = (await api('admin', 'GET', `/places?parent_id=${building.id}&kind=unit&limit=1`)).items[0]
  const ids = []
  for (const n of [1, 2]) {
    const c = await api('gridworker', 'POST', '/cases', {
      channel: 'hotline', category_id: 202, description: `${marker} 楼道垃圾 ${n}`, place_id: u.id,
      reporter_name: '李四', reporter_phone: '13700001234', accept_now: true,
    })
    assert.equal(c.state, 'accepted')
    ids.push(c.id)
  }

  const page = await openPage(browser)
  await goto(page, `/cases?q=${encodeURIComponent(marker)}`)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cases-table"] .el-table__body tr').length === 2)
  await page.locator('[data-testid="cases-table"] .el-table__header .el-checkbox').click()
  // The count re-renders after the click; wait for it rather than read it at once (flaky under load).
  await page.waitForFunction(() => /（2）/.test(document.querySelector('[data-testid="bulk-dispatch"]')?.textContent ?? ''))
  assert.match(await page.getByTestId('bulk-dispatch').textContent(), /（2）/)
  await page.getByTestId('bulk-dispatch').click()
  const dialog = page.getByTestId('bulk-dialog')
  await dialog.getByTestId('assignee-picker').waitFor()
  await dialog.getByTestId('bulk-confirm').click()
  await page.getByText('已派遣 2 件').waitFor()
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="cases-table"] .state-tag')].every((t) => t.dataset.state === 'dispatched'),
  )
  for (const id of ids) assert.equal((await api('admin', 'GET', `/cases/${id}`)).state, 'dispatched')

  // The detail page masks the reporter until a reason is given.
  await page.locator(`[data-case-id="${ids[0]}"]`).first().click()
  await page.waitForURL(new RegExp(`/cases/${ids[0]}$`))
  const name = page.getByTestId('reporter-name')
  await name.waitFor()
  assert.equal((await name.textContent()).trim(), '李*')
  await page.getByTestId('reveal').click()
  const reveal = page.getByTestId('reveal-dialog')
  await reveal.getByTestId('reveal-reason').fill('回访')
  await reveal.getByTestId('reveal-confirm').click()
  await reveal.getByText('请填写至少 4 个字的原因').waitFor()
  await reveal.getByTestId('reveal-reason').fill('电话回访核实处理情况')
  await reveal.getByTestId('reveal-confirm').click()
  await page.waitForFunction(() => document.querySelector('[data-testid="reporter-name"]')?.textContent.trim() === '李四')
  assert.match(await page.getByTestId('reporter').textContent(), /13700001234/)
  // The reveal is in the audit trail with its reason.
  const audit = await api('admin', 'GET', '/audit?limit=5')
  assert.ok(audit.items.some((e) => JSON.stringify(e.detail).includes('电话回访核实处理情况')), 'the reason is audited')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the inbox and the case page switch to English', async () => {
  const page = await openPage(browser)
  await goto(page, '/cases')
  await rows(page).first().waitFor()
  await choose(page, page.getByTestId('lang-switch'), 'English')
  await page.waitForFunction(() => document.documentElement.lang === 'en')
  assert.equal((await page.locator('[data-preset="open"]').textContent()).trim(), 'Open')
  assert.equal((await page.locator('.nav-menu [data-nav="/cases"]').textContent()).trim(), 'Cases')
  const state = await rows(page).first().locator('.state-tag').textContent()
  assert.match(state.trim(), /^(Reported|Accepted|Dispatched|In progress|Resolved|Verified|Closed|Rated|Parked|Community review|Rejected|Merged)$/)
  await rows(page).first().locator('.case-link').click()
  await page.getByTestId('case-detail').waitFor()
  await page.getByText('History').first().waitFor()
  await page.context().close()
})

test('at 375 px the inbox folds its filters into a drawer and the page never scrolls sideways', async () => {
  const page = await openPage(browser, { width: 375, height: 812 })
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= 375)
  await goto(page, '/cases')
  // Cards rather than a table wider than the phone.
  const cards = page.locator('[data-testid="case-cards"] .case-card')
  await cards.first().waitFor()
  await settled(page)
  assert.equal(await fits(), true, 'the inbox fits 375 px')
  assert.equal(await cards.count(), 20)
  assert.equal(await page.getByTestId('cases-table').count(), 0)
  // A compact bar: the text search and a filter button; the full form is folded away.
  await page.getByTestId('open-filters').waitFor()
  assert.equal(await page.locator('#f-level').count(), 0)
  await screenshot(page, 'cases-375')

  await page.getByTestId('open-filters').click()
  const drawer = page.getByTestId('filter-drawer')
  await drawer.locator('#f-level').waitFor()
  await choose(page, drawer.getByTestId('filter-level'), '微事')
  assert.equal(await fits(), true, 'the open drawer fits 375 px')
  await screenshot(page, 'cases-filters-375')
  // A quick period searches at once, with the level chosen.
  await drawer.locator('[data-period="30d"]').click()
  await page.waitForURL((u) => u.searchParams.get('level') === 'micro' && !!u.searchParams.get('from'))
  await drawer.waitFor({ state: 'hidden' })
  await settled(page)
  assert.equal((await page.getByTestId('open-filters').textContent()).trim(), '筛选（2）') // level and period

  // The text search works from the bar with Enter.
  await page.getByTestId('filter-q').fill('噪音')
  await page.keyboard.press('Enter')
  await page.waitForURL(/q=%E5%99%AA%E9%9F%B3/)
  await settled(page)
  for (const text of await cards.locator('.cc-desc').allTextContents()) assert.match(text, /噪音/)
  // A card opens its case.
  await cards.first().locator('.case-link').click()
  await page.waitForURL(/\/cases\/\d+$/)
  await page.getByTestId('case-detail').waitFor()
  assert.equal(await fits(), true, 'the filtered inbox fits 375 px')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})
