// One walk-in case from desk to rating, each step in the role that takes it:
//   gridworker  files it at a unit of 华润六期锦云府 (keyboard only, accept now)
//               and dispatches it from the case page to the micro-grid worker
//   volunteer   starts and resolves it on the phone page, with a photo
//   head        verifies it (someone other than the resolver)
//   gridworker  closes it
//   resident    rates it on /m/track/:token
// and the leaders' dashboard counts one more finished case for the community.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, api } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

// A 1×1 PNG for the visit photo.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** The place, people and grid of the scenario, looked up through the API. */
async function scenario() {
  const compound = (await api('admin', 'GET', `/places?q=${encodeURIComponent('华润六期锦云府')}&kind=compound`)).items[0]
  assert.ok(compound, '华润六期锦云府 is in the demo')
  const volunteer = (await api('volunteer', 'GET', '/auth/me')).user
  const grid = (await api('admin', 'GET', `/assignments?person_id=${volunteer.person_id}`)).items[0].grid_id
  // A unit of the compound in the volunteer's micro-grid, and its building.
  const units = (await api('admin', 'GET', `/places?grid_id=${grid}&kind=unit`)).items
  const unit = units.find((u) => u.community_id === compound.community_id)
  const building = await api('admin', 'GET', `/places/${unit.parent_id}`)
  assert.equal(building.parent_id, compound.id, 'the unit lies in 华润六期锦云府')
  return { compound, building, unit, volunteer, community: compound.community_id }
}

async function finishedCount(page, community) {
  await goto(page, `/dashboard?community=${community}&period=month`)
  const figure = page.getByTestId('figure-finished')
  await page.waitForFunction(() => document.querySelector('[data-testid="figure-finished"]')?.dataset.value !== '')
  return Number(await figure.getAttribute('data-value'))
}

async function caseState(page) {
  return page.getByTestId('case-detail').getAttribute('data-state')
}

