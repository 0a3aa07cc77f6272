// The leaders' dashboard: the grids coloured by a chosen metric (vector
// polygons, a legend, the same values as a ranked list) and the monthly
// report downloaded as a file.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { launch, openPage, goto, settled, screenshot, choose, api } from './support.mjs'

let browser
before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const SCALE = ['#1a9850', '#91cf60', '#fee08b', '#fc8d59', '#d73027', '#d9d9d9']

async function communityId() {
  return (await api('admin', 'GET', '/places?kind=community&limit=1')).items[0].id
}

/** Fill of every measured grid's polygon, by grid id (the SVG path's fill attribute). */
function fills(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="grid-metric-map"] path.grid-poly:not(.grid-poly-general_grid)')].map((p) => [
        [...p.classList].find((c) => /^grid-\d+$/.test(c)),
        p.getAttribute('fill'),
      ]),
    ),
  )
}

test('the dashboard map colours the 13 grids by the chosen metric, with a legend and a ranked list', async () => {
  const community = await communityId()
  const page = await openPage(browser, { width: 1920, height: 1080 })
  await goto(page, `/dashboard?community=${community}&period=year`)
  const map = page.getByTestId('grid-metric-map')
  await map.waitFor()
  // 11 ordinary grids, 2 exclusive grids and the general grid's outline, no tiles.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="grid-metric-map"] [data-testid="grid-map"]')?.dataset.polygons) === 14)
  await settled(page)
  assert.equal(await map.getAttribute('data-metric'), 'never_leave.micro_grid')
  assert.equal(await page.locator('[data-testid="grid-map"] img').count(), 0)
  const first = await fills(page)
  assert.equal(Object.keys(first).length, 13)
  for (const f of Object.values(first)) assert.ok(SCALE.includes(f), `fill ${f} is on the scale`)
  assert.ok(new Set(Object.values(first)).size > 1, 'the grids differ')
  assert.equal(await page.locator('[data-testid="grid-ranking"] li').count(), 13)
  const legend = await page.getByTestId('grid-metric-legend').textContent()
  assert.match(legend, /%/)

  // Another metric recolours the same polygons, and the choice is kept in the URL.
  await choose(page, page.getByTestId('grid-metric-select'), '办理中')
  await page.waitForURL(/metric=open/)
  await page.waitForFunction(() => document.querySelector('[data-testid="grid-metric-map"]')?.dataset.metric === 'open')
  const second = await fills(page)
  assert.deepEqual(Object.keys(second).sort(), Object.keys(first).sort())
  assert.notDeepEqual(second, first)
  assert.doesNotMatch(await page.getByTestId('grid-metric-legend').textContent(), /%/)
  // The ranked list puts the grid with the most open cases first.
  const open = await Promise.all(
    (await page.locator('[data-testid="grid-ranking"] li b').allTextContents()).map((s) => Number(s)),
  )
  assert.deepEqual(open, [...open].sort((a, b) => b - a))
  // Its polygon is in the reddest class used.
  const top = await page.locator('[data-testid="grid-ranking"] li').first().getAttribute('data-id')
  assert.equal(second[`grid-${top}`], '#d73027')
  await map.scrollIntoViewIfNeeded()
  await settled(page)
  await screenshot(page, 'dashboard-map')
  // A grid on the map opens on the grid map page.
  await page.locator(`[data-testid="grid-metric-map"] path.grid-${top}`).click()
  await page.waitForURL((u) => u.pathname === '/map' && u.searchParams.get('grid') === top)
  assert.deepEqual(page.problems, [])
  await page.context().close()
})

test('the monthly report downloads as CSV, and a future month is refused in the dialog', async () => {
  const community = await communityId()
  const page = await openPage(browser)
  await goto(page, `/dashboard?community=${community}`)
  await page.getByTestId('report-open').click()
  const dialog = page.getByTestId('report-dialog')
  await dialog.waitFor()
  const month = await page.locator('#report-month').inputValue()
  assert.match(month, /^\d{4}-\d{2}$/)

  await page.locator('#report-month').fill('2099-01')
  await page.locator('#report-month').press('Enter')
  await page.getByTestId('report-download').click()
  const error = dialog.locator('.el-form-item.is-error .el-form-item__error')
  await error.waitFor()
  assert.equal((await error.textContent()).trim(), '不能选择未来的月份')

  await page.locator('#report-month').fill(month)
  await page.locator('#report-month').press('Enter')
  await page.getByTestId('report-format').getByText('CSV').click()
  await screenshot(page, 'dashboard-report')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()])
  assert.equal(download.suggestedFilename(), `weige-${community}-${month}.csv`)
  const text = await readFile(await download.path(), 'utf8')
  assert.ok(text.length > 100, 'the report has content')
  await page.getByTestId('report-saved').waitFor()
  assert.deepEqual(page.problems, [])
  await page.context().close()
})
