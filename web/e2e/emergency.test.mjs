// Peacetime and emergency (平战转换), end to end, each step in the role that takes it:
//   admin       declares an epidemic for 华润六期锦云府 in the console
//   volunteer   (on the building team of 1栋) screens households on the phone;
//               the rest of the compound is screened through the API
//   admin       watches the coverage reach 100% on the dashboard and the detail page,
//               and the compound's grid turn from red to green on the coverage map
//   resident    (an account for a household of 1栋, made here) requests two errands
//   volunteer   accepts them and marks them done on the phone
//   resident    confirms both
//   admin       ends the emergency and reads the after-action report
// and the volunteer is back to peacetime (no team, no banner).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot, hasHorizontalScroll, api, DEMO_PASSWORD, BASE, session } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const COMPOUND = '华润六期锦云府'
const RESIDENT = 'e2e-huarun-resident'

/** Ends any active emergency left on the compound (a second run against the same server). */
async function clearCompound(compoundId) {
  for (const e of (await api('admin', 'GET', '/emergencies?active=true')).items) {
    if (e.scope_kind === 'compounds' && e.scope_ids.includes(compoundId)) {
      await api('admin', 'POST', `/emergencies/${e.id}/end`, { note: 'e2e clean-up' })
    }
  }
}

/** An account for a resident of one of the team's households (the demo's 王婆婆 lives elsewhere). */
async function residentOf(emergencyId, teamId) {
  const tasks = (await api('admin', 'GET', `/emergencies/${emergencyId}/tasks?team_id=${teamId}&limit=50`)).items
  for (const t of tasks) {
    const person = (await api('admin', 'GET', `/persons?household_id=${t.household_id}`)).items.find((p) => p.kind === 'resident')
    if (!person) continue
    const users = (await api('admin', 'GET', '/users')).items
    const existing = users.find((u) => u.username === RESIDENT)
    if (!existing) {
      await api('admin', 'POST', '/users', { username: RESIDENT, password: DEMO_PASSWORD, role: 'resident', person_id: person.id })
      return { household: t.household_id }
    }
    return { household: (await api('admin', 'GET', `/persons/${existing.person_id}`)).household_id }
  }
  throw new Error('no resident found in the team households')
}

/** Records every uncovered task: the volunteer's team as the volunteer, the others as admin, a few at a time. */
async function screenTheRest(emergencyId, volunteerTeam) {
  const todo = []
  for (let offset = 0; ; offset += 500) {
    const page = await api('admin', 'GET', `/emergencies/${emergencyId}/tasks?uncovered=true&limit=500&offset=${offset}`)
    todo.push(...page.items)
    if (todo.length >= page.total || !page.items.length) break
  }
  const body = { outcome: 'reached', data: { health: 'normal', people_home: 2 } }
  const queue = [...todo]
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        await api(t.team_id === volunteerTeam ? 'volunteer' : 'admin', 'POST', `/screening-tasks/${t.id}`, body)
      }
    }),
  )
  return todo.length
}

const RED = '#c0392b'
/** How many places the coverage map's legend counts in a band. */
const legendCount = (map, band) => map.locator(`[data-testid="coverage-legend"] li[data-key="${band}"]`).getAttribute('data-count')

/** Waits until every Element Plus message has gone (they would cover the screenshot). */
const noMessages = (page) => page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 15000 })
const dataValue = (page, testId) => page.getByTestId(testId).first().getAttribute('data-value')