test('a walk-in case goes from the desk to the rating, and the dashboard counts it', async () => {
  const s = await scenario()

  // The leaders' figure before.
  const leader = await openPage(browser, { as: 'admin', width: 1920, height: 1080 })
  const before = await finishedCount(leader, s.community)

  // 1. The grid worker files the case at the desk with the keyboard.
  const desk = await openPage(browser, { as: 'gridworker' })
  await goto(desk, '/cases/new')
  await desk.getByTestId('intake-form').waitFor()
  await desk.waitForFunction(() => document.activeElement?.closest('[data-testid="place-search"]'))
  const started = Date.now()
  await desk.keyboard.type('锦云府')
  await desk.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: s.compound.name }).first().waitFor()
  await desk.keyboard.press('Enter')
  await desk.waitForFunction(() => document.activeElement?.closest('[data-testid="place-building"]'))
  await desk.keyboard.type(s.building.name)
  await desk.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: s.building.name }).first().waitFor()
  await desk.keyboard.press('Enter')
  await desk.waitForFunction(() => document.activeElement?.closest('[data-testid="place-unit"]'))
  await desk.keyboard.type(s.unit.name)
  await desk.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: s.unit.name }).first().waitFor()
  await desk.keyboard.press('Enter')
  await desk.waitForFunction(() => document.activeElement?.closest('[data-testid="category-select"]'))
  await desk.keyboard.type('cwrm')
  await desk.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '宠物扰民' }).first().waitFor()
  await desk.keyboard.press('Enter')
  await desk.waitForFunction(() => document.activeElement?.id === 'in-desc')
  await desk.keyboard.type('楼上邻居的狗夜里一直叫，影响休息（e2e）')
  await desk.keyboard.press('Tab')
  await desk.keyboard.type('王婆婆')
  await desk.keyboard.press('Tab')
  await desk.keyboard.type('13800138000')
  assert.equal(await desk.getByTestId('intake-accept-now').locator('input').isChecked(), true, 'accept now is on by default')
  assert.match(await desk.getByTestId('route-hint').textContent(), /微事，默认由微网格处置/)
  await screenshot(desk, 'case-intake')
  await desk.keyboard.press('Control+Enter')
  await desk.waitForURL(/\/cases\/\d+$/)
  const seconds = (Date.now() - started) / 1000
  assert.ok(seconds < 30, `the intake took ${seconds} s`)
  const id = Number(desk.url().match(/\/cases\/(\d+)$/)[1])
  const detail = desk.getByTestId('case-detail')
  await detail.waitFor()
  assert.equal(await caseState(desk), 'accepted')
  assert.match(await desk.getByTestId('routing-explanation').textContent(), /micro_grid/)
  // The reporter is masked; the tracking link is shown for the resident.
  assert.match((await desk.getByTestId('reporter-name').textContent()).trim(), /^王\*+$/u)
  const token = (await desk.getByTestId('tracking-link').getAttribute('href')).split('/').pop()
  assert.ok(token.length > 10)

  // 2. … and dispatches it to the micro-grid worker.
  await desk.locator('[data-testid="case-actions"] [data-action="dispatch"]').click()
  const dialog = desk.locator('[data-testid="action-dialog"][data-action="dispatch"]')
  await dialog.waitFor()
  await dialog.locator(`[data-testid="assignee-option"][data-person-id="${s.volunteer.person_id}"]`).click()
  await dialog.getByTestId('action-confirm').click()
  await desk.waitForFunction(() => document.querySelector('[data-testid="case-detail"]')?.dataset.state === 'dispatched')
  await dialog.waitFor({ state: 'hidden' })
  await desk.locator('.el-message').first().waitFor({ state: 'detached' })
  await settled(desk)
  await screenshot(desk, 'case-detail')

  // 3. The micro-grid worker starts it and resolves it on the phone, with a photo.
  const phone = await openPage(browser, { as: 'volunteer', width: 375, height: 812 })
  await goto(phone, '/m/volunteer')
  const task = phone.locator(`[data-testid="task"][data-case-id="${id}"]`)
  await task.waitFor()
  await task.getByTestId('task-start').click()
  await phone.locator(`[data-testid="task"][data-case-id="${id}"][data-state="in_progress"]`).waitFor()
  const panel = task.getByTestId('task-panel')
  if (!(await panel.isVisible())) await task.getByTestId('task-handle').click()
  await panel.getByTestId('task-note').fill('已上门宣传文明养犬，邻居道歉并承诺管好狗')
  await panel.getByTestId('task-photo').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: PNG })
  await settled(phone)
  await screenshot(phone, 'volunteer-375')
  await panel.getByTestId('task-resolve').click()
  await task.waitFor({ state: 'detached' })
  assert.deepEqual(phone.problems, [])

  // 4. The micro-grid head verifies it; the photo is on the case.
  const head = await openPage(browser, { as: 'head' })
  await goto(head, `/cases/${id}`)
  await head.getByTestId('case-detail').waitFor()
  assert.equal(await caseState(head), 'resolved')
  await head.getByTestId('attachment-image').first().waitFor()
  await head.locator('[data-testid="case-actions"] [data-action="verify"]').click()
  await head.waitForFunction(() => document.querySelector('[data-testid="case-detail"]')?.dataset.state === 'verified')

  // 5. The grid worker closes it.
  await goto(desk, `/cases/${id}`)
  await desk.getByTestId('case-detail').waitFor()
  await desk.locator('[data-testid="case-actions"] [data-action="close"]').click()
  await desk.waitForFunction(() => document.querySelector('[data-testid="case-detail"]')?.dataset.state === 'closed')
  // The leaders' screen, open all along, counts it within seconds (server-sent
  // events; the 30-second poll is the fallback).
  await leader.waitForFunction(
    (want) => Number(document.querySelector('[data-testid="figure-finished"]')?.dataset.value) === want,
    before + 1,
    { timeout: 45000 },
  )
  assert.equal(await leader.getByTestId('live').getAttribute('data-live'), 'true')
  const steps = await desk.locator('[data-testid="timeline"] [data-action]').evaluateAll((els) => els.map((e) => e.dataset.action))
  for (const step of ['report', 'accept', 'dispatch', 'start', 'attach', 'resolve', 'verify', 'close']) {
    assert.ok(steps.includes(step), `timeline has ${step}: ${steps}`)
  }

  // 6. The resident rates it from the tracking link, without an account.
  const resident = await openPage(browser, { as: null, width: 375, height: 812 })
  await goto(resident, `/m/track/${token}`)
  await resident.getByTestId('rate-form').waitFor()
  assert.equal((await resident.getByTestId('track-state').textContent()).trim(), '已结案')
  await resident.locator('[data-rating="satisfied"]').click()
  await resident.getByTestId('rate-comment').fill('处理及时，谢谢')
  await resident.getByTestId('rate-send').click()
  await resident.getByTestId('rate-thanks').waitFor()
  await resident.locator('[data-testid="track-case"][data-state="rated"]').waitFor()
  assert.equal((await resident.getByTestId('track-rating').textContent()).includes('满意'), true)
  await screenshot(resident, 'track-375')
  assert.deepEqual(resident.problems, [])

  // 7. Opened afresh, the dashboard still counts one more finished case this month.
  assert.equal(await finishedCount(leader, s.community), before + 1)
  await settled(leader)
  await screenshot(leader, 'dashboard')
  for (const p of [leader, desk, head]) assert.deepEqual(p.problems, [])
  for (const p of [leader, desk, phone, head, resident]) await p.context().close()
})
