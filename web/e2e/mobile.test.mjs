// The phone pages at 375 px: a resident's report from a stairwell QR code,
// its tracking page, and a micro-grid worker's patrol report.
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

async function volunteerUnit() {
  const me = (await api('volunteer', 'GET', '/auth/me')).user
  const grid = (await api('admin', 'GET', `/assignments?person_id=${me.person_id}`)).items[0].grid_id
  const unit = (await api('admin', 'GET', `/places?grid_id=${grid}&kind=unit`)).items[0]
  const building = await api('admin', 'GET', `/places/${unit.parent_id}`)
  return { unit, building }
}

test('a resident reports from a QR-code link at 375 px without an account and follows the case', async () => {
  const { unit, building } = await volunteerUnit()
  const page = await openPage(browser, { as: null, width: 375, height: 812 })
  const label = `${building.name}${unit.name}`
  await goto(page, `/m/report?place=${unit.id}&label=${encodeURIComponent(label)}`)
  await page.getByTestId('report-form').waitFor()
  assert.match(await page.getByTestId('report-qr-place').textContent(), new RegExp(label))
  // Category: the group, then the kind of problem.
  await page.locator('[data-category="dispute"]').click()
  await page.locator('[data-category="dispute.noise"]').click()
  assert.equal(await page.locator('[data-category="dispute.noise"]').getAttribute('aria-pressed'), 'true')
  await page.getByTestId('report-description').fill('楼上每天夜里十二点以后还在装修，很吵')
  await page.getByTestId('report-phone').fill('13900001111')
  await settled(page)
  assert.equal(await hasHorizontalScroll(page), false)
  await screenshot(page, 'report-375')
  await page.getByTestId('report-send').click()
  const done = page.getByTestId('report-done')
  await done.waitFor()
  const link = page.getByTestId('report-tracking-link')
  const href = await link.getAttribute('href')
  assert.match(href, /^\/m\/track\/[0-9a-f]+$/)
  await screenshot(page, 'report-done-375')
  await page.getByRole('link', { name: '查看进度' }).click()
  await page.waitForURL(new RegExp(`${href}$`))
  await page.getByTestId('track-case').waitFor()
  assert.equal((await page.getByTestId('track-state').textContent()).trim(), '已上报')
  assert.equal(await page.getByTestId('rate-form').count(), 0, 'no rating before the case is closed')
  assert.equal(await hasHorizontalScroll(page), false)
  assert.deepEqual(page.problems, [])
  // The case reached the staff: the grid worker sees it in the unit's micro-grid.
  const token = href.split('/').pop()
  const tracked = await api(null, 'GET', `/track/${token}`)
  assert.equal(tracked.category.name_zh, '噪音扰民')
  await page.context().close()
})

test('a micro-grid worker reports a patrol finding from the phone', async () => {
  const { unit, building } = await volunteerUnit()
  const page = await openPage(browser, { as: 'volunteer', width: 375, height: 812 })
  await goto(page, '/m/volunteer')
  await page.getByTestId('volunteer-page').waitFor()
  await page.getByTestId('volunteer-tabs').getByText('巡查上报').click()
  await page.getByTestId('patrol-form').waitFor()
  await page.locator('[data-category="safety"]').click()
  await page.locator('[data-category="safety.ebike_charging"]').click()
  await page.getByTestId('patrol-description').fill('楼道内有电动车在充电（e2e 巡查）')
  await page.getByTestId('patrol-place').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: `${building.name} ${unit.name}` }).first().click()
  assert.equal(await hasHorizontalScroll(page), false)
  await page.getByTestId('patrol-send').click()
  const done = page.getByTestId('patrol-done')
  await done.waitFor()
  const id = Number((await done.textContent()).match(/#(\d+)/)[1])
  const c = await api('admin', 'GET', `/cases/${id}`)
  assert.equal(c.channel, 'patrol')
  assert.equal(c.place_id, unit.id)
  assert.equal(c.category.code, 'safety.ebike_charging')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('a micro-grid poster QR link asks the resident for the building and unit', async () => {
  const page = await openPage(browser, { as: null, width: 375, height: 812 })
  await goto(page, '/m/report?grid=3')
  await page.getByTestId('report-qr-grid').waitFor()
  await page.locator('[data-category="praise"]').click()
  await page.locator('[data-category="praise.general"]').click()
  await page.getByTestId('report-description').fill('感谢微网格员帮忙')
  await page.getByTestId('report-send').click()
  assert.equal((await page.getByTestId('report-error').textContent()).trim(), '请填写楼栋和单元')
  assert.equal(await hasHorizontalScroll(page), false)
  await page.context().close()
})
