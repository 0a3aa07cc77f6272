// The community-life forms against the demo: the grid worker plans a patrol;
// the community secretary drafts a convention and a new version, opens its
// vote and records a paper ballot (a second one for the same household is
// refused), signs a household on at its door, starts a publicity campaign
// from a case, records a joint meeting whose decision lands in the property
// company's inbox, and pages through who has not read a notice; at 375 px a
// micro-grid head logs a home visit to a household they link.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, hasHorizontalScroll, api, choose, optionsOf } from './support.mjs'

const COMPOUND = '华润六期锦云府'
const STAMP = Date.now().toString(36).slice(-5)

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const dropdownItem = (page, text) => page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first()

/** Picks a household in a dialog: compound, building and unit by keyboard, then the door. */
async function pickHousehold(page, dialog, h) {
  await dialog.getByTestId('place-search').click()
  await page.keyboard.type('锦云府')
  await dropdownItem(page, COMPOUND).waitFor()
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="place-building"]'))
  await page.keyboard.type(h.building)
  await dropdownItem(page, h.building).waitFor()
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="place-unit"]'))
  await page.keyboard.type(h.unit)
  await dropdownItem(page, h.unit).waitFor()
  await page.keyboard.press('Enter')
  const door = dialog.getByTestId('household-door')
  // Enabled once the unit's doors have loaded.
  await page.waitForFunction((el) => !el.matches('.is-disabled') && !el.querySelector('.is-disabled'), await door.elementHandle())
  await choose(page, door, h.door)
}

/** The doors of the first unit of the compound's first building, in id order. */
async function someHouseholds() {
  const rates = await api('secretary', 'GET', '/conventions/1/sign-on-rates')
  const row = rates.buildings.find((b) => b.compound === COMPOUND && b.households >= 4)
  const units = (await api('secretary', 'GET', `/places?parent_id=${row.building.id}&limit=50`)).items
  const unit = units.find((u) => u.kind === 'unit')
  const doors = (await api('secretary', 'GET', `/places?parent_id=${unit.id}&kind=household&limit=50`)).items
  return doors.sort((a, b) => a.id - b.id).map((d) => ({ id: d.id, building: row.building.name, unit: unit.name, door: d.name }))
}