test('an epidemic for Huarun Phase 6: declared, screened on the phone, two errands run, ended, reported', async () => {
  const compound = (await api('admin', 'GET', `/places?q=${encodeURIComponent(COMPOUND)}&kind=compound`)).items[0]
  assert.ok(compound, `${COMPOUND} is in the demo`)
  await clearCompound(compound.id)

  // 1. The subdistrict declares the epidemic in the console.
  const desk = await openPage(browser, { as: 'admin' })
  await goto(desk, '/emergencies')
  await desk.getByTestId('emergencies-page').waitFor()
  await desk.getByTestId('declare-open').click()
  const dialog = desk.getByTestId('declare-dialog')
  await dialog.locator('#em-name').fill('华润六期疫情防控（e2e）')
  assert.equal(await dialog.locator('[data-testid="declare-type"] input[value="epidemic"]').isChecked(), true, 'epidemic is the default type')
  await dialog.getByTestId('declare-scope').click()
  await desk.keyboard.type('锦云府')
  await desk.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: COMPOUND }).first().click()
  await desk.keyboard.press('Escape')
  await dialog.getByTestId('declare-submit').click()
  await desk.waitForURL(/\/emergencies\/\d+$/)
  const id = Number(desk.url().match(/(\d+)$/)[1])
  const detail = desk.getByTestId('emergency-detail')
  await detail.waitFor()
  assert.equal(await detail.getAttribute('data-active'), 'true')
  assert.equal(await dataValue(desk, 'detail-coverage'), '0.0%')
  const declared = await api('admin', 'GET', `/emergencies/${id}`)
  assert.deepEqual(declared.scope_ids, [compound.id])
  const households = declared.progress.total
  assert.ok(households > 100, `households in scope: ${households}`)

  // Teams: each member shows the peacetime and the emergency role.
  await desk.getByRole('tab', { name: '队伍' }).click()
  await desk.getByTestId('team').first().waitFor()
  const roles = await desk.locator('[data-testid="member-role"]').allTextContents()
  assert.ok(roles.every((r) => ['冲锋员', '排查员', '代办员'].includes(r.trim())), roles.join())
  assert.ok((await desk.getByTestId('leader-tag').count()) > 0, 'teams have leaders')

  // 2. The volunteer finds the emergency on the phone page and screens households one-handed.
  const me = (await api('volunteer', 'GET', '/auth/me')).user
  const mine = await api('volunteer', 'GET', '/my/emergency')
  const team = mine.teams.find((t) => t.kind === 'building_team' && t.emergency_id === id)
  assert.ok(team, 'the volunteer is on a building team of the compound')
  assert.ok(team.members.some((m) => m.person_id === me.person_id))
  const phone = await openPage(browser, { as: 'volunteer', width: 375, height: 812 })
  await goto(phone, '/m/volunteer')
  await phone.getByTestId('emergency-banner').waitFor()
  await phone.getByTestId('emergency-banner-link').click()
  await phone.waitForURL(/\/m\/emergency$/)
  const list = phone.getByTestId('screen-list')
  await list.waitFor()
  const before = Number(await list.getAttribute('data-count'))
  assert.equal(before, mine.tasks.length)
  const open = () => phone.locator('[data-testid="screen-task"].open')

  // Reached: health and people at home.
  let card = open()
  let household = await card.getAttribute('data-household')
  await card.locator('[data-field="health"] [data-option="normal"]').click()
  await card.locator('[data-field="people_home"] input').fill('3')
  await settled(phone)
  assert.equal(await hasHorizontalScroll(phone), false)
  await screenshot(phone, 'emergency-screening-375')
  await card.locator('[data-outcome="reached"]').click()
  await phone.locator(`[data-testid="screen-task"][data-household="${household}"]`).waitFor({ state: 'detached' })

  // Not at home: stays on the list, behind the others.
  card = open()
  household = await card.getAttribute('data-household')
  await card.locator('[data-outcome="not_at_home"]').click()
  await phone.waitForFunction((h) => document.querySelector('[data-testid="screen-task"].open')?.dataset.household !== h, household)
  assert.equal(await phone.locator(`[data-testid="screen-task"][data-household="${household}"]`).count(), 1)

  // Needs help without the required health status: refused on the page, then sent with it.
  card = open()
  household = await card.getAttribute('data-household')
  await card.locator('[data-outcome="needs_help"]').click()
  await card.locator('[data-field="health"] .err').waitFor()
  await card.locator('[data-field="health"] [data-option="isolating"]').click()
  await card.getByTestId('screen-restricted').click()
  await card.locator('[data-field="needs"] input').fill('需要代买降压药')
  await card.locator('[data-outcome="needs_help"]').click()
  await phone.locator(`[data-testid="screen-task"][data-household="${household}"]`).waitFor({ state: 'detached' })
  assert.equal(Number(await list.getAttribute('data-count')), before - 2)
  assert.deepEqual(phone.problems, [])

  // 3. The leaders' screen and the coverage map are open while the rest of the compound is screened.
  const leader = await openPage(browser, { as: 'admin', width: 1920, height: 1080 })
  await goto(leader, '/dashboard')
  await leader.getByTestId('emergency-panel').waitFor()
  const mapData = await api('admin', 'GET', `/emergencies/${id}/coverage-map`)
  assert.equal(mapData.areas.length, 1, 'the compound lies in one grid')
  const gridId = mapData.areas[0].id
  const deskMap = desk.getByTestId('coverage-map')
  await desk.getByRole('tab', { name: '覆盖地图' }).click()
  const gridPoly = desk.locator(`[data-testid="coverage-map"] path.grid-${gridId}`)
  await gridPoly.waitFor()
  // Two households covered of more than a hundred: red, the one grid counted in the lowest band.
  assert.equal(await gridPoly.getAttribute('fill'), RED)
  assert.equal(await legendCount(deskMap, 'low'), '1')
  assert.equal(await legendCount(deskMap, 'full'), '0')
  // A click on the grid shows its counts and links to its households still to visit.
  await gridPoly.click()
  const redDetail = desk.locator(`[data-testid="coverage-detail"][data-level="area"][data-id="${gridId}"]`)
  await redDetail.waitFor()
  assert.equal(await redDetail.locator('[data-count="reached"]').textContent(), '1')
  assert.equal(await redDetail.locator('[data-count="not_at_home"]').textContent(), '1')
  assert.equal(await redDetail.locator('[data-count="needs_help"]').textContent(), '1')
  assert.equal((await redDetail.locator('[data-count="pending"]').textContent()).replace(/,/g, ''), String(households - 3))
  await redDetail.getByTestId('coverage-visit').click()
  await desk.waitForURL((u) => u.searchParams.get('tab') === 'visit' && u.searchParams.get('grid') === String(gridId))
  await desk.locator(`[data-testid="visit-area"][data-key="grid"][data-id="${gridId}"]`).waitFor()
  await desk.locator(`[data-testid="visit-total"][data-total="${households - 2}"]`).waitFor()
  await desk.getByRole('tab', { name: '覆盖地图' }).click()
  await gridPoly.waitFor()
  const dashPoly = leader.locator(`[data-testid="emergency-panel"][data-id="${id}"] [data-testid="coverage-map"] path.grid-${gridId}`)
  await dashPoly.waitFor()
  assert.equal(await dashPoly.getAttribute('fill'), RED)
  const rest = await screenTheRest(id, team.id)
  assert.equal(rest, households - 2)
  // Live, through server-sent events (the 30-second poll is the fallback).
  await leader.waitForFunction(
    () => document.querySelector('[data-testid="emergency-coverage"]')?.dataset.value === '100.0%',
    null,
    { timeout: 45000 },
  )
  assert.equal(await leader.getByTestId('live').getAttribute('data-live'), 'true')
  await settled(leader)
  await screenshot(leader, 'emergency-dashboard')
  await desk.waitForFunction(() => document.querySelector('[data-testid="detail-coverage"]')?.dataset.value === '100.0%', null, {
    timeout: 45000,
  })
  // The map recolours live: the grid is green, the legend counts it as complete, the dashboard's map too.
  await desk.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('fill') === '#1e8f4e', `[data-testid="coverage-map"] path.grid-${gridId}`, {
    timeout: 45000,
  })
  assert.equal(await legendCount(deskMap, 'full'), '1')
  assert.equal(await legendCount(deskMap, 'low'), '0')
  await leader.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('fill') === '#1e8f4e', `[data-testid="emergency-panel"][data-id="${id}"] [data-testid="coverage-map"] path.grid-${gridId}`, {
    timeout: 45000,
  })
  // A click on the grid shows its counts; opening it shows its buildings, each a green dot.
  await gridPoly.click()
  const gridDetail = desk.locator(`[data-testid="coverage-detail"][data-level="area"][data-id="${gridId}"]`)
  await gridDetail.waitFor()
  assert.equal(await gridDetail.getByTestId('coverage-detail-value').textContent(), '100.0%')
  assert.equal(await gridDetail.locator('[data-count="needs_help"]').textContent(), '1')
  assert.equal(await gridDetail.locator('[data-count="pending"]').textContent(), '0')
  assert.equal(await gridDetail.locator('[data-count="not_at_home"]').textContent(), '0')
  assert.equal((await gridDetail.locator('[data-count="reached"]').textContent()).replace(/,/g, ''), String(households - 1))
  await gridDetail.getByTestId('coverage-open').click()
  await desk.locator(`[data-testid="coverage-map"][data-grid="${gridId}"]`).waitFor()
  const marker = desk.locator(`[data-testid="coverage-map"] path.marker-${team.place_id}`)
  await marker.waitFor()
  assert.equal(await marker.getAttribute('fill'), '#1e8f4e')
  await settled(desk)
  await noMessages(desk)
  await screenshot(desk, 'emergency-coverage-map')
  await marker.click()
  const buildingDetail = desk.locator(`[data-testid="coverage-detail"][data-level="building"][data-id="${team.place_id}"]`)
  await buildingDetail.waitFor()
  // Its link opens the to-visit list of that building: nobody is left.
  await buildingDetail.getByTestId('coverage-visit').click()
  await desk.waitForURL((u) => u.searchParams.get('tab') === 'visit' && u.searchParams.get('building') === String(team.place_id))
  await desk.locator('[data-testid="visit-total"][data-total="0"]').waitFor()
  await desk.getByRole('tab', { name: '排查进度' }).click()
  await desk.locator('[data-testid="progress-table"] [data-testid="coverage-bar"][data-value="100.0%"]').first().waitFor()
  await desk.getByRole('tab', { name: '排查进度' }).click()
  await desk.getByTestId('progress-by').getByText('按楼栋').click()
  await desk.locator('[data-testid="progress-panel"][data-by="building"] [data-testid="progress-name"]').nth(1).waitFor()
  await settled(desk)
  await noMessages(desk)
  await screenshot(desk, 'emergency-detail')

  // 4. A resident of 1栋 requests two errands on the phone.
  const { household: residentHousehold } = await residentOf(id, team.id)
  const home = await openPage(browser, { as: RESIDENT, width: 375, height: 812 })
  await goto(home, '/m/emergency')
  const request = home.getByTestId('errand-request')
  await request.waitFor()
  for (const [kind, details] of [
    ['medicine', '降压药两盒（e2e）'],
    ['groceries', '蔬菜和鸡蛋（e2e）'],
  ]) {
    await request.locator(`[data-kind="${kind}"]`).click()
    await request.getByTestId('errand-details').fill(details)
    await request.getByTestId('errand-send').click()
    await home.locator('[data-testid="household-errands"] [data-testid="errand"][data-state="requested"]', { hasText: details }).waitFor()
  }
  assert.equal(await hasHorizontalScroll(home), false)
  const errands = (await api(RESIDENT, 'GET', '/my/emergency')).household.errands
  assert.equal(errands.length, 2)
  assert.ok(errands.every((e) => e.household_id === residentHousehold && e.team_id === team.id))

  // 5. The volunteer runs them: accept, done.
  await goto(phone, '/m/emergency')
  await phone.getByTestId('emergency-tabs').getByText('代办').click()
  for (const e of errands) {
    const item = phone.locator(`[data-testid="errand"][data-errand-id="${e.id}"]`)
    await item.locator('[data-action="accept"]').click()
    await phone.locator(`[data-testid="errand"][data-errand-id="${e.id}"][data-state="accepted"]`).waitFor()
    await item.locator('[data-action="done"]').click()
    await phone.locator(`[data-testid="errand"][data-errand-id="${e.id}"][data-state="done"]`).waitFor()
  }
  await noMessages(phone)
  await screenshot(phone, 'emergency-errands-375')
  assert.deepEqual(phone.problems, [])

  // 6. The resident confirms both.
  await goto(home, '/m/emergency')
  for (const e of errands) {
    const item = home.locator(`[data-testid="errand"][data-errand-id="${e.id}"]`)
    await item.locator('[data-action="confirm"]').click()
    await home.locator(`[data-testid="errand"][data-errand-id="${e.id}"][data-state="confirmed"]`).waitFor()
  }
  await settled(home)
  await noMessages(home)
  await screenshot(home, 'emergency-resident-375')
  assert.deepEqual(home.problems, [])

  // 7. The subdistrict ends the emergency; the after-action report shows.
  await goto(desk, `/emergencies/${id}`)
  await desk.getByTestId('emergency-end').click()
  const end = desk.getByTestId('end-dialog')
  await end.getByTestId('end-note').fill('全部住户排查完毕，解除管控（e2e）')
  await end.getByTestId('end-confirm').click()
  await desk.locator('[data-testid="emergency-detail"][data-active="false"]').waitFor()
  await desk.waitForURL(/tab=report/)
  const report = desk.getByTestId('report-view')
  await report.locator('[data-testid="report-errands"][data-completed="2"]').waitFor()
  assert.equal((await report.getByTestId('report-households').textContent()).replace(/,/g, ''), String(households))
  assert.match(await report.getByTestId('report-rounds').textContent(), /100\.0%/)
  const xlsx = await report.getByTestId('report-xlsx').getAttribute('href')
  const { cookie } = await session('admin')
  const res = await fetch(BASE + xlsx, { headers: { Cookie: `weige_session=${cookie}` } })
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type'), /spreadsheetml/)
  await settled(desk)
  await noMessages(desk)
  await screenshot(desk, 'emergency-report')
  assert.deepEqual(desk.problems, [])

  // Everyone is back to peacetime: no team, no banner.
  assert.equal((await api('volunteer', 'GET', '/my/emergency')).teams.length, 0)
  await goto(phone, '/m/volunteer')
  await phone.getByTestId('volunteer-page').waitFor()
  await settled(phone)
  assert.equal(await phone.getByTestId('emergency-banner').count(), 0)
  for (const p of [desk, phone, leader, home]) await p.context().close()

  // The console pages fit a phone too.
  const small = await openPage(browser, { as: 'admin', width: 375, height: 812 })
  for (const path of ['/emergencies', `/emergencies/${id}`, `/emergencies/${id}?tab=map`, `/emergencies/${id}?tab=teams`, `/emergencies/${id}?tab=report`]) {
    await goto(small, path)
    await small.locator('[data-testid="emergencies-table"], [data-testid="emergency-detail"]').first().waitFor()
    await settled(small)
    assert.equal(await hasHorizontalScroll(small), false, `${path} scrolls sideways at 375 px`)
  }
  assert.deepEqual(small.problems, [])
  await small.context().close()
})
