// The peacetime → emergency role map (平战角色转换) in the console:
//   admin      changes a peacetime role's emergency role and saves it; the API
//              has it; a refusal from the server shows under that row's field
//   secretary  (no case_admin) has no menu entry and is turned away
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

const LABEL = { responder: '冲锋员', screener: '排查员', errand_runner: '代办员' }
const roleMap = async () => Object.fromEntries((await api('admin', 'GET', '/emergency-role-map')).items.map((i) => [i.peacetime, i.emergency]))

test('an admin changes the role map; a refusal shows under the field', async () => {
  const original = await roleMap()
  const target = original.helper === 'screener' ? 'responder' : 'screener'
  const page = await openPage(browser, { as: 'admin' })
  await goto(page, '/emergencies')
  await page.locator('.nav-menu [data-nav="/admin/emergency-roles"]').click()
  await page.waitForURL((u) => u.pathname === '/admin/emergency-roles')
  await page.getByTestId('role-map-table').waitFor()
  // One row per peacetime role, each showing what is stored.
  assert.equal(await page.getByTestId('role-peacetime').count(), 9)
  const helper = page.getByTestId('role-choice-helper')
  assert.equal(await helper.getAttribute('data-saved'), original.helper)
  assert.equal(await page.getByTestId('role-save-helper').isDisabled(), true, 'nothing to save yet')

  await helper.locator('label', { hasText: LABEL[target] }).click()
  await page.getByTestId('role-save-helper').click()
  await page.locator(`[data-testid="role-choice-helper"][data-saved="${target}"]`).waitFor()
  assert.equal(await page.getByTestId('role-save-helper').isDisabled(), true)
  const saved = await roleMap()
  assert.deepEqual(saved, { ...original, helper: target }, 'only the helper row changed')
  await settled(page)
  assert.equal(await hasHorizontalScroll(page), false)
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 15000 })
  await screenshot(page, 'admin-emergency-roles')

  // The server refuses an emergency role it does not know: the request is
  // rewritten on its way so the real server answers, and its message lands
  // under the informant row's field; nothing is stored.
  await page.route('**/api/v1/emergency-role-map/informant', (route) =>
    route.continue({ postData: JSON.stringify({ emergency: 'commander' }) }),
  )
  const informant = page.getByTestId('role-choice-informant')
  const other = original.informant === 'responder' ? 'errand_runner' : 'responder'
  await informant.locator('label', { hasText: LABEL[other] }).click()
  await page.getByTestId('role-save-informant').click()
  const error = page.locator('[data-testid="role-field-informant"] .el-form-item__error')
  await error.waitFor()
  assert.match(await error.textContent(), /responder, screener or errand_runner/)
  assert.equal(await page.locator('.el-form-item__error').count(), 1, 'only that row shows an error')
  assert.equal((await roleMap()).informant, original.informant)
  // Choosing again clears the message.
  await informant.locator('label', { hasText: LABEL[original.informant] }).click()
  await error.waitFor({ state: 'detached' })
  await page.unroute('**/api/v1/emergency-role-map/informant')
  assert.deepEqual(
    page.problems.filter((p) => !p.includes('/emergency-role-map/informant')),
    [],
  )

  // Leave the server as it was found, through the page.
  await helper.locator('label', { hasText: LABEL[original.helper] }).click()
  await page.getByTestId('role-save-helper').click()
  await page.locator(`[data-testid="role-choice-helper"][data-saved="${original.helper}"]`).waitFor()
  assert.deepEqual(await roleMap(), original)
  await page.context().close()
})

test('only subdistrict admins see the role map', async () => {
  const page = await openPage(browser, { as: 'secretary' })
  await goto(page, '/emergencies')
  await page.locator('.nav-menu [data-nav="/emergencies"]').waitFor()
  assert.equal(await page.locator('.nav-menu [data-nav="/admin/emergency-roles"]').count(), 0)
  await goto(page, '/admin/emergency-roles')
  await page.waitForURL((u) => u.pathname === '/forbidden')
  await page.context().close()
})
