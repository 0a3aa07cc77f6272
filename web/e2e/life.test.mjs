// Community life against the demo: the grid worker's patrol coverage and an
// observation, the visit coverage and overdue care, a topic moved along its
// workflow by the community secretary, convention sign-on rates, notices with
// the unread list, and at 375 px a resident acknowledging a notice and giving
// an opinion, and a volunteer recording a patrol.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, hasHorizontalScroll, api } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('the grid worker sees patrol coverage, a patrol with its observations, visit coverage and overdue care', async () => {
  const page = await openPage(browser, { as: 'gridworker' })
  await goto(page, '/patrols')
  await page.getByTestId('patrol-coverage').waitFor()
  await settled(page)
  assert.match(await page.getByTestId('patrol-coverage').textContent(), /路线 \d+ 处/)
  // This month nothing was patrolled yet: every route place is listed.
  await page.locator('[data-testid="coverage-table"] .el-tag').first().waitFor({ state: 'visible' })
  await screenshot(page, 'patrols')
  // Last month's patrol: the fumes became a case, the cars a suggestion.
  const months = page.getByTestId('patrol-month')
  await months.click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').nth(1).click()
  const row = page.locator('[data-testid="patrols-table"] .el-table__body tr').first()
  await row.waitFor()
  await row.click()
  const observations = page.getByTestId('observation')
  await observations.first().waitFor()
  assert.equal(await observations.count(), 2)
  assert.match(await observations.first().textContent(), /油烟/)
  assert.match(await page.getByTestId('suggestions').textContent(), /乱停乱放/)
  await page.keyboard.press('Escape')

  await goto(page, '/visits')
  await page.getByTestId('visit-coverage').waitFor()
  await settled(page)
  assert.ok((await page.locator('[data-testid="links-table"] .el-table__body tr').count()) >= 3)
  assert.ok((await page.locator('[data-testid="overdue-table"] .el-table__body tr').count()) >= 2)
  await screenshot(page, 'visits')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the community secretary takes a topic to its meeting, and reads sign-on rates and who has not read a notice', async () => {
  const page = await openPage(browser, { as: 'secretary' })
  await goto(page, '/topics')
  const link = page.locator('[data-testid="topics-table"] a', { hasText: '文明养犬' })
  await link.waitFor()
  await screenshot(page, 'topics')
  await link.click()
  await page.getByTestId('topic-page').waitFor()
  await settled(page)
  assert.equal((await page.getByTestId('topic-state').textContent()).trim(), '征求意见')
  assert.ok((await page.getByTestId('comment').count()) >= 1)
  await page.locator('[data-action="schedule_meeting"]').click()
  await page.waitForFunction(() => document.querySelector('[data-testid="topic-state"]')?.textContent?.trim() === '会议商议')
  await screenshot(page, 'topic-detail')

  await goto(page, '/conventions')
  const rates = page.locator('[data-testid="rates-table"] .el-table__body tr')
  await rates.first().waitFor()
  assert.ok((await rates.count()) > 5)
  assert.match(await page.getByTestId('signon-line').textContent(), /签署 \d+\/\d+ 户/)
  await screenshot(page, 'conventions')

  await goto(page, '/notices')
  await page.getByTestId('show-unread').first().click()
  await page.getByTestId('unread-count').waitFor()
  assert.match(await page.getByTestId('unread-count').textContent(), /\d+ 户未读/)
  await screenshot(page, 'notices')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('at 375 px a resident acknowledges a notice and gives an opinion on her topic', async () => {
  const page = await openPage(browser, { as: 'resident', width: 375, height: 812 })
  await goto(page, '/m/community')
  const notice = page.getByTestId('notice').first()
  await notice.waitFor()
  await settled(page)
  assert.equal(await hasHorizontalScroll(page), false)
  await screenshot(page, 'community-375')
  await page.getByTestId('acknowledge').first().click()
  await notice.getByText('已确认阅读').waitFor()
  const notices = await api('resident', 'GET', '/notices')
  assert.equal(notices.items[0].my_household_read, true)

  await page.getByTestId('community-tabs').getByText('议事').click()
  await page.getByTestId('topic').first().locator('header').click()
  await page.getByTestId('m-comment').fill('楼栋群里也发一下约定吧')
  await page.getByTestId('m-comment-send').click()
  await page.getByText('楼栋群里也发一下约定吧').waitFor()
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('at 375 px a volunteer records a patrol of the plan they walk', async () => {
  const before = (await api('volunteer', 'GET', '/patrols')).total
  const page = await openPage(browser, { as: 'volunteer', width: 375, height: 812 })
  await goto(page, '/m/community')
  await page.getByTestId('community-tabs').getByText('巡查').click()
  await page.getByTestId('m-plan').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first().click()
  await page.locator('.route .el-checkbox').first().click()
  await page.getByTestId('m-text').fill('3栋门口快递堆放')
  await page.getByTestId('m-patrol-send').click()
  await page.getByText('巡查已记录').waitFor()
  assert.equal((await api('volunteer', 'GET', '/patrols')).total, before + 1)
  assert.equal(await hasHorizontalScroll(page), false)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})
