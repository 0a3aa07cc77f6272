// The audit trail in the console: the chain verdict and the entries, with the
// reason given for a reveal.
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

test('an admin browses the audit trail and sees a reveal with its reason', async () => {
  const cases = await api('admin', 'GET', '/cases?limit=1')
  const id = cases.items[0].id
  await api('admin', 'POST', `/cases/${id}/reveal`, { reason: '审计页面端到端测试' })
  const page = await openPage(browser)
  await goto(page, '/audit')
  await settled(page)
  const verdict = page.getByTestId('audit-verdict')
  await verdict.waitFor()
  assert.match(await verdict.textContent(), /审计链完整/)
  const table = page.getByTestId('audit-table')
  await table.waitFor()
  await page.getByText('审计页面端到端测试').first().waitFor()
  await screenshot(page, 'audit')
  assert.deepEqual(page.problems, [])
})

test('a community secretary has no audit menu entry and is refused the page', async () => {
  // Audit entries are not tied to grids: the trail is the subdistrict admin's alone (docs/decisions.md).
  const page = await openPage(browser, { as: 'secretary' })
  await goto(page, '/cases')
  await page.locator('.nav-menu [data-nav="/cases"]').waitFor()
  assert.equal(await page.locator('.nav-menu [data-nav="/audit"]').count(), 0)
  await goto(page, '/audit')
  await page.waitForURL((u) => u.pathname === '/forbidden')
  await page.context().close()
})
