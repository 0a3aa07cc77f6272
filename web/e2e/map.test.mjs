// The grid map page against the demo community (双福路社区): the tree's
// rendered rows, selecting a micro-grid (tree and map), the roster's masked
// names, and the drill from a micro-grid's unit to a household.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, openPage, goto, settled, screenshot } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

/** Rendered tree rows of one kind inside the community row's subtree. */
async function renderedRows(page, communityName, kind) {
  return page.evaluate(
    ([name, k]) => {
      const row = [...document.querySelectorAll('.grid-tree .tree-node[data-kind="community"]')].find((n) =>
        n.textContent.includes(name),
      )
      const subtree = row?.closest('.el-tree-node')
      return subtree ? subtree.querySelectorAll(`.tree-node[data-kind="${k}"]`).length : -1
    },
    [communityName, kind],
  )
}

test('the home page is the grid map of 双福路社区 with 11 grids, 2 exclusive grids and 129 micro-grids', async () => {
  const page = await openPage(browser)
  await goto(page, '/')
  await page.waitForURL(/\/map$/)
  const summary = page.getByTestId('community-summary')
  await summary.waitFor()
  assert.equal(
    (await summary.textContent()).trim(),
    '双福路社区：一般网格 11 个，专属网格 2 个，微网格 129 个',
  )
  // The map draws every boundary of the community: 1 + 11 + 2 + 129.
  await page.locator('[data-testid="grid-map"][data-polygons="143"]').waitFor()
  assert.equal(await page.locator('path.grid-poly-micro_grid').count(), 129)
  await settled(page)
  await screenshot(page, 'map')

  await page.getByTestId('expand-all').click()
  await page.waitForFunction(() => document.querySelectorAll('.grid-tree .tree-node[data-kind="micro_grid"]').length > 0)
  assert.equal(await renderedRows(page, '双福路社区', 'grid'), 11)
  assert.equal(await renderedRows(page, '双福路社区', 'exclusive_grid'), 2)
  assert.equal(await renderedRows(page, '双福路社区', 'micro_grid'), 129)
  // Every row carries its counts: 户 (households) on the community row.
  const communityRow = page.locator('.tree-node[data-kind="community"]', { hasText: '双福路社区' })
  assert.match(await communityRow.locator('[data-field="households"]').textContent(), /^户 [\d,]+$/)
  assert.match(await communityRow.locator('[data-field="party_volunteers"]').getAttribute('aria-label'), /^党员志愿者 \d+$/)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('clicking a micro-grid in the tree shows its roster with masked names and highlights it on the map', async () => {
  const page = await openPage(browser)
  await goto(page, '/map')
  await page.getByTestId('expand-all').click()
  const micro = page.locator('.grid-tree .tree-node[data-kind="micro_grid"]').first()
  const name = (await micro.locator('.tree-name').textContent()).trim()
  const id = await micro.getAttribute('data-id')
  await micro.click()
  await page.waitForURL(new RegExp(`grid=${id}$`))
  const detail = page.locator(`[data-testid="grid-detail"][data-grid-id="${id}"]`)
  await detail.waitFor()
  assert.equal((await detail.locator('h2').textContent()).trim(), name)
  const head = detail.locator('[data-role="micro_grid_head"]')
  assert.match(await head.locator('h4').textContent(), /微网格长/)
  const headName = (await head.getByTestId('person-name').first().textContent()).trim()
  assert.match(headName, /^\p{Script=Han}\*+$/u, `masked name, got ${headName}`)
  const phone = (await head.locator('.person-phone').first().textContent()).trim()
  assert.match(phone, /^\d{3}\*{4}\d{4}$/)
  // The polygon of that grid is the highlighted one.
  const stroke = await page.locator(`path.grid-${id}`).getAttribute('stroke')
  assert.equal(stroke, '#f39c12')
  await settled(page)
  await screenshot(page, 'map-micro-grid')
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('clicking a polygon on the map selects that grid in the tree', async () => {
  const page = await openPage(browser)
  await goto(page, '/map')
  await page.locator('[data-testid="grid-map"][data-polygons="143"]').waitFor()
  const poly = page.locator('path.grid-poly-micro_grid').nth(20)
  const id = (await poly.getAttribute('class')).match(/grid-(\d+)/)[1]
  await poly.click()
  await page.waitForURL(new RegExp(`grid=${id}$`))
  const current = page.locator('.el-tree-node.is-current > .el-tree-node__content .tree-node')
  await current.waitFor()
  assert.equal(await current.getAttribute('data-id'), id)
  assert.equal(await current.getAttribute('data-kind'), 'micro_grid')
  await page.locator(`[data-testid="grid-detail"][data-grid-id="${id}"]`).waitFor()
  await page.context().close()
})

test('a micro-grid drills from its unit to a household, its members and its three-links chain', async () => {
  const page = await openPage(browser)
  await goto(page, '/map')
  await page.getByTestId('expand-all').click()
  await page.locator('.grid-tree .tree-node[data-kind="micro_grid"]').first().click()
  const places = page.getByTestId('grid-places')
  await places.locator('.place-open').first().click() // the unit
  const household = places.locator('.place-open').first()
  await household.waitFor()
  await household.click() // its first household
  const panel = places.getByTestId('household-panel')
  await panel.waitFor()
  await settled(page)
  const member = (await panel.getByTestId('person-name').first().textContent()).trim()
  assert.match(member, /^\p{Script=Han}\*+$/u)
  assert.match(await panel.textContent(), /三联关系/)
  assert.match(await panel.textContent(), /社区党组织联系党员骨干/)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the tree works from the keyboard: arrows move and open, Enter selects', async () => {
  const page = await openPage(browser)
  await goto(page, '/map')
  await page.getByTestId('community-summary').waitFor()
  // Focus the general grid row, then step down to the first grid and select it.
  const general = page.locator('.el-tree-node', { has: page.locator(':scope > .el-tree-node__content [data-kind="general_grid"]') })
  await general.first().focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.waitForURL(/grid=\d+$/)
  const current = page.locator('.el-tree-node.is-current > .el-tree-node__content .tree-node')
  assert.equal(await current.getAttribute('data-kind'), 'grid')
  await page.locator('[data-testid="grid-detail"]').waitFor()
  // ArrowRight opens the grid: its micro-grids appear below it.
  await page.keyboard.press('ArrowRight')
  const gridId = await current.getAttribute('data-id')
  await page.locator(`.el-tree-node:has(> .el-tree-node__content [data-id="${gridId}"]) .tree-node[data-kind="micro_grid"]`).first().waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press(' ')
  await page.waitForFunction(() => document.querySelector('.el-tree-node.is-current .tree-node')?.dataset.kind === 'micro_grid')
  await page.context().close()
})