test('the grid worker plans a patrol: the form checks it, and the plan joins the coverage table', async () => {
  const page = await openPage(browser, { as: 'gridworker' })
  await goto(page, '/patrols')
  await page.getByTestId('coverage-table').waitFor()
  await settled(page)
  await page.getByTestId('new-plan').click()
  const dialog = page.getByTestId('plan-dialog')
  await dialog.waitFor()
  await page.getByTestId('plan-save').click()
  await dialog.locator('.el-form-item__error').first().waitFor()
  assert.match(await dialog.textContent(), /至少选择一个地点/)

  const name = `锦云府夜间巡查 ${STAMP}`
  await choose(page, dialog.getByTestId('grid-select'), '双福路第1网格')
  await page.locator('#plan-name').fill(name)
  const route = dialog.getByTestId('plan-route')
  await page.waitForFunction((el) => !el.matches('.is-disabled') && !el.querySelector('.is-disabled'), await route.elementHandle())
  await route.click()
  await route.locator('input').fill('锦云府')
  const stops = await optionsOf(page, route)
  await stops.filter({ hasText: COMPOUND }).first().click()
  await route.locator('input').fill('锦云府 1栋')
  await stops.filter({ hasText: `${COMPOUND} 1栋` }).first().click()
  await dialog.locator('.el-dialog__title').click()
  await dialog.getByTestId('plan-add-participant').click()
  await choose(page, dialog.getByTestId('person-select'))
  await screenshot(page, 'life-plan-form')
  await page.getByTestId('plan-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('[data-testid="coverage-table"] .el-table__body tr', { hasText: name }).waitFor()

  const plans = await api('gridworker', 'GET', '/patrol-plans')
  const plan = plans.items.find((p) => p.name === name)
  assert.ok(plan)
  assert.equal(plan.route.length, 2)
  assert.equal(plan.participants.length, 1)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the secretary drafts a convention and a new version, records a paper ballot once per household, and signs a household on at its door', async () => {
  const page = await openPage(browser, { as: 'secretary' })
  await goto(page, '/conventions')
  await page.getByTestId('convention-choice').waitFor()
  await settled(page)

  // A new convention with two sections.
  const title = `楼道文明公约 ${STAMP}`
  await page.getByTestId('new-convention').click()
  const dialog = page.getByTestId('convention-dialog').last()
  await dialog.waitFor()
  await dialog.getByTestId('place-search').click()
  await page.keyboard.type('锦云府')
  await dropdownItem(page, COMPOUND).waitFor()
  await page.keyboard.press('Enter')
  await page.locator('#conv-title').fill(title)
  await dialog.getByTestId('conv-text-0').fill('楼道不堆放杂物')
  await dialog.getByTestId('conv-add-section').click()
  await dialog.getByTestId('conv-heading-1').fill('电动车')
  await dialog.getByTestId('conv-text-1').fill('电动车不进楼道、不飞线充电')
  await screenshot(page, 'life-convention-form')
  await page.getByTestId('conv-save').last().click()
  await page.locator('[data-testid="convention-choice"] label', { hasText: title }).waitFor()
  await page.locator('h2', { hasText: title }).waitFor()
  await page.getByTestId('section').getByText('楼道不堆放杂物').waitFor()
  assert.equal(await page.getByTestId('section').count(), 2)

  // Consultation, then the vote on version 1.
  await page.getByTestId('version-action').click()
  await page.locator('[data-testid="version-tag"]', { hasText: '第 1 版 征求意见' }).waitFor()
  await page.getByTestId('version-action').click()
  await page.locator('[data-testid="version-tag"]', { hasText: '第 1 版 表决中' }).waitFor()
  assert.equal(await page.getByTestId('new-version').count(), 0) // not while a version is being decided

  // A paper ballot for a household, then the same household again: refused at the household.
  const [first, ...others] = await someHouseholds()
  await page.getByTestId('paper-ballot').click()
  const ballot = page.getByTestId('behalf-dialog').first()
  await ballot.waitFor()
  await pickHousehold(page, ballot, first)
  await ballot.getByTestId('behalf-ballot').getByText('同意').click()
  await screenshot(page, 'life-paper-ballot')
  await page.getByTestId('behalf-save').first().click()
  await ballot.waitFor({ state: 'hidden' })
  await page.waitForFunction(() => /^1\//.test(document.querySelector('[data-testid="version-tally"]')?.textContent?.trim() ?? ''))
  await page.getByTestId('paper-ballot').click()
  await ballot.waitFor()
  await pickHousehold(page, ballot, first)
  await ballot.getByTestId('behalf-ballot').getByText('反对').click()
  await page.getByTestId('behalf-save').first().click()
  await ballot.locator('.el-form-item__error', { hasText: '这户已经投过票' }).waitFor()
  await ballot.getByRole('button', { name: '取消' }).click()
  await ballot.waitFor({ state: 'hidden' })
  const mine = (await api('secretary', 'GET', '/conventions')).items.find((c) => c.title === title)
  const v1 = await api('secretary', 'GET', `/convention-versions/${(await api('secretary', 'GET', `/conventions/${mine.id}`)).versions[0].id}`)
  assert.deepEqual([v1.state, v1.tally.cast, v1.tally.for], ['voting', 1, 1])

  // One household of hundreds is short of the quorum: closing the vote rejects version 1.
  await page.getByTestId('version-action').click()
  await page.locator('[data-testid="version-tag"]', { hasText: '第 1 版 未通过' }).waitFor()

  // A second version: one section changed.
  await page.getByTestId('new-version').click()
  const version = page.getByTestId('convention-dialog').last()
  await version.waitFor()
  assert.equal(await version.getByTestId('conv-text-1').inputValue(), '电动车不进楼道、不飞线充电')
  await version.getByTestId('conv-text-1').fill('电动车不进楼道、不飞线充电，统一到车棚充电')
  await page.locator('#conv-note').fill('增加充电地点')
  await page.getByTestId('conv-save').last().click()
  await page.locator('[data-testid="version-tag"]', { hasText: '第 2 版 起草' }).waitFor()
  await page.getByText('统一到车棚充电').waitFor()
  const versions = (await api('secretary', 'GET', `/conventions/${mine.id}`)).versions
  assert.deepEqual(
    versions.map((v) => [v.number, v.state]),
    [
      [1, 'rejected'],
      [2, 'draft'],
    ],
  )

  // A doorstep sign-on to the convention in force (the demo's).
  const before = await api('secretary', 'GET', '/conventions/1')
  await page.locator('[data-testid="convention-choice"] label', { hasText: before.title }).click()
  await page.locator('h2', { hasText: before.title }).waitFor()
  // The demo signed on every third household: of three doors in a row, at
  // least one is still to sign; a door that has signed is refused at the household.
  const sign = page.getByTestId('behalf-dialog').last()
  let signed = false
  for (const h of others.slice(0, 3)) {
    await page.getByTestId('doorstep-sign').click()
    await sign.waitFor()
    await pickHousehold(page, sign, h)
    await page.getByTestId('behalf-save').last().click()
    const refused = sign.locator('.el-form-item__error', { hasText: '这户已经签署' })
    await Promise.race([sign.waitFor({ state: 'hidden' }), refused.waitFor()])
    if (await sign.isHidden()) {
      signed = true
      break
    }
    await sign.getByRole('button', { name: '取消' }).click()
    await sign.waitFor({ state: 'hidden' })
  }
  assert.ok(signed, 'one of three doors signed on')
  await page.getByTestId('signon-line').getByText(`签署 ${before.signed_on + 1}/`).waitFor()
  const afterSign = await api('secretary', 'GET', '/conventions/1')
  assert.equal(afterSign.signed_on, before.signed_on + 1)
  // The only failed calls are the refusals above: the second vote, and doors that had signed.
  const refusals = page.problems.filter((p) => /^409 .*\/(votes|sign-ons)$/.test(p))
  assert.equal(refusals.filter((p) => p.endsWith('/votes')).length, 1)
  assert.deepEqual(page.problems.filter((p) => !refusals.includes(p)), [])
  await page.context().close()
})

test('the secretary starts a campaign from a case, records a joint meeting whose decision reaches the property company, and pages the unread list', async () => {
  const page = await openPage(browser, { as: 'secretary' })
  const someCase = (await api('secretary', 'GET', '/cases?limit=1')).items[0]
  await goto(page, '/notices')
  await page.getByTestId('new-campaign').waitFor()
  await settled(page)
  await page.getByTestId('new-campaign').click()
  const dialog = page.getByTestId('campaign-dialog')
  await dialog.waitFor()
  const title = `防范电信诈骗进楼栋 ${STAMP}`
  await choose(page, dialog.getByTestId('camp-theme'), '防范诈骗')
  await choose(page, dialog.getByTestId('grid-select'), '双福路第1网格')
  await page.locator('#camp-title').fill(title)
  await page.locator('#camp-case_ids').fill('12x')
  await page.getByTestId('camp-save').click()
  await dialog.locator('.el-form-item__error', { hasText: '请输入事件编号' }).waitFor()
  await page.locator('#camp-case_ids').fill(`#${someCase.id}`)
  await screenshot(page, 'life-campaign-form')
  await page.getByTestId('camp-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('campaigns').getByText(title).waitFor()
  const campaigns = await api('secretary', 'GET', '/campaigns')
  const campaign = await api('secretary', 'GET', `/campaigns/${campaigns.items.find((c) => c.title === title).id}`)
  assert.deepEqual(
    campaign.cases.map((c) => c.id),
    [someCase.id],
  )

  // Who has not read the community notice, a hundred households a page.
  await page.getByTestId('show-unread').first().click()
  await page.getByTestId('unread-count').waitFor()
  const total = Number((await page.getByTestId('unread-count').textContent()).match(/\d+/)[0])
  assert.ok(total > 100, `a community notice misses more than a page (${total})`)
  const firstPage = await page.getByTestId('unread-group').first().textContent()
  await page.getByTestId('unread-pager').locator('.btn-next').click()
  await page.waitForFunction(
    (before) => document.querySelector('[data-testid="unread-group"]')?.textContent !== before,
    firstPage,
  )
  await page.keyboard.press('Escape')

  // The joint meeting in the Red Harbour, and a decision for the property company.
  await goto(page, '/topics')
  await page.getByTestId('new-meeting').click()
  const meeting = page.getByTestId('meeting-dialog')
  await meeting.waitFor()
  await choose(page, meeting.getByTestId('meet-kind'), '红色港湾联席会')
  await choose(page, meeting.getByTestId('grid-select'), '双福路社区总网格')
  await page.locator('#meet-place').fill('红色港湾')
  await meeting.getByTestId('meet-others').fill('华润物业项目经理\n润街商户代表')
  await page.locator('#meet-minutes').fill('商议润街油烟与占道停车')
  await page.getByTestId('meet-save').click()
  const decision = page.getByTestId('decision-dialog')
  await decision.waitFor()
  const text = `润街增设第二台油烟净化器 ${STAMP}`
  await page.locator('#dec-text').fill(text)
  await decision.getByTestId('dec-owner-kind').getByText('责任单位').click()
  await choose(page, decision.getByTestId('dec-org'), '华润物业')
  await page.locator('#dec-due_on').fill('2099-12-31')
  await page.locator('#dec-text').click() // commits the typed date
  await screenshot(page, 'life-decision-form')
  await page.getByTestId('dec-save').click()
  await decision.waitFor({ state: 'hidden' })
  await page.locator('[data-testid="meetings-table"] .el-table__body tr', { hasText: '华润物业项目经理' }).waitFor()
  assert.deepEqual(page.problems, [])
  await page.context().close()

  const property = await openPage(browser, { as: 'property' })
  await goto(property, '/topics')
  await property.getByTestId('my-decisions').getByText(text).waitFor()
  assert.deepEqual(property.problems, [])
  await property.context().close()
})

test('at 375 px a micro-grid head logs a visit to a household they link, with one hand', async () => {
  const linked = await api('head', 'GET', '/visits/my-households')
  assert.ok(linked.total > 0)
  const before = (await api('head', 'GET', '/visits?limit=1')).total
  const page = await openPage(browser, { as: 'head', width: 375, height: 812 })
  await goto(page, '/m/community')
  await page.getByTestId('community-tabs').getByText('走访').click()
  const form = page.getByTestId('m-visit')
  await form.getByTestId('mv-household').waitFor()
  await settled(page)
  const h = linked.items[0]
  await choose(page, form.getByTestId('mv-household'), [h.building, h.unit, h.name].join(' '))
  await form.getByTestId('mv-form').getByText('院落坝坝会').click()
  const learnt = `独居，腿脚不便，希望有人帮忙取药 ${STAMP}`
  await page.locator('#mv-learnt').fill(learnt)
  assert.equal(await hasHorizontalScroll(page), false)
  // The send button is big enough for a thumb.
  const box = await page.getByTestId('mv-send').boundingBox()
  assert.ok(box.height >= 44 && box.width >= 300, `send button ${box.width}x${box.height}`)
  await screenshot(page, 'community-visit-375')
  await page.getByTestId('mv-send').click()
  await page.getByText('走访已记录').waitFor()

  const visits = await api('head', 'GET', '/visits?limit=1')
  assert.equal(visits.total, before + 1)
  assert.deepEqual([visits.items[0].household.id, visits.items[0].form, visits.items[0].learnt], [h.household_id, 'courtyard_meeting', learnt])
  const again = await api('head', 'GET', '/visits/my-households')
  assert.notEqual(again.items.find((x) => x.household_id === h.household_id).last_visit_at, null)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})
